import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';

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
