// The built CLI (dist/cli.js), rebuilt once per test run: a stale dist/ from an older checkout must
// not pass for this code, and the suites that run the bundle share one build instead of each paying for it.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const BUILT_CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

let build: Promise<string> | undefined;

/** Builds dist/ with the repository's esbuild.mjs (once per process); resolves to dist/cli.js. */
export function freshCliBundle(): Promise<string> {
  build ??= run(process.execPath, [path.join(REPO_ROOT, 'esbuild.mjs')], { cwd: REPO_ROOT }).then(() => BUILT_CLI);
  build.catch(() => (build = undefined));
  return build;
}
