// The usage report every surface shows (CLI text, "Switchboard: Show Usage" in VS Code):
// month-to-date, breakdowns, cache-write spend on its own line, comparison and advice.
import { adviseOnAggregates, adviseOnBudget, adviseOnUsage, compareAggregates, compareProviders } from './advice';
import type { Advice, ProviderComparison } from './advice';
import { budgetPercent } from './budget';
import type { BudgetSettings, MonthToDate } from './budget';
import { formatSpend } from './formatSpend';
import type { UsageRecord, UsageSummary } from './ledger';
import { monthKey, summarizeMonth } from './ledger';
import type { PriceOverrides } from './prices';
import type { UsageAggregate } from './usageAggregate';

// The status bar reads formatSpend alone (formatSpend.ts), without the report and its advice.
export { formatSpend };

export interface UsageReport {
  month: string;
  summary: UsageSummary;
  byModel: UsageSummary['breakdown'];
  byDay: UsageSummary['breakdown'];
  comparison: ProviderComparison;
  advice: Advice[];
  /** `percent` is budgetPercent of `spentUsd`: the figure the alert and every other surface show. */
  budget?: { monthlyUsd: number; spentUsd: number; percent: number; hardStop: boolean };
}

export interface UsageReportOptions {
  now?: Date;
  budget?: BudgetSettings;
  overrides?: PriceOverrides;
  /** The store's month-to-date (the sum the budget's alerts and hard stop read); the budget line uses it when given. */
  monthToDate?: MonthToDate;
}

export function buildUsageReport(records: readonly UsageRecord[], options: UsageReportOptions = {}): UsageReport {
  const now = options.now ?? new Date();
  const month = monthKey(now);
  const inMonth = records.filter((r) => monthKey(new Date(r.time)) === month);
  const summary = summarizeMonth(inMonth, now, 'provider');
  const savings = adviseOnUsage(inMonth, { ...(options.overrides ? { overrides: options.overrides } : {}) });
  const spentUsd = options.monthToDate?.month === month ? options.monthToDate.usd : summary.totalCostUsd;
  const budget = budgetLine(spentUsd, options.budget);
  return {
    month,
    summary,
    byModel: summarizeMonth(inMonth, now, 'model').breakdown,
    byDay: summarizeMonth(inMonth, now, 'day').breakdown,
    comparison: compareProviders(inMonth),
    // The budget first: at 170 % "nothing to suggest" would be wrong whatever else the month shows.
    advice: [...budgetAdvice(spentUsd, budget, now), ...savings],
    ...(budget ? { budget } : {}),
  };
}

function budgetLine(spentUsd: number, settings: BudgetSettings | undefined): UsageReport['budget'] {
  const monthlyUsd = settings?.monthlyUsd;
  return monthlyUsd ? { monthlyUsd, spentUsd, percent: budgetPercent(spentUsd, monthlyUsd), hardStop: settings?.hardStop ?? false } : undefined;
}

function budgetAdvice(spentUsd: number, budget: UsageReport['budget'], now: Date): Advice[] {
  return budget ? adviseOnBudget({ usd: spentUsd, percent: budget.percent }, budget, now) : [];
}

/** One row of sums per provider and model (the store's usage cube: per day, provider, model and surface). */
export interface SummedUsage {
  provider: string;
  /** The model ID as sent. */
  modelId: string;
  requests: number;
  /** Known prices only; `unpricedRequests` are not in it. */
  costUsd: number;
  unpricedRequests: number;
  /** The part of `costUsd` spent writing the prompt cache. */
  cacheWriteCostUsd: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteInputTokens: number;
  cacheReadInputTokens: number;
}

/** A calendar month as the store sums it (SqliteUsageLedger.usageMonth): everything the report needs, no record. */
export interface UsageMonth {
  /** `YYYY-MM`, local time. */
  month: string;
  /** The month's local days: the cube's buckets. */
  days: ReadonlyArray<{ label: string; start: number; end: number }>;
  /** The sum the budget's alerts and hard stop read. */
  monthToDate: MonthToDate;
  /** Per day (`bucket`: index into `days`), provider, model and surface. */
  cube: ReadonlyArray<SummedUsage & { bucket: number }>;
  /** Per model and the advice's flags, the whole month. */
  aggregates: readonly UsageAggregate[];
}

/**
 * The month's report from the store's sums: totals by provider, model and local day, the cost
 * comparison and the advice from the aggregates, and the budget line from the month-to-date (the
 * sum the alerts and the hard stop read, so its percentage is theirs). No record is read.
 */
export function usageReportOf(m: UsageMonth, options: { now: Date; budget?: BudgetSettings; overrides?: PriceOverrides }): UsageReport {
  const budget = budgetLine(m.monthToDate.usd, options.budget);
  const savings = adviseOnAggregates(m.aggregates, { ...(options.overrides ? { overrides: options.overrides } : {}) });
  return {
    month: m.month,
    summary: summaryOf(m.cube, (r) => r.provider),
    byModel: summaryOf(m.cube, (r) => r.modelId).breakdown,
    byDay: summaryOf(m.cube, (r) => m.days[r.bucket]?.label ?? '').breakdown,
    comparison: compareAggregates(m.aggregates),
    advice: [...budgetAdvice(m.monthToDate.usd, budget, options.now), ...savings],
    ...(budget ? { budget } : {}),
  };
}

