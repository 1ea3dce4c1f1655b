// The one file that knows which core modules implement config resolution, YAML and the client.
// The rest of src/extension codes against the types below; when core's modules change shape,
// only this file changes.
//
// PROVISIONAL: until C's src/core/config and the lead's src/core/client.ts land, the config
// functions here are a minimal stand-in (same precedence: explicit > environment > settings >
// file > default) and createClient() returns a client whose calls fail with a clear message.
import type { Logger } from '../core/logger';
import type { AuthInfo, HealthResult, ProviderId } from '../core/types';
import { SwitchboardError } from '../core/errors';
import { knownLogicalNames, resolveModel } from '../core/models/resolve';
import type { ResolvedModel } from '../core/models/resolve';

export type ConfigSource = 'explicit' | 'environment' | 'settings' | 'file' | 'default';
export interface Sourced<T> { value: T; source: ConfigSource; /** the variable, when source = environment */ envVar?: string }

export type BedrockAuthMethod = 'auto' | 'profile' | 'accessKeys' | 'assumeRole' | 'apiKey';
export type ModelMapping = Record<string, { anthropic?: string; bedrock?: string; fallback?: string; baseModel?: string }>;

/** What the extension shows and passes on; built from core's EffectiveConfig. */
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
    inferenceProfile: Sourced<string | undefined>;
    roleArn: Sourced<string | undefined>;
    externalId: Sourced<string | undefined>;
    endpoint: Sourced<string | undefined>;
  };
  modelMapping: Sourced<ModelMapping>;
  fallbackProvider: Sourced<ProviderId | undefined>;
  autoFallback: Sourced<boolean>;
  /** core's own object, handed back to the client untouched. */
  core: unknown;
}

export interface ConfigIssue { path: string; message: string }
export type ConfigResult = { ok: true; config: ExtensionConfig } | { ok: false; errors: ConfigIssue[] };
export type PartialConfigResult = { ok: true; config: unknown } | { ok: false; errors: ConfigIssue[] };

export interface ResolveInput {
  /** Settings notation: nested camelCase keys mirroring `switchboard.*`. */
  settings: Record<string, unknown>;
  /** An already parsed config file (from parseConfigYaml). */
  file?: unknown;
  explicit?: { provider?: ProviderId };
  environment: NodeJS.ProcessEnv;
}

// ---------------------------------------------------------------------------------------------
// Provisional config stand-in (replaced by C's module).

const PROVIDERS: readonly ProviderId[] = ['anthropic', 'bedrock'];
const AUTH_METHODS: readonly BedrockAuthMethod[] = ['auto', 'profile', 'accessKeys', 'assumeRole', 'apiKey'];

function get(obj: unknown, path: string): unknown {
  let node: unknown = obj;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function validate(settings: Record<string, unknown>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const type = get(settings, 'modelProvider.type');
  if (type !== undefined && !PROVIDERS.includes(type as ProviderId)) issues.push({ path: 'modelProvider.type', message: `must be "anthropic" or "bedrock", not ${JSON.stringify(type)}` });
  const region = get(settings, 'modelProvider.bedrock.awsRegion');
  if (region !== undefined && (typeof region !== 'string' || !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region))) issues.push({ path: 'modelProvider.bedrock.awsRegion', message: `unknown AWS region ${JSON.stringify(region)}` });
  const method = get(settings, 'modelProvider.bedrock.authMethod');
  if (method !== undefined && !AUTH_METHODS.includes(method as BedrockAuthMethod)) issues.push({ path: 'modelProvider.bedrock.authMethod', message: `must be one of ${AUTH_METHODS.join(', ')}` });
  const mapping = get(settings, 'modelProvider.modelMapping');
  if (mapping !== undefined) {
    if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) issues.push({ path: 'modelProvider.modelMapping', message: 'must be an object of logical name → { anthropic, bedrock }' });
    else {
      for (const [name, entry] of Object.entries(mapping)) {
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) { issues.push({ path: `modelProvider.modelMapping.${name}`, message: 'must be an object with "anthropic" and/or "bedrock" model IDs' }); continue; }
        for (const [k, v] of Object.entries(entry)) {
          if (!['anthropic', 'bedrock', 'fallback', 'baseModel'].includes(k)) issues.push({ path: `modelProvider.modelMapping.${name}.${k}`, message: 'unknown field (expected anthropic, bedrock, fallback or baseModel)' });
          else if (typeof v !== 'string' || v.length === 0) issues.push({ path: `modelProvider.modelMapping.${name}.${k}`, message: 'must be a non-empty model ID' });
        }
      }
    }
  }
  for (const key of ['maxOutputTokens', 'thinkingBudget']) {
    const v = get(settings, key);
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) issues.push({ path: key, message: 'must be a non-negative integer' });
  }
  return issues;
}

