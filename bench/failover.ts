// What failover and the response cache cost, against the local emulators, interleaved so drift
// hits both sides alike:
//  1. a request made during an Anthropic outage once the breaker is open (Anthropic is skipped,
//     Bedrock answers) versus the same request sent to Bedrock directly: the added latency of the
//     router (target < 100 ms);
//  2. for reference, the first request of an outage (retries on the primary, then failover);
//  3. a response-cache hit versus a provider round trip.
// Usage: npm run bench:failover [N]
import { SwitchboardClient } from '../src/core/client';
import { ResponseCache } from '../src/core/cache/responseCache';
import { DEFAULT_CONFIG } from '../src/core/config/schema';
import { BreakerRegistry } from '../src/core/routing/circuitBreaker';
import type { ModelRequest } from '../src/core/types';
import { startAnthropicEmulator } from '../test/emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../test/emulators/bedrock';

const N = Number(process.argv[2] ?? 100);
const WARMUP = 10;
const ask: ModelRequest = { model: 'sonnet', temperature: 0, maxTokens: 256, messages: [{ role: 'user', content: 'Tell me about the switchboard operators of the 1920s in a few sentences please.' }] };

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)]!;
}
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const anthropic = await startAnthropicEmulator({ minCacheableTokens: 0 });
  const bedrock = await startBedrockEmulator({ region: 'eu-west-1', minCacheableTokens: 0 });
  try {
    const make = (options: { breakers?: BreakerRegistry; responseCache?: ResponseCache } = {}): SwitchboardClient => new SwitchboardClient({
      config: {
        ...DEFAULT_CONFIG,
        fallbackProvider: 'bedrock',
        autoFallback: true,
        anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: anthropic.url },
        bedrock: { ...DEFAULT_CONFIG.bedrock, awsRegion: 'eu-west-1', authMethod: 'accessKeys', endpoint: bedrock.url },
      },
      sources: { 'bedrock.awsRegion': { source: 'settings' } },
      secrets: { anthropicApiKey: 'sk-ant-test-key', awsAccessKeyId: TEST_CREDENTIALS.accessKeyId, awsSecretAccessKey: TEST_CREDENTIALS.secretAccessKey },
      env: {},
      retryPolicy: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200, totalBudgetMs: 10_000, maxRetryAfterMs: 2_000 },
      ...options,
    });

    // 1. Breaker open: Anthropic is down and skipped.
    const outage = make({ breakers: new BreakerRegistry({ failureThreshold: 1, windowMs: 60_000, openMs: 3_600_000 }) });
    const direct = make();
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const firstOutage = await timed(() => outage.send(ask, { cache: false })); // opens the breaker
    const before = anthropic.requests.length;
    for (let i = 0; i < WARMUP; i++) {
      await outage.send(ask, { cache: false });
      await direct.send(ask, { provider: 'bedrock', cache: false });
    }
    const viaFailover: number[] = [];
    const viaBedrock: number[] = [];
    for (let i = 0; i < N; i++) {
      const a = (): Promise<number> => timed(() => outage.send(ask, { cache: false }));
      const b = (): Promise<number> => timed(() => direct.send(ask, { provider: 'bedrock', cache: false }));
      if (i % 2 === 0) { viaFailover.push(await a()); viaBedrock.push(await b()); } else { viaBedrock.push(await b()); viaFailover.push(await a()); }
    }
    const leaked = anthropic.requests.length - before;
    anthropic.faults.clear();
    const added = median(viaFailover) - median(viaBedrock);
    console.log(`outage, breaker open: median ${median(viaFailover).toFixed(2)} ms vs Bedrock direct ${median(viaBedrock).toFixed(2)} ms; added ${added.toFixed(2)} ms (target < 100 ms) ${added < 100 ? 'OK' : 'OVER'}; ratio ${(mean(viaFailover) / mean(viaBedrock)).toFixed(3)}; requests to the dead provider meanwhile: ${leaked}`);
    console.log(`first request of the outage (3 attempts on Anthropic with backoff, then Bedrock, cold: includes loading the Bedrock SDK): ${firstOutage.toFixed(1)} ms — the retries are what the open breaker saves on every later request`);

    // 3. Cache hit versus a provider round trip.
    const cache = new ResponseCache();
    const cached = make({ responseCache: cache });
    await cached.send(ask);
    for (let i = 0; i < WARMUP; i++) {
      await cached.send(ask);
      await cached.send(ask, { cache: false });
    }
    const hits: number[] = [];
    const trips: number[] = [];
    for (let i = 0; i < N; i++) {
      if (i % 2 === 0) { hits.push(await timed(() => cached.send(ask))); trips.push(await timed(() => cached.send(ask, { cache: false }))); } else { trips.push(await timed(() => cached.send(ask, { cache: false }))); hits.push(await timed(() => cached.send(ask))); }
    }
    console.log(`cache hit: median ${median(hits).toFixed(3)} ms vs provider round trip ${median(trips).toFixed(2)} ms (local emulator); ratio ${(median(hits) / median(trips)).toFixed(4)} (${(median(trips) / median(hits)).toFixed(0)}× faster); hit rate ${(cache.stats().hitRate * 100).toFixed(0)} %`);
  } finally {
    await anthropic.close();
    await bedrock.close();
  }
}

void main();
