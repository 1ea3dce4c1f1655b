// Health history in SQLite: every check and request outcome per provider, and every failover,
// shared by all windows and the CLI; queries over the last 24 h / 7 days (p50 / p95 latency, error
// rate, outages, failovers) read only that window; bounded by age and count.
import type { HealthHistory, HealthSample } from '../routing/healthMonitor';
import { DEFAULT_HEALTH_THRESHOLDS } from '../routing/healthMonitor';
import type { ProviderId } from '../types';
import { DEFAULT_HEALTH_RETENTION_DAYS } from './retention';
import { readMeta, writeMeta } from './schema';
import { num, str } from './sqlite';
import type { SqlRow, SqliteStatement } from './sqlite';
import type { StoreDatabase } from './storeDatabase';

export interface FailoverEvent {
  at: number;
  from: ProviderId;
  to: ProviderId;
  reason: string;
}

/** A run of consecutive failures long enough to call the provider down. */
export interface Outage {
  start: number;
  /** The first successful sample after it; absent while it lasts. */
  end?: number;
  failures: number;
}

export interface HealthSummary {
  provider: ProviderId;
  since: number;
  samples: number;
  errorRate: number;
  /** Of successful samples, nearest rank (as the live monitor computes it). */
  p50Ms?: number;
  p95Ms?: number;
  errorsByType: Record<string, number>;
  outages: Outage[];
  failoversFrom: number;
  failoversTo: number;
}

/** One time bucket of one provider's samples: what the health charts draw. */
export interface HealthBucket {
  start: number;
  end: number;
  samples: number;
  errors: number;
  /** Of successful samples in the bucket (nearest rank); absent when none succeeded. */
  p50Ms?: number;
  p95Ms?: number;
}

/** Both providers' health over a window, bucketed, with outages and failovers. */
export interface HealthTimeline {
  since: number;
  until: number;
  bucketMs: number;
  providers: Record<ProviderId, { buckets: HealthBucket[]; outages: Outage[]; samples: number; errors: number; p50Ms?: number; p95Ms?: number }>;
  failovers: FailoverEvent[];
}

export interface HealthHistoryOptions {
  /** Samples and failovers older than this many days are pruned (default 30). */
  retentionDays?: number;
  /** At most this many samples per provider (default 50,000). */
  maxSamplesPerProvider?: number;
  /** Consecutive failures that make an outage (default: the monitor's `downConsecutiveFailures`). */
  outageFailures?: number;
  now?: () => number;
}

const DAY = 86_400_000;
const IMPORT_MARK = 'import.health-history';
const PROVIDERS: readonly ProviderId[] = ['anthropic', 'bedrock'];

export class HealthHistoryStore {
  private retentionMs: number;
  private readonly maxPerProvider: number;
  private readonly outageFailures: number;
  private readonly now: () => number;
  private writes = 0;

  constructor(private readonly db: StoreDatabase, options: HealthHistoryOptions = {}) {
    this.retentionMs = retentionMsOf(options.retentionDays);
    this.maxPerProvider = Math.max(100, options.maxSamplesPerProvider ?? 50_000);
    this.outageFailures = Math.max(1, options.outageFailures ?? DEFAULT_HEALTH_THRESHOLDS.downConsecutiveFailures);
    this.now = options.now ?? Date.now;
  }

  /** Days of history kept (the configuration's `retention.healthDays`). */
  get retentionDays(): number {
    return this.retentionMs / DAY;
  }

  /** Changes the retention (a new configuration); the next prune applies it. */
  setRetentionDays(days: number | undefined): void {
    this.retentionMs = retentionMsOf(days);
  }

