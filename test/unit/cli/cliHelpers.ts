import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { TEST_CREDENTIALS } from '../../emulators/bedrock';
import { useEmulators } from '../client/clientHelpers';
import type { Emulators } from '../client/clientHelpers';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: () => any;
}

/** Run the CLI in-process with a clean environment (nothing from this machine leaks in). */
export async function cli(argv: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    readStdin: async () => stdin,
    env,
    version: '0.0.0-test',
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** An environment with its own HOME / SWITCHBOARD_HOME / AWS files, so no real credentials are used. */
export async function isolatedEnv(extra: NodeJS.ProcessEnv = {}): Promise<{ env: NodeJS.ProcessEnv; dir: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-cli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    SWITCHBOARD_HOME: path.join(dir, 'switchboard'),
    AWS_CONFIG_FILE: path.join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
  return { env, dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

export interface CliTestEnv {
  env: NodeJS.ProcessEnv;
  dir: string;
}

export interface UseCliEnvOptions {
  /** Variables on top of the clean environment, read before each test (e.g. an emulator's URL). */
  env?: () => NodeJS.ProcessEnv;
  /** Write the emulators' test keys as this AWS profile in the shared credentials file, as a developer has them. */
  awsProfile?: string;
}

/**
 * A clean CLI environment (isolatedEnv) for each test of the enclosing describe, removed after it.
 * `ready` gets it before each test: `useCliEnv({ awsProfile: 'default' }, (t) => ({ env, dir } = t))`.
 */
export function useCliEnv(options: UseCliEnvOptions, ready: (t: CliTestEnv) => void): void {
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const made = await isolatedEnv(options.env?.() ?? {});
    cleanup = made.cleanup;
    if (options.awsProfile) {
      await fs.writeFile(made.env.AWS_SHARED_CREDENTIALS_FILE!, `[${options.awsProfile}]\naws_access_key_id = ${TEST_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${TEST_CREDENTIALS.secretAccessKey}\n`);
    }
    ready({ env: made.env, dir: made.dir });
  });
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });
}

export interface CliFixture extends CliTestEnv, Emulators {}

/**
 * The CLI tests' one fixture: both emulators for the describe (useEmulators, Bedrock in `region`,
 * default eu-west-1) and a clean CLI environment per test (useCliEnv; `env` may read the emulators).
 */
export function useCliFixture(options: { env?: (emulators: Emulators) => NodeJS.ProcessEnv; awsProfile?: string; region?: string }, ready: (f: CliFixture) => void): void {
  const emulators = useEmulators({ region: options.region ?? 'eu-west-1' });
  useCliEnv({ env: () => options.env?.(emulators) ?? {}, ...(options.awsProfile ? { awsProfile: options.awsProfile } : {}) }, (t) => ready({ ...t, anthropic: emulators.anthropic, bedrock: emulators.bedrock }));
}