function pick<T>(env: NodeJS.ProcessEnv, envVars: Array<[string, (raw: string) => T | undefined]>, settings: Record<string, unknown>, path: string, fallback: T, file?: unknown): Sourced<T> {
  for (const [name, parse] of envVars) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') {
      const value = parse(raw);
      if (value !== undefined) return { value, source: 'environment', envVar: name };
    }
  }
  const s = get(settings, path);
  if (s !== undefined && s !== '') return { value: s as T, source: 'settings' };
  const f = get(file, path);
  if (f !== undefined && f !== '') return { value: f as T, source: 'file' };
  return { value: fallback, source: 'default' };
}

const str = (raw: string): string => raw;
const int = (raw: string): number | undefined => (/^\d+$/.test(raw) ? Number(raw) : undefined);
const provider = (raw: string): ProviderId | undefined => (PROVIDERS.includes(raw as ProviderId) ? (raw as ProviderId) : undefined);
const truthyBedrock = (raw: string): ProviderId | undefined => (/^(1|true|yes)$/i.test(raw) ? 'bedrock' : undefined);

export function parseSettingsConfig(settings: Record<string, unknown>): PartialConfigResult {
  const errors = validate(settings);
  return errors.length ? { ok: false, errors } : { ok: true, config: settings };
}

export function resolveConfig(input: ResolveInput): ConfigResult {
  const parsed = parseSettingsConfig(input.settings);
  if (!parsed.ok) return parsed;
  const { environment: env, settings, file } = input;
  const p = (path: string): string => `modelProvider.${path}`;
  const opt = (path: string, vars: string[] = []): Sourced<string | undefined> => pick<string | undefined>(env, vars.map((v) => [v, str]), settings, p(path), undefined, file);
  const providerValue: Sourced<ProviderId> = input.explicit?.provider
    ? { value: input.explicit.provider, source: 'explicit' }
    : pick<ProviderId>(env, [['SWITCHBOARD_PROVIDER', provider], ['CLAUDE_CODE_USE_BEDROCK', truthyBedrock]], settings, p('type'), 'anthropic', file);
  const fallback = pick<string>(env, [], settings, p('fallbackProvider'), 'none', file);
  const config: ExtensionConfig = {
    provider: providerValue,
    model: pick(env, [], settings, 'model', 'sonnet', file),
    maxOutputTokens: pick(env, [['CLAUDE_CODE_MAX_OUTPUT_TOKENS', int]], settings, 'maxOutputTokens', 8192, file),
    thinkingBudget: pick(env, [['MAX_THINKING_TOKENS', int]], settings, 'thinkingBudget', 0, file),
    anthropic: {
      apiKeyEnv: pick(env, [], settings, p('anthropic.apiKeyEnv'), 'ANTHROPIC_API_KEY', file),
      baseUrl: opt('anthropic.baseUrl', ['ANTHROPIC_BASE_URL']),
    },
    bedrock: {
      region: pick(env, [['AWS_REGION', str], ['AWS_DEFAULT_REGION', str]], settings, p('bedrock.awsRegion'), 'us-east-1', file),
      profile: opt('bedrock.awsProfile', ['AWS_PROFILE']),
      authMethod: pick<BedrockAuthMethod>(env, [], settings, p('bedrock.authMethod'), 'auto', file),
      useBedrockApiKey: pick(env, [], settings, p('bedrock.useBedrockApiKey'), false, file),
      inferenceProfile: pick<string | undefined>(env, [], settings, p('bedrock.inferenceProfile'), undefined, file),
      roleArn: opt('bedrock.roleArn'),
      externalId: opt('bedrock.externalId'),
      endpoint: opt('bedrock.endpoint'),
    },
    modelMapping: pick<ModelMapping>(env, [], settings, p('modelMapping'), {}, file),
    fallbackProvider: { ...fallback, value: fallback.value === 'none' ? undefined : (fallback.value as ProviderId) },
    autoFallback: pick(env, [], settings, p('autoFallback'), true, file),
    core: undefined,
  };
  return { ok: true, config };
}

/** One line per value: `provider=bedrock (environment SWITCHBOARD_PROVIDER)`. */
export function describeSources(config: ExtensionConfig): string[] {
  const line = (name: string, s: Sourced<unknown>): string =>
    `${name}=${s.value === undefined ? '(unset)' : typeof s.value === 'object' ? JSON.stringify(s.value) : String(s.value)} (${s.source}${s.envVar ? ` ${s.envVar}` : ''})`;
  return [
    line('provider', config.provider), line('model', config.model), line('maxOutputTokens', config.maxOutputTokens),
    line('thinkingBudget', config.thinkingBudget), line('anthropic.apiKeyEnv', config.anthropic.apiKeyEnv),
    line('anthropic.baseUrl', config.anthropic.baseUrl), line('bedrock.region', config.bedrock.region),
    line('bedrock.profile', config.bedrock.profile), line('bedrock.authMethod', config.bedrock.authMethod),
    line('bedrock.useBedrockApiKey', config.bedrock.useBedrockApiKey), line('bedrock.inferenceProfile', config.bedrock.inferenceProfile),
    line('bedrock.endpoint', config.bedrock.endpoint), line('fallbackProvider', config.fallbackProvider), line('autoFallback', config.autoFallback),
  ];
}

