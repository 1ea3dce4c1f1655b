// The in-host suites through @vscode/test-electron: downloads VS Code desktop (to .vscode-test/)
// and runs the same out/test/vscode/suite/index.js in its extension host. For developer laptops
// and CI that can reach Microsoft's update servers; on Linux without a display run it under
// `xvfb-run -a npm run test:electron`. Machines that cannot download VS Code use
// `npm run test:vscode` (the VS Code server recipe), which is what `npm test` runs.
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostVersions } from './host/hosts';
import { repoRoot, requireExtensionBuild, testOutputDir } from './host/paths';
import { printSuiteResult } from './host/report';
import type { SuiteResult } from './host/result';

// The same VS Code version as the server tiers (engines.vscode is the floor, ^1.104.0).
const VSCODE_VERSION = process.env.SWITCHBOARD_VSCODE_VERSION ?? hostVersions.hosts.newest.vscode;
const suiteOut = join(repoRoot, 'out', 'test', 'vscode', 'suite');

function hasTests(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? hasTests(join(dir, entry.name)) : entry.name.endsWith('.test.js'));
}

async function main(): Promise<number> {
  requireExtensionBuild();
  if (!existsSync(join(suiteOut, 'index.js'))) throw new Error(`${suiteOut}/index.js is missing. Run: node scripts/build-tests.mjs`);

  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VSCODE_VERSION, timeout: 60_000 });
  } catch (error) {
    console.error(
      `test:electron needs to download VS Code ${VSCODE_VERSION} from Microsoft's update servers, which failed:\n` +
        `  ${(error as Error).message}\n` +
        'This machine probably cannot reach update.code.visualstudio.com. Run the same suites through the\n' +
        'VS Code server instead: npm run test:vscode (part of npm test).',
    );
    return 2;
  }

  const outDir = join(testOutputDir, 'electron');
  mkdirSync(outDir, { recursive: true });
  const runs: ('trusted' | 'untrusted')[] = hasTests(join(suiteOut, 'untrusted')) ? ['trusted', 'untrusted'] : ['trusted'];
  let passed = 0;
  let failed = 0;
  for (const trust of runs) {
    const root = mkdtempSync(join(tmpdir(), 'switchboard-electron-'));
    const workspace = join(root, 'workspace');
    mkdirSync(workspace);
    const resultPath = join(outDir, `result-${trust}.json`);
    writeFileSync(resultPath, '');
    try {
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: join(suiteOut, 'index.js'),
        extensionTestsEnv: { SWITCHBOARD_TEST_RESULT: resultPath, SWITCHBOARD_TEST_TRUST: trust },
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--user-data-dir', join(root, 'user-data'),
          '--extensions-dir', join(root, 'extensions'),
          ...(trust === 'trusted' ? ['--disable-workspace-trust'] : []),
        ],
      });
    } catch (error) {
      // runTests rejects when run() rejects (failed tests); the result file has the details.
      if (!readFileSync(resultPath, 'utf8').trim()) console.error(`VS Code exited without a result: ${(error as Error).message}`);
    }
    const text = readFileSync(resultPath, 'utf8');
    const result: SuiteResult = text.trim()
      ? (JSON.parse(text) as SuiteResult)
      : { passed: 0, failed: 1, pending: 0, failures: [{ title: `(${trust} run)`, error: 'no result written' }], tests: [] };
    printSuiteResult(`electron (${trust} workspace)`, result);
    passed += result.passed;
    failed += result.failed;
    rmSync(root, { recursive: true, force: true });
  }
  console.log(`\nelectron: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:electron failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
