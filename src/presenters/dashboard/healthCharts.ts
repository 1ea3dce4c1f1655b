// The Health tab's charts from the store's health history (storage/healthHistory.ts timeline):
// latency p50 / p95, error rate, failovers, and the outages, for the last 24 hours and 7 days.
// Pure: the timelines in, chart views (with their tables) out.
import type { HealthTimeline } from '../../core/storage/healthHistory';
import type { ChartSeriesView, ChartView } from '../../shared/dashboard/chartView';
import type { HealthChartsView, HealthRangeId, HealthRangeView } from '../../shared/dashboard/health';
import { PROVIDER_FULL_LABELS, PROVIDER_IDS } from '../../shared/providers';
import type { ProviderId } from '../../shared/providers';
import { count, dateTime, duration, ms, percent } from './chartFormat';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The two windows the tab offers: hourly buckets for a day, 6-hour buckets for a week. */
export const HEALTH_RANGES: ReadonlyArray<{ id: HealthRangeId; label: string; spanMs: number; bucketMs: number }> = [
  { id: '24h', label: 'Last 24 hours', spanMs: DAY, bucketMs: HOUR },
  { id: '7d', label: 'Last 7 days', spanMs: 7 * DAY, bucketMs: 6 * HOUR },
];

/** What the tab reads from the store: one timeline per range. */
export async function loadHealthCharts(history: { timelines(windows: ReadonlyArray<{ since: number; bucketMs: number }>, until?: number): Promise<HealthTimeline[]> }, now: number): Promise<HealthChartsView> {
  return buildHealthCharts(await history.timelines(HEALTH_RANGES.map((r) => ({ since: now - r.spanMs, bucketMs: r.bucketMs })), now));
}

export function buildHealthCharts(timelines: readonly HealthTimeline[]): HealthChartsView {
  return { ranges: timelines.map((t, i) => rangeView(HEALTH_RANGES[i]!, t)) };
}

const COLOR: Record<ProviderId, 'blue' | 'orange'> = { anthropic: 'blue', bedrock: 'orange' };

