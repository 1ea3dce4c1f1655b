// The Usage tab's charts from the store's series (storage/usageSeries.ts): daily spend by provider
// and by model, spend so far against the budget, tokens with cache reads and writes, what prompt
// caching saved, and spend by surface. Pure: numbers in, chart views (with their tables) out.
import type { SeriesRow, TimeBucket, UsageCubeRow } from '../../core/storage/usageSeries';
import { monthDays, seriesOf } from '../../core/storage/usageSeries';
import type { BudgetSettings } from '../../core/usage/budget';
import type { PriceOverrides } from '../../core/usage/prices';
import { usageReportOf } from '../../core/usage/report';
import type { UsageMonth, UsageReport } from '../../core/usage/report';
import { monthKey } from '../../core/usage/ledger';
import type { ChartColor, ChartSeriesView, ChartView } from '../../shared/dashboard/chartView';
import type { SurfaceRow, UsageChartsView } from '../../shared/dashboard/usage';
import { CHART_COLORS } from '../../shared/dashboard/chartView';
import { PROVIDER_FULL_LABELS, PROVIDER_IDS } from '../../shared/providers';
import { count, monthName, percent, usd } from './chartFormat';

/** Models drawn on their own; the rest of the month's models are one "Other models" series. */
export const TOP_MODELS = 5;

export interface UsageChartsInput {
  now: Date;
  byProvider: readonly SeriesRow[];
  byModel: readonly SeriesRow[];
  bySurface: readonly SeriesRow[];
  /** The report's budget line (budgetPercent of the store's month-to-date). */
  budget?: { monthlyUsd: number; spentUsd: number; percent: number };
}

/**
 * The Usage tab from one read of the store's month sums (the roll-up, never the records): the
 * totals, the budget line, the price comparison, all the advice, and every chart.
 */
export async function loadUsageTab(ledger: { usageMonth(now: Date): Promise<Omit<UsageMonth, 'cube'> & { cube: readonly UsageCubeRow[] }> }, now: Date, budget?: BudgetSettings, overrides?: PriceOverrides): Promise<{ report: UsageReport; charts: UsageChartsView }> {
  const month = await ledger.usageMonth(now);
  const report = usageReportOf(month, { now, ...(budget ? { budget } : {}), ...(overrides ? { overrides } : {}) });
  // The cube's buckets are the month's days from the 1st; the charts draw them up to today.
  const soFar = daysSoFar(now).length;
  const cube = month.cube.filter((r) => r.bucket < soFar);
  const charts = buildUsageCharts({ now, byProvider: seriesOf(cube, 'provider'), byModel: seriesOf(cube, 'model'), bySurface: seriesOf(cube, 'surface'), ...(report.budget ? { budget: report.budget } : {}) });
  return { report, charts };
}

/** The days of `now`'s month up to and including today. */
export function daysSoFar(now: Date): TimeBucket[] {
  return monthDays(now).filter((d) => d.start <= now.getTime());
}

