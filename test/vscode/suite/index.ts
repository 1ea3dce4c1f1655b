// The in-host test entry point: VS Code's extension host calls run() (extensionTestsPath), both
// under the VS Code server (test/vscode/runInServer.ts) and under @vscode/test-electron
// (test/vscode/runElectron.ts). It loads every compiled *.test.js next to it with mocha 11
// (CommonJS; mocha 12 is ESM-only) and writes a SuiteResult to $SWITCHBOARD_TEST_RESULT.
//
// Files under untrusted/ run only when SWITCHBOARD_TEST_TRUST=untrusted (the runner starts a
// server without --disable-workspace-trust for them); all others only in a trusted window.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import type { SuiteResult } from '../host/result';
import { isolateEnvironment } from './testEnvironment';

function testFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...testFiles(path));
    else if (entry.name.endsWith('.test.js')) files.push(path);
  }
  return files.sort();
}

function fullTitle(test: Mocha.Runnable): string {
  return test.titlePath().join(' › ');
}

export async function run(): Promise<void> {
  const resultPath = process.env.SWITCHBOARD_TEST_RESULT;
  const untrusted = process.env.SWITCHBOARD_TEST_TRUST === 'untrusted';
  const result: SuiteResult = { passed: 0, failed: 0, pending: 0, failures: [], tests: [] };
  const save = (): void => {
    if (resultPath) writeFileSync(resultPath, JSON.stringify(result, null, 2));
  };

  try {
    // Each test sets what it needs; nothing from the developer's shell decides (and nothing is skipped for it).
    const cleared = isolateEnvironment();
    if (cleared.length > 0) console.log(`in-host tests: cleared ${cleared.join(', ')} from the extension host's environment`);
    const api = await vscode.extensions.getExtension<{ host: { reload(reason: string): Promise<boolean> } }>('switchboard-dev.switchboard')?.activate();
    await api?.host.reload('test environment');
    const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
    if (process.env.SWITCHBOARD_TEST_GREP) mocha.grep(process.env.SWITCHBOARD_TEST_GREP);
    const files = testFiles(__dirname).filter((file) => relative(__dirname, file).startsWith(`untrusted${sep}`) === untrusted);
    if (files.length === 0) throw new Error(`no *.test.js files for a ${untrusted ? 'untrusted' : 'trusted'} workspace under ${__dirname}`);
    for (const file of files) mocha.addFile(file);

    await new Promise<void>((resolveRun) => {
      const runner = mocha.run(() => resolveRun());
      runner.on('pass', (test) => {
        result.passed++;
        result.tests.push({ title: fullTitle(test), file: test.file, state: 'passed', durationMs: test.duration });
      });
      runner.on('pending', (test) => {
        result.pending++;
        result.tests.push({ title: fullTitle(test), file: test.file, state: 'pending' });
      });
      runner.on('fail', (test, error: Error) => {
        result.failed++;
        const message = error?.stack ?? String(error);
        result.failures.push({ title: fullTitle(test), error: message });
        result.tests.push({ title: fullTitle(test), file: test.file, state: 'failed', durationMs: test.duration, error: message });
      });
    });
  } catch (error) {
    result.crashed = (error as Error)?.stack ?? String(error);
    result.failed++;
    result.failures.push({ title: '(suite did not run)', error: result.crashed });
  }
  save();
  if (result.failed > 0) throw new Error(`${result.failed} in-host test(s) failed`);
}
