// The `model_provider` schema (SPEC §2, seed 000 item 2) as TypeScript, and one table that ties
// each internal (camelCase) key to its YAML path (snake_case) and its VS Code setting.
import type { ModelMapping } from '../models/catalog';
import { largestOutputLimit } from '../models/requestRules';
import { DEFAULT_HEALTH_RETENTION_DAYS, DEFAULT_LEDGER_RETENTION_DAYS, MIN_LEDGER_RETENTION_DAYS } from '../storage/retention';
import type { ProviderId } from '../types';

export type BedrockAuthMethod = 'auto' | 'profile' | 'accessKeys' | 'assumeRole' | 'apiKey';
export const BEDROCK_AUTH_METHODS: readonly BedrockAuthMethod[] = ['auto', 'profile', 'accessKeys', 'assumeRole', 'apiKey'];

export interface AnthropicConfig {
  /** Name of the environment variable holding the key (never the key itself). */
  apiKeyEnv: string;
  baseUrl: string;
}

export interface BedrockConfig {
  awsRegion: string;
  awsProfile?: string;
  authMethod: BedrockAuthMethod;
  useBedrockApiKey: boolean;
  /** A prefix (`global`, `eu`, `none`, …) or a profile ID / ARN; null = automatic. */
  inferenceProfile: string | null;
  roleArn?: string;
  externalId?: string;
  /** Bedrock runtime endpoint override (VPC endpoint, emulator). */
  endpoint?: string;
  /** `http1.1` for proxies that do not speak HTTP/2 (the AWS SDK's default is HTTP/2). */
  httpVersion: BedrockHttpVersion;
}

export type BedrockHttpVersion = 'http2' | 'http1.1';
export const BEDROCK_HTTP_VERSIONS: readonly BedrockHttpVersion[] = ['http2', 'http1.1'];

export interface SwitchboardConfig {
  provider: ProviderId;
  anthropic: AnthropicConfig;
  bedrock: BedrockConfig;
  modelMapping: ModelMapping;
  fallbackProvider: ProviderId | null;
  autoFallback: boolean;
  /** Default model: a logical name or a provider-specific ID. */
  model: string;
  maxOutputTokens: number;
  /** Extended-thinking budget in tokens; 0 = off. */
  thinkingBudget: number;
  /** Request deadlines in seconds (0 = off); see engine/deadlines.ts for the defaults and why. */
  timeouts?: TimeoutsConfig;
  /** How long the local store keeps history (storage/localStore.ts applies it). */
  retention?: RetentionConfig;
}

export interface TimeoutsConfig {
  /** No first answer token within this long → the provider counts as slow (retried / failed over). */
  firstTokenSeconds: number;
  /** The longest silence between stream events once the answer has started. */
  idleSeconds: number;
  /** The whole request, every attempt and provider included. */
  totalSeconds: number;
}

export interface RetentionConfig {
  /** Usage-ledger records older than this many days are pruned (at least 35: the budget needs the whole month). */
  usageDays: number;
  /** Health samples and failover events older than this many days are pruned. */
  healthDays: number;
}

export interface PartialSwitchboardConfig {
  provider?: ProviderId;
  anthropic?: Partial<AnthropicConfig>;
  bedrock?: Partial<BedrockConfig>;
  modelMapping?: ModelMapping;
  fallbackProvider?: ProviderId | null;
  autoFallback?: boolean;
  model?: string;
  maxOutputTokens?: number;
  thinkingBudget?: number;
  timeouts?: Partial<TimeoutsConfig>;
  retention?: Partial<RetentionConfig>;
}

export type ConfigSource = 'explicit' | 'environment' | 'settings' | 'file' | 'default';
/** Highest precedence first (SPEC §2; settings win over a file, both below the environment). */
export const SOURCE_PRECEDENCE: readonly ConfigSource[] = ['explicit', 'environment', 'settings', 'file', 'default'];

export type Notation = 'yaml' | 'settings';

export interface ConfigIssue {
  severity: 'error' | 'warning';
  /** Path in the source's notation: `model_provider.bedrock.aws_region`, `switchboard.modelProvider.bedrock.awsRegion`, `AWS_REGION`. */
  path: string;
  /** Complete one-line message, starting with the path. Never contains a secret. */
  message: string;
  /** The file, settings scope or `environment`. */
  source: string;
  line?: number;
  column?: number;
}

