import { buildAnthropicProvider, buildBedrockProvider } from './providerFactory';
import type { BuiltProvider, ClientSecrets, ProviderBuildContext } from './providerFactory';
import type { ConfigKey, ConfigSource, SwitchboardConfig } from './config/schema';
import { SwitchboardError, isSwitchboardError } from './errors';
import { silentLogger } from './logger';
import type { Logger } from './logger';
import { resolveModel } from './models/resolve';
import type { ResolvedModel } from './models/resolve';
import { AnswerRecorder, isCacheableStop, isDeterministic, replayEvents } from './cache/cachedAnswer';
import { cacheKeyOf } from './cache/cacheKey';
import type { CachedAnswer, ResponseCache } from './cache/responseCache';
import { BreakerRegistry } from './routing/circuitBreaker';
import { continuationRequest, translateForFallback } from './routing/failoverRequest';
import { HealthMonitor } from './routing/healthMonitor';
import type { HealthStatus, HealthThresholds, HealthTimer, ProviderHealth } from './routing/healthMonitor';
import { DEFAULT_RETRY_POLICY, streamWithRetry } from './routing/retry';
import type { RetryPolicy } from './routing/retry';
import type { UsageLedger, UsageRecord } from './usage/ledger';
import { estimateCost } from './usage/prices';
import type { PriceOverrides } from './usage/prices';
import type { BudgetGuard } from './usage/budget';
import { applyPromptCache } from './cache/promptCache';
import type { PromptCacheOptions } from './cache/promptCache';
import type { AuthInfo, HealthResult, ModelProvider, ModelRequest, ProviderId, StopReason, StreamEvent, Usage } from './types';
import { emptyUsage } from './types';


export interface SwitchboardClientOptions {
  config: SwitchboardConfig;
  /** Where each value came from; a `default` region lets the AWS profile's region win. */
  sources?: Partial<Record<ConfigKey, { source: ConfigSource; origin?: string }>>;
  secrets?: ClientSecrets;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  retryPolicy?: RetryPolicy;
  ledger?: UsageLedger;
  /** Who is asking (`cli`, `chat`, …), recorded in the ledger. */
  surface?: string;
  /** Per-attempt timeout handed to the providers. */
  timeoutMs?: number;
  /** Circuit breakers per provider + model; share one registry across clients to keep state on config changes. */
  breakers?: BreakerRegistry;
  /** Response cache (see cache/responseCache); absent = nothing is cached. */
  responseCache?: ResponseCache;
  /** Cache only reproducible requests (temperature 0, no thinking). Default true; false = opt in for every complete answer. */
  cacheOnlyDeterministic?: boolean;
  /** Periodic health checks and passive health (routing/healthMonitor). */
  health?: { intervalMs?: number; thresholds?: Partial<HealthThresholds>; now?: () => number; timer?: HealthTimer; historySize?: number; history?: unknown };
  /** After a failure mid-answer, ask the fallback to continue from the partial text. Off by default. */
  continueAfterPartial?: boolean;
  /** User price overrides (`switchboard.prices`), used for every cost the client computes. */
  priceOverrides?: PriceOverrides;
  /** Automatic prompt-cache breakpoints (default on, 5-minute TTL). */
  promptCache?: PromptCacheOptions;
  /** Monthly budget: checked before each request (hard stop), told about each recorded one. */
  budget?: BudgetGuard;
}

export interface FailoverInfo {
  from: ProviderId;
  to: ProviderId;
  reason: string;
  /** true when the fallback continued an answer the primary had started (continueAfterPartial). */
  continued?: boolean;
}

/** What `onDidChangeHealth` reports: the provider's health, and the failover state when it changed. */
export interface HealthChange {
  provider: ProviderId;
  health: HealthResult;
  status: HealthStatus;
  snapshot: ProviderHealth;
  /** Present when the failover state changed: the active failover, or null on failback. */
  failover?: FailoverInfo | null;
}

export interface RequestResult {
  provider: ProviderId;
  /** The logical name when the model was one, else what was asked for. */
  model: string;
  modelId: string;
  text: string;
  toolCalls: Array<{ id: string; name: string; input: unknown }>;
  stopReason: StopReason;
  usage: Usage;
  costUsd: number | null;
  latencyMs: number;
  timeToFirstTokenMs?: number;
  attempts: number;
  cached: boolean;
  failover: FailoverInfo | null;
}

