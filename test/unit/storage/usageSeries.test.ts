import * as assert from 'node:assert/strict';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { openDatabase } from '../../../src/core/storage/sqlite';
import { rawStatement, rollupStatement } from '../../../src/core/storage/rollupQuery';
import { localDays, monthDays } from '../../../src/core/storage/usageSeries';
import type { SeriesGrouping, SeriesRow } from '../../../src/core/storage/usageSeries';
import type { UsageRecord } from '../../../src/core/usage/ledger';
import { promptCacheSavingsOf, promptCacheWritePremiumOf } from '../../../src/core/usage/ledger';
import { skipWithoutSqlite, tempHome, usageRecord } from './storeTestKit';

const MONTH = new Date(2026, 10, 20, 12); // November 2026, local time

/**
 * A deterministic month of traffic (plus the days around it): providers, models, surfaces, cache
 * reads and writes, some unknown prices; `n` records between Oct 25 and Dec 5 (local time).
 */
function monthOfRecords(n: number): UsageRecord[] {
  let seed = 11;
  const rnd = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const models = [['anthropic', 'claude-sonnet-4-6'], ['anthropic', 'claude-haiku-4-5-20251001'], ['bedrock', 'us.anthropic.claude-sonnet-4-6'], ['bedrock', 'us.amazon.nova-lite-v1:0'], ['bedrock', 'mistral.mistral-large-2407-v1:0']] as const;
  const from = new Date(2026, 9, 25).getTime();
  const to = new Date(2026, 11, 5).getTime();
  return Array.from({ length: n }, (_, i) => {
    const [provider, modelId] = models[Math.floor(rnd() * models.length)]!;
    const unknown = modelId.startsWith('mistral');
    return usageRecord({
      time: new Date(from + Math.floor(rnd() * (to - from))).toISOString(), provider, modelId, model: modelId,
      surface: ['cli', 'chat', 'lm:cline.cline', ''][i % 4], inputTokens: Math.floor(rnd() * 4000), outputTokens: Math.floor(rnd() * 800),
      cacheReadInputTokens: i % 3 ? 0 : Math.floor(rnd() * 30_000), cacheWriteInputTokens: i % 4 ? 0 : 2048, ...(i % 9 === 0 ? { cacheWriteTtl: '1h' as const } : {}),
      costUsd: unknown ? null : Math.round(rnd() * 1e6) / 1e6,
    });
  });
}

/** The same sums in plain TypeScript, bucketed by local calendar day: the reference the SQL must match. */
function expectedSeries(records: readonly UsageRecord[], by: SeriesGrouping, now: Date): Map<string, Omit<SeriesRow, 'bucket' | 'key'>> {
  const days = monthDays(now);
  const out = new Map<string, Omit<SeriesRow, 'bucket' | 'key'>>();
  for (const r of records) {
    const t = Date.parse(r.time);
    const i = days.findIndex((d) => t >= d.start && t < d.end);
    if (i < 0) continue;
    const key = by === 'provider' ? r.provider : by === 'model' ? r.modelId : (r.surface ?? '');
    const id = `${i}|${key}`;
    const row = out.get(id) ?? { requests: 0, costUsd: 0, unpricedRequests: 0, inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, cacheReadSavedUsd: 0, cacheWritePremiumUsd: 0, unpricedCacheRequests: 0 };
    out.set(id, row);
    row.requests++;
    row.inputTokens += r.inputTokens;
    row.outputTokens += r.outputTokens;
    row.cacheWriteInputTokens += r.cacheWriteInputTokens;
    row.cacheReadInputTokens += r.cacheReadInputTokens;
    const saved = promptCacheSavingsOf(r);
    const premium = promptCacheWritePremiumOf(r);
    if (saved === null || premium === null) row.unpricedCacheRequests += (r.cacheReadInputTokens > 0 && saved === null) || (r.cacheWriteInputTokens > 0 && premium === null) ? 1 : 0;
    if (r.costUsd === null) {
      row.unpricedRequests++;
      continue;
    }
    row.costUsd += r.costUsd;
    row.cacheReadSavedUsd += saved ?? 0;
    row.cacheWritePremiumUsd += premium ?? 0;
  }
  return out;
}

