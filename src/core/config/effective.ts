// Merge the configuration layers with the precedence of SPEC §2 and keep the source of every
// value, so each selection decision can be logged with where it came from.
//
// Precedence: explicit (command / CLI flag) > environment > settings > file > defaults.
// SPEC puts "settings / file" in one tier; we rank settings above the file because settings are
// what the user edits in the editor for this machine / workspace, while a config.yml is often
// shared — a local change must be able to override it without editing the shared file.
import { chooseApiKey, chooseBedrockApiKey } from '../auth/apiKeyChoice';
import type { ApiKeyChoice } from '../auth/apiKeyChoice';
import { redactSecrets } from '../errors';
import type { ModelMapping, ModelMappingEntry } from '../models/catalog';
import type { SecretStatus } from './env';
import { readEnvironmentOverrides } from './env';
import type { ConfigIssue, ConfigKey, ConfigSource, PartialSwitchboardConfig, SwitchboardConfig } from './schema';
import { DEFAULT_CONFIG, FIELDS, fieldPath, getConfigValue, setConfigValue } from './schema';
import { checkConfigCombination } from './validate';

export interface Sourced<T> {
  value: T;
  source: ConfigSource;
  /** Where inside the source: the variable, setting, file path or CLI flag. */
  origin?: string;
}

export interface EffectiveConfigInput {
  explicit?: PartialSwitchboardConfig;
  /** e.g. `{ provider: '--provider' }`, shown in the log. */
  explicitOrigins?: Partial<Record<ConfigKey, string>>;
  environment: NodeJS.ProcessEnv;
  /** Only the settings the user actually set (VS Code `inspect()`), not contributed defaults. */
  settings?: PartialSwitchboardConfig;
  file?: PartialSwitchboardConfig;
  /** Shown in origins, e.g. the file path. */
  fileName?: string;
  /** Replace built-in defaults. */
  defaults?: PartialSwitchboardConfig;
  /** Presence of keys kept in SecretStorage (the extension knows; core does not). */
  storedSecrets?: { anthropicApiKey?: boolean; bedrockApiKey?: boolean };
}

export interface EffectiveConfig {
  config: SwitchboardConfig;
  sources: Record<ConfigKey, Sourced<unknown>>;
  /** Source of each model-mapping entry (the highest layer that contributed to it). */
  mappingSources: Record<string, ConfigSource>;
  secrets: { anthropicApiKey: SecretStatus & { envVar: string }; bedrockApiKey: SecretStatus };
  /** From SWITCHBOARD_CONFIG. */
  configFile?: string;
  issues: ConfigIssue[];
}

interface Layer {
  source: ConfigSource;
  config: PartialSwitchboardConfig;
  origin: (key: ConfigKey) => string | undefined;
}

export function resolveEffectiveConfig(input: EffectiveConfigInput): EffectiveConfig {
  const field = (key: ConfigKey): (typeof FIELDS)[number] => FIELDS.find((f) => f.key === key) ?? FIELDS[0]!;
  const upper: Layer[] = [
    { source: 'explicit', config: input.explicit ?? {}, origin: (k) => input.explicitOrigins?.[k] },
    { source: 'settings', config: input.settings ?? {}, origin: (k) => fieldPath(field(k), 'settings') },
    { source: 'file', config: input.file ?? {}, origin: (k) => `${input.fileName ? `${input.fileName}: ` : ''}${fieldPath(field(k), 'yaml')}` },
    { source: 'default', config: input.defaults ?? {}, origin: () => undefined },
    { source: 'default', config: DEFAULT_CONFIG, origin: () => undefined },
  ];
  // The env var holding the Anthropic key is named by the other layers, never by the environment.
  const apiKeyEnv = String(pick(upper, 'anthropic.apiKeyEnv')?.value ?? DEFAULT_CONFIG.anthropic.apiKeyEnv);
  const env = readEnvironmentOverrides(input.environment, apiKeyEnv);
  const layers: Layer[] = [upper[0]!, { source: 'environment', config: env.config, origin: (k) => env.origins[k] }, ...upper.slice(1)];

  const config = {} as SwitchboardConfig;
  const sources = {} as Record<ConfigKey, Sourced<unknown>>;
  for (const f of FIELDS) {
    if (f.kind.type === 'mapping') continue;
    const hit = pick(layers, f.key);
    if (!hit) continue;
    sources[f.key] = hit;
    setConfigValue(config as PartialSwitchboardConfig, f.key, hit.value);
  }
  const { mapping, mappingSources, top } = mergeMappings(layers);
  config.modelMapping = mapping;
  sources.modelMapping = { value: mapping, source: top };

  // Which key is used and from where: the one decision (auth/apiKeyChoice) the providers make too.
  const stored = input.storedSecrets ?? {};
  const anthropicKey = secretStatus(chooseApiKey({ stored: stored.anthropicApiKey, storedIn: 'SecretStorage', envVar: apiKeyEnv, env: input.environment }));
  const bedrockKey = secretStatus(chooseBedrockApiKey(stored.bedrockApiKey, input.environment, 'SecretStorage'));
  return {
    config, sources, mappingSources,
    secrets: { anthropicApiKey: { ...anthropicKey, envVar: apiKeyEnv }, bedrockApiKey: bedrockKey },
    ...(env.configFile ? { configFile: env.configFile } : {}),
    issues: [...env.issues, ...combinationIssues(config, sources)],
  };
}