/** What `stream()` yields: the provider's events, plus what the client did around them. */
export type ClientEvent =
  | StreamEvent
  | { type: 'retry'; provider: ProviderId; attempt: number; delayMs: number; error: SwitchboardError }
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
}

/** A failure after content was shown: the caller keeps `partial` and can mark the answer partial. */
export class PartialAnswerError extends SwitchboardError {
  constructor(readonly original: SwitchboardError, readonly partial: { text: string; provider: ProviderId; modelId: string }) {
    super({
      type: original.type,
      provider: original.provider,
      message: original.message,
      hint: original.hint,
      code: original.code ?? 'stream_interrupted',
      status: original.status,
      retryAfterMs: original.retryAfterMs,
      retryable: false,
      requestId: original.requestId,
      details: original.details,
      cause: original,
    });
  }
}


/**
 * The one entry point surfaces use: builds providers from the effective config (lazily, SDKs
 * load on first use), resolves models, retries, fails over, and records usage.
 */
export class SwitchboardClient {
  private readonly providers = new Map<ProviderId, Promise<BuiltProvider>>();
  private readonly logger: Logger;
  private readonly env: NodeJS.ProcessEnv;
  readonly breakers: BreakerRegistry;
  readonly health: HealthMonitor;
  private readonly healthListeners = new Set<(change: HealthChange) => void>();
  private activeFailover: FailoverInfo | null = null;

  constructor(private readonly options: SwitchboardClientOptions) {
    this.logger = options.logger ?? silentLogger;
    this.env = options.env ?? process.env;
    this.breakers = options.breakers ?? new BreakerRegistry();
    this.health = this.createHealthMonitor();
  }

  // ---- health and failover state (routing/healthMonitor) ----

  private createHealthMonitor(): HealthMonitor {
    const primary = this.options.config.provider;
    const fallback = this.fallbackFor(primary);
    const h = this.options.health ?? {};
    const monitor = new HealthMonitor({
      providers: fallback ? [primary, fallback] : [primary],
      check: async (id, signal) => {
        const result = await this.healthCheck(id, { signal });
        // Failback early: a healthy check lets the next request probe the provider now.
        if (result.ok) this.breakers.allowProbes(id);
        return result;
      },
      intervalMs: h.intervalMs,
      thresholds: h.thresholds,
      now: h.now,
      timer: h.timer,
      historySize: h.historySize,
      logger: this.logger,
    });
    if (h.history !== undefined) monitor.restore(h.history);
    monitor.onDidChange((snapshot) => this.emitHealth(snapshot));
    return monitor;
  }

  /** Health per provider (from checks and real requests), and failover / failback. */
  onDidChangeHealth(listener: (change: HealthChange) => void): { dispose(): void } {
    this.healthListeners.add(listener);
    return { dispose: () => this.healthListeners.delete(listener) };
  }

  /** The failover in effect since the last request, or null once the primary answers again. */
  get failoverState(): FailoverInfo | null {
    return this.activeFailover;
  }

  /** Periodic health checks (the extension; the CLI relies on passive health only). */
  startHealthChecks(): void {
    this.health.start();
  }

  pauseHealthChecks(): void {
    this.health.pause();
  }

  resumeHealthChecks(): void {
    this.health.resume();
  }

  dispose(): void {
    this.health.dispose();
    this.healthListeners.clear();
  }

  private emitHealth(snapshot: ProviderHealth, failover?: FailoverInfo | null): void {
    const health: HealthResult = {
      ok: snapshot.status !== 'down',
      provider: snapshot.provider,
      latencyMs: snapshot.p50Ms ?? 0,
      checkedAt: snapshot.lastSampleAt ?? Date.now(),
      status: snapshot.status,
      ...(snapshot.lastError && snapshot.status !== 'ok' ? { error: { type: snapshot.lastError.type, message: snapshot.lastError.message } } : {}),
    };
    const change: HealthChange = { provider: snapshot.provider, health, status: snapshot.status, snapshot, ...(failover !== undefined ? { failover } : {}) };
    for (const l of [...this.healthListeners]) {
      try {
        l(change);
      } catch (e) {
        this.logger.warn(`health listener failed: ${(e as Error).message}`);
      }
    }
  }

  /** Failover / failback as the surfaces show it (status bar: `Bedrock (failover)`). */
  private setFailoverState(failover: FailoverInfo | null): void {
    if (failover === null && this.activeFailover === null) return;
    if (failover === null) this.logger.info(`failback: ${this.activeFailover!.from} answers again`);
    this.activeFailover = failover;
    this.emitHealth(this.health.snapshot(failover?.to ?? this.primary), failover);
  }

