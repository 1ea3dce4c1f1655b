// Each pipeline stage alone (engine/stages/*), around a scripted `next`. The whole pipeline is
// tested through createSwitchboard in test/unit/client/engine.test.ts and deadlines.test.ts.
import * as assert from 'node:assert/strict';
import { ResponseCache } from '../../../src/core/cache/responseCache';
import { BreakerRegistry } from '../../../src/core/routing/circuitBreaker';
import { PIPELINE } from '../../../src/core/engine/pipeline';
import { PartialAnswerError, resultOf } from '../../../src/core/engine/requestErrors';
import { breakerStage } from '../../../src/core/engine/stages/breaker';
import { budgetGateStage } from '../../../src/core/engine/stages/budgetGate';
import { deadlinesStage } from '../../../src/core/engine/stages/deadlines';
import { failoverStage } from '../../../src/core/engine/stages/failover';
import { promptCacheStage } from '../../../src/core/engine/stages/promptCache';
import { responseCacheStage } from '../../../src/core/engine/stages/responseCache';
import { retryStage } from '../../../src/core/engine/stages/retry';
import { usageRecorderStage } from '../../../src/core/engine/stages/usageRecorder';
import type { ClientEvent } from '../../../src/core/engine/types';
import { SwitchboardError, isSwitchboardError } from '../../../src/core/errors';
import type { ModelRequest } from '../../../src/core/types';
import { ANSWER, REQUEST, ctxFor, drain, legFor, scripted } from './stageHelpers';
import { ALIAS } from '../client/clientHelpers';

