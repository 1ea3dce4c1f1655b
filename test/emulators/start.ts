// npm run emulators: both API emulators (and AWS STS / SSO) standalone, until Ctrl-C. Point the
// CLI or your own VS Code at the printed URLs. Ports: --anthropic-port / ANTHROPIC_EMULATOR_PORT
// and --bedrock-port / BEDROCK_EMULATOR_PORT (default: any free port). `--demo`: the sandbox's
// realistic, labelled demo answers instead of the echo.
import { portOption, startLocalEmulators } from '../../scripts/localEmulators';

async function main(): Promise<void> {
  const emulators = await startLocalEmulators({
    anthropicPort: portOption('--anthropic-port', 'ANTHROPIC_EMULATOR_PORT'),
    bedrockPort: portOption('--bedrock-port', 'BEDROCK_EMULATOR_PORT'),
    answers: process.argv.includes('--demo') ? 'demo' : 'echo',
  });
  const { anthropic, bedrock, sts, sso, problems } = emulators;
  if (anthropic) {
    console.log(`Anthropic API emulator: ${anthropic.url}`);
    console.log(`  ANTHROPIC_BASE_URL=${anthropic.url} ANTHROPIC_API_KEY=${anthropic.apiKey}`);
  }
  if (bedrock) {
    console.log(`Bedrock emulator (${bedrock.region}): ${bedrock.url}`);
    console.log(`  AWS_REGION=${bedrock.region} AWS_ACCESS_KEY_ID=${bedrock.accessKeyId} AWS_SECRET_ACCESS_KEY=${bedrock.secretAccessKey}`);
    console.log(`  setting switchboard.modelProvider.bedrock.endpoint = ${bedrock.url}`);
  }
  if (sts) console.log(`AWS STS emulator: ${sts.url}\n  AWS_ENDPOINT_URL_STS=${sts.url} (caller ${sts.callerArn}; role ${sts.roleArn} can be assumed)`);
  if (sso) console.log(`AWS SSO portal emulator: ${sso.url}\n  AWS_ENDPOINT_URL_SSO=${sso.url}`);
  for (const [name, problem] of Object.entries(problems)) console.error(`${name} emulator did not start: ${problem}`);
  if (!anthropic && !bedrock) process.exit(1);
  console.log('These keys are fake and only valid against the emulators. Ctrl-C stops them.');

  const stop = (): void => {
    void emulators.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