  get config(): SwitchboardConfig {
    return this.options.config;
  }

  /** The provider a request goes to unless it names one. */
  get primary(): ProviderId {
    return this.options.config.provider;
  }

  /** The fallback, when failover is configured and different from `primary`. */
  fallbackFor(primary: ProviderId): ProviderId | undefined {
    const { autoFallback, fallbackProvider } = this.options.config;
    return autoFallback && fallbackProvider && fallbackProvider !== primary ? fallbackProvider : undefined;
  }

  async getProvider(id: ProviderId): Promise<ModelProvider> {
    return (await this.entry(id)).provider;
  }

  /** Region the Bedrock provider uses (after profile / env resolution); undefined for Anthropic. */
  async regionOf(id: ProviderId): Promise<string | undefined> {
    return (await this.entry(id)).region;
  }

  async resolve(id: ProviderId, model?: string): Promise<ResolvedModel> {
    const region = id === 'bedrock' ? await this.regionOf(id) : undefined;
    return this.resolveSync(id, model ?? this.options.config.model, region);
  }

  private resolveSync(id: ProviderId, model: string, region: string | undefined): ResolvedModel {
    const { modelMapping, bedrock } = this.options.config;
    return resolveModel({ provider: id, model, region, mapping: modelMapping, inferenceProfile: id === 'bedrock' ? bedrock.inferenceProfile : null });
  }

  private entry(id: ProviderId): Promise<BuiltProvider> {
    let p = this.providers.get(id);
    if (!p) {
      const context: ProviderBuildContext = {
        config: this.options.config,
        sources: this.options.sources,
        secrets: this.options.secrets ?? {},
        env: this.env,
        logger: this.logger,
        timeoutMs: this.options.timeoutMs,
        priceOverrides: this.options.priceOverrides,
        resolveModelId: (provider, model, region) => this.resolveSync(provider, model, region).modelId,
      };
      p = id === 'anthropic' ? buildAnthropicProvider(context) : buildBedrockProvider(context);
      // A failed build (missing key, bad profile) is not cached: the user may fix it and retry.
      p.catch(() => this.providers.delete(id));
      this.providers.set(id, p);
    }
    return p;
  }

  /**
   * Stream one request: retries before the first token, fails over to the fallback provider on
   * a retryable failure before the first token, and records the outcome in the ledger.
   */
  async *stream(request: ModelRequest, options: StreamOptions = {}): AsyncGenerator<ClientEvent> {
    const primary = options.provider ?? this.primary;
    const fallback = options.allowFailover === false ? undefined : this.fallbackFor(primary);
    // A cache hit sends nothing and costs nothing: it is served before the budget check.
    const cacheKey = this.responseCacheKey(this.withDefaults(request), options);
    if (cacheKey) {
      const hit = await this.lookupCache(cacheKey);
      if (hit) return yield* this.replayCached(hit);
    }
    // Over budget with the hard stop on: refuse before anything is sent (no failover either).
    await this.options.budget?.beforeRequest();
    const cached = applyPromptCache(this.withDefaults(request), this.options.promptCache);
    const req = cached.request;
    const cacheTtl = cached.usesOneHourTtl ? '1h' as const : undefined;
    let failover: FailoverInfo | null = null;
    let partialText: string | undefined;
    try {
      return yield* this.streamOn(primary, req, options, null, cacheTtl, { cacheKey });
    } catch (e) {
      if (e instanceof PartialAnswerError) {
        // Content was shown: never re-sent silently. Only with continueAfterPartial does the fallback pick it up.
        if (!fallback || !this.options.continueAfterPartial || !shouldFailOver(e.original)) throw e;
        partialText = e.partial.text;
        failover = { from: primary, to: fallback, reason: `${e.original.type}: ${e.original.message} (continuing the partial answer)`, continued: true };
      } else {
        const error = asError(e, primary);
        if (!fallback || !shouldFailOver(error)) throw e;
        failover = { from: primary, to: fallback, reason: `${error.type}: ${error.message}` };
      }
      this.logger.warn(`failover: ${primary} → ${fallback} (${failover.reason})`);
      this.setFailoverState(failover);
      yield { type: 'failover', failover };
    }
    const translated = translateForFallback(partialText === undefined ? req : continuationRequest(req, partialText), primary, fallback);
    for (const note of translated.notes) this.logger.info(`failover request for ${fallback}: ${note}`);
    // A continued answer is not cached: it is two providers' halves, not one reproducible answer.
    return yield* this.streamOn(fallback, translated.request, options, failover, cacheTtl, partialText === undefined ? { cacheKey } : { prefixText: partialText });
  }

