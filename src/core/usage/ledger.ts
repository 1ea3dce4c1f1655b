import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { ProviderId } from '../types';
import { estimateCost } from './prices';

/**
 * The usage ledger: one JSON object per line, appended with O_APPEND.
 *
 * Why plain JSONL and not an embedded database: the extension host runs VS Code's own Node
 * (20 for 1.100), where `node:sqlite` does not exist and native modules (better-sqlite3) must
 * match Electron's ABI per platform — a packaging burden for a few thousand small records a
 * month. A single appended line is written by one write(2) call, so a crash can only tear the
 * LAST line; the reader skips a line that does not parse, and nothing else is lost.
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
  surface?: string;
}

export interface LedgerOptions {
  /** Rotate the active file once it is larger than this (default 5 MiB). */
  maxBytes?: number;
}

const ACTIVE = 'usage.jsonl';

export class UsageLedger {
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

  /** Every readable record, oldest first; torn or foreign lines are skipped. */
  async readAll(): Promise<UsageRecord[]> {
    let files: string[];
    try {
      files = (await fs.readdir(this.dir)).filter((f) => /^usage(-\d+)?\.jsonl$/.test(f));
    } catch {
      return [];
    }
    // Rotated files carry their rotation time; the active one is newest.
    files.sort((a, b) => (a === ACTIVE ? 1 : b === ACTIVE ? -1 : a.localeCompare(b)));
    const records: UsageRecord[] = [];
    for (const f of files) {
      const text = await fs.readFile(path.join(this.dir, f), 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const r = JSON.parse(line) as UsageRecord;
          if (r && typeof r.time === 'string' && typeof r.provider === 'string') records.push(r);
        } catch {
          // A torn line from a crash mid-append: skip it, keep the rest.
        }
      }
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

export type UsageGrouping = 'provider' | 'model' | 'day' | 'month';

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
    const key = by === 'provider' ? r.provider : by === 'model' ? r.modelId : by === 'month' ? monthKey(new Date(r.time)) : r.time.slice(0, 10);
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
