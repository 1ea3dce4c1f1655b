// The usage ledger in SQLite: one row per request, appended in its own transaction (any number of
// processes and windows at once, nothing lost), and pruned to a retention. Its sums — by local
// day, month, provider, model and surface, the month-to-date the budget checks, the aggregates
// the cost comparison and advice read — come from the roll-up the database keeps beside the rows
// (rollupSchema.ts, rollupQuery.ts): a month is a few hundred sums whatever the number of records.
import type { ProviderId } from '../types';
import type { MonthToDate } from '../usage/budget';
import type { UsageGrouping, UsageLedger, UsageRecord, UsageSummary } from '../usage/ledger';
import { cacheWriteCostOf, monthKey, promptCacheSavingsOf, promptCacheWritePremiumOf, startOfMonth } from '../usage/ledger';
import type { UsageMonth } from '../usage/report';
import type { SqlValue, SqliteDatabase } from './sqlite';
import { inSnapshot, num, str } from './sqlite';
import { DEFAULT_LEDGER_MAX_RECORDS, DEFAULT_LEDGER_RETENTION_DAYS, MIN_LEDGER_RETENTION_DAYS } from './retention';
import { aggregatesOf, cubeOf, groupOf, monthToDateOf, rollupRows, summaryOf, windowBuckets } from './rollupQuery';
import type { RollupFilter, RollupKeep, RollupQuery, RollupReadStats, RollupRow } from './rollupQuery';
import { checkRollup, fillDayBounds } from './rollupSchema';
import type { RollupMismatch } from './rollupSchema';
import type { StoreDatabase } from './storeDatabase';
import { localDayOf, monthDays, seriesOf } from './usageSeries';
import type { SeriesGrouping, SeriesRow, TimeBucket, UsageCubeRow } from './usageSeries';

export interface LedgerRetention {
  /** Rows older than this many days are pruned (default 400: this month and last year's; at least 35). */
  retentionDays?: number;
  /** At most this many rows are kept, the oldest go first (default 200,000: about 120 MB). */
  maxRecords?: number;
  /** Prune once per this many appends of one process, besides once at open (default 1000). */
  pruneEveryAppends?: number;
}

export { DEFAULT_LEDGER_MAX_RECORDS, DEFAULT_LEDGER_RETENTION_DAYS };

export interface LedgerQuery {
  since?: Date;
  until?: Date;
  provider?: ProviderId;
  /** The model ID as recorded (`modelId`). */
  modelId?: string;
  surface?: string;
}

/** One day of one group (provider, model or surface): what the dashboard's charts draw. */
export interface DailyUsage {
  day: string;
  key: string;
  requests: number;
  costUsd: number;
  unpricedRequests: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteInputTokens: number;
  cacheReadInputTokens: number;
  /** What prompt-cache reads saved against the full input price (known prices only). */
  promptCacheSavedUsd: number;
}

