// Time to first token and total time of streamed requests through our provider layer and through
// the whole engine (createSwitchboard: every pipeline stage) versus the raw SDK, against the local
// emulators, measured in the same run and interleaved so drift hits both sides alike. Prints ratios
// (target ≤ 1.05) and the time the engine adds per request in microseconds (target < 100 µs).
// Then the CLI as a whole process (dist/cli.js) against a raw-SDK script process (target ≤ 1.05×).
// Usage: npm run bench:provider-overhead [N] [CLI_RUNS]
import Anthropic from '@anthropic-ai/sdk';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { AnthropicProvider } from '../src/core/providers/anthropic/anthropicProvider';
import { BedrockProvider } from '../src/core/providers/bedrock/bedrockProvider';
import type { ModelProvider } from '../src/core/types';
import { DEFAULT_CONFIG } from '../src/core/config/schema';
import { createEngine, createSwitchboard } from '../src/core/engine/createSwitchboard';
import type { StreamEvent } from '../src/core/types';
import type { Switchboard } from '../src/core/engine/types';
import { benchCliProcess } from './cliProcess';
import { startAnthropicEmulator } from '../test/emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../test/emulators/bedrock';

const N = Number(process.argv[2] ?? 200);
const WARMUP = 20;
const PROMPT = 'Tell me about the switchboard operators of the 1920s in a few sentences please.';

interface Sample { ttft: number; total: number }
type Run = () => Promise<Sample>;

async function time(run: () => AsyncIterable<unknown>, isFirst: (e: unknown) => boolean): Promise<Sample> {
  const t0 = performance.now();
  let ttft = -1;
  for await (const e of run()) if (ttft < 0 && isFirst(e)) ttft = performance.now() - t0;
  return { ttft, total: performance.now() - t0 };
}

function viaProvider(p: ModelProvider, model: string): Run {
  return () => time(() => p.stream({ model, messages: [{ role: 'user', content: PROMPT }], maxTokens: 256 }), (e) => (e as { type: string }).type === 'text_delta');
}

function viaEngine(engine: Switchboard, model: string): Run {
  // cache: false — the response cache would answer repeats without a request; we time the request path.
  return () => time(() => engine.stream({ model, messages: [{ role: 'user', content: PROMPT }], maxTokens: 256 }, { cache: false }), (e) => (e as { type: string }).type === 'text_delta');
}

async function compare(name: string, raw: Run, sides: Array<[string, Run]>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) { await raw(); for (const [, run] of sides) await run(); }
  const a: Sample[] = [];
  const b: Sample[][] = sides.map(() => []);
  for (let i = 0; i < N; i++) {
    // Rotate who goes first so no side always gets the warmer connection.
    const order = [-1, ...sides.map((_, j) => j)];
    for (let k = 0; k < order.length; k++) {
      const j = order[(k + i) % order.length]!;
      if (j < 0) a.push(await raw());
      else b[j]!.push(await sides[j]![1]());
    }
  }
  const mean = (xs: Sample[], k: keyof Sample): number => xs.reduce((s, x) => s + x[k], 0) / xs.length;
  const median = (xs: Sample[], k: keyof Sample): number => { const v = xs.map((x) => x[k]).sort((p, q) => p - q); return v[Math.floor(v.length / 2)]!; };
  console.log(`${name}: ${N} streamed requests each`);
  for (const k of ['ttft', 'total'] as const) {
    console.log(`  ${k.padEnd(5)} raw SDK    mean ${mean(a, k).toFixed(3)} ms (median ${median(a, k).toFixed(3)})`);
    sides.forEach(([label, ], j) => {
      const xs = b[j]!;
      const addedUs = (median(xs, k) - median(a, k)) * 1000;
      console.log(`  ${k.padEnd(5)} ${label.padEnd(10)} mean ${mean(xs, k).toFixed(3)} ms (median ${median(xs, k).toFixed(3)})  ratio ${(mean(xs, k) / mean(a, k)).toFixed(3)}  added ${addedUs.toFixed(0)} µs/request (median vs median)`);
    });
  }
}

function engineFor(anthropicUrl: string, bedrockUrl: string, provider: 'anthropic' | 'bedrock'): Switchboard {
  return createSwitchboard({
    config: { ...DEFAULT_CONFIG, provider, anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: anthropicUrl }, bedrock: { ...DEFAULT_CONFIG.bedrock, awsRegion: 'us-east-1', authMethod: 'accessKeys', endpoint: bedrockUrl } },
    sources: { 'bedrock.awsRegion': { source: 'settings' } },
    secrets: { anthropicApiKey: 'sk-ant-test-key', awsAccessKeyId: TEST_CREDENTIALS.accessKeyId, awsSecretAccessKey: TEST_CREDENTIALS.secretAccessKey },
    env: {},
    // No ledger / cache files: the bench measures the pipeline, not the disk.
    storage: {},
  });
}

