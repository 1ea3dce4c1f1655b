import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import * as assert from 'node:assert/strict';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { ModelRequest, StreamEvent } from '../../../src/core/types';
import { MemoryLogger } from '../../../src/core/logger';
import { TEST_KEY, collect, providerFor, textOf } from './helpers';

const MODEL = 'claude-sonnet-4-6';
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('AnthropicProvider against the emulator (real SDK, real HTTP)', () => {
  let emu: AnthropicEmulator;
  before(async () => {
    // The service's own caching threshold (1,024 tokens for Sonnet): prefixes below it are never cached.
    emu = await startAnthropicEmulator();
  });
  after(async () => {
    await emu.close();
  });
  beforeEach(() => emu.reset());

  it('streams text deltas, usage and the stop reason', async () => {
    const provider = providerFor(emu);
    const { events, error } = await collect(provider.stream({ model: MODEL, messages: [{ role: 'user', content: 'hello streaming world' }] }));
    assert.equal(error, undefined);
    assert.deepEqual(events[0], { type: 'message_start', provider: 'anthropic', modelId: MODEL });
    assert.ok(events.filter((e) => e.type === 'text_delta').length > 1, 'several deltas');
    assert.equal(textOf(events), 'Echo: hello streaming world');
    const usage = events.find((e) => e.type === 'usage');
    assert.ok(usage && usage.type === 'usage' && usage.usage.inputTokens > 0 && usage.usage.outputTokens > 0);
    assert.deepEqual(events[events.length - 1], { type: 'stop', stopReason: 'end_turn' });
    const [req] = emu.requestsTo('/v1/messages');
    assert.equal(req?.auth, 'bearer');
    assert.equal((req?.body as { stream: boolean }).stream, true);
    assert.equal((req?.body as { max_tokens: number }).max_tokens, 4096);
  });

  it('sends a non-streamed request and converts the answer', async () => {
    // Sonnet 4.6 (MODEL) takes temperature or top_p, not both; the only model that took the pair
    // (Sonnet 4) was retired on the Anthropic API on 2026-06-15, so the request carries one sampler.
    const res = await providerFor(emu).send({ model: MODEL, system: 'be brief', messages: [{ role: 'user', content: 'plain call' }], temperature: 0.2, stopSequences: ['ZZZ'] });
    assert.equal(res.text, 'Echo: plain call');
    assert.equal(res.provider, 'anthropic');
    assert.equal(res.modelId, MODEL);
    assert.equal(res.stopReason, 'end_turn');
    const body = emu.requestsTo('/v1/messages')[0]?.body as Record<string, unknown>;
    assert.equal(body.stream, false);
    assert.equal(body.system, 'be brief');
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_p, undefined);
    assert.deepEqual(body.stop_sequences, ['ZZZ']);
  });

  it('honours max_tokens and stop sequences', async () => {
    const provider = providerFor(emu);
    const cut = await provider.send({ model: MODEL, maxTokens: 2, messages: [{ role: 'user', content: 'a fairly long sentence to cut' }] });
    assert.equal(cut.stopReason, 'max_tokens');
    assert.equal(cut.text, 'Echo: a ');
    const stopped = await provider.send({ model: MODEL, stopSequences: ['STOP'], messages: [{ role: 'user', content: 'one two STOP three' }] });
    assert.equal(stopped.stopReason, 'stop_sequence');
    assert.equal(stopped.text, 'Echo: one two ');
  });

  it('carries a multi-turn conversation with images', async () => {
    const request: ModelRequest = {
      model: MODEL,
      messages: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer' },
        { role: 'user', content: [{ type: 'text', text: 'what is in this picture?' }, { type: 'image', mediaType: 'image/png', data: PNG_1PX }] },
      ],
    };
    const res = await providerFor(emu).send(request);
    assert.equal(res.text, 'Echo: what is in this picture? [image image/png]');
    const body = emu.requestsTo('/v1/messages')[0]?.body as { messages: Array<{ role: string; content: unknown }> };
    assert.deepEqual(body.messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.deepEqual((body.messages[2]!.content as unknown[])[1], { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_1PX } });
  });

  it('completes a tool-use round trip', async () => {
    const provider = providerFor(emu);
    const tools = [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] } }];
    const first = await collect(provider.stream({ model: MODEL, tools, messages: [{ role: 'user', content: 'please call get_weather for Paris' }] }));
    assert.equal(first.error, undefined);
    const start = first.events.find((e) => e.type === 'tool_use_start');
    const stop = first.events.find((e): e is Extract<StreamEvent, { type: 'tool_use_stop' }> => e.type === 'tool_use_stop');
    assert.ok(start && stop);
    assert.equal(stop.name, 'get_weather');
    assert.deepEqual(stop.input, { city: 'example', days: 42 });
    const partial = first.events.filter((e) => e.type === 'tool_use_delta').map((e) => (e.type === 'tool_use_delta' ? e.partialJson : '')).join('');
    assert.deepEqual(JSON.parse(partial), stop.input);
    assert.deepEqual(first.events[first.events.length - 1], { type: 'stop', stopReason: 'tool_use' });

    const second = await provider.send({
      model: MODEL,
      tools,
      messages: [
        { role: 'user', content: 'please call get_weather for Paris' },
        { role: 'assistant', content: [{ type: 'text', text: textOf(first.events) }, { type: 'tool_use', id: stop.id, name: stop.name, input: stop.input }] },
        { role: 'user', content: [{ type: 'tool_result', toolUseId: stop.id, content: 'sunny, 21°C' }] },
      ],
    });
    assert.equal(second.stopReason, 'end_turn');
    assert.equal(second.text, 'Tool said: result sunny, 21°C');
  });

  it('forces a tool with toolChoice and returns it from send()', async () => {
    const res = await providerFor(emu).send({ model: MODEL, toolChoice: { name: 'lookup' }, tools: [{ name: 'lookup', inputSchema: { type: 'object', properties: { q: { type: 'string', enum: ['alpha', 'beta'] } } } }], messages: [{ role: 'user', content: 'anything' }] });
    assert.equal(res.stopReason, 'tool_use');
    assert.deepEqual(res.toolCalls.map((t) => [t.name, t.input]), [['lookup', { q: 'alpha' }]]);
    assert.deepEqual((emu.requestsTo('/v1/messages')[0]?.body as { tool_choice: unknown }).tool_choice, { type: 'tool', name: 'lookup' });
  });

  it('streams thinking deltas and the signature before the text, and replays them', async () => {
    const provider = providerFor(emu);
    // maxTokens as the product always sends it (the engine fills switchboard.maxOutputTokens, default 8192).
    const maxTokens = DEFAULT_CONFIG.maxOutputTokens;
    const { events, error } = await collect(provider.stream({ model: MODEL, maxTokens, thinkingBudget: 2048, messages: [{ role: 'user', content: 'think first' }] }));
    assert.equal(error, undefined);
    const thinkingAt = events.findIndex((e) => e.type === 'thinking_delta');
    const signature = events.find((e) => e.type === 'thinking_signature');
    const textAt = events.findIndex((e) => e.type === 'text_delta');
    assert.ok(thinkingAt > 0 && signature && thinkingAt < textAt);
    const body = emu.requestsTo('/v1/messages')[0]?.body as { thinking: unknown; max_tokens: number };
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 2048 });
    assert.equal(body.max_tokens, maxTokens);
    assert.ok(body.max_tokens > 2048, 'the API needs max_tokens above the thinking budget');
    const thinking = events.map((e) => (e.type === 'thinking_delta' ? e.text : '')).join('');
    const replay = await provider.send({
      model: MODEL,
      maxTokens,
      thinkingBudget: 2048,
      messages: [
        { role: 'user', content: 'think first' },
        { role: 'assistant', content: [{ type: 'thinking', thinking, signature: signature.type === 'thinking_signature' ? signature.signature : '' }, { type: 'text', text: textOf(events) }] },
        { role: 'user', content: 'again' },
      ],
    });
    assert.equal(replay.content[0]?.type, 'thinking');
    assert.equal(replay.text, 'Echo: again');
  });

  it('reports a cache write, then a cache read for the same prefix', async () => {
    const provider = providerFor(emu);
    // Above the 1,024-token minimum the service caches (about 1,600 tokens).
    const system = [{ text: 'You are a meticulous assistant. '.repeat(200), cache: true }];
    const tools = [{ name: 'search', inputSchema: { type: 'object', properties: { q: { type: 'string' } } }, cache: true }];
    const usageOf = async (question: string): Promise<Extract<StreamEvent, { type: 'usage' }>['usage']> => {
      const { events } = await collect(provider.stream({ model: MODEL, system, tools, messages: [{ role: 'user', content: question }] }));
      const u = events.find((e) => e.type === 'usage');
      assert.ok(u && u.type === 'usage');
      return u.usage;
    };
    const first = await usageOf('first question');
    assert.ok(first.cacheWriteInputTokens > 0);
    assert.equal(first.cacheReadInputTokens, 0);
    const second = await usageOf('a different question');
    assert.equal(second.cacheReadInputTokens, first.cacheWriteInputTokens);
    assert.equal(second.cacheWriteInputTokens, 0);
    assert.ok(second.inputTokens < first.inputTokens + first.cacheWriteInputTokens);
    const body = emu.requestsTo('/v1/messages')[0]?.body as { system: Array<{ cache_control?: unknown }>; tools: Array<{ cache_control?: unknown }> };
    assert.deepEqual(body.system[0]?.cache_control, { type: 'ephemeral' });
    assert.deepEqual(body.tools[0]?.cache_control, { type: 'ephemeral' });
    assert.equal(emu.cacheEntries().length, 1);
  });

  it('counts tokens exactly through count_tokens', async () => {
    const count = await providerFor(emu).countTokens({ model: MODEL, messages: [{ role: 'user', content: 'count me please' }] });
    assert.equal(count.exact, true);
    assert.ok(count.inputTokens > 0);
    assert.equal(emu.requestsTo('/v1/messages/count_tokens').length, 1);
  });

  it('sends anthropic-beta headers and default headers', async () => {
    const provider = providerFor(emu, { defaultHeaders: { 'x-team': 'blue' } });
    await provider.send({ model: MODEL, anthropic: { betas: ['context-1m-2025-08-07', 'x-beta'] }, messages: [{ role: 'user', content: 'hi' }] });
    const headers = emu.requestsTo('/v1/messages')[0]?.headers ?? {};
    assert.equal(headers['anthropic-beta'], 'context-1m-2025-08-07,x-beta');
    assert.equal(headers['x-team'], 'blue');
  });

  it('passes health and auth checks with latency and a masked identity', async () => {
    const provider = providerFor(emu, { defaultModel: 'claude-haiku-4-5' });
    const health = await provider.healthCheck();
    assert.equal(health.ok, true);
    assert.ok(health.latencyMs >= 0);
    assert.equal(emu.requestsTo('/v1/models').length, 1);
    const auth = await provider.validateAuth();
    assert.equal(auth.identity, `API key …${TEST_KEY.slice(-4)}`);
    assert.ok(!auth.identity.includes(TEST_KEY));
    assert.equal(auth.modelId, 'claude-haiku-4-5');
    assert.equal(emu.requestsTo('/v1/messages/count_tokens')[0]?.modelId, 'claude-haiku-4-5');
  });

  it('maps model names through resolveModelId and prices through estimateCost', async () => {
    const provider = providerFor(emu, {
      resolveModelId: (m) => (m === 'sonnet' ? MODEL : m),
      estimateCost: (usage) => ({ usd: usage.outputTokens * 1e-6, priceKnown: true }),
    });
    const res = await provider.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.modelId, MODEL);
    assert.equal(emu.requestsTo('/v1/messages')[0]?.modelId, MODEL);
    assert.deepEqual(provider.estimateCost(res.usage, res.modelId), { usd: res.usage.outputTokens * 1e-6, priceKnown: true });
    assert.deepEqual(providerFor(emu).estimateCost(res.usage, res.modelId), { usd: undefined, priceKnown: false });
  });

  it('never writes the key into its log', async () => {
    const logger = new MemoryLogger();
    const provider = providerFor(emu, { logger, apiKey: 'sk-ant-wrong-key-0000' });
    await provider.send({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }).catch(() => undefined);
    assert.ok(logger.lines.length > 0);
    assert.ok(logger.lines.every((l) => !l.includes('sk-ant-wrong-key-0000')));
  });
});
