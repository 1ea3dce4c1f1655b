import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ResponseCache } from '../../../src/core/cache/responseCache';
import { PartialAnswerError } from '../../../src/core/engine/requestErrors';
import type { ClientEvent, RequestResult } from '../../../src/core/engine/types';
import type { Fault } from '../../emulators/faults';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { emulatorEngine } from '../client/engineHelpers';
import type { TestEngine } from '../client/engineHelpers';

/** Seeded PRNG (mulberry32): the same faults in the same order on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A real collector: expose V8's gc for this process (the same as --expose-gc). */
function collector(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const TOTAL = 2_000;
const CONCURRENCY = 4;
const WARM_UP = 200;
/**
 * Memory bound: the heap after all requests may exceed the heap after warm-up by at most this
 * much. Everything the router keeps is bounded (health history 200 samples, cache 100 entries,
 * breaker failures per window, emulator logs trimmed by the test), so growth proportional to
 * the request count (2 000 requests × several KB of events each) would blow through it, while
 * allocator noise does not.
 */
const HEAP_BOUND_BYTES = 24 * 1024 * 1024;

describe('router soak: 2,000 requests through createSwitchboard, 20 % injected faults on the primary', function () {
  this.timeout(300_000);
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    anthropic = await startAnthropicEmulator({ pingEvery: 1000 });
    bedrock = await startBedrockEmulator({ region: 'eu-west-1' });
  });
  let t: TestEngine | undefined;
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await t?.cleanup();
    await anthropic.close();
    await bedrock.close();
  });

  it('answers every request that failed before content, keeps partials, leaks nothing', async () => {
    const random = prng(0x5eed);
    const gc = collector();
    const cache = new ResponseCache({ maxEntries: 100 });
    // The product's construction and breakers. Two values differ from the defaults, on purpose:
    // - deadlines of 1 s (the `timeouts` setting a user can set): 2,000 requests cannot each wait
    //   the default 20 s / 30 s; the defaults themselves are tested in client/deadlines.test.ts.
    // - a millisecond backoff: the default 0.5–20 s backoff × ~600 retries would take an hour;
    //   the backoff and retry-after rules are tested in routing/retry.test.ts.
    t = await emulatorEngine(anthropic, bedrock, { fallbackProvider: 'bedrock', autoFallback: true, timeouts: { firstTokenSeconds: 1, idleSeconds: 1, totalSeconds: 900 } }, {
      storage: { responseCache: cache },
      retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, totalBudgetMs: 5_000, maxRetryAfterMs: 1_000 },
    });
    const client = t.engine;
    const kinds = ['429', '529', '500', 'reset-mid-stream', 'drop-connection', 'stall-before-first-token', 'stall-mid-stream', 'slow-first-token'] as const;
    const plan = Array.from({ length: TOTAL }, (_, i) => {
      const faulty = random() < 0.2;
      const kind = faulty ? kinds[Math.floor(random() * kinds.length)]! : undefined;
      // 1..3 times: 3 = every attempt of this request fails, so only the fallback can answer.
      const times = 1 + Math.floor(random() * 3);
      // Some prompts repeat (deterministic requests): those may be answered from the cache.
      const prompt = random() < 0.1 && i > 0 ? `question ${Math.floor(random() * i)}` : `question ${i}`;
      return { i, kind, times, prompt };
    });
    const counts = { answered: 0, partial: 0, cached: 0, failover: 0, faulted: 0, hung: 0 };
    const started = Date.now();
    const failures: string[] = [];
    let heapAfterWarmUp = 0;

    const faultFor = (kind: (typeof kinds)[number]): Fault => {
      switch (kind) {
        case '429': return { kind: 'error', status: 429, errorType: 'rate_limit_error', retryAfterMs: 2 + Math.floor(random() * 10) };
        case '529': return { kind: 'error', status: 529, errorType: 'overloaded_error' };
        case '500': return { kind: 'error', status: 500, errorType: 'api_error' };
        case 'reset-mid-stream': return { kind: 'reset-mid-stream', afterEvents: 1 + Math.floor(random() * 2) };
        case 'drop-connection': return { kind: 'drop-connection' };
        case 'stall-before-first-token': return { kind: 'stall-mid-stream', afterEvents: 0 };
        case 'stall-mid-stream': return { kind: 'stall-mid-stream', afterEvents: 1 + Math.floor(random() * 2) };
        case 'slow-first-token': return { kind: 'slow-first-token', delayMs: 1_500 };
      }
    };

    let next = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const p = plan[next++];
        if (!p) return;
        const marker = `[req ${p.i}]`;
        if (p.kind) {
          counts.faulted++;
          // The fault only matches this request's own body: concurrent requests cannot steal it.
          anthropic.faults.push(faultFor(p.kind), { times: p.times, match: (e) => JSON.stringify(e.body ?? '').includes(marker) });
        }
        try {
          // A watchdog far beyond any deadline: a request still running after 30 s counts as hung.
          const watchdog = new AbortController();
          const timer = setTimeout(() => {
            counts.hung++;
            watchdog.abort();
          }, 30_000);
          const result: RequestResult = await collect(client.stream({ model: 'sonnet', temperature: 0, maxTokens: 64, messages: [{ role: 'user', content: p.kind ? `${p.prompt} ${marker}` : p.prompt }] }, { signal: watchdog.signal })).finally(() => clearTimeout(timer));
          counts.answered++;
          if (result.cached) counts.cached++;
          if (result.failover) counts.failover++;
          if (!result.text) failures.push(`#${p.i}: empty answer`);
        } catch (e) {
          // Content was shown before the fault: the partial answer is kept (never silently re-sent).
          if (e instanceof PartialAnswerError && (p.kind === 'reset-mid-stream' || p.kind === 'stall-mid-stream') && e.partial.text.length > 0) counts.partial++;
          else failures.push(`#${p.i} (${p.kind ?? 'no fault'}): ${(e as Error).message}`);
        }
        // A fault left over (its request was answered by the fallback or the cache) matches only
        // that request's marker, so it can never hit a later request.
        if (p.i % 100 === 0) {
          anthropic.requests.length = 0;
          bedrock.requests.length = 0;
        }
        if (p.i === WARM_UP) {
          gc();
          heapAfterWarmUp = process.memoryUsage().heapUsed;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    anthropic.faults.clear();
    anthropic.requests.length = 0;
    bedrock.requests.length = 0;
    await new Promise((r) => setImmediate(r));
    gc();
    const heapAtEnd = process.memoryUsage().heapUsed;

    const records = await t.records();
    const requestIds = new Set(records.map((r) => (r as { requestId?: string }).requestId));
    console.log(`      soak: ${TOTAL} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; faulted ${counts.faulted}, answered ${counts.answered}, partial ${counts.partial}, failover ${counts.failover}, cached ${counts.cached}, unhandled ${unhandled.length}, hung ${counts.hung}; ledger ${records.length} records for ${requestIds.size} requests; heap ${(heapAfterWarmUp / 1e6).toFixed(1)} → ${(heapAtEnd / 1e6).toFixed(1)} MB`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} recoverable request(s) not answered`);
    assert.deepEqual(unhandled, [], 'unhandled rejections');
    assert.equal(counts.hung, 0, 'hung requests');
    assert.equal(counts.answered + counts.partial, TOTAL);
    assert.ok(counts.faulted > TOTAL * 0.15 && counts.faulted < TOTAL * 0.25, `faulted ${counts.faulted}`);
    assert.ok(counts.failover > 0, 'no request was answered by the fallback');
    assert.ok(counts.cached > 0, 'no request was answered from the cache');
    assert.ok(cache.stats().entries <= 100);
    assert.equal(requestIds.size, TOTAL, 'every request is accounted for in the ledger');
    assert.ok(!requestIds.has(undefined));
    assert.ok(heapAtEnd <= heapAfterWarmUp + HEAP_BOUND_BYTES, `heap grew from ${(heapAfterWarmUp / 1e6).toFixed(1)} MB to ${(heapAtEnd / 1e6).toFixed(1)} MB`);
  });
});

/** The streamed answer's result; a request that never ends would hang the soak (and its timeout fails the test). */
async function collect(events: AsyncIterable<ClientEvent>): Promise<RequestResult> {
  for await (const e of events) if (e.type === 'done') return e.result;
  throw new Error('the stream ended without a result');
}
