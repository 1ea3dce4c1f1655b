// Usage summed per model and per the few facts about each request that the cost comparison and
// the advice depend on (priced or not, cache-write TTL, long-context tier, short, long enough to
// cache). Every figure of advice.ts is linear in these sums, so the comparison and the advice of a
// month come from a few hundred sums instead of every record: the store keeps the same sums per
// day (storage/rollupSchema.ts), and `aggregateRecords` is the plain reduction they must equal.
import type { ProviderId } from '../types';
import type { UsageRecord } from './ledger';
import { cacheWriteCostOf } from './ledger';

/** "Short" (a haiku candidate): at most this many prompt tokens (input + cache write + cache read) … */
export const SHORT_PROMPT_TOKENS = 2000;
/** … and at most this many output tokens. */
export const SHORT_OUTPUT_TOKENS = 300;
/** Long enough for prompt caching to pay: at least this many prompt tokens (the services' smallest cacheable prompt). */
export const CACHEABLE_PROMPT_TOKENS = 1024;
/** Above this many prompt tokens a model with a long-context tier bills the whole request at it (prices.ts). */
export const LONG_CONTEXT_PROMPT_TOKENS = 200_000;
/** The share of prompt tokens a multi-turn conversation reads from the cache with automatic breakpoints (docs/cost.md). */
export const CACHE_READ_TARGET = 0.7;

/** The facts about one request that decide which figures of the comparison and the advice it counts in. */
export interface AggregateFlags {
  /** Its cost is known (`costUsd` not null). */
  priced: boolean;
  /** Its cache writes used the 1-hour TTL (only when it wrote any). */
  ttl: '5m' | '1h';
  /** Over LONG_CONTEXT_PROMPT_TOKENS prompt tokens. */
  long: boolean;
  /** At most SHORT_PROMPT_TOKENS prompt and SHORT_OUTPUT_TOKENS output tokens. */
  short: boolean;
  /** At least CACHEABLE_PROMPT_TOKENS prompt tokens. */
  cacheable: boolean;
}

/** The sums of every request of one model with the same flags. */
export interface UsageAggregate extends AggregateFlags {
  provider: ProviderId;
  /** The model ID as recorded. */
  modelId: string;
  requests: number;
  /** Known costs only (0 for unpriced aggregates). */
  costUsd: number;
  /** The part of `costUsd` spent on cache writes. */
  cacheWriteCostUsd: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteInputTokens: number;
  cacheReadInputTokens: number;
  /**
   * Input tokens prompt caching could still move to cache reads: per request
   * min(input, max(0, CACHE_READ_TARGET × prompt − cache reads)), summed.
   */
  movableTokens: number;
}

export function promptTokensOf(r: Pick<UsageRecord, 'inputTokens' | 'cacheWriteInputTokens' | 'cacheReadInputTokens'>): number {
  return r.inputTokens + r.cacheWriteInputTokens + r.cacheReadInputTokens;
}

export function flagsOf(r: UsageRecord): AggregateFlags {
  const prompt = promptTokensOf(r);
  return {
    priced: r.costUsd !== null,
    ttl: r.cacheWriteInputTokens > 0 && r.cacheWriteTtl === '1h' ? '1h' : '5m',
    long: prompt > LONG_CONTEXT_PROMPT_TOKENS,
    short: prompt <= SHORT_PROMPT_TOKENS && r.outputTokens <= SHORT_OUTPUT_TOKENS,
    cacheable: prompt >= CACHEABLE_PROMPT_TOKENS,
  };
}

/** One request's `movableTokens`. */
export function movableTokensOf(r: UsageRecord): number {
  return Math.min(r.inputTokens, Math.max(0, CACHE_READ_TARGET * promptTokensOf(r) - r.cacheReadInputTokens));
}

/** The flags as one small integer (bit 0 priced, 1 one-hour TTL, 2 long, 3 short, 4 cacheable): how the store keys them. */
export function flagBits(f: AggregateFlags): number {
  return (f.priced ? 1 : 0) | (f.ttl === '1h' ? 2 : 0) | (f.long ? 4 : 0) | (f.short ? 8 : 0) | (f.cacheable ? 16 : 0);
}

export function flagsFromBits(bits: number): AggregateFlags {
  return { priced: (bits & 1) !== 0, ttl: bits & 2 ? '1h' : '5m', long: (bits & 4) !== 0, short: (bits & 8) !== 0, cacheable: (bits & 16) !== 0 };
}

/** The plain reduction: records summed per model and flags (what the store's daily sums add up to). */
export function aggregateRecords(records: Iterable<UsageRecord>): UsageAggregate[] {
  const groups = new Map<string, UsageAggregate>();
  for (const r of records) {
    const flags = flagsOf(r);
    const id = `${r.provider}\u0000${r.modelId}\u0000${flagBits(flags)}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { provider: r.provider, modelId: r.modelId, ...flags, requests: 0, costUsd: 0, cacheWriteCostUsd: 0, inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, movableTokens: 0 }));
    g.requests += 1;
    g.costUsd += r.costUsd ?? 0;
    g.cacheWriteCostUsd += cacheWriteCostOf(r) ?? 0;
    g.inputTokens += r.inputTokens;
    g.outputTokens += r.outputTokens;
    g.cacheWriteInputTokens += r.cacheWriteInputTokens;
    g.cacheReadInputTokens += r.cacheReadInputTokens;
    g.movableTokens += movableTokensOf(r);
  }
  return [...groups.values()];
}

/** Adds aggregates of the same model and flags together (e.g. the days of a month). */
export function mergeAggregates(rows: Iterable<UsageAggregate>): UsageAggregate[] {
  const groups = new Map<string, UsageAggregate>();
  for (const r of rows) {
    const id = `${r.provider}\u0000${r.modelId}\u0000${flagBits(r)}`;
    const g = groups.get(id);
    if (!g) {
      groups.set(id, { ...r });
      continue;
    }
    for (const k of AGGREGATE_SUMS) g[k] += r[k];
  }
  return [...groups.values()];
}

export const AGGREGATE_SUMS = ['requests', 'costUsd', 'cacheWriteCostUsd', 'inputTokens', 'outputTokens', 'cacheWriteInputTokens', 'cacheReadInputTokens', 'movableTokens'] as const;
