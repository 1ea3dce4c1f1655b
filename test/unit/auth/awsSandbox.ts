import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A throw-away AWS home for one test: HOME, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE
 * point into a fresh temp directory (never the real ~/.aws), every AWS_* variable that could
 * leak in from the machine is cleared, instance metadata is off (no network), and `restore()`
 * puts process.env back exactly as it was.
 */
export interface AwsSandbox {
  dir: string;
  home: string;
  configFile: string;
  credentialsFile: string;
  writeConfig(text: string): void;
  writeCredentials(text: string): void;
  /** Write `~/.aws/sso/cache/<sha1(key)>.json` as `aws sso login` does. */
  writeSsoToken(cacheKey: string, token: Record<string, unknown>): string;
  /** A node script usable as `credential_process`; returns the command line. */
  writeScript(name: string, source: string): string;
  restore(): void;
}

const SCRUB = /^(AWS_|AMAZON_)/;

export function createAwsSandbox(): AwsSandbox {
  const saved = { ...process.env };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-aws-'));
  const home = path.join(dir, 'home');
  fs.mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const configFile = path.join(home, '.aws', 'config');
  const credentialsFile = path.join(home, '.aws', 'credentials');
  for (const key of Object.keys(process.env)) if (SCRUB.test(key)) delete process.env[key];
  process.env.HOME = home;
  process.env.USERPROFILE = home;
  process.env.AWS_CONFIG_FILE = configFile;
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';

  return {
    dir,
    home,
    configFile,
    credentialsFile,
    writeConfig: (text) => fs.writeFileSync(configFile, text),
    writeCredentials: (text) => fs.writeFileSync(credentialsFile, text),
    writeSsoToken: (cacheKey, token) => {
      const hash = createHash('sha1').update(cacheKey).digest('hex');
      const file = path.join(home, '.aws', 'sso', 'cache', `${hash}.json`);
      fs.writeFileSync(file, JSON.stringify(token));
      return file;
    },
    writeScript: (name, source) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, source);
      return `"${process.execPath}" "${file}"`;
    },
    restore: () => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
