import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './freePort';
import { selectedHost, requireHostNode, requireVscodeServer } from './hosts';
import type { HostName } from './hosts';
import { repoRoot } from './paths';

export interface VsCodeServerOptions {
  /** Which VS Code (hosts.ts): default SWITCHBOARD_TEST_HOST, else `newest`. */
  host?: HostName;
  /** false starts the server WITHOUT --disable-workspace-trust, so the folder opens in Restricted Mode. Default true. */
  trustWorkspace?: boolean;
  /** Extra environment for the server and therefore for the extension host (emulator URLs, test keys). */
  env?: Record<string, string | undefined>;
  /**
   * Settings as a person has them: written to <user-data-dir>/User/settings.json, except the
   * `machine`-scoped ones, which a remote window (this is one) reads only from the server's machine
   * settings, <user-data-dir>/Machine/settings.json ("Remote" in the Settings editor).
   */
  userSettings?: Record<string, unknown>;
  /**
   * More settings for <user-data-dir>/Machine/settings.json, beside the machine-scoped ones taken
   * from `userSettings` (which never go to User settings, where a remote window greys them out).
   */
  machineSettings?: Record<string, unknown>;
  /**
   * Node flags before server-main.js, e.g. a `--require` preload. The extension host inherits them:
   * VS Code forks it with the server's execArgv (NODE_OPTIONS, by contrast, it deletes).
   */
  nodeArgs?: string[];
  /** Files to create in the workspace folder, relative path → content. */
  workspaceFiles?: Record<string, string>;
  /** Print the server's own output as it arrives (it is always kept for failure reports). */
  echo?: boolean;
  /** Listen on this port (default: a free one). */
  port?: number;
  /** Keep the temp folder after close (for debugging). */
  keepTemp?: boolean;
  /**
   * Start in this folder instead of a new temp one, and keep it after close: a second server started
   * on the same folder has the first one's state (user data, global storage, extensions, the
   * Switchboard home), as a user's next VS Code start has. bench:activation restarts this way.
   */
  stateDir?: string;
  /**
   * Extension folders (a package.json and plain JS) installed into the server's extensions folder
   * before it starts, beside the development extension: the URL payload is a Map, so it carries one
   * extensionDevelopmentPath only. The lm suite's vscode.lm client (test/vscode/lmClient) comes this way.
   */
  installedExtensions?: string[];
  /**
   * Install this repository's build as a user has the extension (its shipped files copied into the
   * extensions folder) and start WITHOUT --enable-smoke-test-driver. That flag makes the workbench
   * drop every notification toast (NotificationsToasts.addToast skips them when
   * `environmentService.enableSmokeTestDriver`; they only reach the notification center), so a
   * window that must look like a user's — the e2e tests of notifications, the sandbox — loads the
   * extension this way. The URL's extensionDevelopmentPath / extensionTestsPath are then ignored.
   */
  installExtension?: boolean;
}

/** The settings Switchboard contributes with scope `machine` (package.json): remote windows read them from Remote settings only. */
export function machineScopedKeys(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { configuration: Array<{ properties: Record<string, { scope?: string }> }> } };
  return new Set(pkg.contributes.configuration.flatMap((c) => Object.entries(c.properties)).filter(([, v]) => v.scope === 'machine').map(([k]) => k));
}

