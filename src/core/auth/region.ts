import { readProfileRegion } from './awsProfileRegion';

/** Where the Bedrock region came from, in precedence order (SPEC §2: explicit > env > profile > default). */
export type RegionSource = 'explicit' | 'environment' | 'profile' | 'default';

export interface ResolvedRegion {
  region: string;
  source: RegionSource;
  /** Human-readable origin for logs, e.g. `AWS_DEFAULT_REGION` or `profile "dev" in /home/u/.aws/config`. */
  origin: string;
}

export const DEFAULT_BEDROCK_REGION = 'us-east-1';

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Pick the region. `profileRegion` is the `region` key of the active profile in the shared
 * config file (the AWS SDK reads the same key), looked up by the caller so this stays pure.
 */
export function resolveRegion(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv,
  profileRegion?: { region: string | undefined; profile: string; file: string },
): ResolvedRegion {
  const fromOption = nonEmpty(explicit);
  if (fromOption) return { region: fromOption, source: 'explicit', origin: 'configuration' };
  const fromRegion = nonEmpty(env.AWS_REGION);
  if (fromRegion) return { region: fromRegion, source: 'environment', origin: 'AWS_REGION' };
  const fromDefault = nonEmpty(env.AWS_DEFAULT_REGION);
  if (fromDefault) return { region: fromDefault, source: 'environment', origin: 'AWS_DEFAULT_REGION' };
  const fromProfile = nonEmpty(profileRegion?.region);
  if (fromProfile && profileRegion) {
    return { region: fromProfile, source: 'profile', origin: `profile "${profileRegion.profile}" in ${profileRegion.file}` };
  }
  return { region: DEFAULT_BEDROCK_REGION, source: 'default', origin: 'default' };
}

/** The region value of the effective config and where it came from (config/effective `sources`). */
export interface RegionSetting {
  value: string | undefined;
  /** `default` (or absent) = no one set it: the environment and the AWS profile come first. */
  source?: 'explicit' | 'environment' | 'settings' | 'file' | 'default';
  origin?: string;
}

/**
 * THE region resolution (SPEC §2): a region the user set (flag, setting, file) > AWS_REGION /
 * AWS_DEFAULT_REGION > the AWS profile's `region` > us-east-1. Every surface shows this result and
 * the Bedrock provider signs for it; nothing else decides the region.
 */
export async function resolveBedrockRegion(setting: RegionSetting, profileName: string | undefined, env: NodeJS.ProcessEnv): Promise<ResolvedRegion & { profile: string }> {
  const profile = nonEmpty(profileName) ?? nonEmpty(env.AWS_PROFILE) ?? 'default';
  const value = nonEmpty(setting.value);
  const source = setting.source ?? 'default';
  if (value && source !== 'default') {
    if (source === 'environment') return { region: value, source: 'environment', origin: setting.origin ?? 'environment', profile };
    return { region: value, source: 'explicit', origin: setting.origin ?? 'configuration', profile };
  }
  // Read without the SDK (awsProfileRegion.ts): this runs whenever an engine is built, activation included.
  const { region, file } = await readProfileRegion(env, profile);
  return { ...resolveRegion(undefined, env, { region, profile, file }), profile };
}
