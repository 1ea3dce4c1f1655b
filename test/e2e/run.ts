// e2e tier: mocha over test/e2e/*.test.ts; each file starts its own VS Code server and Chromium
// through ./workbench.ts. Screenshots land in .test-output/e2e/. Prints "e2e: N passed, N failed".
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
const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec', color: process.stdout.isTTY });
if (grep) mocha.grep(grep);
for (const file of readdirSync(dir).filter((name) => name.endsWith('.test.ts')).sort()) mocha.addFile(join(dir, file));

let passed = 0;
let failed = 0;
const runner = mocha.run(() => {
  console.log(`screenshots: ${existsSync(screenshotDir) ? screenshotDir : '(none)'}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
});
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
