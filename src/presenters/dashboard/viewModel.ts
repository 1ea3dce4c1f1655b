// Turns what the extension knows (effective config, health, test results, the usage report,
// cache stats) into what the dashboard panel shows. Pure, so the formatting is unit-tested.
import type { BarRow, CacheView, CompareRow, DashboardViewModel, ProviderView, TestView, UsageView } from '../../shared/dashboardProtocol';
import type { CacheStats } from '../../core/cache/responseCache';
import type { ProviderHealth } from '../../core/routing/healthMonitor';
import type { HealthResult } from '../../core/types';
import { PROVIDER_FULL_LABELS } from '../../shared/providers';
import type { FailoverShape, ProviderId } from '../../shared/providers';
import { SCENARIO_LABEL, formatSpend } from '../../core/usage/report';
import type { UsageReport } from '../../core/usage/report';

export interface ProviderInput {
  id: ProviderId;
  auth: string;
  region?: string;
  resolved: { modelId?: string; error?: string };
  /** Last health the extension recorded (test connection, checks, requests). */
  health?: HealthResult;
  /** The health monitor's window, when the client has one (p50 / p95 / error rate). */
  snapshot?: Pick<ProviderHealth, 'status' | 'samples' | 'errorRate' | 'p50Ms' | 'p95Ms' | 'lastError'>;
  test?: TestView;
}

export interface DashboardInput {
  model: string;
  primary: ProviderId;
  fallback: ProviderId | null;
  autoFallback: boolean;
  failover?: FailoverShape;
  providers: ProviderInput[];
  report?: UsageReport;
  cache?: CacheStats & { enabled: boolean };
  compare: { prompt: string; running: boolean; rows: CompareRow[] };
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function healthView(p: ProviderInput): ProviderView['health'] {
  // A monitor window without samples says nothing; the last recorded check (if any) does.
  const s = p.snapshot && p.snapshot.samples > 0 ? p.snapshot : undefined;
  const h = p.health;
  const status = s?.status ?? h?.status ?? (h ? (h.ok ? 'ok' : 'down') : 'unknown');
  const parts: string[] = [];
  if (s) {
    if (s.p50Ms !== undefined) parts.push(`p50 ${ms(s.p50Ms)}`);
    if (s.p95Ms !== undefined) parts.push(`p95 ${ms(s.p95Ms)}`);
    parts.push(`${Math.round(s.errorRate * 100)} % errors over ${s.samples} sample${s.samples === 1 ? '' : 's'}`);
  } else if (h?.ok) {
    parts.push(`last check ${ms(h.latencyMs)}`);
  }
  if (parts.length === 0) parts.push(status === 'unknown' ? 'not checked yet' : 'no samples yet');
  const lastError = s?.lastError ? `${s.lastError.type}: ${s.lastError.message}` : h?.error ? `${h.error.type}: ${h.error.message}` : undefined;
  return { status, summary: parts.join(' · '), ...(lastError ? { lastError } : {}) };
}

function bars(rows: UsageReport['byModel']): BarRow[] {
  const max = Math.max(0, ...rows.map((r) => r.costUsd));
  return [...rows]
    .sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests)
    .map((r) => ({ key: r.key, cost: formatSpend(r.costUsd, r.unpricedRequests), requests: r.requests, fraction: max > 0 ? r.costUsd / max : 0 }));
}

export function usageView(report: UsageReport): UsageView {
  const s = report.summary;
  const c = report.comparison;
  const comparison = c.actualUsd > 0 || c.unpricedRequests > 0
    ? [
      `Recorded: $${c.actualUsd.toFixed(4)}`,
      ...c.scenarios.map((sc) => `${SCENARIO_LABEL[sc.scenario] ?? sc.scenario}: ${sc.requests > 0 ? `$${sc.usd.toFixed(4)}` : 'n/a'} (${sc.requests} request${sc.requests === 1 ? '' : 's'} comparable${sc.notComparable ? `, ${sc.notComparable} not offered` : ''})`),
    ]
    : [];
  const b = report.budget;
  return {
    month: report.month,
    total: formatSpend(s.totalCostUsd, s.unpricedRequests),
    requests: s.requests,
    // Only when there were writes: "$0.0000 on prompt-cache writes" filled a row and said nothing.
    ...(s.cacheWriteInputTokens > 0 || s.cacheWriteCostUsd > 0 ? { cacheWrite: `$${s.cacheWriteCostUsd.toFixed(4)} on prompt-cache writes (${s.cacheWriteInputTokens} tokens written, ${s.cacheReadInputTokens} read)` } : {}),
    ...(b ? { budget: { limit: `$${b.monthlyUsd.toFixed(2)}`, percent: Math.max(0, Math.min(100, b.percent)), label: `${b.percent} % of $${b.monthlyUsd.toFixed(2)}${b.hardStop ? ' (hard stop on)' : ''}`, hardStop: b.hardStop } } : {}),
    byProvider: bars(s.breakdown).map((r) => ({ ...r, key: PROVIDER_FULL_LABELS[r.key as ProviderId] ?? r.key })),
    byModel: bars(report.byModel),
    comparison,
    advice: report.advice.map((a) => ({ title: a.title, detail: a.detail, ...(a.savingUsd > 0 ? { saving: `$${a.savingUsd.toFixed(2)}` } : { warning: true }) })),
  };
}

export function cacheView(stats: CacheStats & { enabled: boolean }): CacheView {
  return {
    enabled: stats.enabled,
    entries: stats.entries,
    size: formatBytes(stats.bytes),
    hitRate: stats.hits + stats.misses === 0 ? 'no lookups yet' : `${Math.round(stats.hitRate * 100)} % (${stats.hits} of ${stats.hits + stats.misses})`,
    saved: `$${stats.savedUsd.toFixed(4)}`,
  };
}

export function buildDashboardViewModel(input: DashboardInput): DashboardViewModel {
  const providers: ProviderView[] = input.providers.map((p) => ({
    id: p.id,
    label: PROVIDER_FULL_LABELS[p.id],
    role: p.id === input.primary ? 'primary' : p.id === input.fallback ? 'fallback' : 'standby',
    auth: p.auth,
    ...(p.region ? { region: p.region } : {}),
    ...(p.resolved.modelId ? { modelId: p.resolved.modelId } : { modelError: p.resolved.error ?? 'cannot be resolved' }),
    health: healthView(p),
    ...(p.test ? { test: p.test } : {}),
  }));
  const fallback = input.fallback && input.fallback !== input.primary
    ? `falls back to ${PROVIDER_FULL_LABELS[input.fallback]}${input.autoFallback ? ' automatically' : ' (automatic fallback off)'}`
    : 'no fallback provider';
  const failover = input.failover ? `Failed over from ${PROVIDER_FULL_LABELS[input.failover.from]} to ${PROVIDER_FULL_LABELS[input.failover.to]}: ${input.failover.reason}` : undefined;
  return {
    model: input.model,
    providers,
    routing: `${PROVIDER_FULL_LABELS[input.primary]} is primary; ${fallback}.`,
    ...(failover ? { failover } : {}),
    compare: input.compare,
    ...(input.report ? { usage: usageView(input.report) } : {}),
    ...(input.cache ? { cache: cacheView(input.cache) } : {}),
  };
}
