import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (this file lives in test/vscode/host/). */
export const repoRoot: string = resolve(__dirname, '..', '..', '..');

/** Where scripts/install-test-deps.sh puts the test Node and the VS Code servers (see hosts.ts); keep the two in sync. */
export function testCacheDir(): string {
  return process.env.SWITCHBOARD_TEST_CACHE ?? join(homedir(), '.cache', 'switchboard-test');
}

/** Fails with the command that fixes it when the extension bundle is missing. */
export function requireExtensionBuild(): void {
  const main = join(repoRoot, 'dist', 'boot.js');
  if (!existsSync(main)) throw new Error(`${main} is missing. Run: npm run build`);
}

export const chromiumPath: string = process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium';

/** Screenshots, logs and other artefacts a person may want to look at after a run. */
export const testOutputDir: string = join(repoRoot, '.test-output');
