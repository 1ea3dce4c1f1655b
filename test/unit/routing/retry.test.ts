import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { SwitchboardError } from '../../../src/core/errors';
import { DEFAULT_RETRY_POLICY, nextDelay, streamWithRetry, withRetry, type RetryPolicy } from '../../../src/core/routing/retry';
import type { StreamEvent } from '../../../src/core/types';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, totalBudgetMs: 10_000, maxRetryAfterMs: 5_000 };

function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms: number) => { slept.push(ms); t += ms; }, slept };
}

const rateLimited = (retryAfterMs?: number): SwitchboardError => new SwitchboardError({ type: 'rate_limit', provider: 'anthropic', message: 'slow down', retryAfterMs });

describe('retry', () => {
  it('retries a rate limit and waits exactly the retry-after the server asked for', async () => {
    const clock = fakeClock();
    let calls = 0;
    const value = await withRetry(async () => { calls++; if (calls < 3) throw rateLimited(1500); return 'ok'; }, policy, { ...clock, random: () => 0.5 });
    assert.equal(value, 'ok');
    assert.equal(calls, 3);
    assert.deepEqual(clock.slept, [1500, 1500]);
  });

  it('does not retry authentication or invalid requests', async () => {
    for (const type of ['authentication', 'invalid_request', 'permission', 'model_not_found'] as const) {
      let calls = 0;
      await assert.rejects(withRetry(async () => { calls++; throw new SwitchboardError({ type, message: 'no' }); }, policy, fakeClock()), { type });
      assert.equal(calls, 1, type);
    }
  });

  it('gives up after maxAttempts and reports how many attempts were made', async () => {
    let attempts = 0;
    let calls = 0;
    await assert.rejects(withRetry(async () => { calls++; throw new SwitchboardError({ type: 'overloaded', message: 'busy' }); }, policy, { ...fakeClock(), onAttempts: (n) => { attempts = n; } }), { type: 'overloaded' });
    assert.equal(calls, 4);
    assert.equal(attempts, 4);
  });

  it('does not wait for a retry-after longer than the policy allows', async () => {
    const clock = fakeClock();
    let calls = 0;
    await assert.rejects(withRetry(async () => { calls++; throw rateLimited(60_000); }, policy, clock), { type: 'rate_limit' });
    assert.equal(calls, 1);
    assert.deepEqual(clock.slept, []);
  });

  it('stops when the next wait would exceed the total time budget', async () => {
    const clock = fakeClock();
    let calls = 0;
    const tight = { ...policy, maxAttempts: 100, totalBudgetMs: 4000 };
    await assert.rejects(withRetry(async () => { calls++; throw rateLimited(1500); }, tight, clock));
    assert.equal(calls, 3); // waits 1500 + 1500; a third wait would end at 4500 > 4000
  });

  it('full jitter keeps every backoff within [0, min(maxDelay, base * 2^(n-1)))', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (attempt, r) => {
      const d = nextDelay(policy, attempt, new SwitchboardError({ type: 'network', message: 'x' }), 0, () => r);
      assert.ok(d !== undefined);
      assert.ok(d >= 0 && d < Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
    }));
  });

  it('an aborted signal stops the wait with a cancelled error', async () => {
    const ac = new AbortController();
    const p = withRetry(async () => { throw rateLimited(1000); }, DEFAULT_RETRY_POLICY, { signal: ac.signal });
    setTimeout(() => ac.abort(), 10);
    await assert.rejects(p, { type: 'cancelled' });
  });

  describe('streams', () => {
    const start: StreamEvent = { type: 'message_start', provider: 'anthropic', modelId: 'm' };
    async function collect(it: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
      const out: StreamEvent[] = [];
      for await (const e of it) out.push(e);
      return out;
    }

    it('re-sends a stream that failed before any content and shows only the successful attempt', async () => {
      let calls = 0;
      const events = await collect(streamWithRetry(async function* () {
        calls++;
        yield start;
        if (calls === 1) throw new SwitchboardError({ type: 'overloaded', message: 'busy' });
        yield { type: 'text_delta', index: 0, text: 'hi' };
        yield { type: 'stop', stopReason: 'end_turn' };
      }, policy, fakeClock()));
      assert.equal(calls, 2);
      assert.deepEqual(events.map((e) => e.type), ['message_start', 'text_delta', 'stop']);
    });

    it('never silently re-sends after content was yielded: the error surfaces after the partial text', async () => {
      let calls = 0;
      const seen: StreamEvent[] = [];
      await assert.rejects((async () => {
        for await (const e of streamWithRetry(async function* () {
          calls++;
          yield start;
          yield { type: 'text_delta', index: 0, text: 'partial' };
          throw new SwitchboardError({ type: 'overloaded', message: 'dropped' });
        }, policy, fakeClock())) seen.push(e);
      })(), { type: 'overloaded' });
      assert.equal(calls, 1);
      assert.deepEqual(seen.map((e) => e.type), ['message_start', 'text_delta']);
    });
  });
});
