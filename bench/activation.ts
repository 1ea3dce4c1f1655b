// npm run bench:activation — Switchboard's activation time as the real VS Code extension host
// measured it (the "Running Extensions" view: code loading + activate() call, the number VS Code
// itself shows), over several fresh windows, and the sizes of the production bundles.
// Targets (issue 9): activation median ≤ 20 ms; dist/extension.js ≤ 200 KB with the SDKs and the
// provider layer in lazily loaded dist/sdk/*.js chunks.
//
// BENCH_BASELINE=/path/to/another/checkout (built with `node esbuild.mjs --production`) measures
// that extension in the same run, window for window alternating with this one, and prints both.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCommand, screenshot, statusBarItem, waitForWorkbench } from '../test/e2e/workbench';
import { launchBrowser, openWorkbenchPage } from '../test/vscode/host/browser';
import { repoRoot } from '../test/vscode/host/paths';
import { startVsCodeServer } from '../test/vscode/host/server';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ACTIVATION_TARGET_MS = 20;
const BUNDLE_TARGET_KB = 200;
const BASELINE = process.env.BENCH_BASELINE;

function build(production: boolean): void {
  const result = spawnSync(process.execPath, ['esbuild.mjs', ...(production ? ['--production'] : [])], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`esbuild.mjs ${production ? '--production ' : ''}failed`);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** One fresh window with `extensionPath` as the extension under development; its activation time. */
async function activationOnce(index: number, extensionPath: string = repoRoot): Promise<number> {
  const server = await startVsCodeServer({});
  const browser = await launchBrowser();
  try {
    // Tall: the Running Extensions list is virtualised and sorted by time, so Switchboard's row can
    // be below the fold (then it is not in the DOM) in a window of the usual height.
    const page = await openWorkbenchPage(browser, server.workbenchUrl({ extensionDevelopmentPath: extensionPath }), { viewport: { width: 1400, height: 2000 } });
    await waitForWorkbench(page);
    // onStartupFinished: wait until the extension has put its status bar item up.
    await statusBarItem(page, /Anthropic|Bedrock/).waitFor({ state: 'visible', timeout: 60_000 });
    await runCommand(page, 'Developer: Show Running Extensions');
    // Rows carry the extension's package name as aria-label.
    const row = page.locator('.monaco-list[aria-label="Runtime Extensions"] .monaco-list-row[aria-label="switchboard"]').first();
    const time = row.locator('.activation-time');
    await time.filter({ hasText: /\d+ms/ }).waitFor({ state: 'visible', timeout: 30_000 });
    const text = await time.innerText();
    if (index === 0 && extensionPath === repoRoot) console.log(`  screenshot: ${await screenshot(page, 'bench-running-extensions')}`);
    const ms = Number(/(\d+)ms/.exec(text)?.[1]);
    console.log(`  run ${index + 1}${extensionPath === repoRoot ? '' : ' (baseline)'}: "${text.trim()}"`);
    return ms;
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  console.log('building the production bundles (esbuild.mjs --production)…');
  build(true);
  try {
    const main = join(repoRoot, 'dist', 'extension.js');
    const mainBytes = statSync(main).size;
    console.log('\nbundle sizes (production, minified)');
    console.log(`  dist/extension.js  ${kb(mainBytes)} (gzip ${kb(gzipSync(readFileSync(main)).length)})  target ≤ ${BUNDLE_TARGET_KB} KB: ${mainBytes <= BUNDLE_TARGET_KB * 1024 ? 'met' : 'NOT met'}`);
    for (const dir of ['sdk', 'lazy']) {
      const chunkDir = join(repoRoot, 'dist', dir);
      for (const file of readdirSync(chunkDir).filter((name) => name.endsWith('.js')).sort()) {
        console.log(`  dist/${dir}/${file.padEnd(20 - dir.length + 3)} ${kb(statSync(join(chunkDir, file)).size)} (loaded on first use)`);
      }
    }

    console.log(`\nactivation in the real extension host (VS Code server ${RUNS}×, fresh window each)`);
    if (BASELINE) console.log(`  baseline: ${BASELINE} (dist/extension.js ${kb(statSync(join(BASELINE, 'dist', 'extension.js')).size)}), alternating window for window`);
    const times: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (BASELINE) baseline.push(await activationOnce(i, BASELINE));
      times.push(await activationOnce(i));
    }
    const m = median(times);
    console.log(`  activation: median ${m} ms, min ${Math.min(...times)} ms, max ${Math.max(...times)} ms  target ≤ ${ACTIVATION_TARGET_MS} ms: ${m <= ACTIVATION_TARGET_MS ? 'met' : 'NOT met'}`);
    if (BASELINE) console.log(`  baseline:   median ${median(baseline)} ms, min ${Math.min(...baseline)} ms, max ${Math.max(...baseline)} ms  (this build ${m - median(baseline) >= 0 ? '+' : ''}${m - median(baseline)} ms)`);
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
