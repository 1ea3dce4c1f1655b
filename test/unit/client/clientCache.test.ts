import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ClientEvent } from '../../../src/core/client';
import { ResponseCache } from '../../../src/core/cache/responseCache';
import { MemoryLogger } from '../../../src/core/logger';
import { UsageLedger } from '../../../src/core/usage/ledger';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { emulatorClient, useEmulators } from './clientHelpers';

describe('SwitchboardClient response cache', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let dir: string;

  const emus = useEmulators();
  before(() => ({ anthropic, bedrock } = emus));
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sb-client-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const ask = { model: 'sonnet', temperature: 0, messages: [{ role: 'user' as const, content: 'what is a circuit breaker, in three words' }] };
  const messagesCalls = (): number => anthropic.requests.filter((r) => r.path === '/v1/messages').length;

  async function collect(events: AsyncIterable<ClientEvent>): Promise<ClientEvent[]> {
    const out: ClientEvent[] = [];
    for await (const e of events) out.push(e);
    return out;
  }

  it('answers a repeated deterministic request from the cache with zero provider requests', async () => {
    const ledger = new UsageLedger(path.join(dir, 'usage'));
    const cache = new ResponseCache();
    const c = emulatorClient(anthropic, bedrock, {}, { responseCache: cache, ledger });
    const first = await c.send(ask);
    assert.equal(first.cached, false);
    assert.equal(messagesCalls(), 1);
    const events = await collect(c.stream(ask));
    const done = events.find((e) => e.type === 'done');
    assert.ok(done?.type === 'done');
    assert.equal(messagesCalls(), 1, 'the hit sent a request');
    assert.equal(done.result.cached, true);
    assert.equal(done.result.costUsd, 0);
    assert.equal(done.result.text, first.text);
    assert.ok(first.text.length > 0);
    assert.equal(events.filter((e) => e.type === 'text_delta').map((e) => (e.type === 'text_delta' ? e.text : '')).join(''), first.text);
    assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 } });
    assert.equal(events.find((e) => e.type === 'stop')?.type, 'stop');
    const records = await ledger.readAll();
    assert.deepEqual(records.map((r) => [r.cached, r.outcome]), [[false, 'ok'], [true, 'ok']]);
    assert.equal(records[1]!.costUsd, 0);
    const stats = cache.stats();
    assert.equal(stats.hits, 1);
    assert.equal(stats.misses, 1);
    assert.equal(stats.hitRate, 0.5);
    assert.ok(first.costUsd !== null && first.costUsd > 0);
    assert.equal(stats.savedUsd, first.costUsd);
  });

  it('serves an answer cached from Anthropic to a request whose primary is Bedrock (same logical model)', async () => {
    const cache = new ResponseCache();
    const first = await emulatorClient(anthropic, bedrock, {}, { responseCache: cache }).send(ask);
    const second = await emulatorClient(anthropic, bedrock, { provider: 'bedrock' }, { responseCache: cache }).send(ask);
    assert.equal(second.cached, true);
    assert.equal(second.text, first.text);
    assert.equal(bedrock.modelRequests().length, 0);
  });

  it('replays tool calls from the cache', async () => {
    const cache = new ResponseCache();
    const c = emulatorClient(anthropic, bedrock, {}, { responseCache: cache });
    // Sonnet 4.6: a model that takes a forced tool choice (the 5.5 models refuse one; it would go out as auto).
    const req = { ...ask, model: 'sonnet-4.6', tools: [{ name: 'get_weather', description: 'weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }], toolChoice: { name: 'get_weather' } as const };
    const first = await c.send(req);
    assert.equal(first.stopReason, 'tool_use');
    const events = await collect(c.stream(req));
    const done = events.find((e) => e.type === 'done');
    assert.ok(done?.type === 'done' && done.result.cached);
    assert.deepEqual(done.result.toolCalls, first.toolCalls);
    assert.deepEqual(events.filter((e) => e.type.startsWith('tool_use')).map((e) => e.type), ['tool_use_start', 'tool_use_delta', 'tool_use_stop']);
    assert.equal(messagesCalls(), 1);
  });

  it('does not cache a request with a non-zero temperature unless the caller opted in', async () => {
    const warm = { ...ask, temperature: 0.7 };
    const c = emulatorClient(anthropic, bedrock, {}, { responseCache: new ResponseCache() });
    await c.send(warm);
    assert.equal((await c.send(warm)).cached, false);
    assert.equal(messagesCalls(), 2);
    const optIn = emulatorClient(anthropic, bedrock, {}, { responseCache: new ResponseCache(), cacheOnlyDeterministic: false });
    await optIn.send(warm);
    assert.equal((await optIn.send(warm)).cached, true);
    assert.equal(messagesCalls(), 3);
  });

  it('bypasses the cache when the request says cache: false', async () => {
    const c = emulatorClient(anthropic, bedrock, {}, { responseCache: new ResponseCache() });
    await c.send(ask);
    assert.equal((await c.send(ask, { cache: false })).cached, false);
    assert.equal(messagesCalls(), 2);
  });

  it('never caches an error or a partial answer', async () => {
    const cache = new ResponseCache();
    const c = emulatorClient(anthropic, bedrock, {}, { responseCache: cache });
    anthropic.faults.push({ kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'bad' });
    await assert.rejects(c.send(ask));
    anthropic.faults.push({ kind: 'reset-mid-stream', afterEvents: 2 });
    await assert.rejects(c.send(ask));
    assert.equal(cache.stats().entries, 0);
    const ok = await c.send(ask);
    assert.equal(ok.cached, false);
    assert.equal(cache.stats().entries, 1);
  });

  it('keeps answers across restarts in its file', async () => {
    const file = path.join(dir, 'cache', 'responses.json');
    const c = emulatorClient(anthropic, bedrock, {}, { responseCache: new ResponseCache({ file }) });
    const first = await c.send(ask);
    await c.flushResponseCache();
    const again = await emulatorClient(anthropic, bedrock, {}, { responseCache: new ResponseCache({ file }) }).send(ask);
    assert.equal(again.cached, true);
    assert.equal(again.text, first.text);
    assert.equal(messagesCalls(), 1);
  });

  it('logs the hit without secrets', async () => {
    const logger = new MemoryLogger();
    const c = emulatorClient(anthropic, bedrock, {}, { responseCache: new ResponseCache(), logger });
    await c.send(ask);
    await c.send(ask);
    assert.ok(logger.lines.some((l) => /response cache hit: sonnet/.test(l)));
    assert.ok(!logger.lines.some((l) => l.includes('sk-ant-test-key')));
  });
});
