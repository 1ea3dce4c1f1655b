import * as assert from 'node:assert/strict';
import type { HealthChange } from '../../../src/core/client';
import { MemoryLogger } from '../../../src/core/logger';
import { BreakerRegistry } from '../../../src/core/routing/circuitBreaker';
import type { ChatMessage } from '../../../src/core/types';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { ALIAS, PRODUCT_RETRY, emulatorClient, useEmulators } from './clientHelpers';

type Json = Record<string, unknown>;

describe('SwitchboardClient failover details', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let logger: MemoryLogger;

  const emus = useEmulators();
  before(() => ({ anthropic, bedrock } = emus));
  beforeEach(() => {
    logger = new MemoryLogger();
  });

  const withFallback = { fallbackProvider: 'bedrock' as const, autoFallback: true };
  const ask = { model: 'sonnet', messages: [{ role: 'user' as const, content: 'a long question with several words to echo back' }] };
  const messagesCalls = (): number => anthropic.requests.filter((r) => r.path === '/v1/messages').length;
  const bedrockBody = (): Json => bedrock.modelRequests()[0]!.body as Json;

  it('waits out retry-after on the primary before failing over', async () => {
    anthropic.faults.push({ kind: 'error', status: 429, errorType: 'rate_limit_error', retryAfterMs: 150 }, { times: Infinity });
    const result = await emulatorClient(anthropic, bedrock, withFallback, { logger }).send(ask);
    assert.equal(result.provider, 'bedrock');
    const calls = anthropic.requests.filter((r) => r.path === '/v1/messages');
    assert.equal(calls.length, PRODUCT_RETRY.maxAttempts);
    for (let i = 1; i < calls.length; i++) assert.ok(calls[i]!.at - calls[i - 1]!.at >= 150, `attempt ${i + 1} came ${calls[i]!.at - calls[i - 1]!.at} ms after the previous one`);
    assert.ok(bedrock.modelRequests()[0]!.at >= calls[calls.length - 1]!.at, 'Bedrock was asked before Anthropic had its retries');
    assert.match(result.failover!.reason, /rate_limit/);
  });

  it('with continueAfterPartial, the fallback continues an answer the primary dropped mid-stream', async () => {
    anthropic.faults.push({ kind: 'reset-mid-stream', afterEvents: 2 });
    const c = emulatorClient(anthropic, bedrock, withFallback, { logger, continueAfterPartial: true });
    let shown = '';
    let failoverSeen = false;
    let result;
    for await (const e of c.stream(ask)) {
      if (e.type === 'text_delta') shown += e.text;
      if (e.type === 'failover') failoverSeen = true;
      if (e.type === 'done') result = e.result;
    }
    assert.ok(result && failoverSeen);
    assert.equal(result.provider, 'bedrock');
    assert.equal(result.failover?.continued, true);
    assert.match(result.failover!.reason, /continuing the partial answer/);
    assert.equal(result.text, shown, 'the result is everything the user saw: partial + continuation');
    assert.equal(messagesCalls(), 1, 'the primary was not re-sent');
    const messages = bedrockBody().messages as Array<{ role: string; content: Json[] }>;
    assert.equal(messages.length, 3);
    assert.equal(messages[1]!.role, 'assistant');
    const partial = String(messages[1]!.content[0]!.text);
    assert.ok(partial.length > 0 && shown.startsWith(partial), 'the partial text went to the fallback as the assistant turn');
    assert.match(String(messages[2]!.content[0]!.text), /Continue exactly where it stopped/);
  });

  it('without continueAfterPartial the partial answer is kept and nothing goes to the fallback', async () => {
    anthropic.faults.push({ kind: 'reset-mid-stream', afterEvents: 2 });
    await assert.rejects(emulatorClient(anthropic, bedrock, withFallback).send(ask), (e: Error & { partial?: { text: string } }) => (e.partial?.text.length ?? 0) > 0);
    assert.equal(bedrock.modelRequests().length, 0);
  });

  it('drops thinking signed by the primary when failing over a multi-turn conversation', async () => {
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const messages: ChatMessage[] = [
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'let me think', signature: 'sig_from_anthropic' }, { type: 'text', text: 'first answer', cache: true }] },
      { role: 'user', content: 'second question' },
    ];
    const result = await emulatorClient(anthropic, bedrock, withFallback, { logger }).send({ model: 'sonnet', messages });
    assert.equal(result.provider, 'bedrock');
    const sent = bedrockBody().messages as Array<{ role: string; content: Json[] }>;
    assert.ok(!JSON.stringify(sent).includes('reasoningContent'), 'a foreign signature reached Bedrock');
    assert.equal(sent[1]!.content[0]!.text, 'first answer');
    assert.ok(sent[1]!.content.some((b) => 'cachePoint' in b), 'the cache breakpoint was lost');
    assert.ok(logger.lines.some((l) => /dropped 1 thinking block/.test(l)));
  });

  it('keeps the reasoning of a tool loop in progress as text, with consistent tool IDs, and turns thinking off', async () => {
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const messages: ChatMessage[] = [
      { role: 'user', content: 'weather in Paris?' },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'I should call the weather tool', signature: 'sig_x' }, { type: 'tool_use', id: 'toolu_01ABC', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 'toolu_01ABC', content: '18 °C' }] },
    ];
    const tools = [{ name: 'get_weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }];
    const result = await emulatorClient(anthropic, bedrock, withFallback, { logger }).send({ model: 'sonnet', messages, tools, thinkingBudget: 2048, maxTokens: 4096 });
    assert.equal(result.provider, 'bedrock');
    const body = bedrockBody();
    const sent = body.messages as Array<{ role: string; content: Json[] }>;
    assert.match(String(sent[1]!.content[0]!.text), /I should call the weather tool/);
    assert.equal((sent[1]!.content[1]!.toolUse as Json).toolUseId, 'toolu_01ABC');
    assert.equal((sent[2]!.content[0]!.toolResult as Json).toolUseId, 'toolu_01ABC');
    assert.ok(!JSON.stringify(body.additionalModelRequestFields ?? {}).includes('thinking'), 'thinking stayed on');
  });

  it('a healthy health check lets the next request fail back to the primary before the open period ends', async () => {
    // The clock never moves: only the health check can end the open period early.
    const breakers = new BreakerRegistry({ failureThreshold: 2, windowMs: 60_000, openMs: 30_000, now: () => 0 });
    const c = emulatorClient(anthropic, bedrock, withFallback, { breakers, logger });
    const changes: HealthChange[] = [];
    c.onDidChangeHealth((ch) => changes.push(ch));
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    for (let i = 0; i < 3; i++) assert.equal((await c.send(ask)).provider, 'bedrock');
    assert.equal(breakers.get('anthropic', ALIAS.sonnet.anthropicId).state, 'open');
    assert.deepEqual(c.failoverState && { from: c.failoverState.from, to: c.failoverState.to }, { from: 'anthropic', to: 'bedrock' });
    assert.ok(changes.some((ch) => ch.failover?.to === 'bedrock'), 'no failover change reported');
    assert.equal(c.health.snapshot('anthropic').status, 'down');
    anthropic.faults.clear();
    const before = messagesCalls();
    await c.health.checkNow('anthropic'); // the clock has not moved: only the check can reopen the way
    const back = await c.send(ask);
    assert.equal(back.provider, 'anthropic');
    assert.equal(back.failover, null);
    assert.equal(messagesCalls(), before + 1);
    assert.equal(breakers.get('anthropic', ALIAS.sonnet.anthropicId).state, 'closed');
    assert.equal(c.failoverState, null);
    assert.equal(changes[changes.length - 1]!.failover, null, 'failback was not reported');
    assert.ok(logger.lines.some((l) => /failback: anthropic answers again/.test(l)));
  });

  it('a failing health check does not reopen the way to the primary', async () => {
    const breakers = new BreakerRegistry({ failureThreshold: 1, windowMs: 60_000, openMs: 30_000, now: () => 0 });
    const c = emulatorClient(anthropic, bedrock, withFallback, { breakers });
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    await c.send(ask);
    anthropic.faults.clear();
    anthropic.faults.push({ kind: 'error', status: 500, errorType: 'api_error' }, { times: Infinity, match: (r) => r.path.startsWith('/v1/models') });
    await c.health.checkNow('anthropic');
    const before = messagesCalls();
    assert.equal((await c.send(ask)).provider, 'bedrock');
    assert.equal(messagesCalls(), before);
  });

  it('reports passive health from real requests to listeners', async () => {
    const c = emulatorClient(anthropic, bedrock, withFallback);
    const changes: HealthChange[] = [];
    c.onDidChangeHealth((ch) => changes.push(ch));
    await c.send(ask);
    const last = changes[changes.length - 1]!;
    assert.equal(last.provider, 'anthropic');
    assert.equal(last.status, 'ok');
    assert.equal(last.health.ok, true);
    assert.equal(last.failover, undefined, 'a plain health change must not touch the failover state');
  });
});
