// The engine: owns the providers (built lazily through the registry), THE region and model
// resolution, the state owner, and runs each request through the pipeline (pipeline.ts).
import { randomUUID } from 'node:crypto';
import { chooseApiKey } from '../auth/apiKeyChoice';
import { resolveBedrockRegion } from '../auth/region';
import type { ResolvedRegion } from '../auth/region';
import type { SwitchboardConfig } from '../config/schema';
import { SwitchboardError } from '../errors';
import { silentLogger } from '../logger';
import type { Logger } from '../logger';
import { resolveModel } from '../models/resolve';
import type { ResolvedModel } from '../models/resolve';
import type { BuiltProvider } from '../providerFactory';
import { BreakerRegistry } from '../routing/circuitBreaker';
import { DEFAULT_RETRY_POLICY } from '../routing/retry';
import type { AuthInfo, HealthResult, ModelProvider, ModelRequest, ProviderId, TokenCount } from '../types';
import type { EngineDeps, RequestContext } from './context';
import { deadlinesFrom } from './deadlines';
import type * as PipelineModule from './pipeline';
import { providerDefinition } from './providerRegistry';
import { linkedController } from './abort';
import { tap } from './tap';
import { asError } from './requestErrors';
import { buildResolvedConfig } from './resolution';
import { answeringProvider } from '../../shared/providers';
import { EngineStateOwner } from './state';
import type { ClientEvent, CountTokensOptions, Deadlines, Disposable, EngineCache, EngineChange, EngineHealth, EngineUsage, RequestResult, ResolvedConfig, StreamOptions, Switchboard, SwitchboardOptions } from './types';

export class Engine implements Switchboard {
  readonly config: SwitchboardConfig;
  readonly surface: string | undefined;
  readonly breakers: BreakerRegistry;
  readonly state: EngineStateOwner;
  readonly deadlines: Deadlines;
  readonly health: EngineHealth;
  readonly usage: EngineUsage;
  readonly cache: EngineCache;
  private readonly logger: Logger;
  private readonly env: NodeJS.ProcessEnv;
  private readonly providers = new Map<ProviderId, Promise<BuiltProvider>>();
  private readonly resolutions = new Map<string, ResolvedModel>();
  private regionPromise: Promise<ResolvedRegion> | undefined;
  private region: ResolvedRegion | undefined;
  private readonly deps: EngineDeps;

  constructor(private readonly options: SwitchboardOptions) {
    this.config = options.config;
    this.surface = options.surface;
    this.logger = options.logger ?? silentLogger;
    this.env = options.env ?? process.env;
    this.breakers = options.breakers ?? new BreakerRegistry();
    this.deadlines = deadlinesFrom(options.config, options.deadlines);
    const fallback = this.fallbackFor(this.primary);
    this.state = new EngineStateOwner(this.primary, fallback ? [this.primary, fallback] : [this.primary], async (id, signal) => {
      const result = await this.healthCheck(id, { signal });
      // Failback early: a healthy check lets the next request probe the provider now.
      if (result.ok) this.breakers.allowProbes(id);
      return result;
    }, options.health, this.logger);
    const storage = options.storage ?? {};
    this.deps = {
      logger: this.logger,
      surface: options.surface,
      state: this.state,
      breakers: this.breakers,
      retryPolicy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
      deadlines: this.deadlines,
      responseCache: storage.responseCache,
      cacheOnlyDeterministic: options.cacheOnlyDeterministic ?? true,
      continueAfterPartial: options.continueAfterPartial ?? false,
      promptCache: options.promptCache,
      budget: storage.budget,
      ledger: storage.ledger,
      mapping: options.config.modelMapping,
      priceOverrides: options.priceOverrides,
      provider: (id) => this.provider(id),
      resolve: (id, model) => this.resolve(id, model),
      regionOf: (id) => (providerDefinition(id).regional ? this.region?.region : undefined),
      fallbackFor: (p) => this.fallbackFor(p),
      now: Date.now,
    };
    const monitor = this.state.monitor;
    this.health = {
      state: () => this.state.state(),
      snapshot: (p) => monitor.snapshot(p),
      snapshots: () => monitor.snapshots(),
      serialize: () => monitor.serialize(),
      start: () => monitor.start(),
      pause: () => monitor.pause(),
      resume: () => monitor.resume(),
      check: (p, o) => this.healthCheck(p, o),
      checkNow: (p) => monitor.checkNow(p),
    };
    this.usage = { setSpend: (s) => this.state.setSpend(s) };
    this.cache = { flush: async () => { await storage.responseCache?.flush(); }, responseCache: storage.responseCache };
  }

  get primary(): ProviderId {
    return this.config.provider;
  }