  // ---- response cache (cache/responseCache) ----

  /** Resolves once the response cache file is written (the CLI awaits this before exiting). */
  async flushResponseCache(): Promise<void> {
    await this.options.responseCache?.flush();
  }

  private responseCacheKey(request: ModelRequest, options: StreamOptions): string | undefined {
    if (!this.options.responseCache || options.cache === false) return undefined;
    if ((this.options.cacheOnlyDeterministic ?? true) && !isDeterministic(request)) return undefined;
    return cacheKeyOf(request);
  }

  private async lookupCache(key: string): Promise<CachedAnswer | undefined> {
    try {
      return await this.options.responseCache!.get(key);
    } catch (e) {
      this.logger.warn(`response cache: lookup failed (${(e as Error).message}); asking the provider`);
      return undefined;
    }
  }

  private async storeInCache(key: string, answer: CachedAnswer): Promise<void> {
    try {
      await this.options.responseCache!.set(key, answer);
    } catch (e) {
      this.logger.warn(`response cache: could not store (${(e as Error).message})`);
    }
  }

  /** A hit: the stored answer as stream events, no provider request, cost 0, recorded as cached. */
  private async *replayCached(answer: CachedAnswer): AsyncGenerator<ClientEvent> {
    const started = Date.now();
    let firstTokenAt: number | undefined;
    for (const event of replayEvents(answer)) {
      if (firstTokenAt === undefined && event.type !== 'message_start') firstTokenAt = Date.now();
      yield event;
    }
    const usage = emptyUsage();
    this.logger.info(`response cache hit: ${answer.model} (answered by ${answer.provider} earlier; saved ${answer.costUsd === null ? 'an unknown amount' : `$${answer.costUsd.toFixed(6)}`})`);
    await this.record({ id: answer.provider, logical: answer.model, modelId: answer.modelId, usage, started, firstTokenAt, outcome: 'ok', failover: null, cached: true });
    const result: RequestResult = {
      provider: answer.provider,
      model: answer.model,
      modelId: answer.modelId,
      text: answer.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join(''),
      toolCalls: answer.blocks.flatMap((b) => (b.kind === 'tool_use' ? [{ id: b.id, name: b.name, input: b.input }] : [])),
      stopReason: answer.stopReason,
      usage,
      costUsd: 0,
      latencyMs: Date.now() - started,
      timeToFirstTokenMs: firstTokenAt === undefined ? undefined : firstTokenAt - started,
      attempts: 0,
      cached: true,
      failover: null,
    };
    yield { type: 'done', result };
  }

