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

/** The sums of one bucket, provider, model and surface: one scan of the month gives every chart and total. */
export interface UsageCubeRow {
  /** Index into the buckets asked for. */
  bucket: number;
  provider: string;
  /** The model ID as sent. */
  modelId: string;
  /** `''` for records that carry none. */
  surface: string;
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
  /** What the cache reads saved against the full input price. */
  cacheReadSavedUsd: number;
  /** What the cache writes cost over plain input. Net caching savings = saved − premium. */
  cacheWritePremiumUsd: number;
  /** Requests with cache tokens whose model has no known price: no saving or premium is claimed for them. */
  unpricedCacheRequests: number;
}

/** One bucket of one group (provider, model or surface). */
export type SeriesRow = Omit<UsageCubeRow, 'provider' | 'modelId' | 'surface' | 'cacheWriteCostUsd'> & { key: string };


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

/** Sums per bucket, provider, model and surface, buckets in order; combinations with no requests are left out. */
export function usageCube(db: SqliteDatabase, buckets: readonly TimeBucket[]): UsageCubeRow[] {
  if (buckets.length === 0) return [];
  const { sql, params } = cubeStatement(buckets);
  return db.prepare(sql).all(...params).map((r) => ({
    bucket: num(r.bucket), provider: str(r.provider), modelId: str(r.model_id), surface: str(r.surface),
    requests: num(r.requests), costUsd: num(r.cost), unpricedRequests: num(r.unpriced), cacheWriteCostUsd: num(r.cw),
    inputTokens: num(r.input), outputTokens: num(r.output), cacheWriteInputTokens: num(r.cwt), cacheReadInputTokens: num(r.crt),
    cacheReadSavedUsd: num(r.saved), cacheWritePremiumUsd: num(r.premium), unpricedCacheRequests: num(r.unknown),
  }));
}

/** The cube summed per bucket and one of its dimensions (what one chart draws), buckets in order, groups by key. */
export function seriesOf(cube: readonly UsageCubeRow[], by: SeriesGrouping): SeriesRow[] {
  const groups = new Map<string, SeriesRow>();
  for (const r of cube) {
    const key = by === 'provider' ? r.provider : by === 'model' ? r.modelId : r.surface;
    const id = `${r.bucket}\u0000${key}`;
    const g = groups.get(id);
    if (!g) {
      const { provider: _p, modelId: _m, surface: _s, cacheWriteCostUsd: _c, ...sums } = r;
      groups.set(id, { ...sums, key });
      continue;
    }
    for (const k of SUMMED) g[k] += r[k];
  }
  return [...groups.values()].sort((a, b) => a.bucket - b.bucket || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const SUMMED = ['requests', 'costUsd', 'unpricedRequests', 'inputTokens', 'outputTokens', 'cacheWriteInputTokens', 'cacheReadInputTokens', 'cacheReadSavedUsd', 'cacheWritePremiumUsd', 'unpricedCacheRequests'] as const;

/** The statement behind `usageCube` (exported so a test can read its query plan). */
export function cubeStatement(buckets: readonly TimeBucket[]): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [];
  // CROSS JOIN keeps the buckets outside: one range search of the time index per bucket, so each
  // row is read once (with the rows outside, every row would be compared with every bucket).
  const values = buckets.map((b, i) => {
    params.push(i, b.start, b.end);
    return '(?, ?, ?)';
  });
  const sql = `WITH b(i, s, e) AS (VALUES ${values.join(', ')})
    SELECT b.i AS bucket, u.provider AS provider, u.model_id AS model_id, u.surface AS surface, COUNT(*) AS requests,
      SUM(COALESCE(u.cost_usd, 0)) AS cost, SUM(u.cost_usd IS NULL) AS unpriced,
      SUM(CASE WHEN u.cost_usd IS NULL THEN 0 ELSE COALESCE(u.cache_write_cost_usd, 0) END) AS cw,
      SUM(u.input_tokens) AS input, SUM(u.output_tokens) AS output, SUM(u.cache_write_tokens) AS cwt, SUM(u.cache_read_tokens) AS crt,
      SUM(CASE WHEN u.cost_usd IS NULL THEN 0 ELSE COALESCE(u.cache_read_saved_usd, 0) END) AS saved,
      SUM(CASE WHEN u.cost_usd IS NULL THEN 0 ELSE COALESCE(u.cache_write_premium_usd, 0) END) AS premium,
      SUM((u.cache_read_tokens > 0 AND u.cache_read_saved_usd IS NULL) OR (u.cache_write_tokens > 0 AND u.cache_write_premium_usd IS NULL)) AS unknown
    FROM b CROSS JOIN usage u ON u.time_ms >= b.s AND u.time_ms < b.e
    GROUP BY b.i, u.provider, u.model_id, u.surface`;
  return { sql, params };
}
