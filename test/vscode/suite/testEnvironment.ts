// The in-host tests set up their own environment instead of skipping when the developer's shell
// pins something (a skipped suite used to count as passed). The extension host's process.env is
// the object the extension's engine host reads, so clearing the pins here and reloading is
// exactly what a user who unset them and reloaded would get.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Variables the product reads that would pin or redirect what a test sets in settings. */
export const PINNING_VARIABLES = [
  'SWITCHBOARD_PROVIDER', 'CLAUDE_CODE_USE_BEDROCK', 'SWITCHBOARD_CONFIG', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_API_KEY',
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'CLAUDE_CODE_MAX_OUTPUT_TOKENS', 'MAX_THINKING_TOKENS', 'SWITCHBOARD_FIRST_TOKEN_TIMEOUT', 'SWITCHBOARD_IDLE_TIMEOUT', 'SWITCHBOARD_TOTAL_TIMEOUT',
];

/** Clears the pins and points the AWS shared files at empty ones (the developer's ~/.aws stays out). Returns what was cleared. */
export function isolateEnvironment(env: NodeJS.ProcessEnv = process.env): string[] {
  const cleared = PINNING_VARIABLES.filter((v) => env[v] !== undefined);
  for (const v of cleared) delete env[v];
  const dir = mkdtempSync(join(tmpdir(), 'sb-inhost-aws-'));
  writeFileSync(join(dir, 'config'), '');
  writeFileSync(join(dir, 'credentials'), '');
  env.AWS_CONFIG_FILE = join(dir, 'config');
  env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  return cleared;
}
