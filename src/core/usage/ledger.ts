import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { ProviderId } from '../types';
import { costAt, estimateCost, priceFor } from './prices';

/**
 * One recorded request. The store of record is the SQLite ledger (storage/sqliteLedger.ts);
 * the JSONL ledger below is what Switchboard wrote before it, kept to import old files once.
 */
export interface UsageRecord {
  time: string;
  provider: ProviderId;
  /** Logical model name when known (e.g. `sonnet`), else the ID asked for. */
  model: string;
  modelId: string;
  region?: string;
  inputTokens: number;
  outputTokens: number;
  cacheWriteInputTokens: number;
  cacheReadInputTokens: number;
  latencyMs: number;
  timeToFirstTokenMs?: number;
  /** null when the model has no known price ("unknown", never $0). */
  costUsd: number | null;
  /** The part of `costUsd` spent writing the prompt cache (kept apart so it cannot hide). */
  cacheWriteCostUsd?: number | null;
  /** Set when the request's cache writes used the 1-hour TTL (priced at 2× input). */
  cacheWriteTtl?: '1h';
  outcome: 'ok' | 'error' | 'cancelled' | 'partial';
  errorType?: string;
  failover?: { from: ProviderId; to: ProviderId; reason: string } | null;
  cached: boolean;
  /** Who asked: `cli`, `vscode`, `chat`, or the calling extension for VS Code's LM API. */
  surface?: string;
  /** What the prompt-cache reads saved against paying full input price (null = unknown price); computed when absent. */
  cacheReadSavedUsd?: number | null;
}

/**
 * What every consumer of the ledger needs: append a record, read them back. The SQLite ledger
 * (`openLocalStore(...).ledger`) adds queries by month, day, provider, model and surface.
 */
export interface UsageLedger {
  append(record: UsageRecord): Promise<void>;
  readAll(): Promise<UsageRecord[]>;
}

export interface LedgerOptions {
  /** Rotate the active file once it is larger than this (default 5 MiB). */
  maxBytes?: number;
}

const ACTIVE = 'usage.jsonl';

/**
 * The pre-SQLite ledger: one JSON object per line, appended with O_APPEND, rotated by size. It
 * loses records when several processes rotate at once (a stat, then a rename), which is why the
 * store moved to SQLite; it stays for importing old files (storage/legacyImport.ts) and as the
 * baseline in bench/store.ts.
 */
export class JsonlUsageLedger implements UsageLedger {
  private readonly maxBytes: number;

  constructor(private readonly dir: string, options: LedgerOptions = {}) {
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  }

  get activePath(): string {
    return path.join(this.dir, ACTIVE);
  }

  async append(record: UsageRecord): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await this.rotateIfNeeded();
    // After a crash the file may end in a torn line: start on a fresh line so this record is not
    // glued to it (and lost with it). Our own appends always end in a newline, so check once.
    const lead = this.checkedTail ? '' : await this.missingNewline();
    this.checkedTail = true;
    await fs.appendFile(this.activePath, lead + JSON.stringify(record) + '\n', { encoding: 'utf8', flag: 'a' });
  }

  private checkedTail = false;

  private async missingNewline(): Promise<string> {
    let handle: FileHandle | undefined;
    try {
      handle = await fs.open(this.activePath, 'r');
      const { size } = await handle.stat();
      if (size === 0) return '';
      const buf = Buffer.alloc(1);
      await handle.read(buf, 0, 1, size - 1);
      return buf[0] === 0x0a ? '' : '\n';
    } catch {
      return '';
    } finally {
      await handle?.close();
    }
  }

  /** The ledger files, oldest first (rotated files carry their rotation time; the active one is newest). */
  async files(): Promise<string[]> {
    let files: string[];
    try {
      files = (await fs.readdir(this.dir)).filter((f) => /^usage(-\d+)?\.jsonl$/.test(f));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    files.sort((a, b) => (a === ACTIVE ? 1 : b === ACTIVE ? -1 : a.localeCompare(b)));
    return files.map((f) => path.join(this.dir, f));
  }

  /**
   * Every readable record, oldest first; torn or foreign lines are skipped. A file that exists
   * but cannot be read throws (a budget must not take "unreadable" for "nothing spent").
   */
  async readAll(): Promise<UsageRecord[]> {
    const records: UsageRecord[] = [];
    for (const f of await this.files()) {
      const text = await fs.readFile(f, 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return ''; // rotated away between readdir and read
        throw e;
      });
      records.push(...parseLedgerLines(text));
    }
    return records;
  }

  private async rotateIfNeeded(): Promise<void> {
    const size = await fs.stat(this.activePath).then((s) => s.size, () => 0);
    if (size < this.maxBytes) return;
    // Never overwrite an earlier rotation made in the same millisecond.
    const stamp = String(Date.now()).padStart(15, '0');
    for (let n = 0; ; n++) {
      const target = path.join(this.dir, `usage-${stamp}${String(n).padStart(4, '0')}.jsonl`);
      const taken = await fs.stat(target).then(() => true, () => false);
      if (!taken) {
        await fs.rename(this.activePath, target);
        return;
      }
    }
  }
}

