import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { SwitchboardError } from '../errors';
import { BEDROCK_API_KEY_ENV, chooseBedrockApiKey, describeKeyChoice } from './apiKeyChoice';
import { silentLogger } from '../logger';
import type { Logger } from '../logger';
import { loadAwsProfiles, profileKind } from './awsConfigFiles';
import type { AwsProfiles } from './awsConfigFiles';
import { toCredentialError } from './credentialErrors';
import type { CredentialContext } from './credentialErrors';
import { memoizeCredentials } from './memoizeCredentials';
import { resolveRegion } from './region';
import type { RegionSource, ResolvedRegion } from './region';

export type BedrockAuthMethod = 'auto' | 'profile' | 'accessKeys' | 'assumeRole' | 'apiKey';

export interface BedrockAuthOptions {
  method: BedrockAuthMethod;
  region?: string;
  profile?: string;
  /** Where `profile` came from, for messages (`AWS_PROFILE`, `--aws-profile`, a settings path); default: the Bedrock profile setting. */
  profileOrigin?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  roleArn?: string;
  externalId?: string;
  roleSessionName?: string;
  bedrockApiKey?: string;
  /** What holds `bedrockApiKey` (`SecretStorage`), for the log and Test Connection; default `configuration`. */
  bedrockApiKeyFrom?: string;
  useBedrockApiKey?: boolean;
  stsEndpoint?: string;
  /** Re-resolve credentials this long before they expire (default 5 minutes, like the SDK). */
  refreshWindowMs?: number;
  /** The region as the engine resolved it (auth/region resolveBedrockRegion); else resolved here the same way. */
  resolvedRegion?: ResolvedRegion;
}

export type BedrockAuth =
  | {
      kind: 'sigv4';
      /** Cached; re-resolved when the credentials are about to expire. Throws SwitchboardError. */
      credentials: AwsCredentialIdentityProvider;
      region: string;
      regionSource: RegionSource;
      /** e.g. `auto`, `profile`, `accessKeys`, `assumeRole`. */
      method: string;
      profile?: string;
      roleArn?: string;
      /** STS endpoint override in effect (option, AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL), used by AssumeRole and getCallerIdentity. */
      stsEndpoint?: string;
    }
  | { kind: 'bearer'; token: string; region: string; regionSource: RegionSource; method: 'apiKey' };