/**
 * The pipeline's own cost, free of network noise: the engine (every stage, model resolution, the
 * result) around an in-memory provider that yields a typical answer (message start, 40 text
 * deltas, usage, stop), versus iterating that provider alone. Same process, interleaved.
 */
async function pipelineOverhead(): Promise<void> {
  const answer: StreamEvent[] = [
    { type: 'message_start', provider: 'anthropic', modelId: 'claude-sonnet-4-6' },
    ...Array.from({ length: 40 }, (_, i): StreamEvent => ({ type: 'text_delta', index: 0, text: `word${i} ` })),
    { type: 'usage', usage: { inputTokens: 20, outputTokens: 40, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 } },
    { type: 'stop', stopReason: 'end_turn' },
  ];
  const memory = { id: 'anthropic', async *stream() { yield* answer; } } as unknown as ModelProvider;
  const engine = createEngine({ config: DEFAULT_CONFIG, secrets: { anthropicApiKey: 'sk-ant-test-key' }, env: {}, storage: {} });
  engine.provider = async () => memory;
  const request = { model: 'sonnet', messages: [{ role: 'user' as const, content: PROMPT }], maxTokens: 256 };
  const M = 20_000;
  const alone = async (): Promise<void> => { for await (const e of memory.stream(request)) void e; };
  const through = async (): Promise<void> => { for await (const e of engine.stream(request, { cache: false })) void e; };
  for (let i = 0; i < 2_000; i++) { await alone(); await through(); }
  // CPU time (user + system) as well as wall time: on a shared machine the wall clock also counts
  // other processes' turns, the CPU time only this process's work.
  const cpu = (): number => { const u = process.cpuUsage(); return u.user + u.system; };
  let a = 0;
  let b = 0;
  let ac = 0;
  let bc = 0;
  for (let round = 0; round < 10; round++) {
    let t = performance.now();
    let c = cpu();
    for (let i = 0; i < M / 10; i++) await alone();
    a += performance.now() - t;
    ac += cpu() - c;
    t = performance.now();
    c = cpu();
    for (let i = 0; i < M / 10; i++) await through();
    b += performance.now() - t;
    bc += cpu() - c;
  }
  console.log(`pipeline: ${M} in-memory answers (42 events) each`);
  console.log(`  wall: provider alone ${(a / M * 1000).toFixed(1)} µs/request, through the engine ${(b / M * 1000).toFixed(1)} µs/request, added ${((b - a) / M * 1000).toFixed(1)} µs/request`);
  console.log(`  cpu:  provider alone ${(ac / M).toFixed(1)} µs/request, through the engine ${(bc / M).toFixed(1)} µs/request, added ${((bc - ac) / M).toFixed(1)} µs/request`);
  await engine.dispose();
}

async function main(): Promise<void> {
  await pipelineOverhead();
  const anthropic = await startAnthropicEmulator({ pingEvery: 0 });
  const bedrock = await startBedrockEmulator({ region: 'us-east-1' });
  try {
    const sdk = new Anthropic({ apiKey: 'sk-ant-test-key', baseURL: anthropic.url, maxRetries: 0 });
    const rawAnthropic: Run = () => time(async function* () {
      yield* await sdk.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 256, stream: true, messages: [{ role: 'user', content: PROMPT }] });
    }, (e) => (e as { type: string; delta?: { type: string } }).type === 'content_block_delta' && (e as { delta: { type: string } }).delta.type === 'text_delta');
    const ours = new AnthropicProvider({ apiKey: 'sk-ant-test-key', baseUrl: anthropic.url });
    const engineA = engineFor(anthropic.url, bedrock.url, 'anthropic');
    await compare('anthropic', rawAnthropic, [['provider', viaProvider(ours, 'claude-sonnet-4-6')], ['engine', viaEngine(engineA, 'sonnet')]]);
    await engineA.dispose();

    const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: bedrock.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    const rawBedrock: Run = () => time(async function* () {
      const out = await client.send(new ConverseStreamCommand({ modelId: 'us.anthropic.claude-sonnet-4-6', messages: [{ role: 'user', content: [{ text: PROMPT }] }], inferenceConfig: { maxTokens: 256 } }));
      yield* out.stream!;
    }, (e) => Boolean((e as { contentBlockDelta?: { delta?: { text?: string } } }).contentBlockDelta?.delta?.text));
    const oursBedrock = new BedrockProvider({ region: 'us-east-1', endpoint: bedrock.url, credentials: TEST_CREDENTIALS });
    const engineB = engineFor(anthropic.url, bedrock.url, 'bedrock');
    await compare('bedrock', rawBedrock, [['provider', viaProvider(oursBedrock, 'us.anthropic.claude-sonnet-4-6')], ['engine', viaEngine(engineB, 'sonnet')]]);
    client.destroy();
    await oursBedrock.dispose?.();
    await engineB.dispose();
    await benchCliProcess(anthropic.url, Number(process.argv[3] ?? 20));
  } finally {
    await anthropic.close();
    await bedrock.close();
  }
}

void main();
