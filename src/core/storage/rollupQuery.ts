// Sums per time bucket from the usage roll-up (rollupSchema.ts), exact for any buckets the reader
// asks for — its own local days, a clipped range, a month:
//
//   - a roll-up row whose span [day_start, day_end) lies inside one bucket is that bucket's (every
//     record behind it is in the span);
//   - a bucket that some roll-up row straddles (the row was written in another time zone, or is
//     an older Switchboard's UTC hour across a half-hour zone's midnight, or the bucket is a cut
//     day) is summed from its raw rows instead, through the time index — the roll-up rows inside
//     it are then left out, so nothing counts twice.
//
// In the usual case (one time zone, whole days) no raw row is read: a month is a few hundred to a
// few thousand roll-up rows whatever the number of records.
import { flagsFromBits } from '../usage/usageAggregate';
import type { UsageAggregate } from '../usage/usageAggregate';
import type { ProviderId } from '../types';
import type { MonthToDate } from '../usage/budget';
import type { UsageGrouping, UsageSummary } from '../usage/ledger';
import { monthKey } from '../usage/ledger';
import type { SqlRow, SqlValue, SqliteDatabase } from './sqlite';
import { num, str } from './sqlite';
import { MAX_SPAN_MS, SUM_COLUMNS, flagsSql, sumTerms } from './rollupSchema';
import { dayBuckets, localDayOf } from './usageSeries';
import type { TimeBucket, UsageCubeRow } from './usageSeries';

export interface RollupFilter {
  provider?: string;
  /** The model ID as recorded. */
  modelId?: string;
  surface?: string;
}

/**
 * Which dimensions a reader needs (default: all). The rest are summed away in SQL, so a month-to-date
 * reads about two rows a day, not one per model, surface and flag set. A dimension left out reads `''`.
 */
export interface RollupKeep {
  provider?: boolean;
  model?: boolean;
  surface?: boolean;
  /** `priced`: only whether the cost is known (bit 0); `all` (default): every advice flag. */
  flags?: 'all' | 'priced';
}

export interface RollupQuery {
  filter?: RollupFilter;
  keep?: RollupKeep;
}

/** The sums of one bucket, provider, model, surface and set of advice flags. */
export interface RollupRow {
  /** Index into the buckets asked for. */
  bucket: number;
  provider: string;
  modelId: string;
  surface: string;
  /** `flagBits` of usage/usageAggregate.ts. */
  flags: number;
  requests: number;
  costUsd: number;
  cacheWriteCostUsd: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteInputTokens: number;
  cacheReadInputTokens: number;
  cacheReadSavedUsd: number;
  cacheWritePremiumUsd: number;
  unknownCacheRequests: number;
  movableTokens: number;
}

/** How a `rollupRows` call was answered (the tests read it). */
export interface RollupReadStats {
  /** Roll-up rows read. */
  rollupRows: number;
  /** Buckets summed from the raw usage rows. */
  rawBuckets: number;
}

/** Sums per bucket (sorted by start, not overlapping), provider, model, surface and flags; `stats` is filled in when given. */
export function rollupRows(db: SqliteDatabase, buckets: readonly TimeBucket[], query: RollupQuery = {}, stats?: RollupReadStats): RollupRow[] {
  if (buckets.length === 0) return [];
  const lo = buckets[0]!.start;
  const hi = buckets[buckets.length - 1]!.end;
  const read = rollupStatement(lo, hi, query);
  const stored = db.prepare(read.sql).all(...read.params);
  const raw = new Set<number>();
  const inside: Array<[number, SqlRow]> = [];
  for (const r of stored) {
    const s = num(r.day_start);
    const e = num(r.day_end);
    const i = bucketAt(buckets, s);
    if (i >= 0 && e <= buckets[i]!.end) {
      inside.push([i, r]);
      continue;
    }
    for (let j = Math.max(0, i); j < buckets.length && buckets[j]!.start < e; j++) if (buckets[j]!.end > s) raw.add(j);
  }
  if (stats) {
    stats.rollupRows = stored.length;
    stats.rawBuckets = raw.size;
  }
  const out = inside.filter(([i]) => !raw.has(i)).map(([i, r]) => rowOf(i, r));
  if (raw.size > 0) {
    out.push(...rawRows(db, [...raw].sort((a, b) => a - b).map((i) => [i, buckets[i]!] as const), query));
  }
  return out;
}

