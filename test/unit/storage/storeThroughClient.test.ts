// The store as the CLI and the extension build it, behind the real client against the emulators:
// each request is a ledger row, a repeated deterministic request a hit from the shared cache —
// also for a second client on the same home (another window or CLI process).
import * as assert from 'node:assert/strict';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { buildUsageReport } from '../../../src/core/usage/report';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { emulatorClient, useEmulators } from '../client/clientHelpers';
import { useStoreHome } from './storeTestKit';
import type { StoreHome } from './storeTestKit';

describe('local store behind the client', () => {
  let home: StoreHome;
  useStoreHome((h) => (home = h));
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  useEmulators({ region: 'eu-west-1', anthropic: { minCacheableTokens: 0 }, bedrock: { minCacheableTokens: 0 } }, (e) => ({ anthropic, bedrock } = e));

  const ask = { model: 'sonnet', temperature: 0, messages: [{ role: 'user' as const, content: 'what is WAL mode, in four words' }] };
  const calls = (): number => anthropic.requests.filter((r) => r.path === '/v1/messages').length;

  it('records every request in the ledger and serves a repeat from the shared cache, across two stores on one home', async () => {
    const one = openLocalStore(home.dir);
    const two = openLocalStore(home.dir);
    const before = calls();
    const first = await emulatorClient(anthropic, bedrock, {}, { ledger: one.ledger, responseCache: one.responseCache, surface: 'cli' }).send(ask);
    const again = await emulatorClient(anthropic, bedrock, {}, { ledger: two.ledger, responseCache: two.responseCache, surface: 'vscode' }).send(ask);
    assert.equal(calls() - before, 1, 'the second "window" was answered from the first one\'s cache entry');
    assert.equal(again.cached, true);
    assert.equal(again.text, first.text);
    const rows = await one.ledger.readAll();
    assert.deepEqual(rows.map((r) => [r.surface, r.cached, r.outcome, r.costUsd]), [['cli', false, 'ok', first.costUsd], ['vscode', true, 'ok', 0]]);
    assert.deepEqual(rows[0]!.inputTokens, first.usage.inputTokens);
    const m = await two.ledger.monthToDate();
    assert.equal(m.requests, 2);
    assert.ok(Math.abs(m.usd - (first.costUsd ?? 0)) < 1e-12);
    const report = buildUsageReport(await two.ledger.readMonth());
    assert.equal(report.summary.requests, 2);
    assert.deepEqual(two.responseCache.stats().hits, 1);
    one.close();
    two.close();
  });
});