  async record(provider: ProviderId, sample: HealthSample): Promise<void> {
    this.db.write('record a health sample', (db) => {
      db.prepare('INSERT INTO health_samples (provider, at, source, ok, latency_ms, error_type, message) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(provider, sample.at, sample.source, sample.ok ? 1 : 0, sample.latencyMs, sample.errorType ?? null, sample.message?.slice(0, 500) ?? null);
    });
    if (++this.writes % 500 === 0) {
      try {
        this.prune();
      } catch {
        // The sample is in; pruning is tried again later (and at every open).
      }
    }
  }

  async recordFailover(event: FailoverEvent): Promise<void> {
    this.db.write('record a failover', (db) => {
      db.prepare('INSERT INTO failover_events (at, from_provider, to_provider, reason) VALUES (?, ?, ?, ?)').run(event.at, event.from, event.to, event.reason.slice(0, 500));
    });
  }

  /**
   * One-time import of a history in the monitor's format (what the extension kept in its global
   * state before the store); malformed samples are skipped. Returns how many were added, 0 when
   * it was imported before (by any window).
   */
  async importOnce(history: unknown): Promise<number> {
    const h = history as Partial<HealthHistory> | null | undefined;
    const lists = typeof h === 'object' && h !== null && h.version === 1 && typeof h.samples === 'object' && h.samples !== null ? h.samples : {};
    return this.db.write('import health history', (db) => {
      if (readMeta(db, IMPORT_MARK) !== undefined) return 0;
      let n = 0;
      for (const p of PROVIDERS) {
        const list: unknown = lists[p];
        if (!Array.isArray(list)) continue;
        for (const s of list as Array<Partial<HealthSample>>) {
          if (typeof s?.at !== 'number' || typeof s.ok !== 'boolean' || typeof s.latencyMs !== 'number' || (s.source !== 'check' && s.source !== 'request')) continue;
          db.prepare('INSERT INTO health_samples (provider, at, source, ok, latency_ms, error_type, message) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(p, s.at, s.source, s.ok ? 1 : 0, s.latencyMs, typeof s.errorType === 'string' ? s.errorType : null, typeof s.message === 'string' ? s.message.slice(0, 500) : null);
          n++;
        }
      }
      writeMeta(db, IMPORT_MARK, new Date().toISOString());
      return n;
    });
  }

  /** The newest samples per provider in the live monitor's format (`HealthMonitor.restore`). */
  async recent(perProvider = 200): Promise<HealthHistory> {
    return this.db.read('read health history', (db) => {
      const samples: HealthHistory['samples'] = {};
      for (const p of PROVIDERS) {
        const rows = db.prepare('SELECT at, source, ok, latency_ms, error_type, message FROM health_samples WHERE provider = ? ORDER BY at DESC, id DESC LIMIT ?').all(p, perProvider);
        if (rows.length) samples[p] = rows.reverse().map((r) => sampleOf(r));
      }
      return { version: 1, samples };
    });
  }

  async failovers(since: number = this.now() - DAY): Promise<FailoverEvent[]> {
    return this.db.read('read failovers', (db) => db.prepare('SELECT at, from_provider, to_provider, reason FROM failover_events WHERE at >= ? ORDER BY at, id').all(since)
      .map((r) => ({ at: num(r.at), from: str(r.from_provider) as ProviderId, to: str(r.to_provider) as ProviderId, reason: str(r.reason) })));
  }

  async last24h(provider: ProviderId): Promise<HealthSummary> {
    return this.summary(provider, this.now() - DAY);
  }

  async last7d(provider: ProviderId): Promise<HealthSummary> {
    return this.summary(provider, this.now() - 7 * DAY);
  }

  /**
   * Both providers' samples from `since` to `until` in buckets of `bucketMs` (p50 / p95 of the
   * successful ones, errors), their outages and the failovers: one range read over the time index.
   */
  async timeline(since: number, bucketMs: number, until: number = this.now()): Promise<HealthTimeline> {
    return (await this.timelines([{ since, bucketMs }], until))[0]!;
  }

  /** Several windows ending at `until` (the last 24 h, the last 7 days) from ONE read of the widest. */
  async timelines(windows: ReadonlyArray<{ since: number; bucketMs: number }>, until: number = this.now()): Promise<HealthTimeline[]> {
    if (windows.length === 0) return [];
    const from = Math.min(...windows.map((w) => w.since));
    return this.db.read('chart health history', (db) => {
      const columns = sampleColumns(db.prepare('SELECT provider, at, ok, latency_ms FROM health_samples WHERE at >= ? AND at < ? ORDER BY at, id'), from, until);
      const events = db.prepare('SELECT at, from_provider, to_provider, reason FROM failover_events WHERE at >= ? AND at < ? ORDER BY at, id').all(from, until)
        .map((r) => ({ at: num(r.at), from: str(r.from_provider) as ProviderId, to: str(r.to_provider) as ProviderId, reason: str(r.reason) }));
      return windows.map((w) => this.bucketed(columns, events, w.since, Math.max(1000, w.bucketMs), until));
    });
  }

  private bucketed(columns: Map<ProviderId, SampleColumns>, events: FailoverEvent[], since: number, width: number, until: number): HealthTimeline {
    const count = Math.max(1, Math.ceil((until - since) / width));
    const providers = {} as HealthTimeline['providers'];
    for (const p of PROVIDERS) {
      const c = columns.get(p)!;
      const first = lowerBound(c.at, since);
      const latencies: number[][] = Array.from({ length: count }, () => []);
      const errors = new Array<number>(count).fill(0);
      const samples = new Array<number>(count).fill(0);
      for (let k = first; k < c.at.length; k++) {
        const i = Math.min(count - 1, Math.floor((c.at[k]! - since) / width));
        samples[i]!++;
        if (c.ok[k]) latencies[i]!.push(c.latency[k]!);
        else errors[i]!++;
      }
      const buckets = samples.map((n, i): HealthBucket => {
        const sorted = latencies[i]!.sort((a, b) => a - b);
        return { start: since + i * width, end: Math.min(until, since + (i + 1) * width), samples: n, errors: errors[i]!, ...(sorted.length ? { p50Ms: nearestRank(sorted, 0.5), p95Ms: nearestRank(sorted, 0.95) } : {}) };
      });
      const ok = latencies.flat().sort((a, b) => a - b);
      providers[p] = {
        buckets, outages: this.outagesIn(c, first), samples: c.at.length - first, errors: errors.reduce((a, b) => a + b, 0),
        ...(ok.length ? { p50Ms: nearestRank(ok, 0.5), p95Ms: nearestRank(ok, 0.95) } : {}),
      };
    }
    return { since, until, bucketMs: width, providers, failovers: events.filter((f) => f.at >= since) };
  }

  /** Runs of at least `outageFailures` consecutive failures among the samples from index `first` (the same rule as `outagesOf`). */
  private outagesIn(c: SampleColumns, first: number): Outage[] {
    const outages: Outage[] = [];
    let start = -1;
    let failures = 0;
    for (let k = first; k < c.at.length; k++) {
      if (c.ok[k]) {
        if (failures >= this.outageFailures) outages.push({ start, failures, end: c.at[k]! });
        failures = 0;
        continue;
      }
      if (failures++ === 0) start = c.at[k]!;
    }
    if (failures >= this.outageFailures) outages.push({ start, failures });
    return outages;
  }

  /** Runs of at least `outageFailures` consecutive failures, and the failures by type (rows in time order). */
  private outagesOf(rows: readonly SqlRow[]): { outages: Outage[]; errorsByType: Record<string, number> } {
    const errorsByType: Record<string, number> = {};
    const outages: Outage[] = [];
    let run: Outage | undefined;
    for (const r of rows) {
      if (num(r.ok) === 1) {
        if (run && run.failures >= this.outageFailures) outages.push({ ...run, end: num(r.at) });
        run = undefined;
        continue;
      }
      const type = str(r.error_type) || 'unknown';
      errorsByType[type] = (errorsByType[type] ?? 0) + 1;
      run = run ? { ...run, failures: run.failures + 1 } : { start: num(r.at), failures: 1 };
    }
    if (run && run.failures >= this.outageFailures) outages.push(run);
    return { outages, errorsByType };
  }

  /** Latency, error rate, errors by type, outages and failovers of one provider since `since`. */
  async summary(provider: ProviderId, since: number): Promise<HealthSummary> {
    return this.db.read('summarize health history', (db) => {
      const rows = db.prepare('SELECT at, ok, latency_ms, error_type FROM health_samples WHERE provider = ? AND at >= ? ORDER BY at, id').all(provider, since);
      const ok = rows.filter((r) => num(r.ok) === 1).map((r) => num(r.latency_ms)).sort((a, b) => a - b);
      const { outages, errorsByType } = this.outagesOf(rows);
      const failed = rows.length - ok.length;
      const fo = db.prepare('SELECT SUM(from_provider = ?) AS f, SUM(to_provider = ?) AS t FROM failover_events WHERE at >= ?').get(provider, provider, since);
      return {
        provider, since, samples: rows.length, errorRate: rows.length === 0 ? 0 : failed / rows.length,
        ...(ok.length ? { p50Ms: nearestRank(ok, 0.5), p95Ms: nearestRank(ok, 0.95) } : {}),
        errorsByType, outages, failoversFrom: num(fo?.f), failoversTo: num(fo?.t),
      };
    });
  }

  /** Deletes samples and failovers beyond the retention, and samples beyond the per-provider bound. */
  prune(now: number = this.now()): number {
    return this.db.write('prune health history', (db) => {
      let n = num(db.prepare('DELETE FROM health_samples WHERE at < ?').run(now - this.retentionMs).changes);
      n += num(db.prepare('DELETE FROM failover_events WHERE at < ?').run(now - this.retentionMs).changes);
      for (const p of PROVIDERS) {
        const edge = db.prepare('SELECT id FROM health_samples WHERE provider = ? ORDER BY at DESC, id DESC LIMIT 1 OFFSET ?').get(p, this.maxPerProvider - 1);
        if (edge) n += num(db.prepare('DELETE FROM health_samples WHERE provider = ? AND id < ? AND at <= (SELECT at FROM health_samples WHERE id = ?)').run(p, num(edge.id), num(edge.id)).changes);
      }
      return n;
    });
  }
}

function retentionMsOf(days: number | undefined): number {
  return Math.max(1, days ?? DEFAULT_HEALTH_RETENTION_DAYS) * DAY;
}

function sampleOf(r: Record<string, unknown>): HealthSample {
  const errorType = typeof r.error_type === 'string' ? r.error_type : undefined;
  const message = typeof r.message === 'string' ? r.message : undefined;
  return { at: Number(r.at), source: r.source === 'check' ? 'check' : 'request', ok: Number(r.ok) === 1, latencyMs: Number(r.latency_ms), ...(errorType ? { errorType } : {}), ...(message ? { message } : {}) };
}

/** One provider's samples in time order, a column each (20,000 rows of a week read as arrays, not objects). */
interface SampleColumns {
  at: number[];
  ok: boolean[];
  latency: number[];
}

/** The rows of `SELECT provider, at, ok, latency_ms …` split per provider into columns. */
export function sampleColumns(statement: SqliteStatement, from: number, until: number): Map<ProviderId, SampleColumns> {
  const columns = new Map<ProviderId, SampleColumns>(PROVIDERS.map((p) => [p, { at: [], ok: [], latency: [] }]));
  const add = (provider: unknown, at: unknown, ok: unknown, latency: unknown): void => {
    const c = columns.get(provider as ProviderId);
    if (!c) return;
    c.at.push(Number(at));
    c.ok.push(Number(ok) === 1);
    c.latency.push(Number(latency));
  };
  // Rows as arrays where this Node's node:sqlite can (24; 22.16+): about twice as fast to read.
  if (statement.setReturnArrays) {
    statement.setReturnArrays(true);
    for (const r of statement.all(from, until) as unknown as unknown[][]) add(r[0], r[1], r[2], r[3]);
  } else {
    for (const r of statement.all(from, until)) add(r.provider, r.at, r.ok, r.latency_ms);
  }
  return columns;
}

/** The first index whose time is at or after `at` (times in order). */
function lowerBound(times: readonly number[], at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nearestRank(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