/**
 * Deprecated name of the JSONL ledger, so `new UsageLedger(dir)` keeps compiling while the
 * construction sites move to `openLocalStore(home).ledger`; as a type, `UsageLedger` is the
 * interface above, which the SQLite ledger implements.
 */
export const UsageLedger = JsonlUsageLedger;

/** The records of one JSONL ledger file; torn lines (a crash mid-append) and foreign lines are skipped. */
export function parseLedgerLines(text: string): UsageRecord[] {
  const records: UsageRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as UsageRecord;
      if (r && typeof r.time === 'string' && typeof r.provider === 'string') records.push(r);
    } catch {
      // A torn line from a crash mid-append: skip it, keep the rest.
    }
  }
  return records;
}

/** `YYYY-MM` of a date in local time: budgets follow the user's calendar month. */
export function monthKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** Midnight on the first day of the date's month (local time). */
export function startOfMonth(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), 1);
}

/** Cache-write spend of a record: stored since this field exists, recomputed from tokens for older lines. */
export function cacheWriteCostOf(r: UsageRecord): number | null {
  if (r.cacheWriteCostUsd !== undefined) return r.cacheWriteCostUsd;
  if (r.cacheWriteInputTokens === 0) return 0;
  const cost = estimateCost(r.provider, r.modelId, { inputTokens: r.inputTokens, outputTokens: r.outputTokens, cacheReadInputTokens: r.cacheReadInputTokens, cacheWriteInputTokens: r.cacheWriteInputTokens }, { cacheWriteTtl: r.cacheWriteTtl ?? '5m' });
  return cost.breakdown ? cost.breakdown.cacheWrite : null;
}

/**
 * What the prompt-cache reads of a record saved: the same tokens at the full input price minus
 * what was paid for them. Stored since this field exists, else from the price table; null = unknown price.
 */
export function promptCacheSavingsOf(r: UsageRecord): number | null {
  if (r.cacheReadSavedUsd !== undefined) return r.cacheReadSavedUsd;
  if (r.cacheReadInputTokens === 0) return 0;
  const found = priceFor(r.provider, r.modelId);
  if (!found) return null;
  const asRecorded = { inputTokens: r.inputTokens, outputTokens: r.outputTokens, cacheWriteInputTokens: r.cacheWriteInputTokens, cacheReadInputTokens: r.cacheReadInputTokens };
  const ttl = r.cacheWriteTtl ?? '5m';
  const recorded = costAt(found.price, asRecorded, ttl).breakdown;
  // Same prompt size (so the same long-context tier), with the reads billed as plain input.
  const uncached = costAt(found.price, { ...asRecorded, inputTokens: r.inputTokens + r.cacheReadInputTokens, cacheReadInputTokens: 0 }, ttl).breakdown;
  const full = uncached.input - recorded.input;
  const paid = recorded.cacheRead;
  return Math.max(0, full - paid);
}

/**
 * What the prompt-cache writes of a record cost over sending the same tokens as plain input (the
 * write premium: 0.25 × input at the 5-minute TTL, 1 × at 1 hour; none for Nova, whose writes cost
 * input). From the price table, like `promptCacheSavingsOf`; null = unknown price.
 */
