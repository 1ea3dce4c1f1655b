// The CLI as a whole process (node dist/cli.js chat …, a fresh build) against a process running a
// raw-SDK script that does the same streamed request, interleaved, same run. Prints the ratio of
// the medians (target ≤ 1.05).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const PROMPT = 'Tell me about the switchboard operators of the 1920s in a few sentences please.';

/** What a user would write without Switchboard: the SDK, one streamed request, the text to stdout. */
const RAW_SCRIPT = `
const { Anthropic } = require(${JSON.stringify(path.join(ROOT, 'node_modules', '@anthropic-ai', 'sdk'))});
(async () => {
  const sdk = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, baseURL: process.argv[2], maxRetries: 0 });
  const stream = await sdk.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 8192, stream: true, messages: [{ role: 'user', content: process.argv[3] }] });
  for await (const e of stream) if (e.type === 'content_block_delta' && e.delta.type === 'text_delta') process.stdout.write(e.delta.text);
  process.stdout.write('\\n');
})();
`;

async function timed(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = performance.now();
  await run(process.execPath, [file, ...args], { env });
  return performance.now() - t0;
}

export async function benchCliProcess(anthropicUrl: string, runs: number): Promise<void> {
  await run(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-bench-cli-'));
  try {
    const raw = path.join(dir, 'raw.cjs');
    await fs.writeFile(raw, RAW_SCRIPT);
    // --no-cache: the cache would answer repeats without a request; the ledger IS written (as for users).
    const env = { PATH: process.env.PATH, HOME: dir, SWITCHBOARD_HOME: path.join(dir, 'home'), ANTHROPIC_API_KEY: 'sk-ant-test-key' };
    const cliArgs = ['chat', '--anthropic-base-url', anthropicUrl, '--no-cache', PROMPT];
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 3; i++) { await timed(raw, [anthropicUrl, PROMPT], env); await timed(path.join(ROOT, 'dist', 'cli.js'), cliArgs, env); }
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) { a.push(await timed(raw, [anthropicUrl, PROMPT], env)); b.push(await timed(path.join(ROOT, 'dist', 'cli.js'), cliArgs, env)); }
      else { b.push(await timed(path.join(ROOT, 'dist', 'cli.js'), cliArgs, env)); a.push(await timed(raw, [anthropicUrl, PROMPT], env)); }
    }
    const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
    console.log(`cli process: ${runs} runs each (node dist/cli.js chat vs a raw-SDK script)`);
    console.log(`  raw SDK script median ${median(a).toFixed(1)} ms   switchboard CLI median ${median(b).toFixed(1)} ms   ratio ${(median(b) / median(a)).toFixed(3)}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