export type FieldKind =
  | { type: 'enum'; values: readonly string[]; nullable?: boolean }
  | { type: 'string' }
  | { type: 'boolean' }
  | { type: 'url' }
  | { type: 'region' }
  | { type: 'roleArn' }
  | { type: 'externalId' }
  | { type: 'envVarName' }
  | { type: 'inferenceProfile' }
  | { type: 'int'; min: number; max: number }
  | { type: 'mapping' };

export type ConfigKey =
  | 'provider' | 'anthropic.apiKeyEnv' | 'anthropic.baseUrl'
  | 'bedrock.awsRegion' | 'bedrock.awsProfile' | 'bedrock.authMethod' | 'bedrock.useBedrockApiKey'
  | 'bedrock.inferenceProfile' | 'bedrock.roleArn' | 'bedrock.externalId' | 'bedrock.endpoint' | 'bedrock.httpVersion'
  | 'modelMapping' | 'fallbackProvider' | 'autoFallback' | 'model' | 'maxOutputTokens' | 'thinkingBudget'
  | 'timeouts.firstTokenSeconds' | 'timeouts.idleSeconds' | 'timeouts.totalSeconds'
  | 'retention.usageDays' | 'retention.healthDays';

export interface FieldSpec {
  key: ConfigKey;
  yaml: readonly string[];
  /** Below the `switchboard.` section. */
  settings: readonly string[];
  kind: FieldKind;
}

const PROVIDERS = ['anthropic', 'bedrock'] as const;
const mp = (...rest: string[]): string[] => ['model_provider', ...rest];
const sp = (...rest: string[]): string[] => ['modelProvider', ...rest];

export const FIELDS: readonly FieldSpec[] = [
  { key: 'provider', yaml: mp('type'), settings: sp('type'), kind: { type: 'enum', values: PROVIDERS } },
  { key: 'anthropic.apiKeyEnv', yaml: mp('anthropic', 'api_key_env'), settings: sp('anthropic', 'apiKeyEnv'), kind: { type: 'envVarName' } },
  { key: 'anthropic.baseUrl', yaml: mp('anthropic', 'base_url'), settings: sp('anthropic', 'baseUrl'), kind: { type: 'url' } },
  { key: 'bedrock.awsRegion', yaml: mp('bedrock', 'aws_region'), settings: sp('bedrock', 'awsRegion'), kind: { type: 'region' } },
  { key: 'bedrock.awsProfile', yaml: mp('bedrock', 'aws_profile'), settings: sp('bedrock', 'awsProfile'), kind: { type: 'string' } },
  { key: 'bedrock.authMethod', yaml: mp('bedrock', 'auth_method'), settings: sp('bedrock', 'authMethod'), kind: { type: 'enum', values: BEDROCK_AUTH_METHODS } },
  { key: 'bedrock.useBedrockApiKey', yaml: mp('bedrock', 'use_bedrock_api_key'), settings: sp('bedrock', 'useBedrockApiKey'), kind: { type: 'boolean' } },
  { key: 'bedrock.inferenceProfile', yaml: mp('bedrock', 'inference_profile'), settings: sp('bedrock', 'inferenceProfile'), kind: { type: 'inferenceProfile' } },
  { key: 'bedrock.roleArn', yaml: mp('bedrock', 'role_arn'), settings: sp('bedrock', 'roleArn'), kind: { type: 'roleArn' } },
  { key: 'bedrock.externalId', yaml: mp('bedrock', 'external_id'), settings: sp('bedrock', 'externalId'), kind: { type: 'externalId' } },
  { key: 'bedrock.endpoint', yaml: mp('bedrock', 'endpoint'), settings: sp('bedrock', 'endpoint'), kind: { type: 'url' } },
  { key: 'bedrock.httpVersion', yaml: mp('bedrock', 'http_version'), settings: sp('bedrock', 'httpVersion'), kind: { type: 'enum', values: BEDROCK_HTTP_VERSIONS } },
  { key: 'modelMapping', yaml: mp('model_mapping'), settings: sp('modelMapping'), kind: { type: 'mapping' } },
  { key: 'fallbackProvider', yaml: mp('fallback_provider'), settings: sp('fallbackProvider'), kind: { type: 'enum', values: PROVIDERS, nullable: true } },
  { key: 'autoFallback', yaml: mp('auto_fallback'), settings: sp('autoFallback'), kind: { type: 'boolean' } },
  { key: 'model', yaml: ['model'], settings: ['model'], kind: { type: 'string' } },
  // One ceiling for every surface (settings, YAML, env, CLI): the largest output limit of any
  // catalog model; the model's own limit is checked with the model (validate.checkConfigCombination).
  { key: 'maxOutputTokens', yaml: ['max_output_tokens'], settings: ['maxOutputTokens'], kind: { type: 'int', min: 1, max: largestOutputLimit() } },
  { key: 'thinkingBudget', yaml: ['thinking_budget'], settings: ['thinkingBudget'], kind: { type: 'int', min: 0, max: largestOutputLimit() - 1 } },
  { key: 'timeouts.firstTokenSeconds', yaml: ['timeouts', 'first_token_seconds'], settings: ['timeouts', 'firstTokenSeconds'], kind: { type: 'int', min: 0, max: 3600 } },
  { key: 'timeouts.idleSeconds', yaml: ['timeouts', 'idle_seconds'], settings: ['timeouts', 'idleSeconds'], kind: { type: 'int', min: 0, max: 3600 } },
  { key: 'timeouts.totalSeconds', yaml: ['timeouts', 'total_seconds'], settings: ['timeouts', 'totalSeconds'], kind: { type: 'int', min: 0, max: 86_400 } },
  { key: 'retention.usageDays', yaml: ['retention', 'usage_days'], settings: ['retention', 'usageDays'], kind: { type: 'int', min: MIN_LEDGER_RETENTION_DAYS, max: 3650 } },
  { key: 'retention.healthDays', yaml: ['retention', 'health_days'], settings: ['retention', 'healthDays'], kind: { type: 'int', min: 1, max: 365 } },
];

