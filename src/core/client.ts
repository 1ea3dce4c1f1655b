// SwitchboardClient: the old entry point, now a thin facade over the engine (engine/). New code
// uses createSwitchboard(); this stays so existing callers and tests keep working.
import type { ConfigKey, ConfigSource, SwitchboardConfig } from './config/schema';
import type { PromptCacheOptions } from './cache/promptCache';
import type { ResponseCache } from './cache/responseCache';
import { createEngine } from './engine/createSwitchboard';
import type { Engine } from './engine/engine';
import type { ClientEvent, Deadlines, Disposable, FailoverInfo, HealthChange, RequestResult, StreamOptions, SwitchboardOptions } from './engine/types';
import type { Logger } from './logger';
import type { ResolvedModel } from './models/resolve';
import type { ClientSecrets } from './providerFactory';
import type { BreakerRegistry } from './routing/circuitBreaker';
import type { HealthMonitor } from './routing/healthMonitor';
import type { RetryPolicy } from './routing/retry';
import type { BudgetGuard } from './usage/budget';
import type { UsageLedger } from './usage/ledger';
import type { PriceOverrides } from './usage/prices';
import { SwitchboardError } from './errors';
import type { AuthInfo, HealthResult, ModelProvider, ModelRequest, ProviderId } from './types';

export type { ClientEvent, FailoverInfo, HealthChange, RequestResult, StreamOptions };
export { PartialAnswerError, shouldFailOver } from './engine/requestErrors';

export interface SwitchboardClientOptions {
  config: SwitchboardConfig;
  /** Where each value came from; a `default` region lets the AWS profile's region win. */
  sources?: Partial<Record<ConfigKey, { source: ConfigSource; origin?: string }>>;
  secrets?: ClientSecrets;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  retryPolicy?: RetryPolicy;
  ledger?: Pick<UsageLedger, 'append'>;
  /** Who is asking (`cli`, `chat`, …), recorded in the ledger. */
  surface?: string;
  /** Provider-level timeout; the engine's deadlines (engine/deadlines) are the product's clock. */
  timeoutMs?: number;
  /** Deadlines over the configured / default ones. */
  deadlines?: Partial<Deadlines>;
  /** Circuit breakers per provider + model; share one registry across clients to keep state on config changes. */
  breakers?: BreakerRegistry;
  responseCache?: ResponseCache;
  cacheOnlyDeterministic?: boolean;
  health?: SwitchboardOptions['health'];
  continueAfterPartial?: boolean;
  priceOverrides?: PriceOverrides;
  promptCache?: PromptCacheOptions;
  budget?: BudgetGuard;
}

export class SwitchboardClient {
  readonly engine: Engine;

  constructor(options: SwitchboardClientOptions) {
    const { ledger, responseCache, budget, timeoutMs, ...rest } = options;
    this.engine = createEngine({
      ...rest,
      storage: { ...(ledger ? { ledger } : {}), ...(responseCache ? { responseCache } : {}), ...(budget ? { budget } : {}) },
      ...(timeoutMs !== undefined ? { providerTimeoutMs: timeoutMs } : {}),
    });
  }

  get config(): SwitchboardConfig {
    return this.engine.config;
  }

  get primary(): ProviderId {
    return this.engine.primary;
  }

  get breakers(): BreakerRegistry {
    return this.engine.breakers;
  }

  get health(): HealthMonitor {
    return this.engine.state.monitor;
  }

  get failoverState(): FailoverInfo | null {
    return this.engine.state.activeFailover;
  }

  fallbackFor(primary: ProviderId): ProviderId | undefined {
    return this.engine.fallbackFor(primary);
  }

  onDidChangeHealth(listener: (change: HealthChange) => void): Disposable {
    return this.engine.onDidChange((c) => {
      if (c.kind === 'health' || c.kind === 'failover') listener(c.change);
    });
  }

  startHealthChecks(): void {
    this.engine.health.start();
  }

  pauseHealthChecks(): void {
    this.engine.health.pause();
  }

  resumeHealthChecks(): void {
    this.engine.health.resume();
  }

  dispose(): void {
    void this.engine.dispose();
  }

  getProvider(id: ProviderId): Promise<ModelProvider> {
    return this.engine.provider(id);
  }

  regionOf(id: ProviderId): Promise<string | undefined> {
    return this.engine.regionOf(id);
  }

  resolve(id: ProviderId, model?: string): Promise<ResolvedModel> {
    return this.engine.resolveFor(id, model);
  }

  stream(request: ModelRequest, options: StreamOptions = {}): AsyncGenerator<ClientEvent> {
    return this.engine.stream(request, options);
  }

  /** The streamed request collected (as before); `createSwitchboard().send` is the non-streamed call. */
  async send(request: ModelRequest, options: StreamOptions = {}): Promise<RequestResult> {
    for await (const event of this.engine.stream(request, options)) {
      if (event.type === 'done') return event.result;
    }
    throw new SwitchboardError({ type: 'unknown', message: 'The stream ended without a result.' });
  }

  flushResponseCache(): Promise<void> {
    return this.engine.cache.flush();
  }

  testConnection(id?: ProviderId, options: { signal?: AbortSignal } = {}): Promise<AuthInfo> {
    return this.engine.testConnection(id, options);
  }

  healthCheck(id: ProviderId, options: { signal?: AbortSignal } = {}): Promise<HealthResult> {
    return this.engine.healthCheck(id, options);
  }
}
