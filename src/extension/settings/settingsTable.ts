// Every key Switchboard contributes under `switchboard.`, in one table: its JSON type and what a
// change to it does. Types come from here, defaults come from package.json (VS Code supplies them;
// nothing here copies one), and a unit test holds this table and package.json to each other.
// No vscode import: the table is data, tested in plain Node.
import type { ProviderId } from '../../shared/providers';

export type SettingKind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'string|null' | 'number|null';

/**
 * What a change does: `config` keys are part of the core configuration (settings + config.yml +
 * environment, resolved by core) and rebuild the engine; `engine` keys are engine options (cache,
 * health, prices, prompt caching) and rebuild it too; `budget` keys only retune the budget guard.
 */
export type SettingRole = 'config' | 'engine' | 'budget';

export interface SettingSpec<T> {
  readonly kind: SettingKind;
  readonly role: SettingRole;
  /** Decides where credentials are sent: read from user settings only (never a workspace). */
  readonly redirecting?: true;
  /** Phantom: the TypeScript type of the value. */
  readonly type?: T;
}

const spec = <T>(kind: SettingKind, role: SettingRole, redirecting?: true): SettingSpec<T> => (redirecting ? { kind, role, redirecting } : { kind, role });

export type BedrockAuthSetting = 'auto' | 'profile' | 'accessKeys' | 'assumeRole' | 'apiKey';
export type ModelMappingSetting = Record<string, { anthropic?: string; bedrock?: string; fallback?: string; baseModel?: string }>;

export const SETTINGS = {
  'modelProvider.type': spec<ProviderId>('string', 'config'),
  model: spec<string>('string', 'config'),
  maxOutputTokens: spec<number>('integer', 'config'),
  thinkingBudget: spec<number>('integer', 'config'),
  'modelProvider.anthropic.apiKeyEnv': spec<string>('string', 'config', true),
  'modelProvider.anthropic.baseUrl': spec<string>('string', 'config', true),
  'modelProvider.bedrock.awsRegion': spec<string>('string', 'config'),
  'modelProvider.bedrock.authMethod': spec<BedrockAuthSetting>('string', 'config'),
  'modelProvider.bedrock.awsProfile': spec<string>('string', 'config', true),
  'modelProvider.bedrock.useBedrockApiKey': spec<boolean>('boolean', 'config'),
  'modelProvider.bedrock.inferenceProfile': spec<string | null>('string|null', 'config'),
  'modelProvider.bedrock.roleArn': spec<string>('string', 'config', true),
  'modelProvider.bedrock.externalId': spec<string>('string', 'config', true),
  'modelProvider.bedrock.endpoint': spec<string>('string', 'config', true),
  'modelProvider.bedrock.httpVersion': spec<'http2' | 'http1.1'>('string', 'config'),
  'modelProvider.modelMapping': spec<ModelMappingSetting>('object', 'config'),
  'modelProvider.fallbackProvider': spec<'none' | ProviderId>('string', 'config'),
  'modelProvider.autoFallback': spec<boolean>('boolean', 'config'),
  'timeouts.firstTokenSeconds': spec<number>('integer', 'config'),
  'timeouts.idleSeconds': spec<number>('integer', 'config'),
  'timeouts.totalSeconds': spec<number>('integer', 'config'),
  'retention.usageDays': spec<number>('integer', 'config'),
  'retention.healthDays': spec<number>('integer', 'config'),
  configFile: spec<string>('string', 'config'),
  'modelProvider.continueOnFallback': spec<boolean>('boolean', 'engine'),
  'health.intervalSeconds': spec<number>('integer', 'engine'),
  'cache.enabled': spec<boolean>('boolean', 'engine'),
  'cache.onlyDeterministic': spec<boolean>('boolean', 'engine'),
  'cache.ttlSeconds': spec<number>('integer', 'engine'),
  'cache.maxEntries': spec<number>('integer', 'engine'),
  'cache.maxBytes': spec<number>('integer', 'engine'),
  'budget.monthlyUsd': spec<number | null>('number|null', 'budget'),
  'budget.alertThresholds': spec<number[]>('array', 'budget'),
  'budget.hardStop': spec<boolean>('boolean', 'budget'),
  prices: spec<Record<string, unknown>>('object', 'engine'),
  'promptCache.enabled': spec<boolean>('boolean', 'engine'),
  'promptCache.ttl': spec<'5m' | '1h'>('string', 'engine'),
} as const satisfies Record<string, SettingSpec<unknown>>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingKey]: (typeof SETTINGS)[K] extends SettingSpec<infer T> ? T : never };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
export const CONFIG_KEYS: readonly SettingKey[] = SETTING_KEYS.filter((k) => SETTINGS[k].role === 'config');
export const CREDENTIAL_REDIRECTING_KEYS: ReadonlySet<SettingKey> = new Set(SETTING_KEYS.filter((k) => 'redirecting' in SETTINGS[k]));

/** Nested camelCase object (settings notation) from flat keys, for core's config parser. */
export function toSettingsObject(values: Partial<Record<SettingKey, unknown>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(values)) {
    // '' / null are how a person clears a setting in settings.json: treat them as unset.
    if (raw === undefined || raw === null || raw === '') continue;
    // The settings UI needs a word for "no failover"; the schema says null.
    const value = key === 'modelProvider.fallbackProvider' && raw === 'none' ? null : raw;
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] = (node[part] as Record<string, unknown> | undefined) ?? {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return root;
}
