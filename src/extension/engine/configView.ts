// The configuration as the extension shows it: core's EffectiveConfig with each value's source
// (to say "pinned by AWS_REGION"), plus the YAML import / export and the redirect checks.
// The values a request uses (region with its source, model IDs) come from the engine's
// `resolved()` view instead — see engineHost.ts.
import { describeSources as coreDescribeSources, resolveEffectiveConfig } from '../../core/config/effective';
import type { EffectiveConfig } from '../../core/config/effective';
import { parseConfigObject, parseConfigYaml as coreParseConfigYaml } from '../../core/config/parse';
import { getConfigValue, setConfigValue } from '../../core/config/schema';
import type { ConfigIssue as CoreConfigIssue, ConfigKey, ConfigSource, PartialSwitchboardConfig } from '../../core/config/schema';
import { exportConfigYaml as coreExportConfigYaml, toSettingsEntries } from '../../core/config/yamlExport';
import type { ModelMapping } from '../../core/models/catalog';
import type { ProviderId } from '../../shared/providers';
import type { SettingKey } from '../settings/settingsTable';

export type { ConfigSource, ModelMapping, PartialSwitchboardConfig };
export interface Sourced<T> { value: T; source: ConfigSource; /** the variable, when source = environment */ envVar?: string; origin?: string }

export type BedrockAuthMethod = 'auto' | 'profile' | 'accessKeys' | 'assumeRole' | 'apiKey';

/** What the extension shows; a view over core's EffectiveConfig (kept in `core`). */
export interface ExtensionConfig {
  provider: Sourced<ProviderId>;
  model: Sourced<string>;
  maxOutputTokens: Sourced<number>;
  thinkingBudget: Sourced<number>;
  anthropic: { apiKeyEnv: Sourced<string>; baseUrl: Sourced<string | undefined> };
  bedrock: {
    region: Sourced<string>;
    profile: Sourced<string | undefined>;
    authMethod: Sourced<BedrockAuthMethod>;
    useBedrockApiKey: Sourced<boolean>;
    inferenceProfile: Sourced<string | null>;
    roleArn: Sourced<string | undefined>;
    externalId: Sourced<string | undefined>;
    endpoint: Sourced<string | undefined>;
  };
  modelMapping: Sourced<ModelMapping>;
  fallbackProvider: Sourced<ProviderId | null>;
  autoFallback: Sourced<boolean>;
  core: EffectiveConfig;
}

export interface ConfigIssue {
  /** Setting path below `switchboard.` (or the file / variable), for "Open Settings". */
  path: string;
  /** Complete one-line message naming the field. */
  message: string;
  /** The line of a file it is about (1-based), when known. */
  line?: number;
}
export type ConfigResult = { ok: true; config: ExtensionConfig; warnings: ConfigIssue[] } | { ok: false; errors: ConfigIssue[] };
export type PartialConfigResult = { ok: true; config: PartialSwitchboardConfig } | { ok: false; errors: ConfigIssue[] };

export interface ResolveInput {
  /** Settings notation: nested camelCase keys mirroring `switchboard.*`, only values the user set. */
  settings: Record<string, unknown>;
  /** From parseConfigYaml. */
  file?: PartialSwitchboardConfig;
  fileName?: string;
  explicit?: { provider?: ProviderId };
  environment: NodeJS.ProcessEnv;
  storedSecrets?: { anthropicApiKey?: boolean; bedrockApiKey?: boolean };
}

function issue(i: CoreConfigIssue): ConfigIssue {
  return { path: i.path.replace(/^switchboard\./, ''), message: i.message };
}

export function parseSettingsConfig(settings: Record<string, unknown>): PartialConfigResult {
  const parsed = parseConfigObject(settings, 'settings', 'settings');
  return parsed.ok ? { ok: true, config: parsed.config } : { ok: false, errors: parsed.errors.map(issue) };
}

function view(effective: EffectiveConfig): ExtensionConfig {
  const s = <T>(key: ConfigKey): Sourced<T> => {
    const src = effective.sources[key] ?? { value: getConfigValue(effective.config, key), source: 'default' as const };
    return {
      value: src.value as T,
      source: src.source,
      ...(src.origin ? { origin: src.origin } : {}),
      ...(src.source === 'environment' && src.origin ? { envVar: src.origin } : {}),
    };
  };
  return {
    provider: s('provider'),
    model: s('model'),
    maxOutputTokens: s('maxOutputTokens'),
    thinkingBudget: s('thinkingBudget'),
    anthropic: { apiKeyEnv: s('anthropic.apiKeyEnv'), baseUrl: s('anthropic.baseUrl') },
    bedrock: {
      region: s('bedrock.awsRegion'),
      profile: s('bedrock.awsProfile'),
      authMethod: s('bedrock.authMethod'),
      useBedrockApiKey: s('bedrock.useBedrockApiKey'),
      inferenceProfile: s('bedrock.inferenceProfile'),
      roleArn: s('bedrock.roleArn'),
      externalId: s('bedrock.externalId'),
      endpoint: s('bedrock.endpoint'),
    },
    modelMapping: s('modelMapping'),
    fallbackProvider: s('fallbackProvider'),
    autoFallback: s('autoFallback'),
    core: effective,
  };
}