/** What `npm run package` ships (.vscodeignore): enough for VS Code to load the extension. */
const SHIPPED = ['package.json', 'dist', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE'];

export interface WorkbenchUrlOptions {
  /** Absolute path of the extension under development; default the repository root. */
  extensionDevelopmentPath?: string | null;
  /** Absolute path of a compiled test index exporting run(); omit for a normal window. */
  extensionTestsPath?: string;
  /** Folder to open; default the server's temp workspace. */
  folder?: string;
  /** false lets the window open its startup editor (`workbench.startupEditor`, e.g. a README); default true. */
  skipWelcome?: boolean;
}

export interface VsCodeServer {
  readonly host: HostName;
  readonly port: number;
  readonly baseUrl: string;
  /** The temp folder holding user data, server data and the workspace. */
  readonly rootDir: string;
  readonly workspace: string;
  readonly userDataDir: string;
  /** SWITCHBOARD_HOME of the extension host: where its local store (switchboard.db) is. */
  readonly switchboardHome: string;
  readonly serverDataDir: string;
  workbenchUrl(options?: WorkbenchUrlOptions): string;
  /** Everything the server printed so far. */
  output(): string;
  close(): Promise<void>;
}

const READY = 'Extension host agent listening';

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Starts the VS Code server of scripts/install-test-deps.sh on a free port with its own temp state. */
export async function startVsCodeServer(options: VsCodeServerOptions = {}): Promise<VsCodeServer> {
  const host = options.host ?? selectedHost();
  const serverMain = requireVscodeServer(host);
  const node = requireHostNode(host);
  const rootDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'switchboard-vscode-'));
  const keep = options.keepTemp || options.stateDir !== undefined;
  const userDataDir = join(rootDir, 'user-data');
  const serverDataDir = join(rootDir, 'server-data');
  const workspace = join(rootDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  for (const [file, content] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(dirname(join(workspace, file)), { recursive: true });
    writeFileSync(join(workspace, file), content);
  }
  // Quiet defaults so screenshots and tests are not disturbed by first-run UI.
  const baseSettings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
  };
  // This is a remote window: machine-scoped settings (endpoint, base URL, profile, role) are read
  // from the server's machine settings ("Remote" in the Settings editor) only — in User settings
  // VS Code greys them out as not applied — so they go there, and every other setting to User.
  const machine = machineScopedKeys();
  const entries = Object.entries(options.userSettings ?? {});
  writeJson(join(userDataDir, 'User', 'settings.json'), { ...baseSettings, ...Object.fromEntries(entries.filter(([k]) => !machine.has(k))) });
  writeJson(join(userDataDir, 'Machine', 'settings.json'), { ...Object.fromEntries(entries.filter(([k]) => machine.has(k))), ...options.machineSettings });

  const installFolder = (folder: string, files?: readonly string[]): void => {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    const target = join(serverDataDir, 'extensions', `${manifest.publisher}.${manifest.name}-${manifest.version}`);
    if (!files) return void cpSync(folder, target, { recursive: true });
    for (const f of files) if (existsSync(join(folder, f))) cpSync(join(folder, f), join(target, f), { recursive: true });
  };
  for (const folder of options.installedExtensions ?? []) installFolder(folder);
  if (options.installExtension) installFolder(repoRoot, SHIPPED);

  const port = options.port || (await freePort());
  const args = [
    serverMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--user-data-dir', userDataDir,
    '--server-data-dir', serverDataDir,
    '--extensions-dir', join(serverDataDir, 'extensions'),
    // A built VS Code's web client (1.139 here) honours the URL's `payload` keys
    // extensionDevelopmentPath / extensionTestsPath only when the server runs its smoke-test
    // setup (the workbench's resolveExtensionHostDebugEnvironment: `!isBuilt || enableSmokeTestDriver`);
    // 1.100 honoured them without it. This is how VS Code's own web smoke tests load an extension.
    ...(options.installExtension ? [] : ['--enable-smoke-test-driver']),
  ];
  if (options.trustWorkspace !== false) args.push('--disable-workspace-trust');

  // The extension's local store (shared with the CLI) lives in this server's temp folder unless the
  // caller names one: a test or the sandbox never writes into the user's own Switchboard home.
  const env: NodeJS.ProcessEnv = { ...process.env, SWITCHBOARD_HOME: join(rootDir, 'switchboard-home') };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  // A detached process group lets close() take the extension host and pty host down too.
  const child: ChildProcess = spawn(node, [...(options.nodeArgs ?? []), ...args], { cwd: rootDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString();
    output += text;
    if (options.echo) process.stdout.write(text.replace(/^/gm, '[server] '));
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  // The group is detached, so it would outlive a runner that dies without close(); take it down
  // when this process exits (runners turn Ctrl-C / SIGTERM into process.exit for this).
  const killOnExit = (): void => {
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    if (!keep) rmSync(rootDir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 3000);
      await exited;
      clearTimeout(timer);
    }
    child.stdout!.destroy();
    child.stderr!.destroy();
    process.removeListener('exit', killOnExit);
    if (!keep) rmSync(rootDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`VS Code server did not print "${READY}" within 60 s`)), 60_000);
      const check = (): void => {
        if (output.includes(READY)) { clearTimeout(timer); resolveReady(); }
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`VS Code server exited before it was ready (code ${code}, signal ${signal})`));
      });
    });
  } catch (error) {
    await close();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }

  const baseUrl = `http://127.0.0.1:${port}`;
  const workbenchUrl = (urlOptions: WorkbenchUrlOptions = {}): string => {
    const payload: [string, string][] = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
    const devPath = options.installExtension ? null : urlOptions.extensionDevelopmentPath === undefined ? repoRoot : urlOptions.extensionDevelopmentPath;
    const remote = (path: string): string => `vscode-remote://127.0.0.1:${port}${path}`;
    if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
    if (urlOptions.extensionTestsPath) payload.push(['extensionTestsPath', remote(urlOptions.extensionTestsPath)]);
    if (urlOptions.skipWelcome === false) payload.splice(payload.findIndex(([key]) => key === 'skipWelcome'), 1);
    const query = new URLSearchParams({ folder: urlOptions.folder ?? workspace, payload: JSON.stringify(payload) });
    return `${baseUrl}/?${query.toString()}`;
  };

  return { host, port, baseUrl, rootDir, workspace, userDataDir, serverDataDir, switchboardHome: env.SWITCHBOARD_HOME!, workbenchUrl, output: () => output, close };
}
