import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { exportUsageCsv, exportUsageJsonl, importUsageJsonl } from '../../../src/core/storage/ledgerExport';
import type { UsageGrouping, UsageRecord } from '../../../src/core/usage/ledger';
import { JsonlUsageLedger, summarizeMonth, summarizeUsage } from '../../../src/core/usage/ledger';
import { tempHome, usageRecord, useStoreHome } from './storeTestKit';
import type { StoreHome } from './storeTestKit';

/** A deterministic pseudo-random mix of providers, models, surfaces, prices (some unknown) and cache tokens over ~70 days. */
function mixedRecords(n: number, end = new Date(2026, 10, 20, 12)): UsageRecord[] {
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const models = [['anthropic', 'claude-sonnet-4-6'], ['anthropic', 'claude-haiku-4-5'], ['bedrock', 'us.anthropic.claude-sonnet-4-6'], ['bedrock', 'us.amazon.nova-lite-v1:0']] as const;
  return Array.from({ length: n }, (_, i) => {
    const [provider, modelId] = models[Math.floor(rnd() * models.length)]!;
    return usageRecord({
      time: new Date(end.getTime() - Math.floor(rnd() * 70 * 86_400_000)).toISOString(), provider, modelId, model: modelId,
      surface: ['cli', 'vscode', 'chat', 'ext:cline'][i % 4], inputTokens: Math.floor(rnd() * 5000), outputTokens: Math.floor(rnd() * 900),
      cacheReadInputTokens: i % 3 ? 0 : Math.floor(rnd() * 20000), cacheWriteInputTokens: i % 5 ? 0 : 1500,
      costUsd: modelId.includes('nova') && i % 2 ? null : Math.round(rnd() * 1e6) / 1e6, cacheWriteCostUsd: i % 5 ? 0 : 0.0056,
    });
  });
}

function close(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
}

