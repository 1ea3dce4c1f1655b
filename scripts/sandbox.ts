// npm run sandbox: a VS Code in the browser with Switchboard loaded and pointed at local emulators
// (Anthropic, Bedrock, STS, SSO) that give labelled demo answers — no VS Code install, no cloud
// credentials, no request leaving the machine. Prints the URL; Ctrl-C stops all.
//   --port N (or SANDBOX_PORT) for a fixed VS Code port; --anthropic-port / --bedrock-port likewise.
import { portOption } from './localEmulators';
import { startSandbox } from './sandboxStart';

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: portOption('--port', 'SANDBOX_PORT'),
    anthropicPort: portOption('--anthropic-port', 'ANTHROPIC_EMULATOR_PORT'),
    bedrockPort: portOption('--bedrock-port', 'BEDROCK_EMULATOR_PORT'),
  });
  const { anthropic, bedrock, sts, sso, problems } = sandbox.emulators;
  for (const [name, problem] of Object.entries(problems)) console.error(`warning: the ${name} emulator did not start: ${problem}`);

  console.log('\nSwitchboard sandbox is running. The providers are local emulators with demo answers:');
  if (anthropic) console.log(`  Anthropic API emulator: ${anthropic.url} (key ${anthropic.apiKey}, fake)`);
  if (bedrock) console.log(`  Bedrock emulator:       ${bedrock.url} (${bedrock.region}, fake test credentials)`);
  if (sts) console.log(`  AWS STS emulator:       ${sts.url} (caller ${sts.callerArn})`);
  if (sso) console.log(`  AWS SSO emulator:       ${sso.url}`);
  console.log(`\nOpen VS Code in your browser:\n\n  ${sandbox.url}\n\nCtrl-C stops the sandbox.`);

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await sandbox.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${(error as Error).message}`);
  process.exit(1);
});