function summaryOf<T extends SummedUsage>(rows: readonly T[], keyOf: (r: T) => string): UsageSummary {
  const groups = new Map<string, UsageSummary['breakdown'][number]>();
  const total: UsageSummary = { totalCostUsd: 0, cacheWriteCostUsd: 0, unpricedRequests: 0, requests: 0, inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, breakdown: [] };
  for (const r of rows) {
    const key = keyOf(r);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, requests: 0, costUsd: 0, cacheWriteCostUsd: 0, unpricedRequests: 0, inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0 }));
    for (const k of ['requests', 'unpricedRequests', 'inputTokens', 'outputTokens', 'cacheWriteInputTokens', 'cacheReadInputTokens', 'cacheWriteCostUsd'] as const) {
      g[k] += r[k];
      total[k] += r[k];
    }
    g.costUsd += r.costUsd;
    total.totalCostUsd += r.costUsd;
  }
  total.breakdown = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  return total;
}

/** This month's report from the store's sums (one read of the roll-up, never the records). */
export async function readUsageReport(ledger: { usageMonth(now: Date): Promise<UsageMonth> }, options: { now: Date; budget?: BudgetSettings; overrides?: PriceOverrides }): Promise<UsageReport> {
  return usageReportOf(await ledger.usageMonth(options.now), options);
}

/** "(saves about $1.23): " for a saving, ": " for a warning (the budget's), as the report and the CLI write advice. */
export function adviceSaving(a: Pick<Advice, 'savingUsd'>): string {
  return a.savingUsd > 0 ? ` (saves about $${a.savingUsd.toFixed(2)})` : '';
}

export const SCENARIO_LABEL: Record<string, string> = { anthropic: 'Anthropic API', 'bedrock-global': 'Bedrock, global. profile', 'bedrock-regional': 'Bedrock, geo / in-region profile' };

export function renderUsageMarkdown(report: UsageReport): string {
  const s = report.summary;
  const lines: string[] = [];
  lines.push(`# Switchboard usage — ${report.month}`, '');
  lines.push(`- **Month to date:** ${formatSpend(s.totalCostUsd, s.unpricedRequests)} over ${s.requests} requests`);
  // Only when something was written: a "$0.0000 on cache writes" line says nothing.
  if (s.cacheWriteInputTokens > 0 || s.cacheWriteCostUsd > 0) lines.push(`- **Cache-write spend:** $${s.cacheWriteCostUsd.toFixed(4)} (${s.cacheWriteInputTokens} tokens written, ${s.cacheReadInputTokens} read)`);
  if (report.budget) lines.push(`- **Budget:** $${report.budget.monthlyUsd.toFixed(2)} — ${report.budget.percent} % used${report.budget.hardStop ? ' (hard stop on)' : ''}`);
  lines.push(`- **Tokens:** ${s.inputTokens} input, ${s.outputTokens} output, ${s.cacheWriteInputTokens} cache write, ${s.cacheReadInputTokens} cache read`, '');
  const table = (title: string, rows: UsageSummary['breakdown']): void => {
    if (rows.length === 0) return;
    lines.push(`## ${title}`, '', '| | requests | cost | of which cache writes | input | output | cache write | cache read |', '|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) lines.push(`| ${r.key} | ${r.requests} | ${formatSpend(r.costUsd, r.unpricedRequests)} | $${r.cacheWriteCostUsd.toFixed(4)} | ${r.inputTokens} | ${r.outputTokens} | ${r.cacheWriteInputTokens} | ${r.cacheReadInputTokens} |`);
    lines.push('');
  };
  table('By provider', s.breakdown);
  table('By model', report.byModel);
  table('By day', report.byDay);
  const c = report.comparison;
  if (c.actualUsd > 0 || c.unpricedRequests > 0) {
    lines.push('## Same tokens, other price tables', '', '| | cost | requests comparable |', '|---|---:|---:|');
    lines.push(`| recorded | $${c.actualUsd.toFixed(4)} | ${s.requests - c.unpricedRequests} |`);
    for (const sc of c.scenarios) lines.push(`| ${SCENARIO_LABEL[sc.scenario]} | ${sc.requests > 0 ? `$${sc.usd.toFixed(4)}` : 'n/a'} | ${sc.requests}${sc.notComparable ? ` (${sc.notComparable} not offered)` : ''} |`);
    lines.push('');
  }
  lines.push('## Advice', '');
  if (report.advice.length === 0) lines.push('Nothing to suggest this month.');
  for (const a of report.advice) lines.push(`- **${a.title}**${adviceSaving(a)}: ${a.detail}`);
  lines.push('');
  return lines.join('\n');
}
