// The engine's public shapes: what createSwitchboard takes and what every surface (CLI, VS Code,
// later the language-model API) gets back. Nothing here knows an SDK or VS Code.
import type { ResponseCache } from '../cache/responseCache';
import type { PromptCacheOptions } from '../cache/promptCache';
import type { ConfigKey, ConfigSource, SwitchboardConfig } from '../config/schema';
import type { SwitchboardError } from '../errors';
import type { Logger } from '../logger';
import type { ClientSecrets } from '../providerFactory';
import type { BreakerRegistry } from '../routing/circuitBreaker';
import type { HealthStatus, HealthThresholds, HealthTimer, ProviderHealth } from '../routing/healthMonitor';
import type { RetryPolicy } from '../routing/retry';
import type { RegionSource } from '../auth/region';
import type { BudgetGuard } from '../usage/budget';
import type { UsageRecord } from '../usage/ledger';
import type { PriceOverrides } from '../usage/prices';
import type { ResolvedModel } from '../models/resolve';
import type { AuthInfo, HealthResult, ModelRequest, ProviderId, StopReason, StreamEvent, TokenCount, Usage } from '../types';
import type { Deadlines } from './deadlines';

export type { ClientSecrets, Deadlines };

export interface FailoverInfo {
  from: ProviderId;
  to: ProviderId;
  reason: string;
  /** true when the fallback continued an answer the primary had started (continueAfterPartial). */
  continued?: boolean;
}

/** The whole request as the footer and the ledger describe it (they are built from the same values). */
export interface RequestResult {
  provider: ProviderId;
  /** The logical name when the model was one, else what was asked for. */
  model: string;
  modelId: string;
  text: string;
  toolCalls: Array<{ id: string; name: string; input: unknown }>;
  stopReason: StopReason;
  usage: Usage;
  /** null = unknown (no price, or no usage reported before the stop): never shown as $0. */
  costUsd: number | null;
  /** From the request's start to its end, across every attempt and provider. */
  latencyMs: number;
  timeToFirstTokenMs?: number;
  /** Attempts across every provider tried (0 for a cache hit). */
  attempts: number;
  /** Providers that were sent the request, in order. */
  providersTried?: ProviderId[];
  cached: boolean;
  failover: FailoverInfo | null;
  /** How the request ended: `ok`, or `cancelled` / `partial` / `error` for a result carried by an error. */
  outcome?: UsageRecord['outcome'];
}

/** What `stream()` yields: the provider's events, plus what the engine did around them. */
export type ClientEvent =
  | StreamEvent
  | { type: 'retry'; provider: ProviderId; attempt: number; delayMs: number; error: SwitchboardError; note?: string }
  | { type: 'failover'; failover: FailoverInfo }
  | { type: 'done'; result: RequestResult };

export interface StreamOptions {
  signal?: AbortSignal;
  /** Force a provider for this request (explicit beats everything). */
  provider?: ProviderId;
  /** Set false to never fail over for this request. */
  allowFailover?: boolean;
  /** Set false to bypass the response cache for this request (neither read nor written). */
  cache?: boolean;
  /** Who asks for this request, recorded in the ledger instead of the engine's `surface` (e.g. `lm:<extension id>`). */
  surface?: string;
}

/** What `onDidChangeHealth` reports (kept for the facade): a provider's health, and failover when it changed. */
export interface HealthChange {
  provider: ProviderId;
  health: HealthResult;
  status: HealthStatus;
  snapshot: ProviderHealth;
  /** Present when the failover state changed: the active failover, or null on failback. */
  failover?: FailoverInfo | null;
}

/** Month-to-date spend as the engine last knew it (after each recorded request). */
export interface SpendState {
  usd: number;
  requests: number;
  unpriced: number;
  cacheWriteUsd: number;
}

/** The one state every surface shows. Only the engine's state owner writes it. */
export interface EngineState {
  health: Record<ProviderId, HealthResult | undefined>;
  failover: FailoverInfo | null;
  spend: SpendState | null;
  /** The last Test Connection per provider; cleared when that provider's health turns down. */
  lastTest: Partial<Record<ProviderId, { ok: boolean; at: number; info?: AuthInfo; error?: string }>>;
}

/** The ONE change event. `kind` says what moved; `state` is the whole new state. */
export type EngineChange =
  | { kind: 'health'; change: HealthChange; state: EngineState }
  | { kind: 'failover'; change: HealthChange; state: EngineState }
  | { kind: 'spend'; state: EngineState }
  | { kind: 'test'; provider: ProviderId; state: EngineState }
  /** Something the user must hear once (a ledger that cannot be written, a long wait without a fallback). */
  | { kind: 'notice'; level: 'warning' | 'error'; code: 'ledger_write_failed' | 'waiting_retry_after' | 'budget_unreadable'; message: string; state: EngineState };

export interface Disposable {
  dispose(): void;
}

export interface CountTokensOptions {
  /** The provider whose tokenizer counts; default: the one answering now (the fallback while failed over). */
  provider?: ProviderId;
  signal?: AbortSignal;
}

/** Where the Bedrock region in use came from (one resolution every surface shows). */
export interface ResolvedRegionView {
  region: string;
  source: RegionSource;
  /** e.g. `AWS_REGION`, `profile "team" in ~/.aws/config`, `--aws-region`. */
  origin: string;
}

