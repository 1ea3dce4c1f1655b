// A VS Code window as a user with keys has it, pointed at the local emulators: the extension
// installed (notifications show; see docs/testing.md), Anthropic and Bedrock emulators, no pins or
// credentials from the developer's shell, AWS config files hidden.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAnthropicEmulator } from '../emulators/anthropic';
import type { AnthropicEmulator, AnthropicEmulatorOptions } from '../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../emulators/bedrock';
import type { BedrockEmulator } from '../emulators/bedrock';
import { startStsEmulator } from '../emulators/sts';
import type { StsEmulator } from '../emulators/sts';
import { startWorkbench } from './workbench';
import type { Workbench } from './workbench';

export interface EmulatorWindow {
  workbench: Workbench;
  anthropic: AnthropicEmulator;
  bedrock: BedrockEmulator;
  /** STS too (Test Connection asks it who signed in): no call leaves the machine. */
  sts: StsEmulator;
  close(): Promise<void>;
}

/** The caller the STS emulator names for the test access keys. */
export const EMULATOR_CALLER_ARN = 'arn:aws:iam::123456789012:user/e2e';

export async function startEmulatorWindow(options: { anthropic?: AnthropicEmulatorOptions; anthropicKey: string; userSettings?: Record<string, unknown> }): Promise<EmulatorWindow> {
  const anthropic = await startAnthropicEmulator(options.anthropic);
  const bedrock = await startBedrockEmulator({ region: 'us-east-1' });
  const sts = await startStsEmulator({ users: [{ ...TEST_CREDENTIALS, arn: EMULATOR_CALLER_ARN }] });
  const isolated = mkdtempSync(join(tmpdir(), 'switchboard-e2e-aws-'));
  writeFileSync(join(isolated, 'config'), '');
  const workbench = await startWorkbench({
    installExtension: true,
    env: {
      SWITCHBOARD_PROVIDER: undefined, CLAUDE_CODE_USE_BEDROCK: undefined, ANTHROPIC_BASE_URL: undefined, AWS_PROFILE: undefined,
      AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_SESSION_TOKEN: undefined,
      AWS_CONFIG_FILE: join(isolated, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(isolated, 'config'),
      ANTHROPIC_API_KEY: options.anthropicKey,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: sts.url,
    },
    userSettings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'switchboard.modelProvider.anthropic.baseUrl': anthropic.url,
      'switchboard.modelProvider.bedrock.endpoint': bedrock.url,
      'switchboard.modelProvider.bedrock.awsRegion': 'us-east-1',
      ...options.userSettings,
    },
  }).catch(async (e: unknown) => {
    await anthropic.close();
    await bedrock.close();
    await sts.close();
    throw e;
  });
  return {
    workbench, anthropic, bedrock, sts,
    close: async () => {
      await workbench.close();
      await anthropic.close();
      await bedrock.close();
      await sts.close();
    },
  };
}
