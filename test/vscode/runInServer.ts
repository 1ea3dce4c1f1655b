// Runs the in-host suites (out/test/vscode/suite, built by scripts/build-tests.mjs) inside a real
// VS Code extension host: the VS Code server from scripts/install-test-deps.sh (VS Code 1.139 on
// Node 24, versions in host/hostVersions.json) plus a headless Chromium as its window, the
// extension loaded from this repository (extensionDevelopmentPath) and the suite's run() called by
// VS Code (extensionTestsPath), as @vscode/test-electron does. Both come in the URL's `payload`;
// a built VS Code ≥ 1.10x honours them only when the server runs with --enable-smoke-test-driver
// (host/server.ts passes it; docs/testing.md has the details).
//
//   tsx test/vscode/runInServer.ts [--host newest|floor] [--only trusted|untrusted] [--grep TEXT] [--echo-server] [--quiet]
//
// --host (or SWITCHBOARD_TEST_HOST) picks the VS Code: newest (1.139, the default and what npm test
// runs everything on) or floor (1.104, the oldest engines.vscode allows; see host/hosts.ts).
//
// Two runs: a trusted workspace (--disable-workspace-trust) with every suite file outside
// untrusted/, then — when untrusted/ has tests — a server WITHOUT that flag, so the folder opens
// in Restricted Mode. Exit code 0 only when every run wrote a result with no failures.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { isNoise, launchBrowser, openWorkbenchPage } from './host/browser';
import { hostDescription, selectedHost } from './host/hosts';
import type { HostName } from './host/hosts';
import { repoRoot, requireExtensionBuild, testOutputDir } from './host/paths';
import { printSuiteResult } from './host/report';
import type { SuiteResult } from './host/result';
import { startVsCodeServer } from './host/server';

type Trust = 'trusted' | 'untrusted';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};

const suiteOut = join(repoRoot, 'out', 'test', 'vscode', 'suite');
const timeoutMs = Number(process.env.SWITCHBOARD_TEST_TIMEOUT_MS ?? 10 * 60_000);

function hasTests(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? hasTests(join(dir, entry.name)) : entry.name.endsWith('.test.js'));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

async function runOnce(browser: Browser, host: HostName, trust: Trust): Promise<SuiteResult> {
  const outDir = join(testOutputDir, 'vscode');
  mkdirSync(outDir, { recursive: true });
  const resultPath = join(outDir, `result-${trust}.json`);
  writeFileSync(resultPath, '');
  const server = await startVsCodeServer({
    host,
    trustWorkspace: trust === 'trusted',
    echo: flag('--echo-server'),
    // A second extension that calls Switchboard's models through vscode.lm, as Cline or Roo Code would (lm suite).
    installedExtensions: [join(repoRoot, 'test', 'vscode', 'lmClient')],
    env: {
      SWITCHBOARD_TEST_RESULT: resultPath,
      // The extension's local store (shared with the CLI) goes to a temp home, never the user's.
      SWITCHBOARD_HOME: join(tmpdir(), `switchboard-test-home-${process.pid}`),
      SWITCHBOARD_TEST_TRUST: trust,
      SWITCHBOARD_TEST_GREP: option('--grep') ?? process.env.SWITCHBOARD_TEST_GREP,
    },
  });
  const log: string[] = [];
  let relay = true;
  let page: Page | undefined;
  try {
    const url = server.workbenchUrl({ extensionTestsPath: join(suiteOut, 'index.js') });
    page = await openWorkbenchPage(browser, url, {
      onConsole: (text) => {
        if (!relay) return;
        log.push(text);
        if (!flag('--quiet') && !isNoise(text)) console.log(`[host] ${text}`);
      },
    });
    const deadline = Date.now() + timeoutMs;
    let crashed: string | undefined;
    page.on('crash', () => { crashed = 'the browser page crashed'; });
    page.on('close', () => { crashed ??= 'the browser page closed'; });
    // The result file is the signal: run() writes it when mocha is done (or could not start).
    for (;;) {
      const text = readFileSync(resultPath, 'utf8');
      if (text.trim()) {
        await sleep(750); // let the last console lines (mocha's summary) arrive before the window closes
        return JSON.parse(text) as SuiteResult;
      }
      if (crashed) throw new Error(crashed);
      if (Date.now() > deadline) throw new Error(`no result from the extension host within ${timeoutMs / 1000} s`);
      await sleep(500);
    }
  } catch (error) {
    writeFileSync(join(outDir, `server-${trust}.log`), server.output());
    writeFileSync(join(outDir, `console-${trust}.log`), log.join('\n'));
    const message = (error as Error).message;
    console.error(`in-host (${trust}) did not finish: ${message}\nserver and console logs: ${outDir}`);
    return { passed: 0, failed: 1, pending: 0, failures: [{ title: `(${trust} run)`, error: message }], tests: [], crashed: message };
  } finally {
    // Close the window first, so it does not log reconnect attempts while the server goes down.
    relay = false;
    await page?.context().close().catch(() => undefined);
    await server.close();
  }
}

async function main(): Promise<number> {
  requireExtensionBuild();
  if (!existsSync(join(suiteOut, 'index.js'))) throw new Error(`${suiteOut}/index.js is missing. Run: node scripts/build-tests.mjs`);
  const only = option('--only') as Trust | undefined;
  const runs: Trust[] = [];
  if (only !== 'untrusted') runs.push('trusted');
  if (only !== 'trusted' && hasTests(join(suiteOut, 'untrusted'))) runs.push('untrusted');

  const hostOption = option('--host');
  if (hostOption) process.env.SWITCHBOARD_TEST_HOST = hostOption;
  const host = selectedHost();
  console.log(`in-host: ${hostDescription(host)}`);
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    for (const trust of runs) {
      const started = Date.now();
      const result = await runOnce(browser, host, trust);
      printSuiteResult(`in-host (${host === 'floor' ? 'VS Code floor host, ' : ''}${trust} workspace, ${((Date.now() - started) / 1000).toFixed(1)} s)`, result, flag('--quiet'));
      passed += result.passed;
      failed += result.failed;
    }
  } finally {
    await browser.close();
  }
  console.log(`\nin-host: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

// Ctrl-C / SIGTERM: exit normally so the servers' exit hooks stop them.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`in-host runner failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
