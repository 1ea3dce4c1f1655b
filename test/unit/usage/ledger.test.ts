import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageLedger, cacheWriteCostOf, monthKey, summarizeMonth, summarizeUsage, type UsageRecord } from '../../../src/core/usage/ledger';

function record(over: Partial<UsageRecord> = {}): UsageRecord {
  return { time: '2026-11-20T10:00:00.000Z', provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', inputTokens: 10, outputTokens: 5, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 100, costUsd: 0.001, outcome: 'ok', cached: false, ...over };
}

describe('usage ledger', () => {
  let dir: string;
  beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-ledger-')); });
  afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  it('keeps every record but a torn last line after a crash mid-append', async () => {
    const ledger = new UsageLedger(dir);
    await ledger.append(record({ costUsd: 1 }));
    await ledger.append(record({ costUsd: 2 }));
    await fs.appendFile(ledger.activePath, '{"time":"2026-11-20T11:00:00.000Z","provider":"bedr');
    const records = await ledger.readAll();
    assert.deepEqual(records.map((r) => r.costUsd), [1, 2]);
    // and the ledger keeps working after the torn line
    await fs.appendFile(ledger.activePath, '\n');
    await ledger.append(record({ costUsd: 3 }));
    assert.deepEqual((await ledger.readAll()).map((r) => r.costUsd), [1, 2, 3]);
  });

  it('rotates by size and still reads rotated files in order', async () => {
    const ledger = new UsageLedger(dir, { maxBytes: 300 });
    for (let i = 0; i < 6; i++) await ledger.append(record({ costUsd: i }));
    const files = await fs.readdir(dir);
    assert.ok(files.length > 1, `expected rotation, got ${files.join(',')}`);
    assert.deepEqual((await ledger.readAll()).map((r) => r.costUsd), [0, 1, 2, 3, 4, 5]);
  });

  it('sums cost by provider, model and day, counting unpriced requests apart', () => {
    const s = summarizeUsage([
      record({ provider: 'anthropic', costUsd: 0.5 }),
      record({ provider: 'bedrock', modelId: 'eu.anthropic.claude-sonnet-4-6', costUsd: 0.25, time: '2026-11-21T00:00:00.000Z' }),
      record({ provider: 'bedrock', modelId: 'custom', costUsd: null }),
    ], { by: 'provider' });
    assert.equal(s.totalCostUsd, 0.75);
    assert.equal(s.unpricedRequests, 1);
    assert.deepEqual(s.breakdown.map((b) => [b.key, b.requests, b.costUsd]), [['anthropic', 1, 0.5], ['bedrock', 2, 0.25]]);
    assert.deepEqual(summarizeUsage([record(), record({ time: '2026-11-21T05:00:00Z' })], { by: 'day' }).breakdown.map((b) => b.key), ['2026-11-20', '2026-11-21']);
    assert.equal(summarizeUsage([record(), record({ time: '2026-11-21T05:00:00Z' })], { since: new Date('2026-11-21') }).requests, 1);
  });

  it('skips a torn line inside a rotated file and loses nothing else', async () => {
    const ledger = new UsageLedger(dir, { maxBytes: 400 });
    await ledger.append(record({ costUsd: 1 }));
    await fs.appendFile(ledger.activePath, '{"time":"2026-11-20T11:00:00.000Z","provider":"anth'); // crash mid-append
    // after a restart (a new ledger instance) the next record must not be glued onto the torn line
    await new UsageLedger(dir, { maxBytes: 400 }).append(record({ costUsd: 2 }));
    for (let i = 3; i <= 6; i++) await ledger.append(record({ costUsd: i }));
    const rotated = (await fs.readdir(dir)).filter((f) => f !== 'usage.jsonl');
    assert.ok(rotated.length >= 1);
    assert.deepEqual((await ledger.readAll()).map((r) => r.costUsd), [1, 2, 3, 4, 5, 6]);
  });

  it('groups by calendar month and keeps cache-write spend on its own', () => {
    const recs = [
      record({ time: new Date(2026, 9, 31, 23).toISOString(), costUsd: 5 }),
      record({ time: new Date(2026, 10, 1, 0, 30).toISOString(), costUsd: 1, cacheWriteInputTokens: 100_000, cacheWriteCostUsd: 0.375 }),
      // an older line without cacheWriteCostUsd: recomputed from its tokens (Sonnet, 5-minute writes at $3.75)
      record({ time: new Date(2026, 10, 2).toISOString(), costUsd: 0.75, cacheWriteInputTokens: 100_000 }),
      record({ time: new Date(2026, 10, 3).toISOString(), costUsd: null, modelId: 'custom' }),
    ];
    assert.equal(monthKey(new Date(2026, 10, 15)), '2026-11');
    const nov = summarizeMonth(recs, new Date(2026, 10, 15));
    assert.equal(nov.requests, 3);
    assert.equal(nov.totalCostUsd, 1.75);
    assert.equal(nov.unpricedRequests, 1);
    assert.ok(Math.abs(nov.cacheWriteCostUsd - (0.375 + 0.375)) < 1e-12, String(nov.cacheWriteCostUsd));
    assert.equal(cacheWriteCostOf(recs[3]), 0, 'no cache writes: nothing to price');
    assert.deepEqual(summarizeUsage(recs, { by: 'month' }).breakdown.map((b) => [b.key, b.requests]), [['2026-10', 1], ['2026-11', 3]]);
  });
});
