// Starts the Anthropic and Bedrock API emulators for people (npm run emulators, npm run sandbox).
// Each is imported dynamically, so one missing or broken emulator does not stop the other.
import { join } from 'node:path';
import { repoRoot } from '../test/vscode/host/paths';

export interface LocalEmulator {
  url: string;
  close(): Promise<void>;
}

export interface LocalEmulators {
  anthropic?: LocalEmulator & { apiKey: string };
  bedrock?: LocalEmulator & { region: string; accessKeyId: string; secretAccessKey: string };
  /** Why an emulator could not start, by name. */
  problems: Record<string, string>;
  close(): Promise<void>;
}

export interface LocalEmulatorOptions {
  anthropicPort?: number;
  bedrockPort?: number;
  region?: string;
}

/** The emulators' fixed test identities; they are fake and only valid against the emulators. */
export const EMULATOR_ANTHROPIC_KEY = 'sk-ant-test-key';

export async function startLocalEmulators(options: LocalEmulatorOptions = {}): Promise<LocalEmulators> {
  const result: LocalEmulators = { problems: {}, close: async () => undefined };
  const emulatorDir = join(repoRoot, 'test', 'emulators');
  try {
    const module = await import(join(emulatorDir, 'anthropic'));
    const emulator = await module.startAnthropicEmulator({ port: options.anthropicPort ?? 0 });
    result.anthropic = { url: emulator.url, apiKey: EMULATOR_ANTHROPIC_KEY, close: () => emulator.close() };
  } catch (error) {
    result.problems.anthropic = (error as Error).message;
  }
  try {
    const module = await import(join(emulatorDir, 'bedrock'));
    const region = options.region ?? 'us-east-1';
    const emulator = await module.startBedrockEmulator({ port: options.bedrockPort ?? 0, region });
    const credentials = module.TEST_CREDENTIALS as { accessKeyId: string; secretAccessKey: string } | undefined;
    if (!credentials) throw new Error('test/emulators/bedrock.ts does not export TEST_CREDENTIALS');
    result.bedrock = { url: emulator.url, region, ...credentials, close: () => emulator.close() };
  } catch (error) {
    result.problems.bedrock = (error as Error).message;
  }
  result.close = async (): Promise<void> => {
    await Promise.all([result.anthropic?.close(), result.bedrock?.close()]);
  };
  return result;
}

/** Port from `--NAME <port>` or the environment variable, else 0 (any free port). */
export function portOption(flagName: string, envName: string): number {
  const index = process.argv.indexOf(flagName);
  const raw = index >= 0 ? process.argv[index + 1] : process.env[envName];
  const port = Number(raw ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flagName} / ${envName}: not a port: ${raw}`);
  return port;
}