  fallbackFor(primary: ProviderId): ProviderId | undefined {
    const { autoFallback, fallbackProvider } = this.config;
    return autoFallback && fallbackProvider && fallbackProvider !== primary ? fallbackProvider : undefined;
  }

  onDidChange(listener: (change: EngineChange) => void): Disposable {
    return this.state.onDidChange(listener);
  }

  /** THE Bedrock region: resolved once per engine (explicit > environment > AWS profile > default). */
  bedrockRegion(): Promise<ResolvedRegion> {
    this.regionPromise ??= (async () => {
      const b = this.config.bedrock;
      const src = this.options.sources?.['bedrock.awsRegion'];
      const r = await resolveBedrockRegion({ value: b.awsRegion, source: src?.source ?? 'default', ...(src?.origin ? { origin: src.origin } : {}) }, b.awsProfile, this.env);
      this.region = { region: r.region, source: r.source, origin: r.origin };
      this.logger.info(`Bedrock region ${r.region} (${r.source}: ${r.origin})`);
      return this.region;
    })();
    this.regionPromise.catch(() => (this.regionPromise = undefined));
    return this.regionPromise;
  }

  /**
   * THE model resolution: a name (or ID) → the ID sent, for one provider. Config and region are
   * fixed for the engine's life, so each answer is kept (a handful of names per engine).
   */
  resolve(id: ProviderId, model: string = this.config.model): ResolvedModel {
    const regional = providerDefinition(id).regional;
    const key = `${id}\u0000${model}`;
    const known = this.resolutions.get(key);
    if (known) return known;
    const resolved = resolveModel({ provider: id, model, region: regional ? (this.region?.region ?? this.config.bedrock.awsRegion) : undefined, mapping: this.config.modelMapping, inferenceProfile: regional ? this.config.bedrock.inferenceProfile : null });
    // Before the region is known a regional answer is provisional: not kept.
    if ((!regional || this.region) && this.resolutions.size < 256) this.resolutions.set(key, resolved);
    return resolved;
  }

  async resolveFor(id: ProviderId, model?: string): Promise<ResolvedModel> {
    if (providerDefinition(id).regional) await this.bedrockRegion();
    return this.resolve(id, model ?? this.config.model);
  }

  async regionOf(id: ProviderId): Promise<string | undefined> {
    return providerDefinition(id).regional ? (await this.bedrockRegion()).region : undefined;
  }

  async resolved(): Promise<ResolvedConfig> {
    const region = await this.bedrockRegion();
    // The same decision the Anthropic provider makes when it sends the key (auth/apiKeyChoice).
    const choice = chooseApiKey({ stored: this.options.secrets?.anthropicApiKey, envVar: this.config.anthropic.apiKeyEnv, env: this.env, ...(this.options.secretsFrom ? { storedIn: this.options.secretsFrom } : {}) });
    const anthropicKey = choice.source === 'none' ? { set: false } : { set: true, from: choice.from! };
    return buildResolvedConfig({ config: this.config, region, fallback: this.fallbackFor(this.primary) ?? null, deadlines: this.deadlines, anthropicKey, priceOverrides: this.options.priceOverrides, resolve: (p, m) => this.resolve(p, m) });
  }

  async countTokens(request: ModelRequest, options: CountTokensOptions = {}): Promise<TokenCount> {
    const id = options.provider ?? answeringProvider(this.primary, this.state.state().failover);
    const resolved = await this.resolveFor(id, request.model || this.config.model);
    return (await this.provider(id)).countTokens({ ...request, model: resolved.modelId }, options.signal ? { signal: options.signal } : {});
  }

  async provider(id: ProviderId): Promise<ModelProvider> {
    return (await this.built(id)).provider;
  }

  private built(id: ProviderId): Promise<BuiltProvider> {
    let p = this.providers.get(id);
    if (!p) {
      const def = providerDefinition(id);
      p = (async () => {
        const region = def.regional ? await this.bedrockRegion() : undefined;
        return def.build({
          config: this.config,
          sources: this.options.sources,
          secrets: this.options.secrets ?? {},
          env: this.env,
          logger: this.logger,
          timeoutMs: this.options.providerTimeoutMs,
          priceOverrides: this.options.priceOverrides,
          // A pure function of the config (for the provider's own probes: Test Connection, health):
          // providers get requests already resolved and never call back into the engine.
          resolveModelId: modelIdResolver(this.config),
          ...(region ? { region } : {}),
          ...(this.options.secretsFrom ? { secretsFrom: this.options.secretsFrom } : {}),
        });
      })();
      // A failed build (missing key, bad profile) is not cached: the user may fix it and retry.
      p.catch(() => this.providers.delete(id));
      this.providers.set(id, p);
    }
    return p;
  }