function close(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
}

describe('Usage series for the dashboard charts (SQLite)', () => {
  before(function () {
    skipWithoutSqlite(this);
  });
  let home: ReturnType<typeof tempHome>;
  beforeEach(() => (home = tempHome('sb-series-')));
  afterEach(() => home.cleanup());

  for (const by of ['provider', 'model', 'surface'] as SeriesGrouping[]) {
    it(`sums 5,000 records of a month per local day and ${by} exactly as a plain reduction over the same records does`, async () => {
      const store = openLocalStore(home.dir);
      const records = monthOfRecords(5000);
      store.ledger.appendMany(records);
      const rows = await store.ledger.series(monthDays(MONTH), by);
      const expected = expectedSeries(records, by, MONTH);
      assert.equal(rows.length, expected.size, 'one row per day and group that had requests');
      assert.ok(rows.length > 30, `the fixture spreads over the month (${rows.length} rows)`);
      for (const r of rows) {
        const e = expected.get(`${r.bucket}|${r.key}`);
        assert.ok(e, `unexpected row ${r.bucket} ${r.key}`);
        assert.deepEqual([r.requests, r.unpricedRequests, r.inputTokens, r.outputTokens, r.cacheWriteInputTokens, r.cacheReadInputTokens, r.unpricedCacheRequests],
          [e.requests, e.unpricedRequests, e.inputTokens, e.outputTokens, e.cacheWriteInputTokens, e.cacheReadInputTokens, e.unpricedCacheRequests], `${r.bucket} ${r.key}`);
        close(r.costUsd, e.costUsd, `${r.bucket} ${r.key} cost`);
        close(r.cacheReadSavedUsd, e.cacheReadSavedUsd, `${r.bucket} ${r.key} saved`);
        close(r.cacheWritePremiumUsd, e.cacheWritePremiumUsd, `${r.bucket} ${r.key} premium`);
      }
      assert.equal(rows.reduce((n, r) => n + r.requests, 0), records.filter((r) => new Date(r.time).getMonth() === 10).length, 'exactly the records of the local month');
      store.close();
    });
  }

  it('reads a month from the roll-up (a range of its primary key, a few sums a day), not from the usage rows', async () => {
    const store = openLocalStore(home.dir);
    store.ledger.appendMany(monthOfRecords(5000));
    const stats = { rollupRows: 0, rawBuckets: 0 };
    await store.ledger.usageMonth(MONTH, stats);
    assert.equal(stats.rawBuckets, 0, 'no day is summed from the raw rows');
    // 5 models × 4 surfaces × a few flag sets per day, at most: far fewer than the records.
    assert.ok(stats.rollupRows > 30 && stats.rollupRows < 30 * 5 * 4 * 6, `${stats.rollupRows} roll-up rows for the month`);
    const file = store.file;
    store.close();
    const db = openDatabase(file);
    try {
      const days = monthDays(MONTH);
      const read = rollupStatement(days[0]!.start, days.at(-1)!.end, {});
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${read.sql}`).all(...read.params).map((r) => String(r.detail));
      assert.ok(plan.some((d) => /SEARCH usage_rollup USING PRIMARY KEY \(day_start>\? AND day_start<\?\)/.test(d)), plan.join('\n'));
      const raw = rawStatement(days.map((d, i) => [i, d] as const), {});
      const rawPlan = db.prepare(`EXPLAIN QUERY PLAN ${raw.sql}`).all(...raw.params).map((r) => String(r.detail));
      assert.ok(rawPlan.some((d) => /SEARCH u USING (COVERING )?INDEX usage_by_time/.test(d)), rawPlan.join('\n'));
      assert.ok(!rawPlan.some((d) => /^SCAN u\b/.test(d)), rawPlan.join('\n'));
    } finally {
      db.close();
    }
  });

  it('caching savings: reads saved at the input price minus what they cost, writes priced over plain input (5 min, 1 h, Nova)', async () => {
    const store = openLocalStore(home.dir);
    const day = new Date(2026, 10, 3, 12).toISOString();
    // Sonnet 4.6: input $3, cache read $0.30, 5-minute write $3.75 per million tokens.
    await store.ledger.append(usageRecord({ time: day, surface: 'chat', inputTokens: 1000, cacheReadInputTokens: 100_000, cacheWriteInputTokens: 10_000, costUsd: 0.1 }));
    // Haiku 4.5 with the 1-hour TTL: writes at $2 against $1 input.
    await store.ledger.append(usageRecord({ time: day, surface: 'cli', modelId: 'claude-haiku-4-5-20251001', cacheWriteInputTokens: 50_000, cacheWriteTtl: '1h', costUsd: 0.1 }));
    // Nova Lite: writes cost input (no premium), reads 75 % off $0.06.
    await store.ledger.append(usageRecord({ time: day, surface: 'cli', provider: 'bedrock', modelId: 'us.amazon.nova-lite-v1:0', cacheReadInputTokens: 1_000_000, cacheWriteInputTokens: 1_000_000, costUsd: 0.1 }));
    const rows = await store.ledger.series(monthDays(MONTH), 'surface');
    const chat = rows.find((r) => r.key === 'chat')!;
    const cli = rows.find((r) => r.key === 'cli')!;
    close(chat.cacheReadSavedUsd, 0.27, 'sonnet reads: 100k × (3 − 0.3) / 1M');
    close(chat.cacheWritePremiumUsd, 0.0075, 'sonnet writes: 10k × (3.75 − 3) / 1M');
    close(cli.cacheWritePremiumUsd, 0.05, 'haiku 1 h writes: 50k × (2 − 1) / 1M; nova none');
    close(cli.cacheReadSavedUsd, 0.045, 'nova reads: 1M × (0.06 − 0.015) / 1M');
    store.close();
  });

  it('fills in the write premium of rows an older Switchboard wrote without it, once, at open', async () => {
    const store = openLocalStore(home.dir);
    const day = new Date(2026, 10, 3, 12).toISOString();
    store.ledger.appendMany([
      usageRecord({ time: day, cacheWriteInputTokens: 10_000, costUsd: 0.05 }),
      usageRecord({ time: day, cacheWriteInputTokens: 0, costUsd: 0.01 }),
      usageRecord({ time: day, modelId: 'mistral.mistral-large-2407-v1:0', cacheWriteInputTokens: 500, costUsd: null }),
    ]);
    const file = store.file;
    store.close();
    const raw = openDatabase(file);
    raw.exec('UPDATE usage SET cache_write_premium_usd = NULL');
    raw.close();
    const again = openLocalStore(home.dir);
    const rows = await again.ledger.series(monthDays(MONTH), 'provider');
    close(rows[0]!.cacheWritePremiumUsd, 0.0075, 'the premium is back');
    assert.equal(rows[0]!.unpricedCacheRequests, 1, 'the unknown model stays unknown (and is counted as such)');
    assert.equal(again.ledger.fillCacheWritePremiums(), 0, 'nothing left to fill');
    again.close();
  });

  it('local days follow daylight saving time (a 23-hour day in Berlin on 29 March 2026)', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      const days = monthDays(new Date(2026, 2, 10));
      assert.equal(days.length, 31);
      const dst = days.find((d) => d.label === '2026-03-29')!;
      assert.equal(dst.end - dst.start, 23 * 3_600_000);
      assert.deepEqual([days[0]!.label, days[30]!.label], ['2026-03-01', '2026-03-31']);
      assert.equal(new Date(days[0]!.start).getHours(), 0);
      assert.equal(days.every((d, i) => i === 0 || d.start === days[i - 1]!.end), true, 'contiguous');
      assert.equal(localDays(new Date(2026, 2, 30, 15), new Date(2026, 3, 1, 1)).length, 3);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});
