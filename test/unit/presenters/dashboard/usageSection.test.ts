import * as assert from 'node:assert/strict';
import { silentLogger } from '../../../../src/core/logger';
import type { UsageRecord } from '../../../../src/core/usage/ledger';
import { buildUsageReport, usageOverviewOf } from '../../../../src/core/usage/report';
import type { UsageOverview, UsageReport } from '../../../../src/core/usage/report';
import { READ_INTERVAL_MS, UsageSection } from '../../../../src/presenters/dashboard/usageSection';
import { cacheView, usagePart } from '../../../../src/presenters/dashboard/usageView';

const NOW = new Date(2026, 10, 20, 12);
const BUDGET = { monthlyUsd: 1, alertThresholds: [100], hardStop: false };

function record(costUsd: number): UsageRecord {
  // Short Opus requests: the savings advice ("use haiku for short tasks") comes from the records.
  return { time: NOW.toISOString(), provider: 'anthropic', model: 'opus', modelId: 'claude-opus-4-7', inputTokens: 1000, outputTokens: 100, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 1, costUsd, outcome: 'ok', cached: false };
}

function overviewOf(records: UsageRecord[]): UsageOverview {
  const usd = records.reduce((n, r) => n + (r.costUsd ?? 0), 0);
  const rows = records.map((r) => ({ provider: r.provider, modelId: r.modelId, requests: 1, costUsd: r.costUsd ?? 0, unpricedRequests: 0, cacheWriteCostUsd: 0, inputTokens: r.inputTokens, outputTokens: r.outputTokens, cacheWriteInputTokens: 0, cacheReadInputTokens: 0 }));
  return usageOverviewOf(rows, { month: '2026-11', usd, cacheWriteUsd: 0, requests: records.length, unpriced: 0 }, { now: NOW, budget: BUDGET });
}

describe('Usage tab host side: totals first, the records\' comparison and advice after', () => {
  it('paints from the SQL overview at once, reads the records once per ledger state, and refreshes when they are in', async () => {
    let records = Array.from({ length: 200 }, () => record(0.0075));
    let reads = 0;
    let release: (() => void) | undefined;
    let refreshed = 0;
    let clock = 1_000_000;
    const section = new UsageSection({
      usage: async () => ({ overview: overviewOf(records) }),
      usageReport: async (): Promise<UsageReport> => {
        reads++;
        await new Promise<void>((r) => (release = r));
        return buildUsageReport(records, { now: NOW, budget: BUDGET });
      },
      clearCache: async () => undefined,
      showUsage: async () => undefined,
    }, { refresh: async () => void refreshed++, logger: silentLogger, now: () => clock, show: () => undefined });

    const first = usagePart(await section.input()).usage!;
    assert.equal(first.pending, true);
    assert.equal(first.advice[0]?.title, 'Over the monthly budget (150 %)', 'the budget advice needs no records');
    assert.equal(first.comparison.length, 0);
    await waitUntil(() => release !== undefined);
    await section.input(); // a refresh while the records are read starts no second read
    release!();
    await waitUntil(() => refreshed === 1);
    const done = usagePart(await section.input()).usage!;
    assert.equal(done.pending, undefined);
    assert.ok(done.comparison.length > 0);
    assert.deepEqual(done.advice.map((a) => a.title), ['Over the monthly budget (150 %)', 'Use haiku for short tasks']);
    await section.input();
    assert.equal(reads, 1, 'the same ledger state is not read again');

    // A new request: the new totals and budget advice at once, the savings advice of a moment ago, a new read (not before the interval).
    records = [...records, record(0.5)];
    release = undefined;
    const next = usagePart(await section.input()).usage!;
    assert.equal(next.requests, 201);
    assert.equal(next.advice[0]?.title, 'Over the monthly budget (200 %)');
    assert.equal(next.advice[1]?.title, 'Use haiku for short tasks');
    assert.equal(next.pending, undefined);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(reads, 1, `not within ${READ_INTERVAL_MS} ms of the last read`);
    clock += READ_INTERVAL_MS;
    records = [...records, record(0.5)];
    await section.input();
    await waitUntil(() => reads === 2);
  });
});

describe('response cache card', () => {
  const stats = { entries: 0, bytes: 0, hits: 0, misses: 0, hitRate: 0, savedUsd: 0 };

  it('after chat requests with no lookups, says why: only reproducible requests are looked up, and the chat\'s are not', () => {
    const view = cacheView({ ...stats, enabled: true, onlyDeterministic: true }, 11);
    assert.equal(view.hitRate, 'no lookups yet');
    assert.equal(view.note, 'Only reproducible requests are looked up — temperature 0 and no extended thinking (switchboard.cache.onlyDeterministic). The chat\'s answers are not reproducible, so chat requests skip the cache; 11 requests were made this month.');
  });

  it('with the cache off it says so; with every request cached it needs no note', () => {
    assert.match(cacheView({ ...stats, enabled: false }).note ?? '', /The response cache is off \(switchboard\.cache\.enabled\)/);
    const all = cacheView({ ...stats, hits: 3, misses: 1, hitRate: 0.75, enabled: true, onlyDeterministic: false });
    assert.deepEqual([all.hitRate, all.note], ['75 % (3 of 4)', undefined]);
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(check(), 'timed out');
}