  stream(request: ModelRequest, options: StreamOptions = {}): AsyncGenerator<ClientEvent> {
    return this.run(request, options, 'stream');
  }

  async send(request: ModelRequest, options: StreamOptions = {}): Promise<RequestResult> {
    for await (const event of this.run(request, options, 'send')) {
      if (event.type === 'done') return event.result;
    }
    throw new SwitchboardError({ type: 'unknown', message: 'The request ended without a result.' });
  }

  private async *run(request: ModelRequest, options: StreamOptions, mode: 'stream' | 'send'): AsyncGenerator<ClientEvent> {
    const primary = options.provider ?? this.primary;
    const fallback = options.allowFailover === false ? undefined : this.fallbackFor(primary);
    if (providerDefinition(primary).regional || (fallback && providerDefinition(fallback).regional)) await this.bedrockRegion();
    yield* this.pipeline(request, options, mode, primary);
  }

  /** One request through the pipeline, with the total limit armed for its whole life. */
  private pipeline(request: ModelRequest, options: StreamOptions, mode: 'stream' | 'send', primary: ProviderId): AsyncIterable<ClientEvent> {
    const { controller: total, unlink } = linkedController(options.signal);
    let totalHit = false;
    const totalMs = this.deadlines.totalMs;
    const timer = totalMs > 0 ? setTimeout(() => {
      totalHit = true;
      total.abort();
    }, totalMs) : undefined;
    const ctx: RequestContext = {
      id: randomUUID(),
      started: Date.now(),
      signal: total.signal,
      totalDeadlineHit: () => totalHit,
      options,
      mode,
      deps: this.deps,
      primary,
      attempts: 0,
      providersTried: [],
    };
    return tap(pipeline().runPipeline(this.withDefaults(request), ctx), {
      end: () => {
        if (timer) clearTimeout(timer);
        unlink();
      },
    });
  }

  private withDefaults(request: ModelRequest): ModelRequest {
    const { config } = this;
    return {
      ...request,
      model: request.model || config.model,
      maxTokens: request.maxTokens ?? config.maxOutputTokens,
      thinkingBudget: request.thinkingBudget ?? (config.thinkingBudget > 0 ? config.thinkingBudget : undefined),
    };
  }

  /** Prove credentials and model access with the cheapest real call. */
  async testConnection(id: ProviderId = this.primary, options: { signal?: AbortSignal } = {}): Promise<AuthInfo> {
    try {
      const info = await (await this.provider(id)).validateAuth({ signal: options.signal });
      this.logger.info(`test connection ${id}: ${info.identity} ${info.region ?? ''} ${info.modelId} ${info.latencyMs} ms`);
      this.state.recordTest(id, { ok: true, info });
      return info;
    } catch (e) {
      const error = asError(e, id, options.signal);
      if (error.type !== 'cancelled') this.state.recordTest(id, { ok: false, error: error.message });
      throw e;
    }
  }

  async healthCheck(id: ProviderId, options: { signal?: AbortSignal } = {}): Promise<HealthResult> {
    try {
      return await (await this.provider(id)).healthCheck({ signal: options.signal });
    } catch (e) {
      const error = asError(e, id);
      return { ok: false, provider: id, latencyMs: 0, checkedAt: Date.now(), error: { type: error.type, message: error.message } };
    }
  }

  async dispose(): Promise<void> {
    this.state.dispose();
    try {
      this.options.storage?.close?.();
    } catch (e) {
      this.logger.warn(`storage: close failed (${(e as Error).message})`);
    }
    const built = [...this.providers.values()];
    this.providers.clear();
    for (const p of built) {
      const provider = (await p.catch(() => undefined))?.provider as (ModelProvider & { dispose?: () => Promise<void> }) | undefined;
      await provider?.dispose?.().catch(() => undefined);
    }
  }
}

let pipelineModule: typeof PipelineModule | undefined;

/**
 * The request pipeline (pipeline.ts: the stages and the provider call), loaded by the first
 * request: activation does not pay for it. Its own chunk in the bundles (esbuild.mjs LAZY_MODULES).
 */
function pipeline(): typeof PipelineModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return (pipelineModule ??= require('./pipeline') as typeof PipelineModule);
}

/** Name → ID from the config alone (models/resolve), the same rules as Engine.resolve. */
function modelIdResolver(config: SwitchboardConfig): (provider: ProviderId, model: string, region: string | undefined) => string {
  const { modelMapping, bedrock } = config;
  return (provider, model, region) => {
    const regional = providerDefinition(provider).regional;
    return resolveModel({ provider, model, region: regional ? region : undefined, mapping: modelMapping, inferenceProfile: regional ? bedrock.inferenceProfile : null }).modelId;
  };
}
