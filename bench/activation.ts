// npm run bench:activation — Switchboard's activation time as the real VS Code extension host
// measured it (the "Running Extensions" view: code loading + activate() call, the number VS Code
// itself shows), over several fresh windows, and the sizes of the production bundles.
// Targets (issue 3): activation < 50 ms; dist/extension.js < 300 KB with the SDKs in lazily
// loaded dist/sdk/*.js chunks.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCommand, screenshot, startWorkbench, statusBarItem } from '../test/e2e/workbench';
import { repoRoot } from '../test/vscode/host/paths';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ACTIVATION_TARGET_MS = 50;
const BUNDLE_TARGET_KB = 300;

function build(production: boolean): void {
  const result = spawnSync(process.execPath, ['esbuild.mjs', ...(production ? ['--production'] : [])], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`esbuild.mjs ${production ? '--production ' : ''}failed`);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

async function activationOnce(index: number): Promise<number> {
  const workbench = await startWorkbench();
  try {
    const { page } = workbench;
    // onStartupFinished: wait until the extension has put its status bar item up.
    await statusBarItem(page, /Anthropic|Bedrock/).waitFor({ state: 'visible', timeout: 60_000 });
    await runCommand(page, 'Developer: Show Running Extensions');
    // Rows carry the extension's package name as aria-label.
    const row = page.locator('.monaco-list[aria-label="Runtime Extensions"] .monaco-list-row[aria-label="switchboard"]').first();
    const time = row.locator('.activation-time');
    await time.filter({ hasText: /\d+ms/ }).waitFor({ state: 'visible', timeout: 30_000 });
    const text = await time.innerText();
    if (index === 0) console.log(`  screenshot: ${await screenshot(page, 'bench-running-extensions')}`);
    const ms = Number(/(\d+)ms/.exec(text)?.[1]);
    console.log(`  run ${index + 1}: "${text.trim()}"`);
    return ms;
  } finally {
    await workbench.close();
  }
}

async function main(): Promise<void> {
  console.log('building the production bundles (esbuild.mjs --production)…');
  build(true);
  try {
    const main = join(repoRoot, 'dist', 'extension.js');
    const mainBytes = statSync(main).size;
    console.log('\nbundle sizes (production, minified)');
    console.log(`  dist/extension.js  ${kb(mainBytes)} (gzip ${kb(gzipSync(readFileSync(main)).length)})  target < ${BUNDLE_TARGET_KB} KB: ${mainBytes < BUNDLE_TARGET_KB * 1024 ? 'met' : 'NOT met'}`);
    const sdkDir = join(repoRoot, 'dist', 'sdk');
    for (const file of readdirSync(sdkDir).filter((name) => name.endsWith('.js')).sort()) {
      console.log(`  dist/sdk/${file.padEnd(20)} ${kb(statSync(join(sdkDir, file)).size)} (loaded on first use)`);
    }

    console.log(`\nactivation in the real extension host (VS Code server ${RUNS}×, fresh window each)`);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await activationOnce(i));
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`  activation: median ${median} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms  target < ${ACTIVATION_TARGET_MS} ms: ${median < ACTIVATION_TARGET_MS ? 'met' : 'NOT met'}`);
  } finally {
    console.log('\nrestoring the development build (esbuild.mjs)…');
    build(false);
  }
}

process.once('SIGINT', () => process.exit(130));
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:activation failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
