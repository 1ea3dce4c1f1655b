import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SwitchboardClient, SwitchboardClientOptions } from '../../../src/core/client';
import type { ProviderId, Usage } from '../../../src/core/types';
import { UsageLedger } from '../../../src/core/usage/ledger';
import { parsePriceOverrides } from '../../../src/core/usage/priceOverrides';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { emulatorClient, useEmulators } from '../client/clientHelpers';

/** $ for tokens at per-MTok rates, written out so each test states its rates. */
function hand(u: Usage, rates: { input: number; output: number; write: number; read: number }): number {
  return (u.inputTokens * rates.input + u.outputTokens * rates.output + u.cacheWriteInputTokens * rates.write + u.cacheReadInputTokens * rates.read) / 1e6;
}
const close = (a: number | null | undefined, b: number, what: string): void => assert.ok(a !== null && a !== undefined && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

// ~4000 tokens: well above Sonnet 4.6's minimum cacheable prefix (1,024 tokens, catalog promptCache.minTokens), so the services cache it.
const SYSTEM = 'You review pull requests for a payments team and explain every risk you see. '.repeat(200);

describe('cost recorded end to end (emulator usage → ledger)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let dir: string;
  useEmulators({ region: 'us-east-1' }, (e) => ({ anthropic, bedrock } = e));
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-cost-'));
  });
  afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  function client(provider: ProviderId, extra: Partial<SwitchboardClientOptions> = {}): { c: SwitchboardClient; ledger: UsageLedger } {
    const ledger = new UsageLedger(dir);
    return { c: emulatorClient(anthropic, bedrock, { provider, autoFallback: false }, { ledger, ...extra }), ledger };
  }

  /** Two turns: the first writes the cache, the second reads it, writes the new turn and has uncached input. */
  async function twoTurns(c: SwitchboardClient): Promise<void> {
    const first = await c.send({ model: 'sonnet-4.6', system: SYSTEM, messages: [{ role: 'user', content: 'First question about the diff.' }] });
    await c.send({ model: 'sonnet-4.6', system: SYSTEM, messages: [{ role: 'user', content: 'First question about the diff.' }, { role: 'assistant', content: first.text }, { role: 'user', content: 'And the second one?' }] });
  }

  it('Anthropic Sonnet: input + output + cache write + cache read at 3 / 15 / 3.75 / 0.30, nothing subtracted', async () => {
    const { c, ledger } = client('anthropic');
    await twoTurns(c);
    const [w, r] = await ledger.readAll();
    assert.ok(w.cacheWriteInputTokens > 1000 && w.cacheReadInputTokens === 0, JSON.stringify(w));
    assert.ok(r.cacheReadInputTokens > 1000 && r.inputTokens > 0, JSON.stringify(r));
    for (const x of [w, r]) {
      close(x.costUsd, hand(x, { input: 3, output: 15, write: 3.75, read: 0.3 }), 'cost');
      close(x.cacheWriteCostUsd, x.cacheWriteInputTokens * 3.75 / 1e6, 'cache-write cost');
    }
    // Subtracting the cache tokens from input a second time (the classic Bedrock/Cline bug) would under-count.
    const doubleSubtracted = hand({ ...r, inputTokens: Math.max(0, r.inputTokens - r.cacheReadInputTokens - r.cacheWriteInputTokens) }, { input: 3, output: 15, write: 3.75, read: 0.3 });
    assert.ok(r.costUsd! > doubleSubtracted);
  });

  it('Bedrock Sonnet on the us. geo profile: the same formula at 10 % over the global price', async () => {
    const { c, ledger } = client('bedrock');
    await twoTurns(c);
    const records = await ledger.readAll();
    assert.equal(records[0].modelId, 'us.anthropic.claude-sonnet-4-6');
    assert.ok(records[1].cacheReadInputTokens > 1000, JSON.stringify(records[1]));
    for (const x of records) close(x.costUsd, hand(x, { input: 3.3, output: 16.5, write: 4.125, read: 0.33 }), 'cost');
  });

  it('prices cache writes at 2× input when the request used the 1-hour TTL, and sends ttl 1h', async () => {
    const { c, ledger } = client('anthropic', { promptCache: { ttl: '1h' } });
    await twoTurns(c);
    const body = anthropic.requestsTo('/v1/messages')[0].body as { system: Array<{ cache_control?: unknown }> };
    assert.deepEqual(body.system.at(-1)?.cache_control, { type: 'ephemeral', ttl: '1h' });
    for (const x of await ledger.readAll()) {
      assert.equal(x.cacheWriteTtl, '1h');
      close(x.costUsd, hand(x, { input: 3, output: 15, write: 6, read: 0.3 }), 'cost');
    }
  });

  it('sends cachePoint ttl 1h to Bedrock and prices its writes at 2× the geo input price', async () => {
    const { c, ledger } = client('bedrock', { promptCache: { ttl: '1h' } });
    await twoTurns(c);
    const body = bedrock.modelRequests()[0].body as { system: Array<{ cachePoint?: unknown }> };
    assert.deepEqual(body.system.at(-1)?.cachePoint, { type: 'default', ttl: '1h' });
    const records = await ledger.readAll();
    assert.ok(records[0].cacheWriteInputTokens > 1000);
    for (const x of records) close(x.costUsd, hand(x, { input: 3.3, output: 16.5, write: 6.6, read: 0.33 }), 'cost');
  });

  it('applies user price overrides from settings (cache rates default to 1.25× / 0.1× input)', async () => {
    const { overrides, issues } = parsePriceOverrides({ 'sonnet-4.6': { input: 2, output: 10 }, 'not-a-model': { input: 'x' } });
    assert.equal(issues.length, 1);
    assert.match(issues[0], /switchboard\.prices\.not-a-model/);
    const { c, ledger } = client('bedrock', { priceOverrides: overrides });
    await twoTurns(c);
    for (const x of await ledger.readAll()) close(x.costUsd, hand(x, { input: 2, output: 10, write: 2.5, read: 0.2 }), 'cost');
  });

  it('records an unpriced model as unknown (null), never $0', async () => {
    const { c, ledger } = client('bedrock');
    const result = await c.send({ model: 'mistral.mistral-large-2407-v1:0', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(result.costUsd, null);
    const [x] = await ledger.readAll();
    assert.equal(x.costUsd, null);
    assert.equal(x.cacheWriteCostUsd, null);
  });
});
