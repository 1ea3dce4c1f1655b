// The Usage tab's view model: month-to-date spend, budget, bars by provider and model, the
// response cache. Pure, so the formatting is unit-tested.
import type { CacheStats } from '../../core/cache/responseCache';
import { SCENARIO_LABEL, formatSpend } from '../../core/usage/report';
import type { UsageReport } from '../../core/usage/report';
import type { BarRow, CacheView, UsageChartsView, UsagePart, UsageView } from '../../shared/dashboard/usage';
import { PROVIDER_FULL_LABELS } from '../../shared/providers';
import type { ProviderId } from '../../shared/providers';

/** What the Usage tab is built from (the backend's `usage()`); absent parts could not be read. */
export interface UsageInput {
  /** The month's report: totals, budget, comparison, all the advice. */
  report?: UsageReport;
  /** The month's charts (usageCharts.ts), built from the store's series. */
  charts?: UsageChartsView;
  /** `onlyDeterministic`: switchboard.cache.onlyDeterministic (only temperature-0 requests are looked up). */
  cache?: CacheStats & { enabled: boolean; onlyDeterministic?: boolean };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function bars(rows: UsageReport['byModel']): BarRow[] {
  const max = Math.max(0, ...rows.map((r) => r.costUsd));
  return [...rows]
    .sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests)
    .map((r) => ({ key: r.key, cost: formatSpend(r.costUsd, r.unpricedRequests), requests: r.requests, fraction: max > 0 ? r.costUsd / max : 0 }));
}

/** The tab's usage card from the month's report. */
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

/**
 * The response cache card. "No lookups yet" after a day of chatting was true but said nothing: the
 * chat's requests are not reproducible (no temperature 0), so with onlyDeterministic on (the
 * default) the engine never looks them up. The card says so, with the month's request count.
 */
export function cacheView(stats: CacheStats & { enabled: boolean; onlyDeterministic?: boolean }, monthRequests?: number): CacheView {
  const lookups = stats.hits + stats.misses;
  const why = !stats.enabled
    ? 'The response cache is off (switchboard.cache.enabled), so no request is looked up.'
    : stats.onlyDeterministic
      ? `Only reproducible requests are looked up — temperature 0 and no extended thinking (switchboard.cache.onlyDeterministic). The chat's answers are not reproducible, so chat requests skip the cache${monthRequests ? `; ${monthRequests} request${monthRequests === 1 ? ' was' : 's were'} made this month` : ''}.`
      : undefined;
  return {
    enabled: stats.enabled,
    entries: stats.entries,
    size: formatBytes(stats.bytes),
    hitRate: lookups === 0 ? 'no lookups yet' : `${Math.round(stats.hitRate * 100)} % (${stats.hits} of ${lookups})`,
    saved: `$${stats.savedUsd.toFixed(4)}`,
    ...(why && (lookups === 0 || stats.onlyDeterministic) ? { note: why } : {}),
  };
}

export function usagePart(input: UsageInput): UsagePart {
  return {
    ...(input.report ? { usage: usageView(input.report) } : {}),
    ...(input.charts ? { usageCharts: input.charts } : {}),
    ...(input.cache ? { cache: cacheView(input.cache, input.report?.summary.requests) } : {}),
  };
}
