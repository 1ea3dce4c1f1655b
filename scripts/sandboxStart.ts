// What `npm run sandbox` starts, as a function the e2e test starts the same way: the local
// emulators in demo mode (Anthropic, Bedrock, STS, SSO), and the VS Code server with Switchboard
// installed and pointed at them, its AWS SDK kept on this machine, a README opened first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostName } from '../test/vscode/host/hosts';
import { requireExtensionBuild } from '../test/vscode/host/paths';
import { machineScopedKeys, startVsCodeServer } from '../test/vscode/host/server';
import type { VsCodeServer } from '../test/vscode/host/server';
import { awsEndpointEnvironment, startLocalEmulators } from './localEmulators';
import type { LocalEmulators } from './localEmulators';
import { sandboxReadme } from './sandboxReadme';

export interface SandboxOptions {
  /** VS Code's port (default: a free one). */
  port?: number;
  anthropicPort?: number;
  bedrockPort?: number;
  /** Which VS Code (test/vscode/host/hosts.ts); default the newest. */
  host?: HostName;
  /** More environment for the VS Code server (a test's network guard); applied last. */
  env?: Record<string, string | undefined>;
  /** Node flags for the VS Code server and its extension host (a test's `--require` preload). */
  nodeArgs?: string[];
}

export interface Sandbox {
  emulators: LocalEmulators;
  server: VsCodeServer;
  /** The workbench URL to open in a browser. */
  url: string;
  /** Written to the User settings (what a remote window applies from there). */
  userSettings: Record<string, unknown>;
  /** Written to the server's machine settings (the Settings editor's Remote tab): the machine-scoped keys. */
  machineSettings: Record<string, unknown>;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  requireExtensionBuild();
  const emulators = await startLocalEmulators({ anthropicPort: options.anthropicPort, bedrockPort: options.bedrockPort, answers: 'demo' });
  const { anthropic, bedrock } = emulators;

  const settings: Record<string, unknown> = {};
  if (anthropic) settings['switchboard.modelProvider.anthropic.baseUrl'] = anthropic.url;
  if (bedrock) {
    settings['switchboard.modelProvider.bedrock.endpoint'] = bedrock.url;
    settings['switchboard.modelProvider.bedrock.awsRegion'] = bedrock.region;
  }
  const machine = machineScopedKeys();
  const machineSettings = Object.fromEntries(Object.entries(settings).filter(([key]) => machine.has(key)));
  const userSettings: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(settings).filter(([key]) => !machine.has(key))),
    // The workspace README (what these emulators are) is the first thing on screen, at full width:
    // VS Code's own Chat panel (secondary side bar) starts closed.
    'workbench.startupEditor': 'readme',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };

  // The sandbox must never reach a real account: drop every variable that could override the
  // settings above or pick up the person's own credentials, hide their AWS config files, and keep
  // every AWS SDK call on the emulators.
  const isolated = mkdtempSync(join(tmpdir(), 'switchboard-sandbox-'));
  const awsConfig = join(isolated, 'config');
  writeFileSync(awsConfig, bedrock ? `[default]\nregion = ${bedrock.region}\n\n[profile sandbox]\nregion = ${bedrock.region}\naws_access_key_id = ${bedrock.accessKeyId}\naws_secret_access_key = ${bedrock.secretAccessKey}\n` : '');
  const env: Record<string, string | undefined> = {
    SWITCHBOARD_PROVIDER: undefined,
    CLAUDE_CODE_USE_BEDROCK: undefined,
    ANTHROPIC_BASE_URL: undefined,
    ANTHROPIC_AUTH_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_BEARER_TOKEN_BEDROCK: undefined,
    AWS_ROLE_ARN: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_CONFIG_FILE: awsConfig,
    AWS_SHARED_CREDENTIALS_FILE: awsConfig,
    ANTHROPIC_API_KEY: anthropic?.apiKey,
    AWS_ACCESS_KEY_ID: bedrock?.accessKeyId,
    AWS_SECRET_ACCESS_KEY: bedrock?.secretAccessKey,
    AWS_REGION: bedrock?.region,
    ...awsEndpointEnvironment(emulators),
    ...options.env,
  };

  let server: VsCodeServer;
  try {
    server = await startVsCodeServer({
      ...(options.host ? { host: options.host } : {}),
      port: options.port,
      userSettings,
      machineSettings,
      env,
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
      workspaceFiles: { 'README.md': sandboxReadme(emulators) },
      // Installed as a user has it (the shipped build in the extensions folder), not as a development
      // extension: the window is a normal one (no "[Extension Development Host]"), and notifications
      // show as toasts — under the smoke-test driver a development extension needs, VS Code drops them.
      installExtension: true,
    });
  } catch (error) {
    await emulators.close();
    rmSync(isolated, { recursive: true, force: true });
    throw error;
  }
  let closed = false;
  return {
    emulators,
    server,
    // Without skipWelcome, so the window opens the README (workbench.startupEditor) first.
    url: server.workbenchUrl({ skipWelcome: false }),
    userSettings,
    machineSettings,
    close: async () => {
      if (closed) return;
      closed = true;
      await server.close();
      await emulators.close();
      rmSync(isolated, { recursive: true, force: true });
    },
  };
}
