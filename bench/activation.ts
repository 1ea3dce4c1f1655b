// npm run bench:activation — Switchboard's activation time as the real VS Code extension host
// measured it (the "Running Extensions" view: code loading + activate() call, the number VS Code
// itself shows), over several windows, and the sizes of the production bundles.
// Targets (issue 9): activation median ≤ 20 ms; dist/extension.js ≤ 200 KB with the SDKs and the
// provider layer in lazily loaded dist/sdk/*.js chunks.
//
// VS Code's figure starts when the host begins loading every extension activated by the same
// event (onStartupFinished: here the built-in merge-conflict and debug-auto-launch load first), so
// it holds their loading as well. bench/activationProbe.mjs times Switchboard's own part — its
// entry point's require() and its activate() call — and both are printed. The first window of a
// build has no V8 code cache yet (boot.ts writes it); the later windows, as a user's, have it. An
// extension that does nothing, activated by the same event, is measured alongside as the reference.
//
// BENCH_BASELINE=/path/to/another/checkout (built with `node esbuild.mjs --production`) measures
// that extension in the same run, window for window alternating with this one, and prints both.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCommand, screenshot, statusBarItem, waitForWorkbench } from '../test/e2e/workbench';
import { launchBrowser, openWorkbenchPage } from '../test/vscode/host/browser';
import { repoRoot } from '../test/vscode/host/paths';
import { startVsCodeServer } from '../test/vscode/host/server';

/** Windows after the first, per build (the first one has no code cache yet). */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ACTIVATION_TARGET_MS = 20;
const BUNDLE_TARGET_KB = 200;
const BASELINE = process.env.BENCH_BASELINE;