/** Mapping-entry keys per notation (`base_model` / `baseModel`). */
export const MAPPING_ENTRY_KEYS: Record<Notation, { anthropic: string; bedrock: string; fallback: string; baseModel: string }> = {
  yaml: { anthropic: 'anthropic', bedrock: 'bedrock', fallback: 'fallback', baseModel: 'base_model' },
  settings: { anthropic: 'anthropic', bedrock: 'bedrock', fallback: 'fallback', baseModel: 'baseModel' },
};

/**
 * Built-in defaults. `bedrock.awsRegion` defaults to us-east-1 with source `default`; consumers
 * let the AWS profile's own region win over a default-sourced region.
 */
export const DEFAULT_CONFIG: SwitchboardConfig = {
  provider: 'anthropic',
  anthropic: { apiKeyEnv: 'ANTHROPIC_API_KEY', baseUrl: 'https://api.anthropic.com' },
  bedrock: { awsRegion: 'us-east-1', authMethod: 'auto', useBedrockApiKey: false, inferenceProfile: null, httpVersion: 'http2' },
  modelMapping: {},
  fallbackProvider: null,
  autoFallback: true,
  model: 'sonnet',
  maxOutputTokens: 8192,
  thinkingBudget: 0,
  // Why these values: engine/deadlines.ts (DEFAULT_DEADLINES) and docs/reliability.md.
  timeouts: { firstTokenSeconds: 20, idleSeconds: 30, totalSeconds: 900 },
  // Why these values: storage/retention.ts and docs/reliability.md.
  retention: { usageDays: DEFAULT_LEDGER_RETENTION_DAYS, healthDays: DEFAULT_HEALTH_RETENTION_DAYS },
};

export function fieldPath(field: FieldSpec, notation: Notation): string {
  return notation === 'yaml' ? field.yaml.join('.') : ['switchboard', ...field.settings].join('.');
}

/** Read a value at a dotted internal key. */
export function getConfigValue(config: PartialSwitchboardConfig, key: ConfigKey): unknown {
  let node: unknown = config;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Write a value at a dotted internal key (mutates `config`). */
export function setConfigValue(config: PartialSwitchboardConfig, key: ConfigKey, value: unknown): void {
  const parts = key.split('.');
  let node = config as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === undefined || node[part] === null || typeof node[part] !== 'object') node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? ''] = value;
}