function secretStatus(choice: ApiKeyChoice): SecretStatus {
  return choice.source === 'none' ? { set: false } : { set: true, from: choice.from! };
}

/** The Bedrock region as a request uses it (auth/region resolveBedrockRegion), shown in place of the configured value. */
export interface RegionInUse {
  region: string;
  source: string;
  origin: string;
}

/**
 * One log line per value: `provider = bedrock (environment: CLAUDE_CODE_USE_BEDROCK)`. Secret-free.
 * With `region`, the region line shows the region in use and where it came from (e.g. the AWS
 * profile), not the built-in default a profile overrides.
 */
export function describeSources(effective: EffectiveConfig, region?: RegionInUse): string[] {
  const lines: string[] = [];
  for (const f of FIELDS) {
    if (f.kind.type === 'mapping') continue;
    const s = f.key === 'bedrock.awsRegion' && region ? { value: region.region, source: region.source, origin: region.origin } : effective.sources[f.key];
    if (!s) continue;
    lines.push(`${f.key} = ${display(s.value)} (${s.source}${s.origin ? `: ${s.origin}` : ''})`);
  }
  for (const [name, entry] of Object.entries(effective.config.modelMapping)) {
    lines.push(`modelMapping.${name} = ${display(entry)} (${effective.mappingSources[name] ?? 'default'})`);
  }
  const a = effective.secrets.anthropicApiKey;
  lines.push(`anthropic API key (${a.envVar}) = ${a.set ? `set (${a.from === 'SecretStorage' ? 'SecretStorage' : `environment: ${a.from}`})` : 'not set'}`);
  const b = effective.secrets.bedrockApiKey;
  lines.push(`bedrock API key = ${b.set ? `set (${b.from === 'SecretStorage' ? 'SecretStorage' : `environment: ${b.from}`})` : 'not set'}`);
  if (effective.configFile) lines.push(`config file = ${effective.configFile} (environment: SWITCHBOARD_CONFIG)`);
  return lines.map((l) => redactSecrets(l));
}

/** The effective config as used: `bedrock.awsRegion` is the region in use, its source the resolution's. */
export function withRegionInUse(effective: EffectiveConfig, region: RegionInUse): { config: SwitchboardConfig; sources: Record<string, { value: unknown; source: string; origin?: string }> } {
  return {
    config: { ...effective.config, bedrock: { ...effective.config.bedrock, awsRegion: region.region } },
    sources: { ...effective.sources, 'bedrock.awsRegion': { value: region.region, source: region.source, origin: region.origin } },
  };
}

/** Thinking budget vs output tokens vs the model (validate.checkConfigCombination), named by where each value came from. */
function combinationIssues(config: SwitchboardConfig, sources: Record<ConfigKey, Sourced<unknown>>): ConfigIssue[] {
  const nameOf = (key: 'maxOutputTokens' | 'thinkingBudget'): string => {
    const s = sources[key];
    return s?.origin ?? (s?.source === 'default' ? `default ${key}` : key);
  };
  return checkConfigCombination({ ...config, sourceOf: (key) => sources[key]?.source, nameOf }).map((i) => ({
    severity: i.severity, path: nameOf(i.key), source: sources[i.key]?.source === 'file' ? 'file' : 'configuration', message: `${nameOf(i.key)}: ${i.problem}`,
  }));
}

function pick(layers: Layer[], key: ConfigKey): Sourced<unknown> | undefined {
  for (const layer of layers) {
    const value = getConfigValue(layer.config, key);
    if (value === undefined) continue;
    const origin = layer.origin(key);
    return { value, source: layer.source, ...(origin ? { origin } : {}) };
  }
  return undefined;
}

function mergeMappings(layers: Layer[]): { mapping: ModelMapping; mappingSources: Record<string, ConfigSource>; top: ConfigSource } {
  const mapping: ModelMapping = {};
  const mappingSources: Record<string, ConfigSource> = {};
  let top: ConfigSource = 'default';
  // Lowest precedence first so higher layers overwrite field by field.
  for (const layer of [...layers].reverse()) {
    const m = layer.config.modelMapping;
    if (!m || Object.keys(m).length === 0) continue;
    top = layer.source;
    for (const [name, entry] of Object.entries(m)) {
      const merged: ModelMappingEntry = { ...mapping[name] };
      for (const [k, v] of Object.entries(entry) as Array<[keyof ModelMappingEntry, string | undefined]>) if (v !== undefined) merged[k] = v;
      mapping[name] = merged;
      mappingSources[name] = layer.source;
    }
  }
  return { mapping, mappingSources, top };
}

function display(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value.replace(/\/\/[^/@\s]*@/, '//');
  return JSON.stringify(value);
}