function rangeView(range: (typeof HEALTH_RANGES)[number], t: HealthTimeline): HealthRangeView {
  const providers = PROVIDER_IDS.map((p) => ({ id: p, label: PROVIDER_FULL_LABELS[p], data: t.providers[p] }));
  const buckets = providers[0]!.data.buckets;
  const x = buckets.map((b) => Math.floor(b.start / 1000));
  const labels = buckets.map((b) => dateTime(b.start));
  const samples = providers.reduce((n, p) => n + p.data.samples, 0);
  const empty = samples === 0 ? { empty: `No health samples in the ${range.label.toLowerCase()}: checks run while a window is focused (switchboard.health.intervalSeconds), and every request adds one.` } : {};
  const lower = range.label.toLowerCase();

  const latencySeries: ChartSeriesView[] = providers.flatMap((p) => [
    { label: `${p.label} p50`, values: p.data.buckets.map((b) => b.p50Ms ?? null), color: COLOR[p.id] },
    { label: `${p.label} p95`, values: p.data.buckets.map((b) => b.p95Ms ?? null), color: COLOR[p.id], dashed: true },
  ]);
  const latency: ChartView = {
    id: `health-latency-${range.id}`, title: 'Latency (successful requests and checks)', kind: 'lines', unit: 'ms', x, series: latencySeries,
    summary: `Latency in the ${lower}: ${providers.map((p) => (p.data.p50Ms === undefined ? `${p.label} no successful samples` : `${p.label} p50 ${ms(p.data.p50Ms)}, p95 ${ms(p.data.p95Ms)}`)).join('; ')}.`,
    table: { caption: `Latency per ${range.bucketMs === HOUR ? 'hour' : '6 hours'}, ${lower}`, columns: ['From', ...latencySeries.map((s) => s.label)], rows: labels.map((l, i) => [l, ...latencySeries.map((s) => (s.values[i] === null || s.values[i] === undefined ? '—' : ms(s.values[i]!)))]) },
    ...empty,
  };

  const errorSeries: ChartSeriesView[] = providers.map((p) => ({ label: p.label, values: p.data.buckets.map((b) => (b.samples ? (b.errors / b.samples) * 100 : null)), color: COLOR[p.id] }));
  const errors: ChartView = {
    id: `health-errors-${range.id}`, title: 'Error rate', kind: 'lines', unit: 'percent', x, series: errorSeries,
    summary: `Error rate in the ${lower}: ${providers.map((p) => `${p.label} ${p.data.samples ? `${percent(p.data.errors / p.data.samples)} of ${count(p.data.samples)} samples` : 'no samples'}`).join('; ')}.`,
    table: {
      caption: `Errors per ${range.bucketMs === HOUR ? 'hour' : '6 hours'}, ${lower}`, columns: ['From', ...providers.map((p) => p.label)],
      rows: labels.map((l, i) => [l, ...providers.map((p) => { const b = p.data.buckets[i]!; return b.samples ? `${percent(b.errors / b.samples)} (${b.errors} of ${b.samples})` : '—'; })]),
    },
    ...empty,
  };

  const directions = PROVIDER_IDS.map((from) => ({ from, to: PROVIDER_IDS.find((p) => p !== from)! }));
  const failoverSeries: ChartSeriesView[] = directions.map((d) => ({
    label: `${PROVIDER_FULL_LABELS[d.from]} → ${PROVIDER_FULL_LABELS[d.to]}`, color: COLOR[d.from],
    values: buckets.map((b) => t.failovers.filter((f) => f.from === d.from && f.at >= b.start && f.at < b.end).length),
  }));
  const failovers: ChartView = {
    id: `health-failovers-${range.id}`, title: 'Failovers', kind: 'bars', unit: 'count', x, series: failoverSeries,
    summary: t.failovers.length ? `${t.failovers.length} failover${t.failovers.length === 1 ? '' : 's'} in the ${lower}: ${failoverSeries.map((s) => `${s.label} ${s.values.reduce<number>((a, b) => a + (b ?? 0), 0)}`).join(', ')}.` : `No failovers in the ${lower}.`,
    table: { caption: `Failovers per ${range.bucketMs === HOUR ? 'hour' : '6 hours'}, ${lower}`, columns: ['From', ...failoverSeries.map((s) => s.label)], rows: labels.map((l, i) => [l, ...failoverSeries.map((s) => String(s.values[i] ?? 0))]) },
    ...(t.failovers.length ? {} : { empty: `No failovers in the ${lower}.` }),
  };

  const outageRows = providers.flatMap((p) => p.data.outages.map((o) => ({ at: o.start, row: [p.label, dateTime(o.start), o.end === undefined ? 'ongoing' : dateTime(o.end), o.end === undefined ? duration(t.until - o.start) : duration(o.end - o.start), String(o.failures)] })))
    .sort((a, b) => b.at - a.at).map((r) => r.row);
  return {
    id: range.id,
    label: range.label,
    stats: providers.map((p) => ({
      provider: p.id, label: p.label, samples: p.data.samples, errorRate: p.data.samples ? percent(p.data.errors / p.data.samples) : '—',
      p50: ms(p.data.p50Ms), p95: ms(p.data.p95Ms), outages: p.data.outages.length, failoversFrom: t.failovers.filter((f) => f.from === p.id).length,
    })),
    charts: [latency, errors, failovers],
    outages: { caption: `Outages in the ${lower} (runs of consecutive failures)`, columns: ['Provider', 'Started', 'Ended', 'Lasted', 'Failures'], rows: outageRows },
    failovers: { caption: `Failovers in the ${lower}`, columns: ['Time', 'From → to', 'Reason'], rows: [...t.failovers].reverse().map((f) => [dateTime(f.at), `${PROVIDER_FULL_LABELS[f.from]} → ${PROVIDER_FULL_LABELS[f.to]}`, f.reason]) },
  };
}
