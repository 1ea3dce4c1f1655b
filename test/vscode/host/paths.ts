import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (this file lives in test/vscode/host/). */
export const repoRoot: string = resolve(__dirname, '..', '..', '..');

/**
 * The test hosts' versions, one source for scripts/install-test-deps.sh (which installs them) and
 * for the runners (which find them): `node` is the npm package `node@<node>` (the Node that runs every
 * test tier and the VS Code server), `codeServer` the npm package whose lib/vscode is the VS Code
 * server, `vscode` the VS Code version inside it.
 */
export const hostVersions: { node: string; codeServer: string; vscode: string } =
  JSON.parse(readFileSync(join(__dirname, 'hostVersions.json'), 'utf8')) as { node: string; codeServer: string; vscode: string };

/** Where scripts/install-test-deps.sh puts the test Node and the VS Code server; keep the two in sync. */
export function testCacheDir(): string {
  return process.env.SWITCHBOARD_TEST_CACHE ?? join(homedir(), '.cache', 'switchboard-test');
}

/** The Node binary (npm package node@24) that runs the test tiers and the VS Code server. */
export function testNodePath(): string {
  return join(testCacheDir(), `node${hostVersions.node}`, 'node_modules', 'node', 'bin', 'node');
}

/** Fails with the command that fixes it when the test Node is not installed. */
export function requireTestNode(): string {
  const node = testNodePath();
  if (!existsSync(node)) {
    throw new Error(`Node ${hostVersions.node} for the test hosts is not installed (${node} is missing). Run: npm run setup (or bash scripts/install-test-deps.sh)`);
  }
  return node;
}

/** The VS Code server (code-server's lib/vscode) that the in-host and e2e tiers drive. */
export function vscodeServerDir(): string {
  return join(testCacheDir(), `code-server-${hostVersions.codeServer}`, 'node_modules', 'code-server', 'lib', 'vscode');
}

/** Fails with the command that fixes it when the server is not installed. */
export function requireVscodeServer(): string {
  const main = join(vscodeServerDir(), 'out', 'server-main.js');
  if (!existsSync(main)) {
    throw new Error(`The VS Code server (code-server ${hostVersions.codeServer}) is not installed (${main} is missing). Run: npm run setup (or bash scripts/install-test-deps.sh)`);
  }
  return main;
}

/** "VS Code 1.139.1 (code-server 4.139.1) on Node v24.21.0": what the in-host and e2e tiers run on. */
export function hostDescription(): string {
  const vscode = (JSON.parse(readFileSync(join(vscodeServerDir(), 'package.json'), 'utf8')) as { version: string }).version;
  const node = execFileSync(requireTestNode(), ['--version'], { encoding: 'utf8' }).trim();
  return `VS Code ${vscode} (code-server ${hostVersions.codeServer}) on Node ${node}`;
}

/** Fails with the command that fixes it when the extension bundle is missing. */
export function requireExtensionBuild(): void {
  const main = join(repoRoot, 'dist', 'extension.js');
  if (!existsSync(main)) throw new Error(`${main} is missing. Run: npm run build`);
}

export const chromiumPath: string = process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium';

/** Screenshots, logs and other artefacts a person may want to look at after a run. */
export const testOutputDir: string = join(repoRoot, '.test-output');