function clean(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

/**
 * The STS endpoint the AWS SDK itself would take from the environment (its service-specific
 * endpoints: AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS),
 * read from the engine's `env` so AssumeRole and Test Connection's GetCallerIdentity follow it alike.
 */
function stsEndpointFromEnv(env: NodeJS.ProcessEnv): { url: string; from: string } | undefined {
  if (clean(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)?.toLowerCase() === 'true') return undefined;
  for (const name of ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL']) {
    const url = clean(env[name]);
    if (url) return { url, from: name };
  }
  return undefined;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

function profileNotFound(name: string, source: string, files: AwsProfiles): SwitchboardError {
  const known = Object.keys(files.profiles).sort();
  return new SwitchboardError({
    type: 'invalid_config',
    provider: 'bedrock',
    message:
      `AWS profile "${name}" (from ${source}) was not found in ${files.paths.configFile} or ${files.paths.credentialsFile}. ` +
      (known.length ? `Profiles found: ${known.join(', ')}.` : 'No profiles were found in those files.'),
    hint: `Add a [profile ${name}] section to ${files.paths.configFile} (e.g. with \`aws configure sso --profile ${name}\`), or choose one of the existing profiles.`,
    details: { profile: name, files: [files.paths.configFile, files.paths.credentialsFile], profiles: known },
  });
}

function missingApiKey(): SwitchboardError {
  return new SwitchboardError({
    type: 'authentication',
    code: 'missing_api_key',
    provider: 'bedrock',
    message: 'Bedrock API key authentication is selected but no Bedrock API key is set.',
    hint: 'Run "Switchboard: Set Bedrock API Key" (or set AWS_BEARER_TOKEN_BEDROCK), or choose another Bedrock auth method.',
  });
}

function bearer(token: string, region: ReturnType<typeof resolveRegion>): BedrockAuth {
  return { kind: 'bearer', token, region: region.region, regionSource: region.source, method: 'apiKey' };
}

/**
 * Decide how Bedrock requests are authenticated and in which region, without calling AWS yet:
 * the returned provider resolves (and later refreshes) credentials on first use, so a slow
 * credential chain never blocks activation. Configuration mistakes we can see locally (unknown
 * profile, missing keys, malformed role ARN) fail here.
 *
 * `env` drives every decision made here (region, profile, file locations, API key, STS endpoint);
 * the AWS SDK's chain links themselves (environment keys, SSO cache under HOME, IMDS) read
 * `process.env` as the SDK always does.
 */
export async function resolveBedrockAuth(options: BedrockAuthOptions, env: NodeJS.ProcessEnv = process.env, logger: Logger = silentLogger): Promise<BedrockAuth> {
  const optionProfile = clean(options.profile);
  const envProfile = clean(env.AWS_PROFILE);
  const namedProfile = optionProfile ?? envProfile;
  // The configuration reads AWS_PROFILE too, so a profile passed in may well come from it: say where it did.
  const profileSource = optionProfile ? (options.profileOrigin ?? (optionProfile === envProfile ? 'AWS_PROFILE' : 'the Bedrock profile setting')) : 'AWS_PROFILE';
  const effectiveProfile = namedProfile ?? 'default';

  const files = await loadAwsProfiles(env);
  const region = options.resolvedRegion ?? resolveRegion(options.region, env, {
    region: files.profiles[effectiveProfile]?.region,
    profile: effectiveProfile,
    file: files.paths.configFile,
  });
  logger.info(`Bedrock region ${region.region} (from ${region.origin})`);

  // Stored key first, then AWS_BEARER_TOKEN_BEDROCK: the one decision every surface shows (auth/apiKeyChoice).
  const apiKey = chooseBedrockApiKey(options.bedrockApiKey, env, options.bedrockApiKeyFrom ?? 'configuration');
  if (options.method === 'apiKey' || (options.method === 'auto' && options.useBedrockApiKey)) {
    if (!apiKey.key) throw missingApiKey();
    logger.info(`Bedrock auth: API key (bearer) ${describeKeyChoice(apiKey)}`);
    return bearer(apiKey.key, region);
  }
  if (options.method === 'auto' && apiKey.envSet) {
    // The Bedrock Runtime client itself switches to bearer auth when this variable is present,
    // ahead of any SigV4 credentials; match it so the extension and the SDK agree. A stored key
    // (only used with useBedrockApiKey, above) would have been chosen first.
    const token = clean(env[BEDROCK_API_KEY_ENV])!;
    logger.info(`Bedrock auth: API key (bearer) from ${BEDROCK_API_KEY_ENV} (takes precedence over the credential chain, as in the AWS SDK)`);
    return bearer(token, region);
  }

  const secrets = [options.secretAccessKey, options.sessionToken, options.bedrockApiKey].filter((s): s is string => !!s);
  const ctx: CredentialContext = { method: options.method, profile: namedProfile, profileExplicit: !!namedProfile, secrets };
  const sharedFileOptions = { filepath: files.paths.credentialsFile, configFilepath: files.paths.configFile, ignoreCache: true };
  const ssoRoleOf = (name: string | undefined): string | undefined => {
    const values = name ? files.profiles[name] : undefined;
    return values?.sso_role_name ? `${values.sso_role_name} in account ${values.sso_account_id ?? '?'}` : undefined;
  };
  ctx.ssoRole = ssoRoleOf(effectiveProfile);
  const requireProfile = (name: string): void => {
    if (!files.profiles[name]) throw profileNotFound(name, namedProfile ? profileSource : 'the default', files);
  };

  let inner: AwsCredentialIdentityProvider;
  const method: string = options.method;
  let profileForAuth: string | undefined;
  let roleArn: string | undefined;
  const fromEnv = stsEndpointFromEnv(env);
  const stsEndpoint = clean(options.stsEndpoint) ?? fromEnv?.url;
  if (stsEndpoint) logger.info(`Bedrock auth: STS endpoint ${stsEndpoint} (${clean(options.stsEndpoint) ? 'configuration' : fromEnv!.from})`);

  switch (options.method) {
    case 'auto': {
      if (namedProfile) requireProfile(namedProfile);
      const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
      inner = fromNodeProviderChain({ ...sharedFileOptions, ...(namedProfile ? { profile: namedProfile } : {}) });
      profileForAuth = namedProfile;
      logger.info(`Bedrock auth: AWS default credential chain${namedProfile ? ` with profile "${namedProfile}" (${profileKind(files.profiles[namedProfile] ?? {})})` : ''}`);
      break;
    }
    case 'profile': {
      requireProfile(effectiveProfile);
      const { fromIni } = await import('@aws-sdk/credential-providers');
      inner = fromIni({ ...sharedFileOptions, profile: effectiveProfile });
      profileForAuth = effectiveProfile;
      ctx.profile = effectiveProfile;
      ctx.profileExplicit = true;
      logger.info(`Bedrock auth: AWS profile "${effectiveProfile}" (${profileKind(files.profiles[effectiveProfile] ?? {})})`);
      break;
    }
    case 'accessKeys': {
      const accessKeyId = clean(options.accessKeyId);
      const secretAccessKey = clean(options.secretAccessKey);
      if (!accessKeyId || !secretAccessKey) {
        throw new SwitchboardError({
          type: 'authentication',
          code: 'missing_aws_credentials',
          provider: 'bedrock',
          message: `Static AWS keys are selected but the ${accessKeyId ? 'secret access key' : 'access key ID'} is not set.`,
          hint: 'Set both the access key ID and the secret access key (they are kept in SecretStorage), or choose another Bedrock auth method.',
        });
      }
      const identity: AwsCredentialIdentity = { accessKeyId, secretAccessKey, ...(clean(options.sessionToken) ? { sessionToken: clean(options.sessionToken) } : {}) };
      inner = async () => identity;
      ctx.profile = undefined;
      logger.info(`Bedrock auth: static access keys${identity.sessionToken ? ' with session token' : ''}`);
      break;
    }
    case 'assumeRole': {
      roleArn = clean(options.roleArn);
      if (!roleArn || !ROLE_ARN.test(roleArn)) {
        throw new SwitchboardError({
          type: 'invalid_config',
          provider: 'bedrock',
          message: roleArn ? `"${roleArn}" is not an IAM role ARN.` : 'Role assumption is selected but no role ARN is set.',
          hint: 'Set the role ARN, e.g. arn:aws:iam::123456789012:role/BedrockAccess.',
        });
      }
      const providers = await import('@aws-sdk/credential-providers');
      let master: AwsCredentialIdentityProvider;
      const accessKeyId = clean(options.accessKeyId);
      const secretAccessKey = clean(options.secretAccessKey);
      if (accessKeyId && secretAccessKey) {
        const identity: AwsCredentialIdentity = { accessKeyId, secretAccessKey, ...(clean(options.sessionToken) ? { sessionToken: clean(options.sessionToken) } : {}) };
        master = async () => identity;
      } else if (namedProfile) {
        requireProfile(namedProfile);
        master = providers.fromIni({ ...sharedFileOptions, profile: namedProfile });
      } else {
        master = providers.fromNodeProviderChain(sharedFileOptions);
      }
      const sessionName = clean(options.roleSessionName) ?? `switchboard-${Date.now()}`;
      inner = providers.fromTemporaryCredentials({
        params: { RoleArn: roleArn, RoleSessionName: sessionName, ...(clean(options.externalId) ? { ExternalId: clean(options.externalId) } : {}) },
        masterCredentials: master,
        clientConfig: { region: region.region, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}) },
      });
      profileForAuth = namedProfile;
      ctx.roleArn = roleArn;
      logger.info(`Bedrock auth: assume role ${roleArn}${options.externalId ? ' with external ID' : ''} via ${stsEndpoint ?? 'the regional STS endpoint'}`);
      break;
    }
    default: {
      const unknown: never = options.method;
      throw new SwitchboardError({ type: 'invalid_config', provider: 'bedrock', message: `Unknown Bedrock auth method "${String(unknown)}".`, hint: 'Use auto, profile, accessKeys, assumeRole or apiKey.' });
    }
  }

  const resolving = inner;
  const credentials = memoizeCredentials(
    async () => {
      try {
        return await resolving();
      } catch (e) {
        throw toCredentialError(e, ctx);
      }
    },
    {
      refreshWindowMs: options.refreshWindowMs,
      onResolve: (c) => logger.debug(`AWS credentials resolved (${method})${c.expiration ? `, valid until ${c.expiration.toISOString()}` : ''}`),
    },
  );
  return {
    kind: 'sigv4',
    credentials,
    region: region.region,
    regionSource: region.source,
    method,
    ...(profileForAuth ? { profile: profileForAuth } : {}),
    ...(roleArn ? { roleArn } : {}),
    ...(stsEndpoint ? { stsEndpoint } : {}),
  };
}