  private async *streamOn(id: ProviderId, request: ModelRequest, options: StreamOptions, failover: FailoverInfo | null, cacheWriteTtl?: '1h', extra: { cacheKey?: string; prefixText?: string } = {}): AsyncGenerator<ClientEvent> {
    const started = Date.now();
    let attempts = 0;
    let modelId = request.model;
    let logical = request.model;
    let region: string | undefined;
    const usage = emptyUsage();
    // A continued answer starts with the text the failed provider already showed.
    let text = extra.prefixText ?? '';
    let firstTokenAt: number | undefined;
    let stopReason: StopReason = 'unknown';
    const toolCalls: RequestResult['toolCalls'] = [];
    const retries: ClientEvent[] = [];
    const recorder = extra.cacheKey ? new AnswerRecorder() : undefined;
    let breaker: ReturnType<BreakerRegistry['get']> | undefined;
    try {
      const provider = await this.getProvider(id);
      region = await this.regionOf(id);
      const resolved = this.resolveSync(id, request.model, region);
      logical = resolved.logical ?? request.model;
      modelId = resolved.modelId;
      breaker = this.breakers.get(id, modelId);
      if (!breaker.tryAcquire()) {
        const waitS = Math.ceil(breaker.retryInMs() / 1000);
        breaker = undefined;
        throw new SwitchboardError({ type: 'unavailable', provider: id, message: `${id} is failing for ${modelId}; requests are paused for ${waitS} s (circuit breaker open).`, hint: 'Switchboard probes it again by itself; configure a fallback provider to keep working meanwhile.', details: { breakerOpen: true } });
      }
      this.logger.info(`request → ${id} model ${logical} as ${modelId}${region ? ` in ${region}` : ''}`);
      const events = streamWithRetry((attempt) => {
        attempts = attempt;
        return provider.stream(request, { signal: options.signal });
      }, this.options.retryPolicy ?? DEFAULT_RETRY_POLICY, {
        signal: options.signal,
        onRetry: (info) => {
          this.logger.warn(`retry ${info.attempt} on ${id} in ${info.delayMs} ms after ${info.error.type}: ${info.error.message}`);
          retries.push({ type: 'retry', provider: id, attempt: info.attempt, delayMs: info.delayMs, error: info.error });
        },
      });
      for await (const event of events) {
        yield* retries.splice(0);
        if (event.type === 'message_start') modelId = event.modelId;
        else if (event.type === 'text_delta') text += event.text;
        else if (event.type === 'tool_use_stop') toolCalls.push({ id: event.id, name: event.name, input: event.input });
        else if (event.type === 'stop') stopReason = event.stopReason;
        else if (event.type === 'usage') mergeUsage(usage, event.usage);
        if (firstTokenAt === undefined && (event.type === 'text_delta' || event.type === 'thinking_delta' || event.type === 'tool_use_start')) firstTokenAt = Date.now();
        recorder?.observe(event);
        yield event;
      }
    } catch (e) {
      const error = asError(e, id, options.signal);
      const partial = firstTokenAt !== undefined;
      // The user pressing Stop says nothing about the provider, even mid-answer.
      const providerFailed = error.type !== 'cancelled' && (partial || shouldFailOver(error));
      if (breaker) {
        if (providerFailed) breaker.recordFailure();
        else breaker.release();
      }
      if (error.details?.breakerOpen) {
        // Nothing was sent, so no ledger line; but the provider is not usable: health says so.
        this.health.recordRequest(id, { ok: false, latencyMs: 0, errorType: error.type, message: 'circuit breaker open' });
        throw error;
      }
      if (error.type !== 'cancelled' && (partial || countsAgainstHealth(error))) this.health.recordRequest(id, { ok: false, latencyMs: Date.now() - started, errorType: error.type, message: error.message });
      await this.record({ id, logical, modelId, region, usage, started, firstTokenAt, outcome: error.type === 'cancelled' ? 'cancelled' : partial ? 'partial' : 'error', errorType: error.type, failover, cacheWriteTtl });
      this.logger.error(`request on ${id} failed after ${attempts} attempt(s): ${error.type}: ${error.message}`);
      if (partial || extra.prefixText) throw new PartialAnswerError(error, { text, provider: id, modelId });
      throw error;
    }
    breaker?.recordSuccess();
    this.health.recordRequest(id, { ok: true, latencyMs: (firstTokenAt ?? Date.now()) - started });
    // Failback: the primary answered on its own again.
    if (!failover && this.activeFailover?.from === id) this.setFailoverState(null);
    const costUsd = await this.record({ id, logical, modelId, region, usage, started, firstTokenAt, outcome: 'ok', failover, cacheWriteTtl });
    const result: RequestResult = {
      provider: id,
      model: logical,
      modelId,
      text,
      toolCalls,
      stopReason,
      usage,
      costUsd,
      latencyMs: Date.now() - started,
      timeToFirstTokenMs: firstTokenAt === undefined ? undefined : firstTokenAt - started,
      attempts,
      cached: false,
      failover,
    };
    // Only complete answers are stored: errors, partial and cancelled answers threw above.
    if (recorder && extra.cacheKey && isCacheableStop(stopReason) && !options.signal?.aborted) {
      await this.storeInCache(extra.cacheKey, recorder.answer({ provider: id, model: logical, modelId, stopReason, usage, costUsd }));
    }
    yield { type: 'done', result };
  }

  /** Non-streaming convenience over `stream()`. */
  async send(request: ModelRequest, options: StreamOptions = {}): Promise<RequestResult> {
    for await (const event of this.stream(request, options)) {
      if (event.type === 'done') return event.result;
    }
    throw new SwitchboardError({ type: 'unknown', message: 'The stream ended without a result.' });
  }

