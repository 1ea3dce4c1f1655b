import * as os from 'node:os';
import * as path from 'node:path';

/** The shared AWS files as the SDK would find them for this environment. */
export interface AwsConfigFilePaths {
  configFile: string;
  credentialsFile: string;
}

export interface AwsProfiles {
  paths: AwsConfigFilePaths;
  /** Profile name → merged keys (credentials file wins over config file, like the SDK). */
  profiles: Record<string, Record<string, string | undefined>>;
}

function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || (env.HOMEPATH ? `${env.HOMEDRIVE ?? 'C:\\'}${env.HOMEPATH}` : os.homedir());
}

function expandHome(file: string, env: NodeJS.ProcessEnv): string {
  return file.startsWith('~/') ? path.join(homeDir(env), file.slice(2)) : file;
}

/** Same rules as the SDK: `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/…`. */
export function awsConfigFilePaths(env: NodeJS.ProcessEnv): AwsConfigFilePaths {
  return {
    configFile: expandHome(env.AWS_CONFIG_FILE || path.join(homeDir(env), '.aws', 'config'), env),
    credentialsFile: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir(env), '.aws', 'credentials'), env),
  };
}

// `[sso-session x]` and `[services x]` sections are not profiles; the SDK's parser keys them with a dot.
const NON_PROFILE_SECTION = /^(?:sso-session|services)\./;

/**
 * Read both shared files with the SDK's own INI loader (so `[profile x]` sections, comments and
 * sub-properties parse exactly as the credential providers will parse them). Missing files are
 * empty, not errors. Never cached: the user may have just run `aws configure`.
 */
export async function loadAwsProfiles(env: NodeJS.ProcessEnv): Promise<AwsProfiles> {
  const paths = awsConfigFilePaths(env);
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    filepath: paths.credentialsFile,
    configFilepath: paths.configFile,
    ignoreCache: true,
  });
  const profiles: AwsProfiles['profiles'] = {};
  for (const [name, values] of Object.entries(configFile)) {
    if (!NON_PROFILE_SECTION.test(name)) profiles[name] = { ...values };
  }
  for (const [name, values] of Object.entries(credentialsFile)) {
    profiles[name] = { ...(profiles[name] ?? {}), ...values };
  }
  return { paths, profiles };
}

export type ProfileKind = 'sso' | 'credential_process' | 'assume_role' | 'static' | 'web_identity' | 'other';

/** What kind of credentials a profile holds, for logs and error messages. */
export function profileKind(values: Record<string, string | undefined>): ProfileKind {
  if (values.sso_session || values.sso_start_url) return 'sso';
  if (values.credential_process) return 'credential_process';
  if (values.role_arn) return 'assume_role';
  if (values.web_identity_token_file) return 'web_identity';
  if (values.aws_access_key_id) return 'static';
  return 'other';
}