export function buildUsageCharts(input: UsageChartsInput): UsageChartsView {
  const days = daysSoFar(input.now);
  const month = monthKey(input.now);
  const x = days.map((d) => Math.floor(d.start / 1000));
  const name = monthName(month);
  const perDay = (rows: readonly SeriesRow[], pick: (r: SeriesRow) => number, key?: string): number[] => {
    const out = new Array<number>(days.length).fill(0);
    for (const r of rows) if (r.bucket < days.length && (key === undefined || r.key === key)) out[r.bucket]! += pick(r);
    return out;
  };
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  const requests = sum(perDay(input.byProvider, (r) => r.requests));
  const unpriced = sum(perDay(input.byProvider, (r) => r.unpricedRequests));
  const none = requests === 0 ? { empty: `No requests in ${name} yet.` } : {};
  const unpricedNote = unpriced ? ` ${unpriced} request${unpriced === 1 ? '' : 's'} with an unknown price ${unpriced === 1 ? 'is' : 'are'} not included.` : '';
  const dayLabels = days.map((d) => d.label);

  // 1. Daily spend by provider.
  const providerSeries: ChartSeriesView[] = PROVIDER_IDS.map((p, i) => ({ label: PROVIDER_FULL_LABELS[p], values: perDay(input.byProvider, (r) => r.costUsd, p), color: CHART_COLORS[i]! }));
  const total = sum(perDay(input.byProvider, (r) => r.costUsd));
  const byProviderChart = stackedUsd('usage-spend-provider', 'Daily spend by provider', x, dayLabels, providerSeries,
    `Spend per day in ${name} by provider: ${usd(total)} in total (${providerSeries.map((s) => `${s.label} ${usd(sum(s.values as number[]))}`).join(', ')}).${unpricedNote}`, none);

  // 2. Daily spend by model: the month's top models, the rest together.
  const models = rank(input.byModel);
  const top = models.slice(0, TOP_MODELS);
  const modelSeries: ChartSeriesView[] = top.map((m, i) => ({ label: m, values: perDay(input.byModel, (r) => r.costUsd, m), color: CHART_COLORS[i % CHART_COLORS.length]! }));
  if (models.length > TOP_MODELS) {
    const rest = new Set(models.slice(TOP_MODELS));
    modelSeries.push({ label: `Other models (${rest.size})`, values: perDay(input.byModel.filter((r) => rest.has(r.key)), (r) => r.costUsd), color: CHART_COLORS[TOP_MODELS % CHART_COLORS.length]! });
  }
  const byModelChart = stackedUsd('usage-spend-model', 'Daily spend by model', x, dayLabels, modelSeries,
    `Spend per day in ${name} by model ID: ${models.length} model${models.length === 1 ? '' : 's'}${top[0] ? `, most on ${top[0]} (${usd(sum(modelSeries[0]!.values as number[]))})` : ''}.${unpricedNote}`, none);

  // 3. Spend so far against the budget.
  const daily = perDay(input.byProvider, (r) => r.costUsd);
  const cumulative = daily.map((_, i) => sum(daily.slice(0, i + 1)));
  const b = input.budget;
  const budgetChart: ChartView = {
    id: 'usage-budget', title: b ? 'Spend this month against the budget' : 'Spend this month', kind: 'lines', unit: 'usd', x,
    series: [{ label: 'Spent so far', values: cumulative, color: b && b.percent >= 100 ? 'red' : 'blue' }, ...(b ? [{ label: 'Budget', values: days.map(() => b.monthlyUsd), color: 'yellow' as ChartColor, dashed: true }] : [])],
    summary: b ? `${usd(b.spentUsd)} spent in ${name}, ${b.percent} % of the ${usd(b.monthlyUsd)} budget.${unpricedNote}` : `${usd(total)} spent in ${name}; no monthly budget is set (switchboard.budget.monthlyUsd).${unpricedNote}`,
    table: { caption: `Spend per day and so far in ${name}`, columns: ['Day', 'Spent that day', 'Spent so far', ...(b ? ['Share of the budget'] : [])], rows: days.map((d, i) => [d.label, usd(daily[i]!), usd(cumulative[i]!), ...(b ? [`${Math.floor((cumulative[i]! / b.monthlyUsd) * 100 + 1e-9)} %`] : [])]) },
    ...none,
  };

  // 4. Tokens, cache reads and writes apart.
  const tokenParts: Array<[string, (r: SeriesRow) => number, ChartColor]> = [['Input', (r) => r.inputTokens, 'blue'], ['Output', (r) => r.outputTokens, 'orange'], ['Cache write', (r) => r.cacheWriteInputTokens, 'red'], ['Cache read', (r) => r.cacheReadInputTokens, 'green']];
  const tokenSeries = tokenParts.map(([label, pick, color]) => ({ label, values: perDay(input.byProvider, pick), color }));
  const tokenTotals = tokenSeries.map((s) => sum(s.values));
  const prompt = tokenTotals[0]! + tokenTotals[2]! + tokenTotals[3]!;
  const tokensChart: ChartView = {
    id: 'usage-tokens', title: 'Tokens per day', kind: 'bars', unit: 'tokens', x, series: tokenSeries,
    summary: `${count(sum(tokenTotals))} tokens in ${name}: ${tokenSeries.map((s, i) => `${s.label.toLowerCase()} ${count(tokenTotals[i]!)}`).join(', ')}${prompt ? `; cache reads were ${percent(tokenTotals[3]! / prompt)} of the prompt tokens` : ''}.`,
    table: table(`Tokens per day in ${name}`, dayLabels, tokenSeries, count),
    ...none,
  };

  // 5. What prompt caching saved: reads at the input price minus what they cost, minus the write premium.
  const saved = perDay(input.byProvider, (r) => r.cacheReadSavedUsd);
  const premium = perDay(input.byProvider, (r) => r.cacheWritePremiumUsd);
  const net = saved.map((s, i) => s - premium[i]!);
  const unknownCache = sum(perDay(input.byProvider, (r) => r.unpricedCacheRequests));
  const savingsSeries: ChartSeriesView[] = [{ label: 'Saved on cache reads', values: saved, color: 'green' }, { label: 'Cache-write premium', values: premium, color: 'red', dashed: true }, { label: 'Net saving', values: net, color: 'blue' }];
  const savingsChart: ChartView = {
    id: 'usage-savings', title: 'What prompt caching saved', kind: 'lines', unit: 'usd', x, series: savingsSeries,
    summary: `Prompt caching ${sum(net) >= 0 ? 'saved' : 'cost'} ${usd(Math.abs(sum(net)))} net in ${name}: ${usd(sum(saved))} saved on cache reads (billed at a tenth of the input price), minus ${usd(sum(premium))} paid over the input price for cache writes.${unknownCache ? ` ${unknownCache} request${unknownCache === 1 ? '' : 's'} with cache tokens and an unknown price ${unknownCache === 1 ? 'is' : 'are'} not included.` : ''}`,
    table: table(`Prompt-caching savings per day in ${name}`, dayLabels, savingsSeries, usd),
    ...(sum(saved) === 0 && sum(premium) === 0 ? { empty: requests ? `No prompt-cache reads or writes in ${name} yet.` : `No requests in ${name} yet.` } : {}),
  };

  return { month, charts: [byProviderChart, byModelChart, budgetChart, tokensChart, savingsChart], surfaces: surfaces(input.bySurface) };
}