export interface ResolvedModelView {
  modelId: string | null;
  /** Why the name does not resolve on this provider: one sentence (`Nova Pro ("nova-pro") is only available on Amazon Bedrock.`). */
  error?: string;
  /** The error's type (`model_not_found`), with `error`. */
  errorType?: SwitchboardError['type'];
  priceUsdPerMTok?: { input: number; output: number } | null;
}

/** The configuration AS USED: what a request would be sent as, right now. */
export interface ResolvedConfig {
  provider: ProviderId;
  fallback: ProviderId | null;
  /** Model used when a request names none. */
  model: string;
  bedrock: { region: ResolvedRegionView; endpoint?: string; inferenceProfile: string | null };
  anthropic: { baseUrl: string; apiKey: { set: boolean; from?: string } };
  /** Logical name (and the default model when it is a provider ID or ARN) → provider → the ID sent and its price. */
  models: Record<string, Record<ProviderId, ResolvedModelView>>;
  deadlines: Deadlines;
}

/** Ledger as the engine uses it (UsageLedger today; the store's ledger when it lands). */
export interface LedgerSink {
  append(record: UsageRecord): Promise<void>;
}

export interface EngineStorage {
  ledger?: LedgerSink;
  responseCache?: ResponseCache;
  budget?: BudgetGuard;
  /** Called by `dispose()` (the local store's `close`). */
  close?: () => void;
}

/** Everything createSwitchboard needs. Only `config` is required. */
export interface SwitchboardOptions {
  config: SwitchboardConfig;
  /** Where each value came from; a `default` region lets the environment or the AWS profile's region win. */
  sources?: Partial<Record<ConfigKey, { source: ConfigSource; origin?: string }>>;
  secrets?: ClientSecrets;
  /** How `secrets` are kept, for the log (`SecretStorage`); default: `the caller`. */
  secretsFrom?: string;
  storage?: EngineStorage;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Who is asking (`cli`, `vscode`, …), recorded in the ledger. */
  surface?: string;
  /** Deadlines; defaults from config (settings, YAML, flags, env) else DEFAULT_DEADLINES. */
  deadlines?: Partial<Deadlines>;
  retryPolicy?: RetryPolicy;
  /** Share one registry across engines to keep open breakers over a settings change. */
  breakers?: BreakerRegistry;
  cacheOnlyDeterministic?: boolean;
  continueAfterPartial?: boolean;
  priceOverrides?: PriceOverrides;
  promptCache?: PromptCacheOptions;
  health?: { intervalMs?: number; thresholds?: Partial<HealthThresholds>; now?: () => number; timer?: HealthTimer; historySize?: number; history?: unknown };
  /** Provider-level timeout (legacy `timeoutMs` of the client); the deadlines stage is the product's clock. */
  providerTimeoutMs?: number;
}

export interface EngineHealth {
  state(): EngineState;
  snapshot(provider: ProviderId): ProviderHealth;
  snapshots(): ProviderHealth[];
  serialize(): unknown;
  start(): void;
  pause(): void;
  resume(): void;
  check(provider: ProviderId, options?: { signal?: AbortSignal }): Promise<HealthResult>;
  /** Run the cheap health check now and record it (state, change event), as a periodic check would. */
  checkNow(provider?: ProviderId): Promise<void>;
}

export interface EngineUsage {
  /** Tell the engine this month's spend (e.g. read from the ledger at start). */
  setSpend(spend: SpendState): void;
}

export interface EngineCache {
  /** Resolves once the response cache is written (the CLI awaits it before exiting). */
  flush(): Promise<void>;
  readonly responseCache: ResponseCache | undefined;
}

/** The engine every surface uses. */
export interface Switchboard {
  readonly config: SwitchboardConfig;
  readonly primary: ProviderId;
  readonly surface: string | undefined;
  fallbackFor(primary: ProviderId): ProviderId | undefined;
  /** Stream one request through the pipeline (pipeline.ts). */
  stream(request: ModelRequest, options?: StreamOptions): AsyncGenerator<ClientEvent>;
  /** One whole answer: a non-streamed call (Converse / Messages without `stream`), same pipeline. */
  send(request: ModelRequest, options?: StreamOptions): Promise<RequestResult>;
  testConnection(provider?: ProviderId, options?: { signal?: AbortSignal }): Promise<AuthInfo>;
  /** The configuration as used (region with its source, model IDs, prices, deadlines). */
  resolved(): Promise<ResolvedConfig>;
  /**
   * THE model resolution, synchronous and without I/O: the ID a request for `model` (a logical name,
   * an ID or an ARN; default: the configured model) is sent as on `provider`. Throws a
   * SwitchboardError (`model_not_found`) when it does not resolve there. A Bedrock answer uses the
   * region `resolved()` (or any request) found; before that, the configured region.
   */
  resolve(provider: ProviderId, model?: string): ResolvedModel;
  /**
   * Input tokens of `request` as the provider counts them (Anthropic count_tokens, Bedrock
   * CountTokens), for the model ID the engine resolves; a local estimate (`exact: false`) where the
   * service has no count.
   */
  countTokens(request: ModelRequest, options?: CountTokensOptions): Promise<TokenCount>;
  readonly health: EngineHealth;
  readonly usage: EngineUsage;
  readonly cache: EngineCache;
  /** The one change event (health, failover, spend, test results, notices). */
  onDidChange(listener: (change: EngineChange) => void): Disposable;
  dispose(): Promise<void>;
}