const INSERT = `INSERT INTO usage (time_ms, day, month, provider, model, model_id, surface, outcome, cached, input_tokens, output_tokens,
  cache_write_tokens, cache_read_tokens, cost_usd, cache_write_cost_usd, cache_read_saved_usd, cache_write_premium_usd, day_start_ms, day_end_ms, cache_write_ttl)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export class SqliteUsageLedger implements UsageLedger {
  private appendsSincePrune = 0;
  private retentionDaysValue: number;
  private readonly maxRecords: number;
  private readonly pruneEvery: number;

  constructor(private readonly db: StoreDatabase, options: LedgerRetention = {}, private readonly now: () => Date = () => new Date()) {
    this.retentionDaysValue = clampDays(options.retentionDays);
    this.maxRecords = Math.max(1000, options.maxRecords ?? DEFAULT_LEDGER_MAX_RECORDS);
    this.pruneEvery = Math.max(1, options.pruneEveryAppends ?? 1000);
  }

  /** Days of history kept (the configuration's `retention.usageDays`). */
  get retentionDays(): number {
    return this.retentionDaysValue;
  }

  /** Changes the retention (a new configuration); the next prune applies it. */
  setRetentionDays(days: number | undefined): void {
    this.retentionDaysValue = clampDays(days);
  }

  /** One record, one transaction: it is in the ledger when this resolves, or a StorageError says why not. */
  async append(record: UsageRecord): Promise<void> {
    this.db.write('record usage', (db) => insertRecord(db, record));
    if (++this.appendsSincePrune >= this.pruneEvery) {
      try {
        this.prune();
      } catch {
        // The record is in; pruning is tried again after the next batch of appends (and at every open).
      }
    }
  }

  /** Many records in one transaction (imports); invalid ones are skipped and counted. */
  appendMany(records: readonly UsageRecord[], operation = 'import usage'): { added: number; skipped: number } {
    return this.db.write(operation, (db) => insertUsageRecords(db, records));
  }

  async readAll(): Promise<UsageRecord[]> {
    return this.read();
  }

  /** Records matching the query, oldest first. */
  async read(query: LedgerQuery = {}): Promise<UsageRecord[]> {
    const { where, params } = filter(query);
    return this.db.read('read usage', (db) => db.prepare(`SELECT r.record FROM usage JOIN usage_records r USING (id) ${where} ORDER BY time_ms, id`).all(...params).map((r) => JSON.parse(str(r.record)) as UsageRecord));
  }

  /** The records of the calendar month (local time) of `now`: what the usage report and the advice read. */
  async readMonth(now: Date = this.now()): Promise<UsageRecord[]> {
    const start = startOfMonth(now);
    return this.read({ since: start, until: new Date(start.getFullYear(), start.getMonth() + 1, 1) });
  }

  /** The same summary as `summarizeUsage` over the same records (days and months local), from the roll-up. */
  async summarize(query: LedgerQuery & { by?: UsageGrouping } = {}): Promise<UsageSummary> {
    const by = query.by ?? 'provider';
    return this.db.read('summarize usage', (db) => {
      const buckets = windowBuckets(db, query);
      return summaryOf(rollupRows(db, buckets, { filter: rollupFilter(query), keep: keeping(by) }), (r) => groupOf(r, by, buckets));
    });
  }

  /** Per local day and group, for charts: spend, tokens (cache reads / writes apart) and prompt-cache savings. */
  async daily(query: LedgerQuery & { by?: 'provider' | 'model' | 'surface' } = {}): Promise<DailyUsage[]> {
    const by = query.by ?? 'provider';
    const { rows, buckets } = this.db.read('summarize usage', (db) => {
      const window = windowBuckets(db, query);
      return { rows: rollupRows(db, window, { filter: rollupFilter(query), keep: keeping(by) }), buckets: window };
    });
    const days = new Map<string, DailyUsage>();
    for (const r of cubeOf(rows)) {
      const day = buckets[r.bucket]!.label;
      const key = groupOf(r, by, buckets);
      const id = `${day}\u0000${key}`;
      const d = days.get(id) ?? { day, key, requests: 0, costUsd: 0, unpricedRequests: 0, inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, promptCacheSavedUsd: 0 };
      days.set(id, d);
      d.requests += r.requests;
      d.costUsd += r.costUsd;
      d.unpricedRequests += r.unpricedRequests;
      d.inputTokens += r.inputTokens;
      d.outputTokens += r.outputTokens;
      d.cacheWriteInputTokens += r.cacheWriteInputTokens;
      d.cacheReadInputTokens += r.cacheReadInputTokens;
      d.promptCacheSavedUsd += r.cacheReadSavedUsd;
    }
    return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Per bucket (e.g. `monthDays(now)`), provider, model and surface: what the dashboard's usage charts and totals draw. */
  async cube(buckets: readonly TimeBucket[]): Promise<UsageCubeRow[]> {
    return cubeOf(this.rollup(buckets, { keep: { flags: 'priced' } }));
  }

  /** Per bucket and provider, model or surface. */
  async series(buckets: readonly TimeBucket[], by: SeriesGrouping = 'provider'): Promise<SeriesRow[]> {
    return seriesOf(await this.cube(buckets), by);
  }

  /** The roll-up's sums per bucket and the dimensions kept (rollupQuery.ts). */
  rollup(buckets: readonly TimeBucket[], query: RollupQuery = {}, stats?: RollupReadStats): RollupRow[] {
    return this.db.read('sum usage', (db) => rollupRows(db, buckets, query, stats));
  }

  /**
   * The calendar month (local time) of `now` from the roll-up, in one read transaction (one state
   * of the ledger): the month-to-date the budget checks (the same figure `monthToDate` gives), the
   * sums per day, provider, model and surface, and the aggregates the cost comparison and the
   * advice need — what the usage report and the dashboard's Usage tab show.
   */
  async usageMonth(now: Date = this.now(), stats?: RollupReadStats): Promise<Omit<UsageMonth, 'cube'> & { cube: UsageCubeRow[] }> {
    const days = monthDays(now);
    const read = (db: SqliteDatabase, query: RollupQuery): RollupRow[] => {
      const one = { rollupRows: 0, rawBuckets: 0 };
      const rows = rollupRows(db, days, query, one);
      if (stats) {
        stats.rollupRows += one.rollupRows;
        stats.rawBuckets = Math.max(stats.rawBuckets, one.rawBuckets);
      }
      return rows;
    };
    return this.db.read('sum usage', (db) => inSnapshot(db, () => ({
      month: monthKey(now), days,
      monthToDate: monthToDateOf(read(db, { keep: MONTH_TO_DATE }), now),
      cube: cubeOf(read(db, { keep: { flags: 'priced' } })),
      aggregates: aggregatesOf(read(db, { keep: { surface: false } })),
    })));
  }

  /** That the roll-up equals the sums of the rows (a full scan; tests and diagnostics). */
  checkRollup(): RollupMismatch[] {
    return this.db.read('check the usage roll-up', (db) => checkRollup(db));
  }

  /** Gives rows an older Switchboard wrote their local day (in this process's zone), at most `limit` per call; returns how many. */
  fillDayBounds(limit = 5000): number {
    // Almost always nothing to do: a read through the partial index first, no write lock at every open.
    if (!this.db.read('find rows without a local day', (db) => db.prepare('SELECT 1 AS x FROM usage INDEXED BY usage_day_missing WHERE day_start_ms IS NULL LIMIT 1').get())) return 0;
    return this.db.write('fill in local days', (db) => fillDayBounds(db, limit));
  }

  /**
   * Fills in the cache-write premium of rows written before the column existed (or by an older
   * Switchboard), at most `limit` per call, found through a partial index; returns how many.
   * Rows whose model has no known price stay unknown.
   */
  fillCacheWritePremiums(limit = 5000): number {
    return this.db.write('fill in cache-write premiums', (db) => {
      const rows = db.prepare('SELECT u.id, r.record FROM usage u INDEXED BY usage_premium_missing JOIN usage_records r USING (id) WHERE u.cache_write_tokens > 0 AND u.cache_write_premium_usd IS NULL LIMIT ?').all(limit);
      let filled = 0;
      for (const row of rows) {
        let premium: number | null = null;
        try {
          premium = promptCacheWritePremiumOf(JSON.parse(str(row.record)) as UsageRecord);
        } catch {
          premium = null;
        }
        if (premium === null) continue;
        db.prepare('UPDATE usage SET cache_write_premium_usd = ? WHERE id = ?').run(premium, num(row.id));
        filled++;
      }
      return filled;
    });
  }

  /** This calendar month's spend (local time), from the roll-up: what the budget checks. */
  async monthToDate(now: Date = this.now()): Promise<MonthToDate> {
    return monthToDateOf(this.rollup(monthDays(now), { keep: MONTH_TO_DATE }), now);
  }

  async count(query: LedgerQuery = {}): Promise<number> {
    const { where, params } = filter(query);
    return this.db.read('count usage', (db) => num(db.prepare(`SELECT COUNT(*) AS n FROM usage ${where}`).get(...params)?.n));
  }

  /** Deletes rows beyond the retention (age, then count); returns how many went. */
  prune(now: Date = this.now()): number {
    this.appendsSincePrune = 0;
    const cutoff = now.getTime() - this.retentionDaysValue * 86_400_000;
    return this.db.write('prune usage', (db) => {
      const drop = (cond: string, ...params: SqlValue[]): number => {
        db.prepare(`DELETE FROM usage_records WHERE id IN (SELECT id FROM usage WHERE ${cond})`).run(...params);
        return num(db.prepare(`DELETE FROM usage WHERE ${cond}`).run(...params).changes);
      };
      const old = drop('time_ms < ?', cutoff);
      // Ids only grow, so max - min + 1 bounds the count from above in O(log n): the scan for the
      // cut-off row runs only when the bound may be exceeded (not at every open of a big ledger).
      const span = db.prepare('SELECT (SELECT MAX(id) FROM usage) - (SELECT MIN(id) FROM usage) + 1 AS n').get();
      const keepFrom = num(span?.n) > this.maxRecords ? db.prepare('SELECT time_ms, id FROM usage ORDER BY time_ms DESC, id DESC LIMIT 1 OFFSET ?').get(this.maxRecords - 1) : undefined;
      const over = keepFrom ? drop('time_ms < ? OR (time_ms = ? AND id < ?)', num(keepFrom.time_ms), num(keepFrom.time_ms), num(keepFrom.id)) : 0;
      return old + over;
    });
  }

  /** Every row matching the query, oldest first, in batches (exports never hold all history). */
  *rows(query: LedgerQuery = {}, batch = 1000): Generator<UsageRecord[]> {
    const { where, params } = filter(query);
    let after = -1;
    for (;;) {
      const page = this.db.read('export usage', (db) => db.prepare(`SELECT id, r.record FROM usage JOIN usage_records r USING (id) ${where ? `${where} AND` : 'WHERE'} id > ? ORDER BY id LIMIT ?`).all(...params, after, batch));
      if (page.length === 0) return;
      after = num(page[page.length - 1]!.id);
      yield page.map((r) => JSON.parse(str(r.record)) as UsageRecord);
    }
  }
}

/** The budget needs the whole calendar month: never fewer than MIN_LEDGER_RETENTION_DAYS. */
function clampDays(days: number | undefined): number {
  return Math.max(MIN_LEDGER_RETENTION_DAYS, days ?? DEFAULT_LEDGER_RETENTION_DAYS);
}

/** The month-to-date needs only each day's totals, priced and not. */
const MONTH_TO_DATE: RollupKeep = { provider: false, model: false, surface: false, flags: 'priced' };

/** The dimension a summary groups by, and whether each request's cost is known. */
function keeping(by: UsageGrouping): RollupKeep {
  return { provider: by === 'provider', model: by === 'model', surface: by === 'surface', flags: 'priced' };
}

function rollupFilter(q: LedgerQuery): RollupFilter {
  return { ...(q.provider ? { provider: q.provider } : {}), ...(q.modelId ? { modelId: q.modelId } : {}), ...(q.surface !== undefined ? { surface: q.surface } : {}) };
}

function filter(q: LedgerQuery): { where: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, value: SqlValue): void => {
    clauses.push(clause);
    params.push(value);
  };
  if (q.since) add('time_ms >= ?', q.since.getTime());
  if (q.until) add('time_ms < ?', q.until.getTime());
  if (q.provider) add('provider = ?', q.provider);
  if (q.modelId) add('model_id = ?', q.modelId);
  if (q.surface !== undefined) add('surface = ?', q.surface);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const int = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : 0);
const money = (n: number | null | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);

/** A record the ledger can store: a parseable time, a provider, token counts. */
export function isStorableRecord(r: unknown): r is UsageRecord {
  const x = r as Partial<UsageRecord> | null;
  return typeof x === 'object' && x !== null && typeof x.time === 'string' && Number.isFinite(Date.parse(x.time))
    && typeof x.provider === 'string' && typeof x.modelId === 'string';
}

function insertRecord(db: SqliteDatabase, r: UsageRecord): void {
  if (!isStorableRecord(r)) throw new TypeError('not a usage record (needs an ISO time, a provider and a modelId)');
  const time = Date.parse(r.time);
  // The writer's local day: the roll-up's key (a row without one is summed under its UTC hour).
  const day = localDayOf(time);
  const id = db.prepare(INSERT).run(
    time, day?.label ?? r.time.slice(0, 10), monthKey(new Date(time)), r.provider, typeof r.model === 'string' ? r.model : r.modelId, r.modelId, r.surface ?? '',
    typeof r.outcome === 'string' ? r.outcome : 'ok', r.cached ? 1 : 0, int(r.inputTokens), int(r.outputTokens), int(r.cacheWriteInputTokens), int(r.cacheReadInputTokens),
    money(r.costUsd), money(cacheWriteCostOf(r)), money(promptCacheSavingsOf(r)), money(promptCacheWritePremiumOf(r)),
    day?.start ?? null, day?.end ?? null, r.cacheWriteTtl === '1h' && int(r.cacheWriteInputTokens) > 0 ? '1h' : null,
  );
  db.prepare('INSERT INTO usage_records (id, record) VALUES (?, ?)').run(id.lastInsertRowid, JSON.stringify(r));
}

/** Inside a caller's transaction (also the one-time import of the JSONL files). */
export function insertUsageRecords(db: SqliteDatabase, records: readonly UsageRecord[]): { added: number; skipped: number } {
  let added = 0;
  let skipped = 0;
  for (const r of records) {
    if (!isStorableRecord(r)) {
      skipped++;
      continue;
    }
    insertRecord(db, r);
    added++;
  }
  return { added, skipped };
}
