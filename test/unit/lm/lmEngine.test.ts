// What the vscode.lm provider sends, through the product's engine (createSwitchboard, product
// defaults) and the real SDKs to the strict emulators: the converted request is accepted by both
// services, tool calls round-trip, the ledger names the caller, token counts are the services'.
// (The same path inside a real VS Code host: test/vscode/suite/lm.test.ts.)
import * as assert from 'node:assert/strict';
import type { ClientEvent } from '../../../src/core/engine/types';
import type { ProviderId } from '../../../src/core/types';
import { countScope, estimateTokens } from '../../../src/extension/lm/lmTokenCount';
import { toModelRequest } from '../../../src/presenters/lm/lmRequest';
import { partsOf } from '../../../src/presenters/lm/lmResponse';
import { LM_ROLE, LM_TOOL_MODE } from '../../../src/presenters/lm/lmShapes';
import type { LmMessageShape, LmOutPart } from '../../../src/presenters/lm/lmShapes';
import { TokenCounter } from '../../../src/presenters/lm/tokenCounter';
import { countInputTokens } from '../../emulators/anthropicReply';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { useEmulators } from '../client/clientHelpers';
import { useEngines } from '../client/engineHelpers';
import type { TestEngine } from '../client/engineHelpers';

const WEATHER = { name: 'get_weather', description: 'Current weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
const user = (...content: unknown[]): LmMessageShape => ({ role: LM_ROLE.user, content, name: undefined });
const assistant = (...content: unknown[]): LmMessageShape => ({ role: LM_ROLE.assistant, content, name: undefined });
const system = (...content: unknown[]): LmMessageShape => ({ role: LM_ROLE.system, content, name: undefined });

async function parts(events: AsyncIterable<ClientEvent>): Promise<{ parts: LmOutPart[]; done?: Extract<ClientEvent, { type: 'done' }> }> {
  const out: LmOutPart[] = [];
  let done: Extract<ClientEvent, { type: 'done' }> | undefined;
  for await (const e of events) {
    out.push(...partsOf(e));
    if (e.type === 'done') done = e;
  }
  return { parts: out, ...(done ? { done } : {}) };
}

describe('lm requests through the engine (emulators, real SDKs)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  useEmulators({ region: 'eu-west-1' }, (e) => ({ anthropic, bedrock } = e));
  const engines = useEngines(() => ({ anthropic, bedrock }));
  const make = (provider: ProviderId, fallback: ProviderId | null): Promise<TestEngine> => engines({ provider, fallbackProvider: fallback, autoFallback: fallback !== null });

  for (const provider of ['anthropic', 'bedrock'] as const) {
    it(`${provider}: a request with a tool streams text and a tool call; the tool result sent back yields the final answer; the ledger names the caller`, async () => {
      const { engine, records } = await make(provider, null);
      const first = [user({ value: 'What is the weather in Paris? Use get_weather.' })];
      const r1 = toModelRequest({ model: 'sonnet-4.6', messages: first, options: { toolMode: LM_TOOL_MODE.auto, tools: [WEATHER] } });
      const a = await parts(engine.stream(r1, { surface: 'lm:test.client' }));
      assert.ok(a.parts.some((p) => p.kind === 'text'), JSON.stringify(a.parts));
      const call = a.parts.find((p) => p.kind === 'toolCall');
      assert.ok(call && call.kind === 'toolCall' && call.name === 'get_weather', JSON.stringify(a.parts));
      assert.equal(a.done?.result.provider, provider);
      const second = [...first, assistant(...a.parts.map((p) => (p.kind === 'text' ? { value: p.value } : { callId: p.callId, name: p.name, input: p.input }))), user({ callId: call.callId, content: [{ value: '18 °C and sunny' }] })];
      const r2 = toModelRequest({ model: 'sonnet-4.6', messages: second, options: { toolMode: LM_TOOL_MODE.auto, tools: [WEATHER] } });
      const b = await parts(engine.stream(r2, { surface: 'lm:test.client' }));
      assert.match(b.parts.map((p) => (p.kind === 'text' ? p.value : '')).join(''), /18 °C and sunny/);
      const ledger = await records();
      assert.deepEqual(ledger.map((r) => r.surface), ['lm:test.client', 'lm:test.client']);
    });
  }

  it('toolMode Required reaches the service as tool_choice (Anthropic: the one tool by name)', async () => {
    const { engine } = await make('anthropic', null);
    await parts(engine.stream(toModelRequest({ model: 'sonnet-4.6', messages: [user({ value: 'hello' })], options: { toolMode: LM_TOOL_MODE.required, tools: [WEATHER] } })));
    const body = anthropic.requestsTo('/v1/messages')[0]!.body as { tool_choice?: unknown };
    assert.deepEqual(body.tool_choice, { type: 'tool', name: 'get_weather' });
  });

  it('with Anthropic overloaded the answer comes from Bedrock for the same logical model', async () => {
    const { engine, records } = await make('anthropic', 'bedrock');
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const r = await parts(engine.stream(toModelRequest({ model: 'sonnet-4.6', messages: [user({ value: 'hi there' })], options: { toolMode: LM_TOOL_MODE.auto } }), { surface: 'lm:test.client' }));
    assert.equal(r.done?.result.provider, 'bedrock');
    assert.equal(r.done?.result.model, 'sonnet-4.6');
    assert.equal(bedrock.modelRequests()[0]!.modelId, 'eu.anthropic.claude-sonnet-4-6');
    assert.equal((await records()).at(-1)!.surface, 'lm:test.client');
  });

  it('the next agent turn (same large tool + system prefix, the conversation resent) reads the prompt cache, on both providers', async () => {
    const instructions = Array.from({ length: 400 }, (_, i) => `Rule ${i}: answer precisely, cite the file and line, and never invent an API.`).join('\n');
    for (const provider of ['anthropic', 'bedrock'] as const) {
      const { engine } = await make(provider, null);
      const opts = { toolMode: LM_TOOL_MODE.auto, tools: [WEATHER] };
      const turn1 = [system({ value: instructions }), user({ value: 'Weather in Paris? Use get_weather.' })];
      const one = await parts(engine.stream(toModelRequest({ model: 'sonnet-4.6', messages: turn1, options: opts })));
      const call = one.parts.find((p) => p.kind === 'toolCall');
      assert.ok(call && call.kind === 'toolCall', JSON.stringify(one.parts));
      const turn2 = [...turn1, assistant(...one.parts.map((p) => (p.kind === 'text' ? { value: p.value } : { callId: p.callId, name: p.name, input: p.input }))), user({ callId: call.callId, content: [{ value: 'sunny' }] })];
      const two = await parts(engine.stream(toModelRequest({ model: 'sonnet-4.6', messages: turn2, options: opts })));
      assert.ok(one.done!.result.usage.cacheWriteInputTokens > 0, `${provider} wrote the cache: ${JSON.stringify(one.done!.result.usage)}`);
      assert.ok(two.done!.result.usage.cacheReadInputTokens >= one.done!.result.usage.cacheWriteInputTokens, `${provider} read the whole first prefix: ${JSON.stringify(two.done!.result.usage)}`);
    }
  });

  it('counts tokens exactly with Anthropic count_tokens (the service\'s number for the same body)', async () => {
    const { engine } = await make('anthropic', null);
    const request = toModelRequest({ model: 'sonnet-4.6', messages: [user({ value: 'Count these words, please, exactly.' })], options: { toolMode: LM_TOOL_MODE.auto } });
    const count = await engine.countTokens(request, { provider: countScope(engine, 'sonnet-4.6').provider });
    const logged = anthropic.requestsTo('/v1/messages/count_tokens');
    assert.equal(logged.length, 1);
    assert.deepEqual(count, { inputTokens: countInputTokens(logged[0]!.body as Record<string, unknown>), exact: true });
  });

  it('counts tokens on Bedrock with CountTokens on the base model behind the inference profile', async () => {
    const { engine } = await make('bedrock', null);
    assert.deepEqual(countScope(engine, 'sonnet-4.6'), { provider: 'bedrock', modelId: 'eu.anthropic.claude-sonnet-4-6' });
    const request = toModelRequest({ model: 'sonnet-4.6', messages: [user({ value: 'Count these words, please, exactly.' })], options: { toolMode: LM_TOOL_MODE.auto } });
    const count = await engine.countTokens(request, { provider: countScope(engine, 'sonnet-4.6').provider });
    assert.equal(count.exact, true);
    const logged = bedrock.modelRequests();
    assert.deepEqual(logged.map((r) => [r.path.split('/').at(-1), r.modelId]), [['count-tokens', 'anthropic.claude-sonnet-4-6']]);
  });

  it('a repeated count is answered from the cache (no second call); offline, the estimate answers without waiting', async () => {
    const { engine } = await make('anthropic', null);
    const counter = new TokenCounter({ count: (r, s) => engine.countTokens(r, { provider: countScope(engine, r.model).provider, ...(s ? { signal: s } : {}) }), estimate: estimateTokens });
    const request = toModelRequest({ model: 'sonnet-4.6', messages: [user({ value: 'the same text every time' })], options: { toolMode: LM_TOOL_MODE.auto } });
    const a = await counter.count('anthropic:claude-sonnet-4-6', request);
    const b = await counter.count('anthropic:claude-sonnet-4-6', request);
    assert.equal(a, b);
    assert.equal(anthropic.requestsTo('/v1/messages/count_tokens').length, 1);
    anthropic.faults.push({ kind: 'drop-connection' }, { times: Infinity, match: (e) => e.path === '/v1/messages/count_tokens' });
    const other = toModelRequest({ model: 'sonnet-4.6', messages: [user({ value: 'a text never counted before' })], options: { toolMode: LM_TOOL_MODE.auto } });
    assert.equal(await counter.count('anthropic:claude-sonnet-4-6', other), estimateTokens(other));
    const calls = anthropic.requestsTo('/v1/messages/count_tokens').length;
    const third = toModelRequest({ model: 'sonnet-4.6', messages: [user({ value: 'yet another text' })], options: { toolMode: LM_TOOL_MODE.auto } });
    assert.equal(await counter.count('anthropic:claude-sonnet-4-6', third), estimateTokens(third));
    assert.equal(anthropic.requestsTo('/v1/messages/count_tokens').length, calls, 'while offline no call is made');
  });
});
