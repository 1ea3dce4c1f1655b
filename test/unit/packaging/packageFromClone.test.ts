import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { zipEntryNames } from './zipEntries';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

// The README's "As a package" step, exactly as written (`npm run package`), in a fresh clone of
// this repository's HEAD — no dist/, no earlier .vsix, nothing untracked — as a user who has just
// cloned it would run it. Only node_modules is linked from here instead of installed (npm ci would
// take minutes and install the same lockfile). Uncommitted changes are not in the clone: it checks
// what is committed.
describe('npm run package in a fresh clone (README "Run it" → "As a package")', function () {
  this.timeout(180_000);
  let clone: string;
  let vsix: string;
  let output = '';

  before(async function () {
    if (!existsSync(path.join(ROOT, '.git'))) {
      throw new Error(`${ROOT} is not a git checkout; this test clones its HEAD`);
    }
    clone = mkdtempSync(path.join(tmpdir(), 'switchboard-package-'));
    const head = (await run('git', ['-C', ROOT, 'rev-parse', 'HEAD'])).stdout.trim();
    await run('git', ['clone', '--quiet', '--no-checkout', ROOT, clone]);
    await run('git', ['-C', clone, 'checkout', '--quiet', '--detach', head]);
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    try {
      const result = await run('npm', ['run', 'package'], { cwd: clone, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 });
      output = result.stdout + result.stderr;
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`npm run package failed in a fresh clone:\n${failed.stdout ?? ''}${failed.stderr ?? failed.message}`);
    }
    const { name, version } = JSON.parse(readFileSync(path.join(clone, 'package.json'), 'utf8')) as { name: string; version: string };
    vsix = path.join(clone, `${name}-${version}.vsix`);
  });

  after(() => {
    if (clone) rmSync(clone, { recursive: true, force: true });
  });

  it('writes switchboard-<version>.vsix, the file the README tells you to install', () => {
    assert.ok(existsSync(vsix), `no ${path.basename(vsix)} after npm run package; its output:\n${output}`);
  });

  it('ships only dist/ (bundles, no source maps), media/, package.json, README, CHANGELOG and LICENSE', () => {
    const files = zipEntryNames(vsix).filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));
    const allowed = (file: string): boolean =>
      (file.startsWith('dist/') && !file.endsWith('.map')) || file.startsWith('media/') ||
      ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt'].includes(file);
    assert.deepEqual(files.filter((file) => !allowed(file)), [], 'files in the .vsix that it must not ship');
    for (const required of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'dist/boot.js', 'dist/extension.js', 'dist/cli.js', 'media/switchboard.svg']) {
      assert.ok(files.includes(required), `the .vsix lacks ${required}; it has:\n${files.join('\n')}`);
    }
    // The manifest's entry points are in the package.
    const manifest = JSON.parse(readFileSync(path.join(clone, 'package.json'), 'utf8')) as { main: string; bin: Record<string, string> };
    for (const entry of [manifest.main, ...Object.values(manifest.bin)]) {
      assert.ok(files.includes(path.posix.normalize(entry)), `package.json points at ${entry}, which the .vsix does not ship`);
    }
  });
});