export function promptCacheWritePremiumOf(r: UsageRecord): number | null {
  if (r.cacheWriteInputTokens === 0) return 0;
  const found = priceFor(r.provider, r.modelId);
  if (!found) return null;
  const asRecorded = { inputTokens: r.inputTokens, outputTokens: r.outputTokens, cacheWriteInputTokens: r.cacheWriteInputTokens, cacheReadInputTokens: r.cacheReadInputTokens };
  const ttl = r.cacheWriteTtl ?? '5m';
  const recorded = costAt(found.price, asRecorded, ttl).breakdown;
  // Same prompt size (so the same long-context tier), with the writes billed as plain input.
  const uncached = costAt(found.price, { ...asRecorded, inputTokens: r.inputTokens + r.cacheWriteInputTokens, cacheWriteInputTokens: 0 }, ttl).breakdown;
  return Math.max(0, recorded.cacheWrite - (uncached.input - recorded.input));
}

export type UsageGrouping = 'provider' | 'model' | 'day' | 'month' | 'surface';

/**
 * The local calendar day of a record (`YYYY-MM-DD`, this process's time zone): the one day key of
 * every daily view — the dashboard's charts, `switchboard usage --by day`, the store's `daily()`.
 */
export function dayKey(r: Pick<UsageRecord, 'time'>): string {
  const d = new Date(r.time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The group a record falls in: one definition for the in-memory summary and the SQL ledger. */
export function groupKey(r: UsageRecord, by: UsageGrouping): string {
  switch (by) {
    case 'provider': return r.provider;
    case 'model': return r.modelId;
    case 'month': return monthKey(new Date(r.time));
    case 'day': return dayKey(r);
    case 'surface': return r.surface ?? '';
  }
}

export interface UsageSummary {
  totalCostUsd: number;
  /** Part of totalCostUsd spent on prompt-cache writes. */
  cacheWriteCostUsd: number;
  /** Requests whose model had no known price (their cost is not in the total). */
  unpricedRequests: number;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteInputTokens: number;
  cacheReadInputTokens: number;
  breakdown: Array<{ key: string; requests: number; costUsd: number; cacheWriteCostUsd: number; unpricedRequests: number; inputTokens: number; outputTokens: number; cacheWriteInputTokens: number; cacheReadInputTokens: number }>;
}

export function summarizeUsage(records: UsageRecord[], options: { since?: Date; until?: Date; by?: UsageGrouping } = {}): UsageSummary {
  const by = options.by ?? 'provider';
  const since = options.since?.getTime();
  const until = options.until?.getTime();
  const groups = new Map<string, UsageSummary['breakdown'][number]>();
  const total: UsageSummary = { totalCostUsd: 0, cacheWriteCostUsd: 0, unpricedRequests: 0, requests: 0, inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, breakdown: [] };
  for (const r of records) {
    if (since !== undefined && Date.parse(r.time) < since) continue;
    if (until !== undefined && Date.parse(r.time) >= until) continue;
    const key = groupKey(r, by);
    const g = groups.get(key) ?? { key, requests: 0, costUsd: 0, cacheWriteCostUsd: 0, unpricedRequests: 0, inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0 };
    groups.set(key, g);
    for (const t of [total, g]) {
      t.requests += 1;
      t.inputTokens += r.inputTokens;
      t.outputTokens += r.outputTokens;
      t.cacheWriteInputTokens += r.cacheWriteInputTokens;
      t.cacheReadInputTokens += r.cacheReadInputTokens;
    }
    if (r.costUsd === null) {
      total.unpricedRequests += 1;
      g.unpricedRequests += 1;
    } else {
      total.totalCostUsd += r.costUsd;
      g.costUsd += r.costUsd;
      const cw = cacheWriteCostOf(r) ?? 0;
      total.cacheWriteCostUsd += cw;
      g.cacheWriteCostUsd += cw;
    }
  }
  total.breakdown = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  return total;
}

/** This calendar month (local time) of `now`, with the breakdown `by`. */
export function summarizeMonth(records: UsageRecord[], now: Date = new Date(), by: UsageGrouping = 'provider'): UsageSummary {
  const start = startOfMonth(now);
  return summarizeUsage(records, { since: start, until: new Date(start.getFullYear(), start.getMonth() + 1, 1), by });
}