/** The index of the bucket `t` is in, or −1 (before, between or after the buckets). */
function bucketAt(buckets: readonly TimeBucket[], t: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (buckets[mid]!.start <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && t < buckets[found]!.end ? found : -1;
}

/** The dimensions kept (as `provider`, `model_id`, `surface`, `flags`) and what to group them by, for rows aliased `prefix`. */
function dimensions(keep: RollupKeep, prefix: string, flags: string): { select: string; group: string[] } {
  const columns = [['provider', keep.provider], ['model_id', keep.model], ['surface', keep.surface]] as const;
  const flagExpr = keep.flags === 'priced' ? `(${flags}) & 1` : flags;
  return {
    select: [...columns.map(([c, k]) => (k === false ? `'' AS ${c}` : `${prefix}${c} AS ${c}`)), `${flagExpr} AS flags`].join(', '),
    group: [...columns.filter(([, k]) => k !== false).map(([c]) => `${prefix}${c}`), flagExpr],
  };
}

/** The roll-up rows that may overlap [lo, hi), summed over the dimensions not kept: one range search of its primary key (exported for a test of the query plan). */
export function rollupStatement(lo: number, hi: number, query: RollupQuery = {}): { sql: string; params: SqlValue[] } {
  const where = filterSql(query.filter ?? {}, '');
  const d = dimensions(query.keep ?? {}, '', 'flags');
  return {
    sql: `SELECT day_start, day_end, ${d.select}, ${SUM_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ')} FROM usage_rollup
      WHERE day_start >= ? AND day_start < ? AND day_end > ?${where.sql} GROUP BY day_start, day_end, ${d.group.join(', ')}`,
    params: [lo - MAX_SPAN_MS, hi, lo, ...where.params],
  };
}

/** The same sums straight from the usage rows of some buckets (one range search of the time index each). */
function rawRows(db: SqliteDatabase, buckets: ReadonlyArray<readonly [number, TimeBucket]>, query: RollupQuery): RollupRow[] {
  const { sql, params } = rawStatement(buckets, query);
  return db.prepare(sql).all(...params).map((r) => rowOf(num(r.bucket), r));
}

/** The statement behind `rawRows` (exported for a test of the query plan). */
export function rawStatement(buckets: ReadonlyArray<readonly [number, TimeBucket]>, query: RollupQuery = {}): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [];
  const values = buckets.map(([i, b]) => {
    params.push(i, b.start, b.end);
    return '(?, ?, ?)';
  });
  const where = filterSql(query.filter ?? {}, 'u.');
  const d = dimensions(query.keep ?? {}, 'u.', flagsSql('u'));
  // CROSS JOIN keeps the buckets outside: each row is read once, found through usage_by_time.
  const sql = `WITH b(i, s, e) AS (VALUES ${values.join(', ')})
    SELECT b.i AS bucket, ${d.select}, ${sumTerms('u').map(([c, t]) => `SUM(${t}) AS ${c}`).join(', ')}
    FROM b CROSS JOIN usage u ON u.time_ms >= b.s AND u.time_ms < b.e${where.sql}
    GROUP BY b.i, ${d.group.join(', ')}`;
  return { sql, params: [...params, ...where.params] };
}

function filterSql(f: RollupFilter, prefix: string): { sql: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  for (const [column, value] of [['provider', f.provider], ['model_id', f.modelId], ['surface', f.surface]] as const) {
    if (value === undefined) continue;
    clauses.push(`${prefix}${column} = ?`);
    params.push(value);
  }
  return { sql: clauses.map((c) => ` AND ${c}`).join(''), params };
}

function rowOf(bucket: number, r: SqlRow): RollupRow {
  return {
    bucket, provider: str(r.provider), modelId: str(r.model_id), surface: str(r.surface), flags: num(r.flags),
    requests: num(r.requests), costUsd: num(r.cost), cacheWriteCostUsd: num(r.cw_cost), inputTokens: num(r.input), outputTokens: num(r.output),
    cacheWriteInputTokens: num(r.cwt), cacheReadInputTokens: num(r.crt), cacheReadSavedUsd: num(r.saved), cacheWritePremiumUsd: num(r.premium),
    unknownCacheRequests: num(r.unknown), movableTokens: num(r.movable),
  };
}

/** Per bucket, provider, model and surface (what the charts draw); savings and write costs of priced requests only. */
export function cubeOf(rows: readonly RollupRow[]): UsageCubeRow[] {
  const groups = new Map<string, UsageCubeRow>();
  for (const r of rows) {
    const id = `${r.bucket}\u0000${r.provider}\u0000${r.modelId}\u0000${r.surface}`;
    let g = groups.get(id);
    if (!g) {
      g = { bucket: r.bucket, provider: r.provider, modelId: r.modelId, surface: r.surface, requests: 0, costUsd: 0, unpricedRequests: 0, cacheWriteCostUsd: 0,
        inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, cacheReadSavedUsd: 0, cacheWritePremiumUsd: 0, unpricedCacheRequests: 0 };
      groups.set(id, g);
    }
    const priced = (r.flags & 1) !== 0;
    g.requests += r.requests;
    g.costUsd += r.costUsd;
    if (!priced) g.unpricedRequests += r.requests;
    else {
      g.cacheWriteCostUsd += r.cacheWriteCostUsd;
      g.cacheReadSavedUsd += r.cacheReadSavedUsd;
      g.cacheWritePremiumUsd += r.cacheWritePremiumUsd;
    }
    g.inputTokens += r.inputTokens;
    g.outputTokens += r.outputTokens;
    g.cacheWriteInputTokens += r.cacheWriteInputTokens;
    g.cacheReadInputTokens += r.cacheReadInputTokens;
    g.unpricedCacheRequests += r.unknownCacheRequests;
  }
  return [...groups.values()].sort((a, b) => a.bucket - b.bucket || cmp(a.provider, b.provider) || cmp(a.modelId, b.modelId) || cmp(a.surface, b.surface));
}