/** Settings + file + environment with SPEC §2 precedence; invalid settings → errors, nothing resolved. */
export function resolveConfig(input: ResolveInput): ConfigResult {
  const parsed = parseSettingsConfig(input.settings);
  if (!parsed.ok) return parsed;
  const effective = resolveEffectiveConfig({
    ...(input.explicit?.provider ? { explicit: { provider: input.explicit.provider }, explicitOrigins: { provider: 'Switch Provider' } } : {}),
    environment: input.environment,
    settings: parsed.config,
    ...(input.file ? { file: input.file } : {}),
    ...(input.fileName ? { fileName: input.fileName } : {}),
    ...(input.storedSecrets ? { storedSecrets: input.storedSecrets } : {}),
  });
  return { ok: true, config: view(effective), warnings: effective.issues.map(issue) };
}

/** The Sourced value behind each setting, to tell the user when the environment pins it. */
export function sourcedFor(config: ExtensionConfig, key: SettingKey): Sourced<unknown> | undefined {
  const table: Partial<Record<SettingKey, Sourced<unknown>>> = {
    'modelProvider.type': config.provider,
    'modelProvider.anthropic.baseUrl': config.anthropic.baseUrl,
    'modelProvider.bedrock.awsRegion': config.bedrock.region,
    'modelProvider.bedrock.awsProfile': config.bedrock.profile,
    maxOutputTokens: config.maxOutputTokens,
    thinkingBudget: config.thinkingBudget,
    model: config.model,
  };
  return table[key];
}

/** "AWS_REGION=… in the environment overrides switchboard.…" for each changed setting the environment pins. */
export function pinMessages(config: ExtensionConfig, changed: readonly SettingKey[], env: NodeJS.ProcessEnv): string[] {
  return changed.flatMap((key) => {
    const sourced = sourcedFor(config, key);
    if (sourced?.source !== 'environment' || !sourced.envVar) return [];
    return [`Switchboard: ${sourced.envVar}=${env[sourced.envVar] ?? ''} in the environment overrides switchboard.${key}; the setting takes effect once the variable is unset.`];
  });
}

/** One secret-free line per value with its source. */
export function describeSources(config: ExtensionConfig): string[] {
  return coreDescribeSources(config.core);
}

// ---------------------------------------------------------------------------------------------
// YAML (`model_provider` schema of SPEC §2).

export async function parseConfigYaml(text: string, sourceName: string): Promise<PartialConfigResult> {
  const parsed = coreParseConfigYaml(text, sourceName);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => ({ path: e.path, ...(e.line !== undefined ? { line: e.line } : {}), message: e.line !== undefined ? `${sourceName}:${e.line}: ${e.message}` : `${sourceName}: ${e.message}` })) };
  return { ok: true, config: parsed.config };
}

/** The user's settings (settings notation) as YAML. Secrets are never in settings. */
export async function exportConfigYaml(settings: Record<string, unknown>): Promise<string> {
  const parsed = parseSettingsConfig(settings);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return coreExportConfigYaml(parsed.config, { header: 'Switchboard configuration (SPEC §2 model_provider schema). Secrets are not exported.' });
}

/** `[{ key: 'modelProvider.bedrock.awsRegion', value }]` for Import Config. */
export function fileConfigToSettingsEntries(file: PartialSwitchboardConfig): Array<{ key: string; value: unknown }> {
  return toSettingsEntries(file);
}

/** Fields of a config that decide where credentials go, keyed by their setting name. */
const REDIRECTING: ReadonlyArray<[ConfigKey, string]> = [
  ['anthropic.baseUrl', 'modelProvider.anthropic.baseUrl'], ['anthropic.apiKeyEnv', 'modelProvider.anthropic.apiKeyEnv'],
  ['bedrock.endpoint', 'modelProvider.bedrock.endpoint'], ['bedrock.awsProfile', 'modelProvider.bedrock.awsProfile'],
  ['bedrock.roleArn', 'modelProvider.bedrock.roleArn'], ['bedrock.externalId', 'modelProvider.bedrock.externalId'],
];

export function redirectingFields(file: PartialSwitchboardConfig): Array<{ setting: string; value: unknown }> {
  return REDIRECTING.flatMap(([key, setting]) => {
    const value = getConfigValue(file, key);
    return value === undefined || value === null || value === '' ? [] : [{ setting, value }];
  });
}

export function withoutRedirectingFields(file: PartialSwitchboardConfig): PartialSwitchboardConfig {
  const copy = JSON.parse(JSON.stringify(file)) as PartialSwitchboardConfig;
  for (const [key] of REDIRECTING) if (getConfigValue(copy, key) !== undefined) setConfigValue(copy, key, undefined);
  return JSON.parse(JSON.stringify(copy)) as PartialSwitchboardConfig;
}
