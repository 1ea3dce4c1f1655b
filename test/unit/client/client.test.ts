import * as assert from 'node:assert/strict';
import { PartialAnswerError } from '../../../src/core/client';
import type { SwitchboardClient } from '../../../src/core/client';
import type { ClientEvent } from '../../../src/core/client';
import type { SwitchboardConfig } from '../../../src/core/config/schema';
import { MemoryLogger } from '../../../src/core/logger';
import { BreakerRegistry, DEFAULT_BREAKER_OPTIONS } from '../../../src/core/routing/circuitBreaker';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { ALIAS, PRODUCT_RETRY, emulatorClient, useEmulators } from './clientHelpers';

describe('SwitchboardClient', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let logger: MemoryLogger;

  const emus = useEmulators();
  before(() => ({ anthropic, bedrock } = emus));
  beforeEach(() => {
    logger = new MemoryLogger();
  });

  function client(over: Partial<SwitchboardConfig> = {}, apiKey = 'sk-ant-test-key', breakers?: BreakerRegistry): SwitchboardClient {
    return emulatorClient(anthropic, bedrock, over, {
      secrets: { anthropicApiKey: apiKey, awsAccessKeyId: TEST_CREDENTIALS.accessKeyId, awsSecretAccessKey: TEST_CREDENTIALS.secretAccessKey },
      logger,
      breakers,
    });
  }

  const ask = { model: 'sonnet', messages: [{ role: 'user' as const, content: 'hello' }] };
  const messagesCalls = (): number => anthropic.requests.filter((r) => r.path === '/v1/messages').length;

  it('waits the retry-after the service asked for before re-sending', async () => {
    anthropic.faults.push({ kind: 'error', status: 429, errorType: 'rate_limit_error', retryAfterMs: 300 });
    const result = await client().send(ask);
    assert.equal(result.attempts, 2);
    const [first, second] = anthropic.requests.filter((r) => r.path === '/v1/messages');
    assert.ok(second!.at - first!.at >= 300, `re-sent after ${second!.at - first!.at} ms`);
    assert.ok(logger.lines.some((l) => /retry 1 on anthropic in 300 ms after rate_limit/.test(l)));
  });

  it('fails over to Bedrock with the same logical model when Anthropic stays overloaded', async () => {
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const events: ClientEvent[] = [];
    for await (const e of client({ fallbackProvider: 'bedrock', autoFallback: true }).stream(ask)) events.push(e);
    const done = events.find((e) => e.type === 'done');
    assert.ok(done && done.type === 'done');
    assert.equal(done.result.provider, 'bedrock');
    assert.equal(done.result.modelId, `eu.${ALIAS.sonnet.bedrockId}`);
    assert.deepEqual({ ...done.result.failover, reason: undefined }, { from: 'anthropic', to: 'bedrock', reason: undefined });
    assert.match(done.result.failover!.reason, /overloaded/);
    assert.equal(messagesCalls(), PRODUCT_RETRY.maxAttempts);
    assert.ok(events.findIndex((e) => e.type === 'failover') < events.findIndex((e) => e.type === 'text_delta'));
    assert.ok(logger.lines.some((l) => /failover: anthropic → bedrock/.test(l)));
  });

  it('does not fail over on a bad API key: the error surfaces', async () => {
    await assert.rejects(client({ fallbackProvider: 'bedrock', autoFallback: true }, 'sk-ant-wrong-000000').send(ask), { type: 'authentication' });
    assert.equal(bedrock.requests.length, 0);
    assert.equal(messagesCalls(), 1);
  });

  it('does not fail over when autoFallback is off', async () => {
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    await assert.rejects(client({ fallbackProvider: 'bedrock', autoFallback: false }).send(ask), { type: 'overloaded' });
    assert.equal(bedrock.requests.length, 0);
  });

  it('keeps the partial answer when the stream drops after some text, and does not re-send', async () => {
    anthropic.faults.push({ kind: 'reset-mid-stream', afterEvents: 2 });
    let text = '';
    await assert.rejects(async () => {
      for await (const e of client({ fallbackProvider: 'bedrock', autoFallback: true }).stream({ ...ask, messages: [{ role: 'user', content: 'a long question with several words to echo back' }] })) {
        if (e.type === 'text_delta') text += e.text;
      }
    }, (e: unknown) => {
      assert.ok(e instanceof PartialAnswerError);
      assert.equal(e.partial.text, text);
      assert.ok(text.length > 0);
      return true;
    });
    assert.equal(messagesCalls(), 1);
    assert.equal(bedrock.requests.length, 0, 'no silent failover after content');
  });

  it('cancels the provider request when the caller aborts', async () => {
    anthropic.faults.push({ kind: 'stall-mid-stream', afterEvents: 1 });
    const ac = new AbortController();
    await assert.rejects(async () => {
      for await (const e of client().stream(ask, { signal: ac.signal })) {
        if (e.type === 'text_delta') ac.abort();
      }
    });
    // Wait for the emulator to see the socket close (the condition itself, not a guessed delay).
    const entry = anthropic.requests.find((r) => r.path === '/v1/messages');
    while (entry && !entry.clientClosed) await new Promise((r) => setImmediate(r));
    assert.equal(entry?.clientClosed, true);
  });

  it('an open breaker stops traffic to the dead provider, and traffic fails back once it recovers', async function () {
    // 5 requests × 4 attempts with the product's 0.5–2 s jittered backoff: up to ~18 s.
    this.timeout(40_000);
    let now = 0;
    // The product's breaker thresholds (5 failures in 60 s, open 30 s); only the clock is the test's.
    const breakers = new BreakerRegistry({ ...DEFAULT_BREAKER_OPTIONS, now: () => now });
    const c = client({ fallbackProvider: 'bedrock', autoFallback: true }, 'sk-ant-test-key', breakers);
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const threshold = DEFAULT_BREAKER_OPTIONS.failureThreshold;
    for (let i = 0; i < threshold; i++) assert.equal((await c.send(ask)).provider, 'bedrock');
    assert.equal(messagesCalls(), threshold * PRODUCT_RETRY.maxAttempts);
    // Open: the next requests go straight to Bedrock, Anthropic sees nothing.
    for (let i = 0; i < 3; i++) {
      const r = await c.send(ask);
      assert.equal(r.provider, 'bedrock');
      assert.match(r.failover!.reason, /circuit breaker open/);
    }
    assert.equal(messagesCalls(), threshold * PRODUCT_RETRY.maxAttempts);
    // Anthropic recovers; after the open period one probe goes through and closes the breaker.
    anthropic.faults.clear();
    now += DEFAULT_BREAKER_OPTIONS.openMs;
    const back = await c.send(ask);
    assert.equal(back.provider, 'anthropic');
    assert.equal(back.failover, null);
    assert.equal((await c.send(ask)).provider, 'anthropic');
    assert.equal(breakers.get('anthropic', ALIAS.sonnet.anthropicId).state, 'closed');
  });

  it('a user stop mid-answer counts neither against the breaker nor against provider health', async () => {
    // Threshold 1 on purpose: if the stop counted as a failure at all, this breaker would open.
    const breakers = new BreakerRegistry({ failureThreshold: 1, windowMs: 60_000, openMs: 30_000 });
    const c = client({}, 'sk-ant-test-key', breakers);
    anthropic.faults.push({ kind: 'stall-mid-stream', afterEvents: 1 });
    const ac = new AbortController();
    await assert.rejects(async () => {
      for await (const e of c.stream(ask, { signal: ac.signal })) if (e.type === 'text_delta') ac.abort();
    }, { type: 'cancelled' });
    assert.equal(breakers.get('anthropic', ALIAS.sonnet.anthropicId).state, 'closed');
    const health = c.health.snapshot('anthropic');
    assert.equal(health.errorRate, 0);
    assert.equal(health.lastError, undefined);
    assert.equal((await c.send(ask)).provider, 'anthropic');
    c.dispose();
  });
});