/** Per model and flags, every bucket together: what the cost comparison and the advice read. */
export function aggregatesOf(rows: readonly RollupRow[]): UsageAggregate[] {
  const groups = new Map<string, UsageAggregate>();
  for (const r of rows) {
    const id = `${r.provider}\u0000${r.modelId}\u0000${r.flags}`;
    let g = groups.get(id);
    if (!g) {
      g = { provider: r.provider as ProviderId, modelId: r.modelId, ...flagsFromBits(r.flags), requests: 0, costUsd: 0, cacheWriteCostUsd: 0, inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, movableTokens: 0 };
      groups.set(id, g);
    }
    g.requests += r.requests;
    g.costUsd += r.costUsd;
    g.cacheWriteCostUsd += r.cacheWriteCostUsd;
    g.inputTokens += r.inputTokens;
    g.outputTokens += r.outputTokens;
    g.cacheWriteInputTokens += r.cacheWriteInputTokens;
    g.cacheReadInputTokens += r.cacheReadInputTokens;
    g.movableTokens += r.movableTokens;
  }
  return [...groups.values()].sort((a, b) => cmp(a.provider, b.provider) || cmp(a.modelId, b.modelId) || a.requests - b.requests);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A `UsageSummary` (as `summarizeUsage` gives) of roll-up rows, grouped by `keyOf`; cache-write spend of priced requests only. */
export function summaryOf(rows: readonly RollupRow[], keyOf: (r: RollupRow) => string): UsageSummary {
  const groups = new Map<string, UsageSummary['breakdown'][number]>();
  for (const r of rows) {
    const key = keyOf(r);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, requests: 0, costUsd: 0, cacheWriteCostUsd: 0, unpricedRequests: 0, inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0 }));
    g.requests += r.requests;
    g.costUsd += r.costUsd;
    if (r.flags & 1) g.cacheWriteCostUsd += r.cacheWriteCostUsd;
    else g.unpricedRequests += r.requests;
    g.inputTokens += r.inputTokens;
    g.outputTokens += r.outputTokens;
    g.cacheWriteInputTokens += r.cacheWriteInputTokens;
    g.cacheReadInputTokens += r.cacheReadInputTokens;
  }
  const breakdown = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  const total: UsageSummary = { totalCostUsd: 0, cacheWriteCostUsd: 0, unpricedRequests: 0, requests: 0, inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, breakdown };
  for (const b of breakdown) {
    total.totalCostUsd += b.costUsd;
    for (const k of ['cacheWriteCostUsd', 'unpricedRequests', 'requests', 'inputTokens', 'outputTokens', 'cacheWriteInputTokens', 'cacheReadInputTokens'] as const) total[k] += b[k];
  }
  return total;
}

/** The month-to-date of the roll-up rows of `now`'s month (one definition: the budget and every report read it). */
export function monthToDateOf(rows: readonly RollupRow[], now: Date): MonthToDate {
  const m = { month: monthKey(now), usd: 0, cacheWriteUsd: 0, requests: 0, unpriced: 0 };
  for (const r of rows) {
    m.requests += r.requests;
    m.usd += r.costUsd;
    m.cacheWriteUsd += r.cacheWriteCostUsd;
    if ((r.flags & 1) === 0) m.unpriced += r.requests;
  }
  return m;
}

/** The local days of the query's range; without one, of the ledger's span (two lookups of the time index). */
export function windowBuckets(db: SqliteDatabase, q: { since?: Date; until?: Date }): TimeBucket[] {
  if (q.since && q.until) return dayBuckets(q.since.getTime(), q.until.getTime());
  const span = db.prepare('SELECT MIN(time_ms) AS lo, MAX(time_ms) AS hi FROM usage').get();
  if (span?.lo === null || span?.lo === undefined) return [];
  // An open side ends on a whole local day (nothing lies beyond the first or last record): no day is cut.
  const lo = num(span.lo);
  const hi = num(span.hi);
  return dayBuckets(q.since?.getTime() ?? localDayOf(lo)?.start ?? lo, q.until?.getTime() ?? localDayOf(hi)?.end ?? hi + 1);
}

/** The group of a roll-up row: its provider, model or surface, or its bucket's local day or month. */
export function groupOf(r: Pick<RollupRow, 'bucket' | 'provider' | 'modelId' | 'surface'>, by: UsageGrouping, buckets: readonly TimeBucket[]): string {
  switch (by) {
    case 'provider': return r.provider;
    case 'model': return r.modelId;
    case 'surface': return r.surface;
    case 'day': return buckets[r.bucket]!.label;
    case 'month': return buckets[r.bucket]!.label.slice(0, 7);
  }
}
