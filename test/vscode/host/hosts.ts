// The test hosts: which Node runs the test tiers, and which VS Code servers (code-server's
// lib/vscode, each on the Node its code-server release requires) the in-host and e2e tiers drive.
// One source, hostVersions.json, for scripts/install-test-deps.sh (installs them into the test
// cache) and for the runners (find them there). docs/testing.md explains the choices.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testCacheDir } from './paths';

/** `newest`: what every tier of `npm test` runs on. `floor`: the oldest VS Code engines.vscode allows. */
export type HostName = 'newest' | 'floor';

export interface HostVersion {
  /** Major version of the npm package `node@<node>` that runs this server. */
  node: string;
  /** Version of the npm package `code-server`. */
  codeServer: string;
  /** The VS Code version inside it. */
  vscode: string;
  /** Only install-test-deps.sh reads this: the @vscode/ripgrep download it seeds for releases that need one. */
  ripgrep?: { package: string; release: string };
}

interface HostVersions {
  /** Major version of the npm package `node@<testNode>` that runs every test tier. */
  testNode: string;
  hosts: Record<HostName, HostVersion>;
}

export const hostVersions: HostVersions = JSON.parse(readFileSync(join(__dirname, 'hostVersions.json'), 'utf8')) as HostVersions;

/** The host named by SWITCHBOARD_TEST_HOST (default `newest`); a clear error for any other name. */
export function selectedHost(): HostName {
  const name = process.env.SWITCHBOARD_TEST_HOST || 'newest';
  if (name !== 'newest' && name !== 'floor') throw new Error(`SWITCHBOARD_TEST_HOST is "${name}"; use newest or floor`);
  return name;
}

function nodePath(major: string): string {
  return join(testCacheDir(), `node${major}`, 'node_modules', 'node', 'bin', 'node');
}

function requireNode(major: string, purpose: string, setup: string): string {
  const node = nodePath(major);
  if (!existsSync(node)) throw new Error(`Node ${major} (${purpose}) is not installed: ${node} is missing. Run: ${setup}`);
  return node;
}

function setupCommand(host: HostName): string {
  return host === 'floor' ? 'bash scripts/install-test-deps.sh --floor' : 'npm run setup (or bash scripts/install-test-deps.sh)';
}

/** The Node that runs this host's VS Code server (and so its extension host). */
export function requireHostNode(host: HostName): string {
  return requireNode(hostVersions.hosts[host].node, `the ${host} VS Code server`, setupCommand(host));
}

/** The VS Code server (code-server's lib/vscode) of this host. */
export function vscodeServerDir(host: HostName): string {
  return join(testCacheDir(), `code-server-${hostVersions.hosts[host].codeServer}`, 'node_modules', 'code-server', 'lib', 'vscode');
}

/** server-main.js of this host; fails with the command that installs it when it is missing. */
export function requireVscodeServer(host: HostName): string {
  const main = join(vscodeServerDir(host), 'out', 'server-main.js');
  if (!existsSync(main)) {
    throw new Error(`The ${host} VS Code server (code-server ${hostVersions.hosts[host].codeServer}) is not installed: ${main} is missing. Run: ${setupCommand(host)}`);
  }
  return main;
}

/** "VS Code 1.139.1 (code-server 4.139.1) on Node v24.21.0": what a runner drives, for its first line. */
export function hostDescription(host: HostName): string {
  const vscode = (JSON.parse(readFileSync(join(vscodeServerDir(host), 'package.json'), 'utf8')) as { version: string }).version;
  const node = execFileSync(requireHostNode(host), ['--version'], { encoding: 'utf8' }).trim();
  return `VS Code ${vscode} (code-server ${hostVersions.hosts[host].codeServer}) on Node ${node}`;
}
