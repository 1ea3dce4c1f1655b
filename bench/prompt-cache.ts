// What automatic prompt caching saves: a 10-turn conversation (a ~2.4K-token system prompt, two
// tools, growing history) through SwitchboardClient against both emulators' cache accounting,
// with caching on and off. Prints the input-token split and the cost of each run.
// Usage: npm run bench:prompt-cache [TURNS]
import { SwitchboardClient } from '../src/core/client';
import type { RequestResult } from '../src/core/client';
import { DEFAULT_CONFIG } from '../src/core/config/schema';
import type { ChatMessage, ProviderId, ToolDefinition } from '../src/core/types';
import { startAnthropicEmulator } from '../test/emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../test/emulators/bedrock';

const TURNS = Number(process.argv[2] ?? 10);
const SYSTEM = 'You are a careful reviewer of TypeScript code: point out bugs, risks and missing tests. '.repeat(110);
const TOOLS: ToolDefinition[] = [
  { name: 'read_file', description: 'Read a file of the workspace.', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  { name: 'search', description: 'Search the workspace for a string.', inputSchema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } },
];

interface Totals { input: number; write: number; read: number; output: number; usd: number }

async function main(): Promise<void> {
  const anthropic = await startAnthropicEmulator({ minCacheableTokens: 1024 });
  const bedrock = await startBedrockEmulator({ region: 'us-east-1', minCacheableTokens: 1024 });
  try {
    const client = (provider: ProviderId, enabled: boolean): SwitchboardClient => new SwitchboardClient({
      config: { ...DEFAULT_CONFIG, provider, autoFallback: false, anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: anthropic.url }, bedrock: { ...DEFAULT_CONFIG.bedrock, awsRegion: 'us-east-1', authMethod: 'accessKeys', endpoint: bedrock.url } },
      sources: { 'bedrock.awsRegion': { source: 'settings' } }, env: {},
      secrets: { anthropicApiKey: 'sk-ant-test-key', awsAccessKeyId: TEST_CREDENTIALS.accessKeyId, awsSecretAccessKey: TEST_CREDENTIALS.secretAccessKey },
      promptCache: { enabled },
    });
    const run = async (c: SwitchboardClient): Promise<Totals> => {
      const messages: ChatMessage[] = [];
      const t: Totals = { input: 0, write: 0, read: 0, output: 0, usd: 0 };
      for (let i = 0; i < TURNS; i++) {
        messages.push({ role: 'user', content: `Turn ${i}: here is the next part of the diff to review. ${'const x = compute(a, b); '.repeat(30)}` });
        const r: RequestResult = await c.send({ model: 'sonnet', system: SYSTEM, tools: TOOLS, toolChoice: 'auto', messages: [...messages] });
        messages.push({ role: 'assistant', content: r.text });
        t.input += r.usage.inputTokens;
        t.write += r.usage.cacheWriteInputTokens;
        t.read += r.usage.cacheReadInputTokens;
        t.output += r.usage.outputTokens;
        t.usd += r.costUsd ?? NaN;
      }
      return t;
    };
    console.log(`prompt caching, ${TURNS}-turn conversation on sonnet (emulators, minimum cacheable prefix 1024 tokens)\n`);
    console.log('provider   caching  input   cache write  cache read  read share  output  cost');
    for (const provider of ['anthropic', 'bedrock'] as const) {
      const results: Array<[string, Totals]> = [];
      for (const enabled of [true, false]) {
        anthropic.reset();
        bedrock.reset();
        results.push([enabled ? 'on' : 'off', await run(client(provider, enabled))]);
      }
      for (const [label, t] of results) {
        const prompt = t.input + t.write + t.read;
        console.log(`${provider.padEnd(10)} ${label.padEnd(8)} ${String(t.input).padStart(6)}  ${String(t.write).padStart(11)}  ${String(t.read).padStart(10)}  ${((t.read / prompt) * 100).toFixed(1).padStart(8)} %  ${String(t.output).padStart(6)}  $${t.usd.toFixed(4)}`);
      }
      const [on, off] = [results[0][1], results[1][1]];
      console.log(`${provider.padEnd(10)} caching costs ${((on.usd / off.usd) * 100).toFixed(0)} % of the uncached run (saves $${(off.usd - on.usd).toFixed(4)} over ${TURNS} turns)\n`);
    }
  } finally {
    await anthropic.close();
    await bedrock.close();
  }
}

void main();