// YAML (`model_provider` schema of SPEC §2) <-> settings notation. Provisional as above.

const camel = (k: string): string => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function convertKeys(value: unknown, conv: (k: string) => string, keepKeysUnder: string, path = ''): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // Logical model names are user data, not schema keys: never rename them.
    const key = path === keepKeysUnder ? k : conv(k);
    out[key] = convertKeys(v, conv, keepKeysUnder, path ? `${path}.${key}` : key);
  }
  return out;
}

/** Parse a config.yml; the result is what resolveConfig accepts as `file`. */
export async function parseConfigYaml(text: string, sourceName: string): Promise<PartialConfigResult> {
  const YAML = await import('yaml');
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: sourceName, message: `invalid YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  if (doc === null || typeof doc !== 'object' || !('model_provider' in doc)) {
    return { ok: false, errors: [{ path: sourceName, message: 'expected a top-level `model_provider:` section' }] };
  }
  const { model_provider: modelProvider, ...rest } = doc as Record<string, unknown>;
  // JSON round trip drops undefined and YAML-specific values (dates) the settings can't hold.
  const cleaned = JSON.parse(JSON.stringify(convertKeys({ ...rest, modelProvider }, camel, 'modelProvider.modelMapping'))) as Record<string, unknown>;
  const errors = validate(cleaned);
  return errors.length ? { ok: false, errors: errors.map((e) => ({ ...e, path: `${sourceName}: ${e.path}` })) } : { ok: true, config: cleaned };
}

/** Settings (notation as produced by toSettingsObject) → YAML text. Secrets are never in settings. */
export async function exportConfigYaml(settings: Record<string, unknown>): Promise<string> {
  const YAML = await import('yaml');
  const { modelProvider, ...rest } = settings;
  const doc = convertKeys({ modelProvider: modelProvider ?? {}, ...rest }, snake, 'modelProvider.modelMapping') as Record<string, unknown>;
  const { model_provider, ...others } = doc;
  return YAML.stringify({ model_provider, ...others });
}

/** A parsed file (from parseConfigYaml) as nested settings notation, for Import Config. */
export function fileConfigToSettings(file: unknown): Record<string, unknown> {
  return (file ?? {}) as Record<string, unknown>;
}

// Model catalog (C's src/core/models/resolve.ts).

/** The ID a request for `model` would be sent as on `provider`; throws a typed model_not_found. */
export function resolveModelFor(config: ExtensionConfig, provider: ProviderId, model: string = config.model.value): ResolvedModel {
  return resolveModel({
    provider,
    model,
    region: config.bedrock.region.value,
    mapping: config.modelMapping.value,
    inferenceProfile: config.bedrock.inferenceProfile.value ?? null,
  });
}

export function logicalModelNames(config: ExtensionConfig): string[] {
  return knownLogicalNames(config.modelMapping.value);
}

// ---------------------------------------------------------------------------------------------
// Client (the lead's src/core/client.ts).

export interface ClientSecrets {
  anthropicApiKey?: string;
  bedrockApiKey?: string;
  awsAccessKeyId?: string;
  awsSecretAccessKey?: string;
  awsSessionToken?: string;
}

export interface HealthChange { provider: ProviderId; health: HealthResult; failover?: { from: ProviderId; to: ProviderId; reason: string } | null }

/** The part of SwitchboardClient the extension uses. */
export interface ExtensionClient {
  testConnection(provider?: ProviderId, options?: { signal?: AbortSignal }): Promise<AuthInfo>;
  healthCheck(provider: ProviderId): Promise<HealthResult>;
  resolveModelId(provider: ProviderId, model: string): string;
  onDidChangeHealth(listener: (change: HealthChange) => void): { dispose(): void };
  dispose?(): void;
}

export function createClient(options: { config: ExtensionConfig; secrets: ClientSecrets; logger: Logger; env?: NodeJS.ProcessEnv }): ExtensionClient {
  const notWired = (): never => {
    throw new SwitchboardError({ type: 'missing_dependency', message: 'The Switchboard client is not available in this build.', hint: 'Update the extension.' });
  };
  void options;
  return {
    testConnection: async () => notWired(),
    healthCheck: async () => notWired(),
    resolveModelId: (_provider, model) => model,
    onDidChangeHealth: () => ({ dispose: () => undefined }),
  };
}