/** Long-term Bedrock API keys are `ABSK` + base64("BedrockAPIKey-…-at-<account>:<secret>"). */
function accountFromApiKey(token: string): string | undefined {
  if (!token.startsWith('ABSK')) return undefined;
  try {
    const decoded = Buffer.from(token.slice(4), 'base64').toString('utf8');
    return /-at-(\d{12}):/.exec(decoded)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Who the credentials belong to (STS GetCallerIdentity), for "Test connection". A Bedrock API
 * key has no IAM identity to look up; we report what the key itself says.
 */
export async function getCallerIdentity(auth: BedrockAuth, options: { stsEndpoint?: string; signal?: AbortSignal } = {}): Promise<{ account?: string; arn: string }> {
  if (auth.kind === 'bearer') {
    const account = accountFromApiKey(auth.token);
    return { ...(account ? { account } : {}), arn: 'bedrock-api-key' };
  }
  const endpoint = clean(options.stsEndpoint) ?? auth.stsEndpoint;
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient({ region: auth.region, credentials: auth.credentials, maxAttempts: 2, ...(endpoint ? { endpoint } : {}) });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), options.signal ? { abortSignal: options.signal } : {});
    return { ...(out.Account ? { account: out.Account } : {}), arn: out.Arn ?? 'unknown' };
  } catch (e) {
    if (options.signal?.aborted) {
      throw new SwitchboardError({ type: 'cancelled', provider: 'bedrock', message: 'Identity check cancelled.' });
    }
    throw toCredentialError(e, { method: auth.method, profile: auth.profile, profileExplicit: !!auth.profile });
  } finally {
    client.destroy();
  }
}

