// The one file that knows which core modules implement config resolution, YAML, the model
// catalog and the client. The rest of src/extension codes against the types below; when core
// changes shape, only this file changes.
import { SwitchboardClient } from '../core/client';
import { ResponseCache } from '../core/cache/responseCache';
import { BreakerRegistry } from '../core/routing/circuitBreaker';
import type { ClientEvent, StreamOptions } from '../core/client';
import type { ClientSecrets } from '../core/providerFactory';
import { describeSources as coreDescribeSources, resolveEffectiveConfig } from '../core/config/effective';
import type { EffectiveConfig } from '../core/config/effective';
import { parseConfigObject, parseConfigYaml as coreParseConfigYaml } from '../core/config/parse';
import { getConfigValue, setConfigValue } from '../core/config/schema';
import type { ConfigIssue as CoreConfigIssue, ConfigKey, ConfigSource, PartialSwitchboardConfig } from '../core/config/schema';
import { exportConfigYaml as coreExportConfigYaml, toSettingsEntries } from '../core/config/yamlExport';
import type { Logger } from '../core/logger';
import type { ClientUsageOptions } from './usageBridge';
import { UsageLedger, summarizeUsage } from '../core/usage/ledger';
import type { ModelMapping } from '../core/models/catalog';
import { knownLogicalNames, resolveModel } from '../core/models/resolve';
import type { ResolvedModel } from '../core/models/resolve';
import type { ProviderHealth } from '../core/routing/healthMonitor';
import type { AuthInfo, HealthResult, ModelRequest, ProviderId } from '../core/types';

export type { ClientEvent, ClientSecrets, ConfigSource, ModelMapping, PartialSwitchboardConfig };
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

/** One secret-free line per value with its source. */
export function describeSources(config: ExtensionConfig): string[] {
  return coreDescribeSources(config.core);
}

// ---------------------------------------------------------------------------------------------
// YAML (`model_provider` schema of SPEC §2).

export async function parseConfigYaml(text: string, sourceName: string): Promise<PartialConfigResult> {
  const parsed = coreParseConfigYaml(text, sourceName);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => ({ path: e.path, message: e.line !== undefined ? `${sourceName}:${e.line}: ${e.message}` : `${sourceName}: ${e.message}` })) };
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

// ---------------------------------------------------------------------------------------------
// Model catalog.

/** The ID a request for `model` would be sent as on `provider`; throws a typed model_not_found. */
export function resolveModelFor(config: ExtensionConfig, provider: ProviderId, model: string = config.model.value): ResolvedModel {
  return resolveModel({
    provider,
    model,
    region: config.bedrock.region.value,
    mapping: config.modelMapping.value,
    inferenceProfile: provider === 'bedrock' ? config.bedrock.inferenceProfile.value : null,
  });
}

export function logicalModelNames(config: ExtensionConfig): string[] {
  return knownLogicalNames(config.modelMapping.value);
}

// ---------------------------------------------------------------------------------------------
// Client.

export interface HealthChange { provider: ProviderId; health: HealthResult; failover?: { from: ProviderId; to: ProviderId; reason: string } | null; /** The monitor's window (p50 / p95 / error rate), when it has one. */ snapshot?: ProviderHealth }

/** The part of the client the extension uses. */
export interface ExtensionClient {
  testConnection(provider?: ProviderId, options?: { signal?: AbortSignal }): Promise<AuthInfo>;
  healthCheck(provider: ProviderId): Promise<HealthResult>;
  /** Streams one request through retries, breakers, failover and the usage ledger (the chat view). */
  stream(request: ModelRequest, options?: StreamOptions): AsyncIterable<ClientEvent>;
  onDidChangeHealth(listener: (change: HealthChange) => void): { dispose(): void };
  dispose?(): void;
  /** Health monitor (reliability.ts starts it, pauses it while no window is focused, persists its history). */
  startHealthChecks?(): void;
  pauseHealthChecks?(): void;
  resumeHealthChecks?(): void;
  healthHistory?(): unknown;
  /** The monitor's current window per provider (the dashboard shows p50 / p95 / error rate). */
  healthSnapshots?(): ProviderHealth[];
}

// Routing and cache (src/extension/reliability.ts).
export { BreakerRegistry, ResponseCache };
export interface ClientReliability {
  responseCache?: ResponseCache;
  cacheOnlyDeterministic?: boolean;
  continueAfterPartial?: boolean;
  /** Shared across rebuilt clients so an open breaker survives a settings change. */
  breakers?: BreakerRegistry;
  healthIntervalMs?: number;
  healthHistory?: unknown;
}

/** This calendar month's recorded spend (USD) and how many requests had no known price. */
export async function monthSpend(ledgerDir: string, now = new Date()): Promise<{ usd: number; requests: number; unpriced: number; cacheWriteUsd: number }> {
  const records = await new UsageLedger(ledgerDir).readAll();
  const summary = summarizeUsage(records, { since: new Date(now.getFullYear(), now.getMonth(), 1) });
  return { usd: summary.totalCostUsd, requests: summary.requests, unpriced: summary.unpricedRequests, cacheWriteUsd: summary.cacheWriteCostUsd };
}

export function createClient(options: { config: ExtensionConfig; secrets: ClientSecrets; logger: Logger; env?: NodeJS.ProcessEnv; usage?: ClientUsageOptions; ledgerDir?: string; reliability?: ClientReliability }): ExtensionClient {
  const r = options.reliability ?? {};
  const client = new SwitchboardClient({
    ...(r.responseCache ? { responseCache: r.responseCache } : {}),
    ...(r.cacheOnlyDeterministic !== undefined ? { cacheOnlyDeterministic: r.cacheOnlyDeterministic } : {}),
    ...(r.continueAfterPartial !== undefined ? { continueAfterPartial: r.continueAfterPartial } : {}),
    ...(r.breakers ? { breakers: r.breakers } : {}),
    health: { intervalMs: r.healthIntervalMs, history: r.healthHistory },
    config: options.config.core.config,
    sources: options.config.core.sources,
    secrets: options.secrets,
    logger: options.logger,
    surface: 'vscode',
    ...(options.usage ?? {}),
    ...(options.ledgerDir ? { ledger: new UsageLedger(options.ledgerDir) } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const client_ = client as SwitchboardClient & { onDidChangeHealth?: (l: (c: HealthChange) => void) => { dispose(): void } };
  return {
    testConnection: (provider, o) => client.testConnection(provider, o ?? {}),
    healthCheck: (provider) => client.healthCheck(provider),
    stream: (request, o) => client.stream(request, o ?? {}),
    startHealthChecks: () => client.startHealthChecks(),
    pauseHealthChecks: () => client.pauseHealthChecks(),
    resumeHealthChecks: () => client.resumeHealthChecks(),
    healthHistory: () => client.health.serialize(),
    healthSnapshots: () => client.health.snapshots(),
    dispose: () => client.dispose(),
    // The client reports health changes once it has a health monitor; until then Test Connection feeds the status bar.
    onDidChangeHealth: (listener) => (typeof client_.onDidChangeHealth === 'function' ? client_.onDidChangeHealth(listener) : { dispose: () => undefined }),
  };
}
