// What a cache write costs depends on the TTL that went out, not the one asked for: with the
// 1-hour prompt-cache TTL set, a Bedrock model without the 1-hour cache (Claude Sonnet 4: AWS's
// 1h list does not name it) gets 5-minute cache points (providers/fitRequest) and is billed the
// 5-minute write price (1.25× input, not 2×). Through the engine as the product builds it
// (createSwitchboard, the prompt-cache stage, the real SDKs against the emulators): the TTL in the
// emulator's request log, the `done` result and the ledger record must agree.
import * as assert from 'node:assert/strict';
import type { ClientEvent, RequestResult } from '../../../src/core/engine/types';
import type { Usage } from '../../../src/core/types';
import type { UsageRecord } from '../../../src/core/usage/ledger';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { useEmulators } from '../client/clientHelpers';
import { emulatorEngine } from '../client/engineHelpers';
import type { TestEngine } from '../client/engineHelpers';
import type { SwitchboardConfig } from '../../../src/core/config/schema';

// ~4000 tokens: above every Claude model's minimum cacheable prefix, so the services really write the cache.
const SYSTEM = 'You review pull requests for a payments team and explain every risk you see. '.repeat(200);
const ask = (model: string): { model: string; maxTokens: number; system: string; messages: Array<{ role: 'user'; content: string }> } =>
  ({ model, maxTokens: 64, system: SYSTEM, messages: [{ role: 'user', content: 'What could go wrong here?' }] });

/** $ for the usage at per-MTok rates, written out so each test states its rates. */
function hand(u: Usage, rates: { input: number; output: number; write: number; read: number }): number {
  return (u.inputTokens * rates.input + u.outputTokens * rates.output + u.cacheWriteInputTokens * rates.write + u.cacheReadInputTokens * rates.read) / 1e6;
}
const near = (a: number | null | undefined, b: number, what: string): void => assert.ok(typeof a === 'number' && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

type CachePoint = { cachePoint?: { type: string; ttl?: string } };

describe('cache-write pricing follows the TTL sent (engine, 1-hour prompt-cache TTL)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  const open: TestEngine[] = [];

  useEmulators({}, (e) => ({ anthropic, bedrock } = e));
  afterEach(async () => {
    for (const t of open.splice(0)) await t.cleanup();
  });

  async function run(provider: 'anthropic' | 'bedrock', model: string, fallback: 'bedrock' | null = null, modelMapping: SwitchboardConfig['modelMapping'] = {}): Promise<{ result: RequestResult; records: UsageRecord[] }> {
    const t = await emulatorEngine(anthropic, bedrock, { provider, fallbackProvider: fallback, autoFallback: true, modelMapping }, { promptCache: { enabled: true, ttl: '1h' } });
    open.push(t);
    let result: RequestResult | undefined;
    for await (const e of t.engine.stream(ask(model)) as AsyncIterable<ClientEvent>) if (e.type === 'done') result = e.result;
    assert.ok(result);
    return { result, records: await t.records() };
  }
  const lastSystemPoint = (): CachePoint['cachePoint'] => ((bedrock.modelRequests().at(-1)!.body as { system: CachePoint[] }).system.at(-1))?.cachePoint;

  it('Bedrock Sonnet 4 (no 1-hour cache): the cache point goes out as 5 minutes, and ledger and result price the write at 1.25× input', async () => {
    const { result, records } = await run('bedrock', 'sonnet-4');
    assert.equal(result.modelId, 'eu.anthropic.claude-sonnet-4-20250514-v1:0');
    assert.deepEqual(lastSystemPoint(), { type: 'default' }, 'emulator log: no ttl: 1h on the wire');
    assert.ok(result.usage.cacheWriteInputTokens > 1000, JSON.stringify(result.usage));
    // Sonnet 4 on Bedrock: 3 / 15 per MTok, cache write 5m 3.75 (1h would be 6), read 0.30.
    near(result.costUsd, hand(result.usage, { input: 3, output: 15, write: 3.75, read: 0.3 }), 'done result');
    const [r] = records;
    near(r!.costUsd, result.costUsd!, 'ledger = result');
    near(r!.cacheWriteCostUsd, result.usage.cacheWriteInputTokens * 3.75 / 1e6, 'ledger cache-write cost');
    assert.equal(r!.cacheWriteTtl, undefined, 'the record says 5 minutes (no 1h TTL)');
  });

  it('Bedrock Sonnet 4.6 (has the 1-hour cache): ttl 1h on the wire, the write priced at 2× the geo input price', async () => {
    const { result, records } = await run('bedrock', 'sonnet-4.6');
    assert.deepEqual(lastSystemPoint(), { type: 'default', ttl: '1h' });
    near(result.costUsd, hand(result.usage, { input: 3.3, output: 16.5, write: 6.6, read: 0.33 }), 'done result');
    near(records[0]!.costUsd, result.costUsd!, 'ledger = result');
    assert.equal(records[0]!.cacheWriteTtl, '1h');
  });

  it('a failover from Anthropic (1-hour TTL sent) to Bedrock Sonnet 4 prices the Bedrock leg at the 5-minute write it was sent with', async () => {
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error', message: 'Overloaded' }, { times: Infinity });
    // Sonnet 4 is retired on the Anthropic API (2026-06-15) and every model both providers still
    // serve takes the 1-hour TTL on Bedrock, so a user mapping pairs an Anthropic model with Bedrock
    // Sonnet 4 — the failover case where the TTL must drop.
    const { result, records } = await run('anthropic', 'legacy-pair', 'bedrock', { 'legacy-pair': { anthropic: 'claude-sonnet-4-6', bedrock: 'sonnet-4' } });
    assert.equal(result.provider, 'bedrock');
    const first = anthropic.requestsTo('/v1/messages')[0]!.body as { system: Array<{ cache_control?: unknown }> };
    assert.deepEqual(first.system.at(-1)?.cache_control, { type: 'ephemeral', ttl: '1h' }, 'Anthropic was asked for 1 hour');
    assert.deepEqual(lastSystemPoint(), { type: 'default' }, 'Bedrock got 5 minutes');
    near(result.costUsd, hand(result.usage, { input: 3, output: 15, write: 3.75, read: 0.3 }), 'done result');
    const answered = records.find((r) => r.provider === 'bedrock')!;
    near(answered.costUsd, result.costUsd!, 'ledger = result');
    assert.equal(answered.cacheWriteTtl, undefined);
  });
});