/** Keys by the month's spend, then requests, then name. */
function rank(rows: readonly SeriesRow[]): string[] {
  const totals = new Map<string, { cost: number; requests: number }>();
  for (const r of rows) {
    const t = totals.get(r.key) ?? { cost: 0, requests: 0 };
    t.cost += r.costUsd;
    t.requests += r.requests;
    totals.set(r.key, t);
  }
  return [...totals.entries()].sort((a, b) => b[1].cost - a[1].cost || b[1].requests - a[1].requests || a[0].localeCompare(b[0])).map(([k]) => k);
}

function stackedUsd(id: string, title: string, x: number[], days: string[], series: ChartSeriesView[], summary: string, none: { empty?: string }): ChartView {
  return { id, title, kind: 'bars', unit: 'usd', x, series, summary, table: table(`${title} (${days[0] ?? ''} to ${days[days.length - 1] ?? ''})`, days, series, usd), ...none };
}

/** Day | one column per series | Total; then a total row for the month. */
function table(caption: string, days: string[], series: ChartSeriesView[], format: (n: number) => string): ChartView['table'] {
  const value = (s: ChartSeriesView, i: number): number => s.values[i] ?? 0;
  const rows = days.map((d, i) => [d, ...series.map((s) => format(value(s, i))), format(series.reduce((n, s) => n + value(s, i), 0))]);
  const totals = series.map((s) => s.values.reduce<number>((n, v) => n + (v ?? 0), 0));
  rows.push(['Month', ...totals.map(format), format(totals.reduce((a, b) => a + b, 0))]);
  return { caption, columns: ['Day', ...series.map((s) => s.label), 'Total'], rows };
}

/** "Chat", "CLI", "cline.cline (language model API)": who asked, from the ledger's `surface`. */
export function surfaceLabel(key: string): string {
  if (key === 'chat') return 'Chat';
  if (key === 'cli') return 'CLI';
  if (key === 'vscode') return 'VS Code (commands, dashboard)';
  if (key === '') return 'Not recorded';
  if (key === 'lm:vscode-chat') return 'VS Code Chat (language model API)';
  if (key.startsWith('lm:')) return `${key.slice(3)} (language model API)`;
  return key;
}

function surfaces(rows: readonly SeriesRow[]): SurfaceRow[] {
  const totals = new Map<string, { cost: number; requests: number; unpriced: number }>();
  for (const r of rows) {
    const t = totals.get(r.key) ?? { cost: 0, requests: 0, unpriced: 0 };
    t.cost += r.costUsd;
    t.requests += r.requests;
    t.unpriced += r.unpricedRequests;
    totals.set(r.key, t);
  }
  const max = Math.max(0, ...[...totals.values()].map((t) => t.cost));
  return [...totals.entries()]
    .sort((a, b) => b[1].cost - a[1].cost || b[1].requests - a[1].requests || a[0].localeCompare(b[0]))
    .map(([key, t]) => ({ key, label: surfaceLabel(key), cost: `${usd(t.cost)}${t.unpriced ? ` + unknown (${t.unpriced} unpriced)` : ''}`, requests: t.requests, fraction: max > 0 ? t.cost / max : 0 }));
}