describe('SQLite usage ledger', () => {
  let home: StoreHome;
  useStoreHome((h) => (home = h));

  it('appends in order and reads back exactly the records written, across a reopen', async () => {
    const store = openLocalStore(home.dir);
    const written = [usageRecord({ costUsd: 1, failover: { from: 'anthropic', to: 'bedrock', reason: 'overloaded' } }), usageRecord({ costUsd: null, region: 'eu-west-1' })];
    for (const r of written) await store.ledger.append(r);
    store.close();
    const again = openLocalStore(home.dir);
    assert.deepEqual(await again.ledger.readAll(), written);
    again.close();
  });

  for (const by of ['provider', 'model', 'day', 'month', 'surface'] as UsageGrouping[]) {
    it(`summarizes by ${by} in SQL exactly as summarizeUsage does over the same records (with a date range)`, async () => {
      const store = openLocalStore(home.dir);
      const records = mixedRecords(600);
      store.ledger.appendMany(records);
      const since = new Date(2026, 9, 1);
      const until = new Date(2026, 10, 15);
      const expected = summarizeUsage(records, { since, until, by });
      const actual = await store.ledger.summarize({ since, until, by });
      assert.deepEqual(actual.breakdown.map((b) => [b.key, b.requests, b.unpricedRequests, b.inputTokens, b.outputTokens, b.cacheReadInputTokens, b.cacheWriteInputTokens]),
        expected.breakdown.map((b) => [b.key, b.requests, b.unpricedRequests, b.inputTokens, b.outputTokens, b.cacheReadInputTokens, b.cacheWriteInputTokens]));
      actual.breakdown.forEach((b, i) => {
        close(b.costUsd, expected.breakdown[i]!.costUsd, `${b.key} cost`);
        close(b.cacheWriteCostUsd, expected.breakdown[i]!.cacheWriteCostUsd, `${b.key} cache-write cost`);
      });
      assert.equal(actual.requests, expected.requests);
      close(actual.totalCostUsd, expected.totalCostUsd, 'total');
      store.close();
    });
  }

  it('filters by provider, model and surface', async () => {
    const store = openLocalStore(home.dir);
    const records = mixedRecords(300);
    store.ledger.appendMany(records);
    assert.equal(await store.ledger.count({ provider: 'bedrock' }), records.filter((r) => r.provider === 'bedrock').length);
    assert.equal(await store.ledger.count({ modelId: 'claude-haiku-4-5' }), records.filter((r) => r.modelId === 'claude-haiku-4-5').length);
    const cline = await store.ledger.summarize({ surface: 'ext:cline', by: 'provider' });
    assert.equal(cline.requests, records.filter((r) => r.surface === 'ext:cline').length);
    store.close();
  });

  it('month-to-date is the local calendar month, unknown prices counted apart (same as summarizeMonth)', async () => {
    const store = openLocalStore(home.dir);
    const records = mixedRecords(400);
    store.ledger.appendMany(records);
    const now = new Date(2026, 10, 20, 12);
    const m = await store.ledger.monthToDate(now);
    const expected = summarizeMonth(records, now);
    assert.equal(m.month, '2026-11');
    assert.equal(m.requests, expected.requests);
    assert.equal(m.unpriced, expected.unpricedRequests);
    close(m.usd, expected.totalCostUsd, 'month-to-date');
    store.close();
  });

  it('daily rows per provider carry spend, cache tokens and prompt-cache savings at the price table', async () => {
    const store = openLocalStore(home.dir);
    const day = new Date(2026, 10, 3, 12).toISOString();
    await store.ledger.append(usageRecord({ time: day, inputTokens: 1000, cacheReadInputTokens: 100_000, costUsd: 0.033 }));
    await store.ledger.append(usageRecord({ time: day, provider: 'bedrock', modelId: 'unknown-model', cacheReadInputTokens: 500, costUsd: null }));
    const rows = await store.ledger.daily({ by: 'provider' });
    assert.deepEqual(rows.map((r) => [r.day, r.key, r.requests, r.cacheReadInputTokens, r.unpricedRequests]), [[day.slice(0, 10), 'anthropic', 1, 100_000, 0], [day.slice(0, 10), 'bedrock', 1, 500, 1]]);
    // Sonnet below the long-context threshold: $3 input vs $0.30 cache read per million tokens.
    close(rows[0]!.promptCacheSavedUsd, 0.27, 'saved by 100k cache-read tokens');
    assert.equal(rows[1]!.promptCacheSavedUsd, 0, 'unknown price: no saving claimed');
    store.close();
  });

  it('prunes rows older than the retention and beyond the row bound, never newer ones', async () => {
    const store = openLocalStore(home.dir, { ledger: { retentionDays: 60, maxRecords: 1000 } });
    const now = new Date(2026, 10, 20);
    const days = (d: number): string => new Date(now.getTime() - d * 86_400_000).toISOString();
    store.ledger.appendMany([...Array.from({ length: 50 }, (_, i) => usageRecord({ time: days(90), model: `old-${i}` })), ...Array.from({ length: 1200 }, (_, i) => usageRecord({ time: days(30 - i / 100), model: `new-${i}` }))]);
    assert.equal(store.ledger.prune(now), 250);
    const left = await store.ledger.readAll();
    assert.equal(left.length, 1000);
    assert.equal(left.filter((r) => r.model.startsWith('old-')).length, 0);
    assert.equal(left[0]!.model, 'new-200', 'the oldest beyond the bound went first');
    store.close();
  });

  it('imports the old JSONL ledger (rotated files, a torn line) once, even when opened again', async () => {
    const usageDir = path.join(home.dir, 'usage');
    const old = new JsonlUsageLedger(usageDir, { maxBytes: 600 });
    const records = mixedRecords(12);
    for (const r of records) await old.append(r);
    writeFileSync(path.join(usageDir, 'usage.jsonl'), readFileSync(path.join(usageDir, 'usage.jsonl'), 'utf8') + '{"time":"2026-11-0', 'utf8');
    assert.ok((await old.files()).length > 2, 'the fixture has rotated files');
    const store = openLocalStore(home.dir);
    assert.deepEqual(store.imported?.usage, { added: 12, skipped: 0, files: (await old.files()).length });
    assert.equal(await store.ledger.count(), 12);
    store.close();
    const again = openLocalStore(home.dir);
    assert.equal(again.imported?.usage, undefined, 'nothing imported the second time');
    assert.equal(await again.ledger.count(), 12);
    assert.deepEqual((await again.ledger.readAll()).map((r) => r.time), records.map((r) => r.time).sort());
    again.close();
  });

  it('exports JSONL and CSV; the JSONL export imports back into an empty store unchanged', async () => {
    const store = openLocalStore(home.dir);
    const records = mixedRecords(250);
    store.ledger.appendMany(records);
    const out = path.join(home.dir, 'out');
    mkdirSync(out);
    assert.equal(await exportUsageJsonl(store.ledger, path.join(out, 'usage.jsonl')), 250);
    assert.equal(await exportUsageCsv(store.ledger, path.join(out, 'usage.csv')), 250);
    const csv = readFileSync(path.join(out, 'usage.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(csv.length, 251);
    assert.match(csv[0]!, /^time,provider,model,modelId,/);
    store.close();
    const other = tempHome();
    try {
      const fresh = openLocalStore(other.dir);
      assert.deepEqual(await importUsageJsonl(fresh.ledger, path.join(out, 'usage.jsonl')), { added: 250, skipped: 0 });
      assert.deepEqual(await fresh.ledger.readAll(), await openLocalStore(home.dir).ledger.readAll());
      fresh.close();
    } finally {
      other.cleanup();
    }
  });

  it('refuses a record without a parseable time with a clear error, and stores nothing', async () => {
    const store = openLocalStore(home.dir);
    await assert.rejects(store.ledger.append(usageRecord({ time: 'yesterday' })), /not a usage record/);
    assert.equal(await store.ledger.count(), 0);
    store.close();
  });
});