const overloaded = (): SwitchboardError => new SwitchboardError({ type: 'overloaded', provider: 'anthropic', message: 'Overloaded' });
const done = (text = 'Hello there'): ClientEvent => ({ type: 'done', result: { provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', text, toolCalls: [], stopReason: 'end_turn', usage: { inputTokens: 10, outputTokens: 2, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }, costUsd: 0.001, latencyMs: 5, attempts: 1, cached: false, failover: null } });

describe('pipeline stages, each alone', () => {
  it('the order is written in one place', () => {
    assert.deepEqual(PIPELINE.map((s) => s.name), ['responseCacheStage', 'budgetGateStage', 'promptCacheStage', 'failoverStage', 'usageRecorderStage', 'breakerStage', 'retryStage', 'deadlinesStage']);
  });

  describe('responseCache', () => {
    it('stores a complete answer and replays it without calling next; cost 0, recorded as cached', async () => {
      const cache = new ResponseCache({});
      const ctx = ctxFor({ responseCache: cache });
      const q: ModelRequest = { ...REQUEST, temperature: 0 };
      const next = scripted({ events: [...ANSWER, done()] });
      await drain(responseCacheStage(q, ctx, next));
      const again = ctxFor({ responseCache: cache });
      const events = await drain(responseCacheStage(q, again, next));
      assert.equal(next.calls, 1);
      const last = events[events.length - 1]!;
      assert.ok(last.type === 'done' && last.result.cached && last.result.costUsd === 0);
      assert.equal(again.records[0]!.cached, true);
    });

    it('keys on the resolved model: the same name mapped to another model misses', async () => {
      const cache = new ResponseCache({});
      const q: ModelRequest = { ...REQUEST, temperature: 0 };
      await drain(responseCacheStage(q, ctxFor({ responseCache: cache }), scripted({ events: [...ANSWER, done()] })));
      const remapped = ctxFor({ responseCache: cache, resolve: (id) => ({ provider: id, input: 'sonnet', modelId: 'claude-haiku-4-5', baseModelId: 'claude-haiku-4-5', family: 'anthropic', explicit: true, rule: 'as-given', reason: 'test mapping', fallbackIds: [] }) });
      const next = scripted({ events: [...ANSWER, done()] });
      await drain(responseCacheStage(q, remapped, next));
      assert.equal(next.calls, 1);
    });

    it('never stores a non-deterministic request (temperature unset)', async () => {
      const cache = new ResponseCache({});
      await drain(responseCacheStage(REQUEST, ctxFor({ responseCache: cache }), scripted({ events: [...ANSWER, done()] })));
      assert.equal(cache.stats().entries, 0);
    });
  });

  describe('budgetGate', () => {
    it('refuses before anything is sent when the guard says so', async () => {
      const ctx = ctxFor({ budget: { beforeRequest: async () => { throw new SwitchboardError({ type: 'budget_exceeded', message: 'over' }); }, observe: async () => undefined } });
      const next = scripted({ events: ANSWER });
      await assert.rejects(drain(budgetGateStage(REQUEST, ctx, next)), /over/);
      assert.equal(next.calls, 0);
    });

    it('fails closed when the spend cannot be read, with a clear message and a notice', async () => {
      const ctx = ctxFor({ budget: { beforeRequest: async () => { throw new Error('EACCES: permission denied, open usage.db'); }, observe: async () => undefined } });
      const notices: string[] = [];
      ctx.deps.state.onDidChange((c) => c.kind === 'notice' && notices.push(c.code));
      await assert.rejects(drain(budgetGateStage(REQUEST, ctx, scripted({ events: ANSWER }))), (e: unknown) => isSwitchboardError(e) && e.type === 'budget_exceeded' && /could not be read \(EACCES/.test(e.message));
      assert.deepEqual(notices, ['budget_unreadable']);
    });
  });

  describe('promptCache', () => {
    it('passes the request with breakpoints on, and notes the 1-hour TTL for pricing', async () => {
      const ctx = ctxFor({ promptCache: { ttl: '1h' } });
      let seen: ModelRequest | undefined;
      const long = { ...REQUEST, system: 'x'.repeat(20_000) }; // ~5,000 tokens: above every model's cache minimum
      await drain(promptCacheStage(long, ctx, async function* (r) {
        seen = r;
        yield* ANSWER;
      }));
      assert.equal(ctx.cacheWriteTtl, '1h');
      assert.ok(Array.isArray(seen!.system) && seen!.system.some((b) => b.cache));
    });
  });

  describe('failover', () => {
    it('opens a leg on the fallback after a retryable failure before content, and says so', async () => {
      const ctx = ctxFor();
      const next = scripted({ error: overloaded() }, { events: [...ANSWER, done()] });
      const events = await drain(failoverStage(REQUEST, ctx, next));
      assert.ok(events.some((e) => e.type === 'failover'));
      assert.deepEqual(ctx.providersTried, ['anthropic', 'bedrock']);
      assert.equal(ctx.leg!.provider, 'bedrock');
      assert.equal(ctx.leg!.resolved.modelId, `eu.${ALIAS.sonnet.bedrockId}`);
      assert.equal(ctx.deps.state.activeFailover?.to, 'bedrock');
    });

    it('never re-sends a partial answer (without continueAfterPartial) nor a request the caller cancelled', async () => {
      const partial = new PartialAnswerError(overloaded(), { text: 'Hel', provider: 'anthropic', modelId: 'claude-sonnet-4-6' });
      await assert.rejects(drain(failoverStage(REQUEST, ctxFor(), scripted({ error: partial }))), PartialAnswerError);
      const cancelled = new SwitchboardError({ type: 'cancelled', message: 'stop' });
      await assert.rejects(drain(failoverStage(REQUEST, ctxFor(), scripted({ error: cancelled }))), /stop/);
    });
  });

  describe('usageRecorder', () => {
    it('records a complete answer and yields the result built from the same values', async () => {
      const ctx = ctxFor();
      legFor(ctx);
      ctx.attempts = 2;
      const events = await drain(usageRecorderStage(REQUEST, ctx, scripted({ events: ANSWER })));
      const d = events[events.length - 1]!;
      assert.ok(d.type === 'done');
      assert.equal(ctx.records.length, 1);
      assert.equal(ctx.records[0]!.costUsd, d.result.costUsd);
      assert.equal(ctx.records[0]!.latencyMs, d.result.latencyMs);
      assert.equal(d.result.attempts, 2);
      assert.equal(d.result.text, 'Hello there');
    });

    it('records a consumer that stops early as cancelled, with cost unknown in both (no usage was reported)', async () => {
      const ctx = ctxFor();
      legFor(ctx);
      for await (const e of usageRecorderStage(REQUEST, ctx, scripted({ events: ANSWER }))) if (e.type === 'text_delta') break;
      assert.equal(ctx.records.length, 1);
      assert.equal(ctx.records[0]!.outcome, 'cancelled');
      assert.equal(ctx.records[0]!.costUsd, null);
    });

    it('turns a failure after content into a PartialAnswerError carrying the recorded result', async () => {
      const ctx = ctxFor();
      legFor(ctx);
      const err = await drain(usageRecorderStage(REQUEST, ctx, scripted({ events: ANSWER.slice(0, 2), error: overloaded() }))).catch((e: unknown) => e);
      assert.ok(err instanceof PartialAnswerError);
      assert.equal(err.partial.text, 'Hello');
      assert.equal(resultOf(err)?.outcome, 'partial');
      assert.equal(ctx.records[0]!.outcome, 'partial');
    });
  });

  describe('breaker', () => {
    it('refuses while open, and releases the half-open probe slot when the consumer stops early', async () => {
      let now = 0;
      const ctx = ctxFor();
      ctx.deps.breakers = new BreakerRegistry({ failureThreshold: 1, windowMs: 1000, openMs: 1000, now: () => now });
      legFor(ctx);
      await assert.rejects(drain(breakerStage(REQUEST, ctx, scripted({ error: overloaded() }))));
      await assert.rejects(drain(breakerStage(REQUEST, ctx, scripted({ events: ANSWER }))), /circuit breaker open/);
      now += 1000;
      for await (const e of breakerStage(REQUEST, ctx, scripted({ events: ANSWER }))) if (e.type === 'text_delta') break;
      assert.equal(ctx.deps.breakers.get('anthropic', 'claude-sonnet-4-6').tryAcquire(), true);
    });
  });

  describe('retry', () => {
    it('retries before content and holds back what the failed attempt sent', async () => {
      const ctx = ctxFor();
      legFor(ctx);
      const fast = new SwitchboardError({ type: 'overloaded', provider: 'anthropic', message: 'Overloaded', retryAfterMs: 1 });
      const events = await drain(retryStage(REQUEST, ctx, scripted({ events: [ANSWER[0]!], error: fast }, { events: ANSWER })));
      assert.equal(ctx.attempts, 2);
      assert.equal(events.filter((e) => e.type === 'message_start').length, 1);
      assert.equal(events.filter((e) => e.type === 'retry').length, 1);
    });

    it('with a fallback waiting, a retry-after longer than the first-token deadline is not waited for', async () => {
      const ctx = ctxFor();
      legFor(ctx, 'anthropic', { hasFallback: true });
      const slow = new SwitchboardError({ type: 'rate_limit', provider: 'anthropic', message: 'slow down', retryAfterMs: 25_000 });
      const next = scripted({ error: slow });
      await assert.rejects(drain(retryStage(REQUEST, ctx, next)), /slow down/);
      assert.equal(next.calls, 1);
    });
  });

  describe('deadlines', () => {
    // The stage's mechanism with short deadlines; the product's defaults are tested end to end in client/deadlines.test.ts.
    it('a missed first-token deadline aborts the attempt and throws a retryable timeout', async () => {
      const ctx = ctxFor({ deadlines: { firstTokenMs: 30, idleMs: 30, totalMs: 0 } });
      legFor(ctx);
      const err = await drain(deadlinesStage(REQUEST, ctx, scripted({ events: [ANSWER[0]!], hang: true }))).catch((e: unknown) => e);
      assert.ok(isSwitchboardError(err));
      assert.equal(err.type, 'timeout');
      assert.equal(err.retryable, true);
      assert.equal(err.details?.deadline, 'first_token');
      assert.equal(ctx.attemptSignal?.aborted, true, 'the provider is told to stop');
    });

    it('after content a stall is an idle timeout that is not retried', async () => {
      const ctx = ctxFor({ deadlines: { firstTokenMs: 1000, idleMs: 30, totalMs: 0 } });
      legFor(ctx);
      const err = await drain(deadlinesStage(REQUEST, ctx, scripted({ events: ANSWER.slice(0, 2), hang: true }))).catch((e: unknown) => e);
      assert.ok(isSwitchboardError(err));
      assert.equal(err.details?.deadline, 'idle');
      assert.equal(err.retryable, false);
    });

    it('does not count the consumer\'s own reading time as provider silence', async () => {
      const ctx = ctxFor({ deadlines: { firstTokenMs: 1000, idleMs: 30, totalMs: 0 } });
      legFor(ctx);
      const seen: string[] = [];
      for await (const e of deadlinesStage(REQUEST, ctx, scripted({ events: ANSWER }))) {
        seen.push(e.type);
        if (e.type === 'text_delta') await new Promise((r) => setTimeout(r, 60)); // a slow reader, longer than the idle timeout
      }
      assert.deepEqual(seen, ANSWER.map((e) => e.type));
    });
  });
});
