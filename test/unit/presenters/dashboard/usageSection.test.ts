import * as assert from 'node:assert/strict';
import { silentLogger } from '../../../../src/core/logger';
import { openLocalStore } from '../../../../src/core/storage/localStore';
import type { UsageRecord } from '../../../../src/core/usage/ledger';
import { loadUsageTab } from '../../../../src/presenters/dashboard/usageCharts';
import { UsageSection } from '../../../../src/presenters/dashboard/usageSection';
import { cacheView, usagePart } from '../../../../src/presenters/dashboard/usageView';
import { skipWithoutSqlite, tempHome } from '../../storage/storeTestKit';

const NOW = new Date(2026, 10, 20, 12);
const BUDGET = { monthlyUsd: 1, alertThresholds: [100], hardStop: false };

function record(costUsd: number): UsageRecord {
  // Short Opus requests: the savings advice ("use haiku for short tasks") comes from the records.
  return { time: NOW.toISOString(), provider: 'anthropic', model: 'opus', modelId: 'claude-opus-4-7', inputTokens: 1000, outputTokens: 100, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 1, costUsd, outcome: 'ok', cached: false };
}

describe('Usage tab host side: the whole tab from the store\'s month sums', () => {
  before(function () {
    skipWithoutSqlite(this);
  });

  it('the first view already has the totals, the budget advice, the savings advice and the price comparison, and follows new requests at once', async () => {
    const home = tempHome('sb-usage-section-');
    const store = openLocalStore(home.dir);
    try {
      store.ledger.appendMany(Array.from({ length: 200 }, () => record(0.0075)));
      let refreshed = 0;
      const section = new UsageSection({
        usage: async () => ({ ...(await loadUsageTab(store.ledger, NOW, BUDGET)) }),
        clearCache: async () => undefined,
        showUsage: async () => undefined,
      }, { refresh: async () => void refreshed++, logger: silentLogger, now: () => NOW.getTime(), show: () => undefined });

      const first = usagePart(await section.input()).usage!;
      assert.equal(first.requests, 200);
      assert.deepEqual(first.advice.map((a) => a.title), ['Over the monthly budget (150 %)', 'Use haiku for short tasks']);
      assert.ok(first.comparison.some((c) => c.startsWith('Bedrock, global. profile: $')), first.comparison.join('\n'));
      assert.equal(refreshed, 0, 'nothing is worked out after the first view');

      await store.ledger.append(record(0.5));
      const next = usagePart(await section.input()).usage!;
      assert.equal(next.requests, 201);
      assert.equal(next.advice[0]?.title, 'Over the monthly budget (200 %)');
      assert.equal(next.advice[1]?.title, 'Use haiku for short tasks');
    } finally {
      store.close();
      home.cleanup();
    }
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