  /** Prove credentials and model access with the cheapest real call. */
  async testConnection(id: ProviderId = this.primary, options: { signal?: AbortSignal } = {}): Promise<AuthInfo> {
    const provider = await this.getProvider(id);
    const info = await provider.validateAuth({ signal: options.signal });
    this.logger.info(`test connection ${id}: ${info.identity} ${info.region ?? ''} ${info.modelId} ${info.latencyMs} ms`);
    return info;
  }

  async healthCheck(id: ProviderId, options: { signal?: AbortSignal } = {}): Promise<HealthResult> {
    try {
      return await (await this.getProvider(id)).healthCheck({ signal: options.signal });
    } catch (e) {
      const error = asError(e, id);
      return { ok: false, provider: id, latencyMs: 0, checkedAt: Date.now(), error: { type: error.type, message: error.message } };
    }
  }

  private withDefaults(request: ModelRequest): ModelRequest {
    const { config } = this.options;
    return {
      ...request,
      model: request.model || config.model,
      maxTokens: request.maxTokens ?? config.maxOutputTokens,
      thinkingBudget: request.thinkingBudget ?? (config.thinkingBudget > 0 ? config.thinkingBudget : undefined),
    };
  }

  private async record(r: { id: ProviderId; logical: string; modelId: string; region?: string; usage: Usage; started: number; firstTokenAt?: number; outcome: UsageRecord['outcome']; errorType?: string; failover: FailoverInfo | null; cacheWriteTtl?: '1h'; cached?: boolean }): Promise<number | null> {
    const cost = estimateCost(r.id, r.modelId, r.usage, { mapping: this.options.config.modelMapping, overrides: this.options.priceOverrides, cacheWriteTtl: r.cacheWriteTtl ?? '5m' });
    // A cache hit costs nothing, whether or not the model has a known price.
    const costUsd = r.cached ? 0 : cost.usd === undefined ? null : cost.usd;
    const record: UsageRecord = {
      time: new Date(r.started).toISOString(),
      provider: r.id,
      model: r.logical,
      modelId: r.modelId,
      region: r.region,
      ...r.usage,
      latencyMs: Date.now() - r.started,
      timeToFirstTokenMs: r.firstTokenAt === undefined ? undefined : r.firstTokenAt - r.started,
      costUsd,
      cacheWriteCostUsd: cost.breakdown ? cost.breakdown.cacheWrite : null,
      ...(r.cacheWriteTtl ? { cacheWriteTtl: r.cacheWriteTtl } : {}),
      outcome: r.outcome,
      errorType: r.errorType,
      failover: r.failover,
      cached: r.cached ?? false,
      surface: this.options.surface,
    };
    const ledger = this.options.ledger;
    if (ledger) {
      try {
        await ledger.append(record);
      } catch (e) {
        // Losing a ledger line must never lose the user's answer.
        this.logger.warn(`usage ledger: could not append (${(e as Error).message})`);
      }
    }
    try {
      await this.options.budget?.observe(record);
    } catch (e) {
      this.logger.warn(`budget: could not evaluate (${(e as Error).message})`);
    }
    return costUsd;
  }
}

function mergeUsage(into: Usage, u: Usage): void {
  // Providers report cumulative counts; keep the largest seen for each field.
  into.inputTokens = Math.max(into.inputTokens, u.inputTokens);
  into.outputTokens = Math.max(into.outputTokens, u.outputTokens);
  into.cacheReadInputTokens = Math.max(into.cacheReadInputTokens, u.cacheReadInputTokens);
  into.cacheWriteInputTokens = Math.max(into.cacheWriteInputTokens, u.cacheWriteInputTokens);
}

function asError(e: unknown, provider: ProviderId, signal?: AbortSignal): SwitchboardError {
  if (isSwitchboardError(e)) return e;
  if (signal?.aborted) return new SwitchboardError({ type: 'cancelled', provider, message: 'The request was cancelled.' });
  return new SwitchboardError({ type: 'unknown', provider, message: e instanceof Error ? e.message : String(e), cause: e });
}

/** Errors that say something about the provider (not the caller's request or a cancel). */
function countsAgainstHealth(error: SwitchboardError): boolean {
  return shouldFailOver(error) || error.type === 'authentication' || error.type === 'permission' || error.type === 'unknown';
}

/** Fail over on what the other provider can answer: capacity, outages, network, dead credentials. */
export function shouldFailOver(error: SwitchboardError): boolean {
  if (error.type === 'cancelled') return false;
  if (error.retryable) return true;
  return error.code === 'expired_credentials' || error.code === 'expired_sso_session';
}
