// npm run sandbox: a VS Code in the browser with Switchboard loaded and pointed at the local API
// emulators — no VS Code install and no cloud credentials needed. Prints the URL; Ctrl-C stops all.
//   --port N (or SANDBOX_PORT) for a fixed VS Code port; --anthropic-port / --bedrock-port likewise.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireExtensionBuild } from '../test/vscode/host/paths';
import { startVsCodeServer } from '../test/vscode/host/server';
import { portOption, startLocalEmulators } from './localEmulators';

async function main(): Promise<void> {
  requireExtensionBuild();
  const emulators = await startLocalEmulators({
    anthropicPort: portOption('--anthropic-port', 'ANTHROPIC_EMULATOR_PORT'),
    bedrockPort: portOption('--bedrock-port', 'BEDROCK_EMULATOR_PORT'),
  });
  const { anthropic, bedrock, problems } = emulators;
  for (const [name, problem] of Object.entries(problems)) console.error(`warning: the ${name} emulator did not start: ${problem}`);

  const settings: Record<string, unknown> = {};
  if (anthropic) settings['switchboard.modelProvider.anthropic.baseUrl'] = anthropic.url;
  if (bedrock) {
    settings['switchboard.modelProvider.bedrock.endpoint'] = bedrock.url;
    settings['switchboard.modelProvider.bedrock.awsRegion'] = bedrock.region;
  }
  // The sandbox must never reach a real account: drop every variable that could override the
  // settings above or pick up the person's own credentials, and hide their AWS config files.
  const isolated = mkdtempSync(join(tmpdir(), 'switchboard-sandbox-aws-'));
  writeFileSync(join(isolated, 'config'), '');
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
    AWS_CONFIG_FILE: join(isolated, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(isolated, 'config'),
    ANTHROPIC_API_KEY: anthropic?.apiKey,
    AWS_ACCESS_KEY_ID: bedrock?.accessKeyId,
    AWS_SECRET_ACCESS_KEY: bedrock?.secretAccessKey,
    AWS_REGION: bedrock?.region,
  };

  const server = await startVsCodeServer({
    // Installed as a user has it: the development payload needs the smoke-test driver, which hides
    // every notification toast (test/vscode/host/server.ts). Machine-scoped settings (endpoint, base
    // URL) go to Remote settings, the rest to User settings (server.ts does that for userSettings).
    installExtension: true,
    port: portOption('--port', 'SANDBOX_PORT'),
    userSettings: settings,
    env,
    workspaceFiles: {
      'README.md': '# Switchboard sandbox\n\nF1 → "Switchboard: Switch Provider", "Switchboard: Test Connection".\nThe API calls go to local emulators; no real account is used.\n',
    },
  });

  console.log('\nSwitchboard sandbox is running.');
  if (anthropic) console.log(`  Anthropic API emulator: ${anthropic.url} (key ${anthropic.apiKey}, fake)`);
  if (bedrock) console.log(`  Bedrock emulator:       ${bedrock.url} (${bedrock.region}, fake test credentials)`);
  console.log(`\nOpen VS Code in your browser:\n\n  ${server.workbenchUrl()}\n\nCtrl-C stops the sandbox.`);

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await server.close();
    await emulators.close();
    rmSync(isolated, { recursive: true, force: true });
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${(error as Error).message}`);
  process.exit(1);
});
