// Time to first token and total time of streamed requests through our provider layer versus
// the raw SDK, against the local emulators, measured in the same run and interleaved so drift
// hits both sides alike. Prints ratios (target ≤ 1.05). Usage: npm run bench:provider-overhead [N]
import Anthropic from '@anthropic-ai/sdk';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { AnthropicProvider } from '../src/core/providers/anthropic/anthropicProvider';
import { BedrockProvider } from '../src/core/providers/bedrock/bedrockProvider';
import type { ModelProvider } from '../src/core/types';
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

async function compare(name: string, raw: Run, ours: Run): Promise<void> {
  for (let i = 0; i < WARMUP; i++) { await raw(); await ours(); }
  const a: Sample[] = [];
  const b: Sample[] = [];
  for (let i = 0; i < N; i++) {
    // Alternate which goes first so neither side always gets the warmer connection.
    if (i % 2 === 0) { a.push(await raw()); b.push(await ours()); } else { b.push(await ours()); a.push(await raw()); }
  }
  const sum = (xs: Sample[], k: keyof Sample): number => xs.reduce((s, x) => s + x[k], 0);
  const median = (xs: Sample[], k: keyof Sample): number => { const v = xs.map((x) => x[k]).sort((p, q) => p - q); return v[Math.floor(v.length / 2)]!; };
  const row = (k: keyof Sample): string => `${k.padEnd(5)} raw mean ${(sum(a, k) / N).toFixed(3)} ms (median ${median(a, k).toFixed(3)})  switchboard mean ${(sum(b, k) / N).toFixed(3)} ms (median ${median(b, k).toFixed(3)})  ratio ${(sum(b, k) / sum(a, k)).toFixed(3)}`;
  console.log(`${name}: ${N} streamed requests each`);
  console.log(`  ${row('ttft')}`);
  console.log(`  ${row('total')}`);
}

async function main(): Promise<void> {
  const anthropic = await startAnthropicEmulator({ pingEvery: 0 });
  const bedrock = await startBedrockEmulator({ region: 'us-east-1' });
  try {
    const sdk = new Anthropic({ apiKey: 'sk-ant-test-key', baseURL: anthropic.url, maxRetries: 0 });
    const rawAnthropic: Run = () => time(async function* () {
      yield* await sdk.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 256, stream: true, messages: [{ role: 'user', content: PROMPT }] });
    }, (e) => (e as { type: string; delta?: { type: string } }).type === 'content_block_delta' && (e as { delta: { type: string } }).delta.type === 'text_delta');
    const ours = new AnthropicProvider({ apiKey: 'sk-ant-test-key', baseUrl: anthropic.url });
    await compare('anthropic', rawAnthropic, viaProvider(ours, 'claude-sonnet-4-6'));

    const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: bedrock.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    const rawBedrock: Run = () => time(async function* () {
      const out = await client.send(new ConverseStreamCommand({ modelId: 'us.anthropic.claude-sonnet-4-6', messages: [{ role: 'user', content: [{ text: PROMPT }] }], inferenceConfig: { maxTokens: 256 } }));
      yield* out.stream!;
    }, (e) => Boolean((e as { contentBlockDelta?: { delta?: { text?: string } } }).contentBlockDelta?.delta?.text));
    const oursBedrock = new BedrockProvider({ region: 'us-east-1', endpoint: bedrock.url, credentials: TEST_CREDENTIALS });
    await compare('bedrock', rawBedrock, viaProvider(oursBedrock, 'us.anthropic.claude-sonnet-4-6'));
    client.destroy();
    await oursBedrock.dispose?.();
  } finally {
    await anthropic.close();
    await bedrock.close();
  }
}

void main();
