import * as vscode from 'vscode';
import { budgetPercent, formatUsd } from '../core/usage/budget';
import { formatSpend } from '../core/usage/formatSpend';
import { activeProvider, statusLine, statusRows } from '../presenters/engineViews';
import { PROVIDER_LABELS } from '../shared/providers';
import type { HealthStatus } from '../shared/providers';
import type { EngineHost } from './engine/engineHost';

const ICONS: Record<HealthStatus, string> = { ok: '$(pass)', degraded: '$(warning)', down: '$(error)', unknown: '$(circle-outline)' };

export function statusText(host: EngineHost): string {
  const line = statusLine(host.view());
  // Provider first: it is what people scan for (and what the e2e test reads).
  return `${line.label} · ${line.model} ${ICONS[line.level]}`;
}

/** Where the tooltip reads the monthly budget (the usage service): its amount now, and when it changes. */
export interface BudgetSource {
  monthlyUsd(): number | null;
  onDidChange: vscode.Event<unknown>;
}

function tooltip(host: EngineHost, budgetUsd: number | null): vscode.MarkdownString {
  const view = host.view();
  const active = activeProvider(view);
  const failover = view.state.failover;
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: ['switchboard.switchProvider', 'switchboard.testConnection', 'switchboard.showLog', 'switchboard.showUsage'] };
  md.appendMarkdown(`**Switchboard** — ${PROVIDER_LABELS[active]}`);
  if (failover) md.appendMarkdown(` (failover from ${PROVIDER_LABELS[failover.from]}: ${escape(failover.reason)})`);
  md.appendMarkdown('\n\n');
  const rows = statusRows(view).map(([k, v]): [string, string] => [k, k === 'Model ID' || k === 'Pinned by' ? `\`${v}\`` : escape(v)]);
  const spend = view.state.spend;
  const budget = budgetUsd !== null && budgetUsd > 0 ? budgetUsd : null;
  if (spend && (spend.requests > 0 || budget !== null)) {
    // Unpriced requests make the total "unknown" in part; cache writes get their own figure so they cannot hide.
    // The budget's percentage is the one every surface shows (budgetPercent).
    const against = budget !== null ? ` of the ${formatUsd(budget)} budget (${budgetPercent(spend.usd, budget)} %)` : '';
    const requests = spend.requests > 0 ? ` over ${spend.requests} requests` : '';
    rows.push(['This month', `${formatSpend(spend.usd, spend.unpriced)}${against}${requests}${spend.cacheWriteUsd ? `, cache writes ${formatSpend(spend.cacheWriteUsd, 0)}` : ''} ([usage](command:switchboard.showUsage))`]);
  } else if (budget !== null) {
    rows.push(['Monthly budget', `${formatUsd(budget)} ([usage](command:switchboard.showUsage))`]);
  }
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
  private readonly budgetSubscription: vscode.Disposable;

  constructor(private readonly host: EngineHost, private readonly budget: BudgetSource) {
    this.item = vscode.window.createStatusBarItem('switchboard.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Switchboard Provider';
    this.item.command = 'switchboard.switchProvider';
    this.subscription = host.onDidChange(() => this.render());
    this.budgetSubscription = budget.onDidChange(() => this.render());
    this.render();
    this.item.show();
  }

  /** The tooltip as plain text (the in-host tests read what the user would see). */
  tooltipText(): string {
    return tooltip(this.host, this.budget.monthlyUsd()).value;
  }

  render(): void {
    const line = statusLine(this.host.view());
    this.item.text = statusText(this.host);
    this.item.tooltip = tooltip(this.host, this.budget.monthlyUsd());
    this.item.backgroundColor = line.level === 'down' ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : line.level === 'degraded' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `Switchboard: ${this.item.text.replace(/\$\([^)]*\)\s*/g, '')}, health ${line.level}. Click to switch provider.` };
  }

  dispose(): void {
    this.subscription.dispose();
    this.budgetSubscription.dispose();
    this.item.dispose();
  }
}
