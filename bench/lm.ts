// The vscode.lm provider's cost, measured in the same run inside a real VS Code (the test host,
// VS Code 1.139): a request from another extension through vscode.lm versus the same request
// through the engine directly (added latency per request), and provideTokenCount calls per second.
// The window is a headless Chromium, so "through vscode.lm" includes VS Code's round trip via the
// workbench (the browser here, the renderer process on the desktop).
//
//   npm run build && bash scripts/with-test-node.sh npx tsx bench/lm.ts [N]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { launchBrowser, openWorkbenchPage } from '../test/vscode/host/browser';
import { hostDescription, selectedHost } from '../test/vscode/host/hosts';
import { repoRoot, requireExtensionBuild, testOutputDir } from '../test/vscode/host/paths';
import { startVsCodeServer } from '../test/vscode/host/server';

async function main(): Promise<void> {
  requireExtensionBuild();
  const outDir = join(testOutputDir, 'bench-lm');
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'lmHost.js');
  await esbuild.build({ entryPoints: [join(repoRoot, 'bench', 'lmHost.ts')], outfile: entry, bundle: true, packages: 'external', external: ['vscode'], platform: 'node', target: 'node22', format: 'cjs', logLevel: 'warning' });
  const resultPath = join(outDir, 'result.json');
  writeFileSync(resultPath, '');
  const host = selectedHost();
  console.log(`bench lm: ${hostDescription(host)}`);
  const server = await startVsCodeServer({
    host,
    installedExtensions: [join(repoRoot, 'test', 'vscode', 'lmClient')],
    env: { SWITCHBOARD_BENCH_RESULT: resultPath, SWITCHBOARD_BENCH_N: process.argv[2] ?? '40' },
  });
  const browser = await launchBrowser();
  try {
    await openWorkbenchPage(browser, server.workbenchUrl({ extensionTestsPath: entry }));
    const deadline = Date.now() + 5 * 60_000;
    let text = '';
    while (!(text = readFileSync(resultPath, 'utf8')).trim()) {
      if (Date.now() > deadline) throw new Error('no result from the extension host within 5 minutes');
      await new Promise((r) => setTimeout(r, 500));
    }
    const r = JSON.parse(text) as Record<string, unknown> & { error?: string };
    if (r.error) throw new Error(r.error);
    const f = (x: unknown): string => (x as number).toFixed(1);
    const c = r.countPerSecond as Record<string, number>;
    console.log(`request (Anthropic emulator, streamed), ${String(r.n)} interleaved pairs:`);
    console.log(`  engine directly   median ${f(r.directMedianMs)} ms  p90 ${f(r.directP90Ms)} ms`);
    console.log(`  through vscode.lm median ${f(r.lmMedianMs)} ms  p90 ${f(r.lmP90Ms)} ms`);
    console.log(`  added by vscode.lm + provider: ${f(r.addedMedianMs)} ms per request (median)`);
    console.log(`provideTokenCount: ${c.providerCached!.toFixed(0)}/s on the provider (cached), ${c.viaLmCached!.toFixed(0)}/s through vscode.lm (cached), ${c.viaLmUncached!.toFixed(0)}/s through vscode.lm (each a count_tokens call; ${String(r.countTokensCalls)} calls made)`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
