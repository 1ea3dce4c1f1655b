// Starts the local emulators for people (npm run emulators, npm run sandbox): the Anthropic and
// Bedrock APIs, and AWS STS and SSO so that Bedrock's identity calls stay on this machine too.
// Each is loaded on its own, so one missing or broken emulator does not stop the others.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../test/vscode/host/paths';

/** What an emulator logged about one request (the emulators' RequestLogEntry, as far as people need it). */
export interface LoggedRequest {
  method: string;
  path: string;
  status?: number;
  auth?: string;
  body?: unknown;
}

export interface LocalEmulator {
  url: string;
  /** Every request the emulator received so far. */
  requests(): LoggedRequest[];
  close(): Promise<void>;
}

export interface LocalEmulators {
  anthropic?: LocalEmulator & { apiKey: string };
  bedrock?: LocalEmulator & { region: string; accessKeyId: string; secretAccessKey: string };
  /** STS: GetCallerIdentity for the Bedrock test keys answers `callerArn`; AssumeRole of `roleArn` works with them. */
  sts?: LocalEmulator & { callerArn: string; roleArn: string };
  /** IAM Identity Center's portal, so an SSO profile's credential call is local too. */
  sso?: LocalEmulator;
  /** Why an emulator could not start, by name. */
  problems: Record<string, string>;
  close(): Promise<void>;
}

export interface LocalEmulatorOptions {
  anthropicPort?: number;
  bedrockPort?: number;
  region?: string;
  /** `demo`: realistic, labelled answers chosen from the question, streamed at a human pace (default: the tests' echo). */
  answers?: 'echo' | 'demo';
}

/** The emulators' fixed test identities; they are fake and only valid against the emulators. */
export const EMULATOR_ANTHROPIC_KEY = 'sk-ant-test-key';
export const EMULATOR_CALLER_ARN = 'arn:aws:iam::111122223333:user/sandbox-demo';
export const EMULATOR_ROLE_ARN = 'arn:aws:iam::111122223333:role/SwitchboardSandbox';

// require (through tsx's hook), not import(): the runners load TypeScript as CommonJS, and under
// mocha's `-r tsx/cjs` an import() of a .ts file reaches Node's ESM loader, which cannot resolve it.
const load = createRequire(__filename);

export async function startLocalEmulators(options: LocalEmulatorOptions = {}): Promise<LocalEmulators> {
  const result: LocalEmulators = { problems: {}, close: async () => undefined };
  const emulatorDir = join(repoRoot, 'test', 'emulators');
  const answers = options.answers ?? 'echo';
  try {
    const module = load(join(emulatorDir, 'anthropic'));
    const emulator = await module.startAnthropicEmulator({ port: options.anthropicPort ?? 0, answers });
    result.anthropic = { url: emulator.url, apiKey: EMULATOR_ANTHROPIC_KEY, requests: () => emulator.requests, close: () => emulator.close() };
  } catch (error) {
    result.problems.anthropic = (error as Error).message;
  }
  let acceptIssued: ((credential: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => void) | undefined;
  try {
    const module = load(join(emulatorDir, 'bedrock'));
    const region = options.region ?? 'us-east-1';
    const emulator = await module.startBedrockEmulator({ port: options.bedrockPort ?? 0, region, answers });
    const credentials = module.TEST_CREDENTIALS as { accessKeyId: string; secretAccessKey: string } | undefined;
    if (!credentials) throw new Error('test/emulators/bedrock.ts does not export TEST_CREDENTIALS');
    acceptIssued = (credential) => emulator.addCredentials(credential);
    result.bedrock = { url: emulator.url, region, ...credentials, requests: () => emulator.requests, close: () => emulator.close() };
  } catch (error) {
    result.problems.bedrock = (error as Error).message;
  }
  // Credentials STS or SSO issue are accepted by the Bedrock emulator, so role and SSO sign-ins work end to end.
  const credentialStore = { add: (credential: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => acceptIssued?.(credential) };
  if (result.bedrock) {
    try {
      const module = load(join(emulatorDir, 'sts'));
      const { accessKeyId, secretAccessKey } = result.bedrock;
      const emulator = await module.startStsEmulator({ users: [{ accessKeyId, secretAccessKey, arn: EMULATOR_CALLER_ARN }], roles: [{ arn: EMULATOR_ROLE_ARN }], credentialStore });
      result.sts = { url: emulator.url, callerArn: EMULATOR_CALLER_ARN, roleArn: EMULATOR_ROLE_ARN, requests: () => emulator.requests, close: () => emulator.close() };
    } catch (error) {
      result.problems.sts = (error as Error).message;
    }
    try {
      const module = load(join(emulatorDir, 'sso'));
      const emulator = await module.startSsoEmulator({ credentialStore });
      result.sso = { url: emulator.url, requests: () => emulator.requests, close: () => emulator.close() };
    } catch (error) {
      result.problems.sso = (error as Error).message;
    }
  }
  result.close = async (): Promise<void> => {
    await Promise.all([result.anthropic?.close(), result.bedrock?.close(), result.sts?.close(), result.sso?.close()]);
  };
  return result;
}

/**
 * The environment that keeps the AWS SDK on these emulators: STS and SSO by their service-specific
 * endpoint variables, and every other AWS service (should anything ask one) on the Bedrock emulator,
 * which refuses unknown operations — so no AWS call leaves the machine. No instance metadata either.
 */
export function awsEndpointEnvironment(emulators: LocalEmulators): Record<string, string | undefined> {
  return {
    AWS_ENDPOINT_URL: emulators.bedrock?.url,
    AWS_ENDPOINT_URL_STS: emulators.sts?.url,
    AWS_ENDPOINT_URL_SSO: emulators.sso?.url,
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Port from `--NAME <port>` or the environment variable, else 0 (any free port). */
export function portOption(flagName: string, envName: string): number {
  const index = process.argv.indexOf(flagName);
  const raw = index >= 0 ? process.argv[index + 1] : process.env[envName];
  const port = Number(raw ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flagName} / ${envName}: not a port: ${raw}`);
  return port;
}