function build(production: boolean): void {
  const result = spawnSync(process.execPath, ['esbuild.mjs', ...(production ? ['--production'] : [])], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`esbuild.mjs ${production ? '--production ' : ''}failed`);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

interface Window {
  /** VS Code's figure ("Running Extensions": code loading + the activate() call). */
  shown: number;
  /** Switchboard's own part of it (bench/activationProbe.mjs): the entry point's require() and the activate() call. */
  own: number;
  /** The extension host thread's CPU time in that part. */
  cpu: number;
  codeCache: string;
}

/**
 * Windows of one extension, each a fresh VS Code server and browser started on the same state folder,
 * as a user starts VS Code again: the first window has no code cache yet, the later ones have the
 * cache the first one wrote in the extension's global storage.
 */
function windowsOf(extensionPath: string, label: string): { open(index: number): Promise<Window>; close(): void } {
  const probeDir = mkdtempSync(join(tmpdir(), 'sb-activation-probe-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'sb-activation-state-'));
  const name = (JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')) as { name: string }).name;
  const open = async (index: number): Promise<Window> => {
    for (const file of readdirSync(probeDir)) rmSync(join(probeDir, file));
    const server = await startVsCodeServer({ stateDir, nodeArgs: ['--import', join(__dirname, 'activationProbe.mjs')], env: { SWITCHBOARD_BENCH_PROBE_DIR: probeDir, SWITCHBOARD_BENCH_PROBE_EXTENSION: extensionPath } });
    const browser = await launchBrowser();
    try {
      // Tall: the Running Extensions list is virtualised and sorted by time, so Switchboard's row can
      // be below the fold (then it is not in the DOM) in a window of the usual height.
      const page = await openWorkbenchPage(browser, server.workbenchUrl({ extensionDevelopmentPath: extensionPath }), { viewport: { width: 1400, height: 2000 } });
      await waitForWorkbench(page);
      // onStartupFinished: wait until Switchboard has put its status bar item up (the reference
      // extension puts nothing up; its row below waits for its activation).
      if (name === 'switchboard') await statusBarItem(page, /Anthropic|Bedrock/).waitFor({ state: 'visible', timeout: 60_000 });
      await runCommand(page, 'Developer: Show Running Extensions');
      // Rows carry the extension's package name as aria-label.
      const row = page.locator(`.monaco-list[aria-label="Runtime Extensions"] .monaco-list-row[aria-label="${name}"]`).first();
      const time = row.locator('.activation-time');
      await time.filter({ hasText: /\d+ms/ }).waitFor({ state: 'visible', timeout: 30_000 });
      const text = await time.innerText();
      if (index === 0 && extensionPath === repoRoot) console.log(`  screenshot: ${await screenshot(page, 'bench-running-extensions')}`);
      const probes = readdirSync(probeDir);
      if (probes.length !== 1) throw new Error(`expected one probe record from the window's extension host, found ${probes.length}`);
      const probe = JSON.parse(readFileSync(join(probeDir, probes[0]!), 'utf8')) as { loadMs: number; activateMs: number; cpuMs: number; codeCache: string };
      const window: Window = { shown: Number(/(\d+)ms/.exec(text)?.[1]), own: probe.loadMs + probe.activateMs, cpu: probe.cpuMs, codeCache: probe.codeCache };
      console.log(`  ${label} window ${index + 1}: VS Code shows "${text.trim()}"; own part ${window.own.toFixed(1)} ms (require ${probe.loadMs.toFixed(1)} + activate() ${probe.activateMs.toFixed(1)}), CPU ${window.cpu.toFixed(1)} ms; code cache: ${probe.codeCache}`);
      // Keep the window open until the extension has written its code cache, as a user's window would be.
      if (probe.codeCache === 'absent' || probe.codeCache === 'rejected') await waitForCodeCache(stateDir);
      return window;
    } finally {
      await browser.close().catch(() => undefined);
      await server.close();
    }
  };
  return { open, close: () => { for (const dir of [probeDir, stateDir]) rmSync(dir, { recursive: true, force: true }); } };
}

/** Waits (up to 15 s) until a V8 code cache file exists somewhere under `dir`. */
async function waitForCodeCache(dir: string): Promise<void> {
  for (let waited = 0; waited < 15_000; waited += 250) {
    if ((readdirSync(dir, { recursive: true }) as string[]).some((f) => f.endsWith('.v8cache'))) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log('  (no code cache was written within 15 s)');
}

/**
 * The reference: an extension that does nothing, activated by the same event as Switchboard
 * (onStartupFinished). What VS Code shows for it is the part of the figure no extension controls.
 */
function emptyExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-activation-empty-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'activation-reference', publisher: 'switchboard-bench', version: '0.0.1', engines: { vscode: '^1.90.0' }, activationEvents: ['onStartupFinished'], main: './dist/extension.js' }));
  writeFileSync(join(dir, 'dist', 'extension.js'), 'exports.activate = () => undefined;\n');
  return dir;
}

const readManifestMain = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main: string }).main;

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

    console.log(`\nactivation in the real extension host (${RUNS + 1} VS Code starts one after another on the same state folder)`);
    if (BASELINE) console.log(`  baseline: ${BASELINE} (main ${readManifestMain(BASELINE)}), window for window alternating with this build`);
    const empty = emptyExtension();
    const servers = [windowsOf(repoRoot, 'this build'), windowsOf(empty, 'empty extension'), ...(BASELINE ? [windowsOf(BASELINE, 'baseline')] : [])];
    const windows: Window[][] = servers.map(() => []);
    try {
      for (let i = 0; i <= RUNS; i++) {
        for (const [k, server] of servers.entries()) windows[k]!.push(await server.open(i));
      }
    } finally {
      for (const server of servers) server.close();
      rmSync(empty, { recursive: true, force: true });
    }
    const range = (values: number[]): string => `median ${median(values).toFixed(1)} ms (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
    const report = (label: string, list: Window[]): { shown: number; own: number; cpu: number } => {
      const [first, ...later] = list;
      console.log(`  ${label.padEnd(10)} first window (code cache: ${first!.codeCache}): shown ${first!.shown} ms, own ${first!.own.toFixed(1)} ms, CPU ${first!.cpu.toFixed(1)} ms`);
      console.log(`  ${''.padEnd(10)} later windows (code cache: ${[...new Set(later.map((w) => w.codeCache))].join(', ')}): shown ${range(later.map((w) => w.shown))},` +
        ` own ${range(later.map((w) => w.own))}, CPU ${range(later.map((w) => w.cpu))}`);
      return { shown: median(later.map((w) => w.shown)), own: median(later.map((w) => w.own)), cpu: median(later.map((w) => w.cpu)) };
    };
    const mine = report('this build', windows[0]!);
    const reference = report('empty', windows[1]!);
    console.log(`  target: activation median ≤ ${ACTIVATION_TARGET_MS} ms — Switchboard's own part ${mine.own <= ACTIVATION_TARGET_MS ? 'met' : 'NOT met'} (${mine.own.toFixed(1)} ms); VS Code's figure ${mine.shown <= ACTIVATION_TARGET_MS ? 'met' : 'NOT met'}` +
      ` (${mine.shown} ms; an extension that does nothing, activated by the same event, shows ${reference.shown} ms: the extensions loaded before it in the same batch)`);
    if (BASELINE) {
      const base = report('baseline', windows[2]!);
      console.log(`  this build vs baseline: own ${(mine.own - base.own).toFixed(1)} ms (${(mine.own / base.own).toFixed(2)}×), CPU ${(mine.cpu - base.cpu).toFixed(1)} ms (${(mine.cpu / base.cpu).toFixed(2)}×), shown ${mine.shown - base.shown} ms`);
    }
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
