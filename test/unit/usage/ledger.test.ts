import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageLedger, summarizeUsage, type UsageRecord } from '../../../src/core/usage/ledger';

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
});
