// Time series from the usage ledger for the dashboard's charts: spend, tokens (cache reads and
// writes apart) and prompt-cache savings per bucket (a local calendar day, …) and per provider,
// model or surface — from the roll-up's daily sums (rollupQuery.ts), never a scan of the records.
// Also the one definition of a local calendar day every daily view uses.

import type { SummedUsage } from '../usage/report';

/** A half-open time range [start, end) in epoch milliseconds, with the label a chart's table shows. */
export interface TimeBucket {
  label: string;
  start: number;
  end: number;
}

export type SeriesGrouping = 'provider' | 'model' | 'surface';

/** The sums of one bucket, provider, model and surface: one scan of the month gives every chart and total. */
export interface UsageCubeRow extends SummedUsage {
  /** Index into the buckets asked for. */
  bucket: number;
  /** `''` for records that carry none. */
  surface: string;
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

/**
 * The local calendar day an instant falls in (the same midnights `localDays` gives), or undefined
 * in the odd zone where that construction does not contain it.
 */
export function localDayOf(t: number): TimeBucket | undefined {
  const d = new Date(t);
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
  if (!(start.getTime() <= t && t < end.getTime())) return undefined;
  return { label: isoDate(start), start: start.getTime(), end: end.getTime() };
}

/** The local days of [since, until), the first and last cut to them (a partial day keeps its date as label). */
export function dayBuckets(since: number, until: number): TimeBucket[] {
  if (!(since < until)) return [];
  const days = localDays(new Date(since), new Date(until - 1));
  if (days.length === 0) return [];
  days[0] = { ...days[0]!, start: Math.max(days[0]!.start, since) };
  const last = days.length - 1;
  days[last] = { ...days[last]!, end: Math.min(days[last]!.end, until) };
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
