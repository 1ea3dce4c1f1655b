// Time series from the usage ledger for the dashboard's charts: spend, tokens (cache reads and
// writes apart) and prompt-cache savings per bucket (a local calendar day, an hour, …) and per
// provider, model or surface. One SQL statement over the time index: it reads the rows of the
// buckets' span, never all history.
import type { SqlValue, SqliteDatabase } from './sqlite';
import { num, str } from './sqlite';

/** A half-open time range [start, end) in epoch milliseconds, with the label a chart's table shows. */
export interface TimeBucket {
  label: string;
  start: number;
  end: number;
}

export type SeriesGrouping = 'provider' | 'model' | 'surface';

/** One bucket of one group. */
export interface SeriesRow {
  /** Index into the buckets asked for. */
  bucket: number;
  /** The provider, the model ID as sent, or the surface (`''` for records that carry none). */
  key: string;
  requests: number;
  /** Known prices only; `unpricedRequests` are not in it. */
  costUsd: number;
  unpricedRequests: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteInputTokens: number;
  cacheReadInputTokens: number;
  /** What the cache reads saved against the full input price. */
  cacheReadSavedUsd: number;
  /** What the cache writes cost over plain input. Net caching savings = saved − premium. */
  cacheWritePremiumUsd: number;
  /** Requests with cache tokens whose model has no known price: no saving or premium is claimed for them. */
  unpricedCacheRequests: number;
}

const COLUMN: Record<SeriesGrouping, string> = { provider: 'provider', model: 'model_id', surface: 'surface' };

/** Local calendar days (midnight to midnight, DST-aware) from the day of `from` up to and including the day of `to`. */
export function localDays(from: Date, to: Date): TimeBucket[] {
  const days: TimeBucket[] = [];
  for (let d = new Date(from.getFullYear(), from.getMonth(), from.getDate()); d.getTime() <= to.getTime(); ) {
    const next = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
    days.push({ label: isoDate(d), start: d.getTime(), end: next.getTime() });
    d = next;
  }
  return days;
}

/** Every local day of the calendar month of `now` (the budget's month). */
export function monthDays(now: Date): TimeBucket[] {
  return localDays(new Date(now.getFullYear(), now.getMonth(), 1), new Date(now.getFullYear(), now.getMonth() + 1, 0));
}

/** `YYYY-MM-DD` of a date in local time. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Sums per bucket and group, buckets in order, groups by key; buckets and groups with no requests are left out. */
export function usageSeries(db: SqliteDatabase, buckets: readonly TimeBucket[], by: SeriesGrouping): SeriesRow[] {
  if (buckets.length === 0) return [];
  const { sql, params } = seriesStatement(buckets, by);
  return db.prepare(sql).all(...params).map((r) => ({
    bucket: num(r.bucket), key: str(r.key), requests: num(r.requests), costUsd: num(r.cost), unpricedRequests: num(r.unpriced),
    inputTokens: num(r.input), outputTokens: num(r.output), cacheWriteInputTokens: num(r.cwt), cacheReadInputTokens: num(r.crt),
    cacheReadSavedUsd: num(r.saved), cacheWritePremiumUsd: num(r.premium), unpricedCacheRequests: num(r.unknown),
  }));
}

/** The statement behind `usageSeries` (exported so a test can read its query plan). */
export function seriesStatement(buckets: readonly TimeBucket[], by: SeriesGrouping): { sql: string; params: SqlValue[] } {
  const column = COLUMN[by];
  const params: SqlValue[] = [];
  // CROSS JOIN keeps the buckets outside: one range search of the time index per bucket, so each
  // row is read once (with the rows outside, every row would be compared with every bucket).
  const values = buckets.map((b, i) => {
    params.push(i, b.start, b.end);
    return '(?, ?, ?)';
  });
  const sql = `WITH b(i, s, e) AS (VALUES ${values.join(', ')})
    SELECT b.i AS bucket, u.${column} AS key, COUNT(*) AS requests, SUM(COALESCE(u.cost_usd, 0)) AS cost, SUM(u.cost_usd IS NULL) AS unpriced,
      SUM(u.input_tokens) AS input, SUM(u.output_tokens) AS output, SUM(u.cache_write_tokens) AS cwt, SUM(u.cache_read_tokens) AS crt,
      SUM(CASE WHEN u.cost_usd IS NULL THEN 0 ELSE COALESCE(u.cache_read_saved_usd, 0) END) AS saved,
      SUM(CASE WHEN u.cost_usd IS NULL THEN 0 ELSE COALESCE(u.cache_write_premium_usd, 0) END) AS premium,
      SUM((u.cache_read_tokens > 0 AND u.cache_read_saved_usd IS NULL) OR (u.cache_write_tokens > 0 AND u.cache_write_premium_usd IS NULL)) AS unknown
    FROM b CROSS JOIN usage u ON u.time_ms >= b.s AND u.time_ms < b.e
    GROUP BY b.i, u.${column} ORDER BY b.i, u.${column}`;
  return { sql, params };
}
