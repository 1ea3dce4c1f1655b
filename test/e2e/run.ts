// e2e tier: mocha over test/e2e/*.test.ts; each file starts its own VS Code server and Chromium
// through ./workbench.ts. Screenshots land in .test-output/e2e/. Prints "e2e: N passed, N failed".
// A failed test is run once more (RETRIES): the real workbench on a loaded 2-core machine sometimes
// misses a hover or drops a toast. Every retry is printed with its first failure, and a test that
// fails twice fails the tier; a flake is shown, never hidden (docs/testing.md).
import Mocha from 'mocha';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hostDescription, selectedHost } from '../vscode/host/hosts';
import { repoRoot, requireExtensionBuild } from '../vscode/host/paths';
import { screenshotDir } from './workbench';

// Ctrl-C / SIGTERM: exit normally so the servers' exit hooks stop them.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

requireExtensionBuild();
console.log(`e2e: ${hostDescription(selectedHost())}`);
const dir = join(repoRoot, 'test', 'e2e');
const grep = process.argv.includes('--grep') ? process.argv[process.argv.indexOf('--grep') + 1] : undefined;
const RETRIES = 1;
const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec', color: process.stdout.isTTY, retries: RETRIES });
if (grep) mocha.grep(grep);
for (const file of readdirSync(dir).filter((name) => name.endsWith('.test.ts')).sort()) mocha.addFile(join(dir, file));

let passed = 0;
let failed = 0;
/** Full title → the first failure of a test that was run again. */
const retried = new Map<string, string>();
const passedOnRetry: string[] = [];
const runner = mocha.run(() => {
  console.log(`screenshots: ${existsSync(screenshotDir) ? screenshotDir : '(none)'}`);
  const failedTwice = [...retried].filter(([title]) => !passedOnRetry.includes(title));
  if (failedTwice.length) console.log(`e2e: ${failedTwice.length} test(s) failed on both runs; their first failures:\n${failedTwice.map(([t, first]) => `  - ${t} — ${first}`).join('\n')}`);
  if (passedOnRetry.length) console.log(`e2e: ${passedOnRetry.length} test(s) passed only on a retry:\n${passedOnRetry.map((t) => `  - ${t} — first failure: ${retried.get(t)}`).join('\n')}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
});
runner.on('pass', (test: Mocha.Test) => {
  passed++;
  if (retried.has(test.fullTitle())) passedOnRetry.push(test.fullTitle());
});
runner.on('fail', () => failed++);
// The whole message (an assertion's expected / actual lines included, up to 12 lines) and where it was thrown.
runner.on('retry', (test: Mocha.Test, err: Error) => {
  const message = String(err?.message ?? err).split('\n').slice(0, 12).join('\n      ');
  const at = /\n\s+at .*\.test\.ts:\d+:\d+/.exec(String(err?.stack ?? ''))?.[0].trim();
  retried.set(test.fullTitle(), at ? `${message}\n      (${at})` : message);
});
