import * as vscode from 'vscode';
import type { HealthResult } from '../core/types';
import { PROVIDER_LABELS } from '../shared/providers';
import type { HealthStatus } from '../shared/providers';
import type { SwitchboardState } from './state';
import { formatSpend } from './usageBridge';

export type HealthLevel = HealthStatus;

const ICONS: Record<HealthLevel, string> = { ok: '$(pass)', degraded: '$(warning)', down: '$(error)', unknown: '$(circle-outline)' };

/** Health of the provider now answering: failover makes the primary "degraded" at best. */
export function healthLevel(health: HealthResult | undefined, failoverActive: boolean): HealthLevel {
  if (!health) return failoverActive ? 'degraded' : 'unknown';
  if (!health.ok) return failoverActive ? 'degraded' : 'down';
  // The health monitor's verdict (answers, but slow or with errors) when it gave one.
  if (health.status === 'degraded') return 'degraded';
  return failoverActive ? 'degraded' : 'ok';
}

export function statusText(state: SwitchboardState): string {
  const config = state.config;
  const failover = state.failover;
  const active = failover?.to ?? config.provider.value;
  const level = healthLevel(state.healthOf(active), false);
  const name = PROVIDER_LABELS[active] + (failover ? ' (failover)' : '');
  // Provider first: it is what people scan for (and what the e2e test reads).
  return `${name} · ${config.model.value} ${ICONS[failover ? 'degraded' : level]}`;
}

function tooltip(state: SwitchboardState): vscode.MarkdownString {
  const config = state.config;
  const primary = config.provider.value;
  const active = state.failover?.to ?? primary;
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: ['switchboard.switchProvider', 'switchboard.testConnection', 'switchboard.showLog', 'switchboard.showUsage'] };
  md.appendMarkdown(`**Switchboard** — ${PROVIDER_LABELS[active]}`);
  if (state.failover) md.appendMarkdown(` (failover from ${PROVIDER_LABELS[state.failover.from]}: ${escape(state.failover.reason)})`);
  md.appendMarkdown('\n\n');
  const rows: Array<[string, string]> = [];
  rows.push(['Model', `${config.model.value}`]);
  const resolved = state.resolvedModel(active);
  rows.push(['Model ID', resolved.modelId ? `\`${resolved.modelId}\`` : `⚠ ${resolved.error ?? 'unknown'}`]);
  if (active === 'bedrock') rows.push(['Region', `${config.bedrock.region.value}${config.bedrock.region.source === 'environment' ? ` (from ${config.bedrock.region.envVar})` : ''}`]);
  rows.push(['Auth', state.authDescription(active)]);
  const health = state.healthOf(active);
  if (health) {
    rows.push(['Health', health.ok ? 'ok' : `down — ${escape(health.error?.message ?? 'error')}`]);
    rows.push(['Latency', `${Math.round(health.latencyMs)} ms`]);
    rows.push(['Checked', new Date(health.checkedAt).toLocaleTimeString()]);
  } else {
    rows.push(['Health', 'not checked yet']);
  }
  if (state.spend && state.spend.requests > 0) {
    // Unpriced requests make the total "unknown" in part; cache writes get their own figure so they cannot hide.
    rows.push(['This month', `${formatSpend(state.spend.usd, state.spend.unpriced)} over ${state.spend.requests} requests${state.spend.cacheWriteUsd ? `, cache writes ${formatSpend(state.spend.cacheWriteUsd, 0)}` : ''} ([usage](command:switchboard.showUsage))`]);
  }
  if (config.provider.source === 'environment') rows.push(['Pinned by', `\`${config.provider.envVar}\``]);
  for (const [k, v] of rows) md.appendMarkdown(`${k}: ${v}  \n`);
  md.appendMarkdown('\n[Switch Provider](command:switchboard.switchProvider) · [Test Connection](command:switchboard.testConnection) · [Show Log](command:switchboard.showLog)');
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: SwitchboardState) {
    this.item = vscode.window.createStatusBarItem('switchboard.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Switchboard Provider';
    this.item.command = 'switchboard.switchProvider';
    this.subscription = state.onDidChange(() => this.render());
    this.render();
    this.item.show();
  }

  render(): void {
    this.item.text = statusText(this.state);
    this.item.tooltip = tooltip(this.state);
    const level = this.state.failover ? 'degraded' : healthLevel(this.state.healthOf(this.state.config.provider.value), false);
    this.item.backgroundColor = level === 'down' ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : level === 'degraded' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `Switchboard: ${this.item.text.replace(/\$\([^)]*\)\s*/g, '')}, health ${level}. Click to switch provider.` };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
