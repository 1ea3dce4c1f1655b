import * as vscode from 'vscode';
import type { ResponseCache } from '../../core/cache/responseCache';
import type { ClientEvent, EngineChange, EngineState, RequestResult, ResolvedConfig, StreamOptions, Switchboard } from '../../core/engine/types';
import type { AuthInfo, ModelRequest } from '../../core/types';
import { BreakerRegistry } from '../../core/routing/circuitBreaker';
import type { LocalStore } from '../../core/storage/localStore';
import type { EngineView } from '../../presenters/engineViews';
import { noticeFixes } from '../../core/errorFixes';
import type { FixContext } from '../../core/errorFixes';
import type { ProviderId } from '../../shared/providers';
import type { ExtensionLogger } from '../log';
import { notifyWithFixes } from '../runFix';
import type { SecretStore, StoredSecrets } from '../secrets';
import type { Settings } from '../settings/settings';
import type { SettingKey } from '../settings/settingsTable';
import { SETTINGS } from '../settings/settingsTable';
import type { UsageService } from '../usage';
import { authDescription } from './authDescription';
import { buildExtensionEngine } from './buildEngine';
import { ConfigLoader } from './configLoader';
import { EngineLeases } from './engineLeases';
import { HealthHistorySync } from './healthHistorySync';
import { engineView, fixContextOf, resolvedModelOf } from './engineView';
import { describeSources, pinMessages, resolveConfig } from './configView';
import type { ExtensionConfig } from './configView';


/** What the host's one change event says: the engine was rebuilt, or the engine's own change. */
export type HostChange = { kind: 'rebuilt'; reason: string } | EngineChange;

export interface EngineHostDeps {
  context: { globalStorageUri: vscode.Uri; globalState: vscode.Memento; workspaceState: vscode.Memento };
  settings: Settings;
  secrets: SecretStore;
  logger: ExtensionLogger;
  usage: UsageService;
  /** The process environment by default; tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** The local store shared with the CLI (default: the usage service's). */
  store?: LocalStore;
}

/**
 * The extension's engine, built by createSwitchboard (core's one composition root) from
 * settings + config.yml + environment, SecretStorage, global storage (ledger, response cache,
 * health history) and the log — and rebuilt when any of them changes. Features read `resolved`
 * (the configuration as the engine uses it), `state` (health, failover, spend, tests) and
 * `config` (each value's source), and listen to `onDidChange`; none of them writes state.
 */
export class EngineHost implements vscode.Disposable {
  private current: { engine: Switchboard; config: ExtensionConfig; resolved: ResolvedConfig; subscription: { dispose(): void } } | undefined;
  private secretValues: StoredSecrets = {};
  private readonly emitter = new vscode.EventEmitter<HostChange>();
  readonly onDidChange: vscode.Event<HostChange> = this.emitter.event;
  /** Shared across rebuilt engines so an open breaker survives a settings change. */
  private readonly breakers = new BreakerRegistry();
  /** The store's response cache with this window's settings; made on first use (not during activation: the store opens then). */
  private cache: ResponseCache | undefined;
  private readonly loader: ConfigLoader;
  private readonly env: NodeJS.ProcessEnv;
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  private latest: Promise<boolean> | undefined;
  /** The newest rebuild in flight (settings, secrets); requests wait for it. */
  private pending: Promise<unknown> = Promise.resolve();
  private readonly leases = new EngineLeases();
  readonly store: LocalStore;
  private readonly history: HealthHistorySync;

  constructor(private readonly deps: EngineHostDeps) {
    this.env = deps.env ?? process.env;
    this.store = deps.store ?? deps.usage.store;
    this.history = new HealthHistorySync(this.store, deps.context.globalState, deps.logger);
    this.loader = new ConfigLoader(deps.settings, deps.context.workspaceState, deps.logger, () => void this.reload('workspace config allowed'));
    this.disposables.push(
      deps.secrets.onDidChange((name) => {
        // Tracked from the event on, so a request made right after "Set API Key" waits for the rebuilt engine.
        this.track((async () => {
          this.secretValues = await deps.secrets.getAll();
          await this.reload(`secret ${name} changed`);
        })());
      }),
      deps.settings.onDidChange((keys) => void this.onSettings(keys)),
      vscode.window.onDidChangeWindowState((w) => {
        // Periodic health checks only while a window is focused.
        if (w.focused) this.current?.engine.health.resume();
        else this.current?.engine.health.pause();
      }),
    );
  }

  get engine(): Switchboard {
    return this.built().engine;
  }

  /** The configuration with each value's source (pins, the log). */
  get config(): ExtensionConfig {
    return this.built().config;
  }

  /** The configuration as used: provider, the region with its source, model IDs, prices. */
  get resolved(): ResolvedConfig {
    return this.built().resolved;
  }

  get state(): EngineState {
    return this.built().engine.health.state();
  }

  /** Who answers now: the fallback while failed over, else the primary. */
  get activeProvider(): ProviderId {
    return this.state.failover?.to ?? this.resolved.provider;
  }

  get responseCache(): ResponseCache {
    return (this.cache ??= this.openCache());
  }

  /** The ID a request for `model` would be sent as on `provider` (the engine's resolution), or why not. */
  resolvedModel(provider: ProviderId, model = this.resolved.model): { modelId?: string; error?: string } {
    return resolvedModelOf(this.engine, this.view(), provider, model);
  }

  /** Everything a surface shows, from the engine's resolution and state (src/presenters/engineViews.ts). */
  view(): EngineView {
    return engineView(this.engine, this.resolved, this.config, (p) => this.authDescription(p));
  }

  /** What the error fixes depend on (src/core/errorFixes): provider, fallback, key sources, who serves `model`. */
  fixContext(model: string = this.resolved.model): FixContext {
    return fixContextOf({ config: this.config, secrets: this.secretValues, env: this.env, activeProvider: this.activeProvider, serves: (p) => this.resolvedModel(p, model).modelId !== undefined });
  }

  authDescription(provider: ProviderId): string {
    return authDescription(provider, this.config, this.secretValues, this.env);
  }

  async start(): Promise<void> {
    this.secretValues = await this.deps.secrets.getAll();
    await this.history.load();
    const ok = await this.reload('activation');
    if (!ok && !this.current) {
      // First load with broken settings: run on environment + defaults until they are fixed.
      const fallback = resolveConfig({ settings: {}, environment: this.env });
      if (fallback.ok) await this.install(fallback.config, 'defaults (the settings are invalid)', this.generation);
    }
    // Off the activation path: this month's spend for the status bar is a ledger read.
    setTimeout(() => void this.seedSpend(), 0);
  }

  /**
   * Re-resolve settings + file + environment and rebuild the engine. On invalid input: one
   * warning naming the bad field (with Open Settings), and the previous engine stays in use.
   */
  reload(reason: string, explicitProvider?: ProviderId): Promise<boolean> {
    const generation = ++this.generation;
    const run = this.load(generation, reason, explicitProvider);
    this.latest = run;
    this.track(run);
    return run;
  }

  private track(work: Promise<unknown>): void {
    this.pending = work.catch(() => undefined);
  }

  /** Resolves once no rebuild is in flight (the engine then matches settings and secrets). */
  async whenReady(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.pending;
      await seen;
    } while (seen !== this.pending);
  }

  // The surfaces' requests: on the engine current once pending rebuilds are done, which is kept
  // alive until they end even if settings change meanwhile.

  async *stream(request: ModelRequest, options?: StreamOptions): AsyncGenerator<ClientEvent> {
    await this.whenReady();
    const engine = this.leases.hold(this.engine);
    try {
      yield* engine.stream(request, options);
    } finally {
      this.leases.release(engine);
    }
  }

  send(request: ModelRequest, options?: StreamOptions): Promise<RequestResult> {
    return this.onCurrent((engine) => engine.send(request, options));
  }

  testConnection(provider?: ProviderId, options?: { signal?: AbortSignal }): Promise<AuthInfo> {
    return this.onCurrent((engine) => engine.testConnection(provider, options));
  }

  private async onCurrent<T>(use: (engine: Switchboard) => Promise<T>): Promise<T> {
    await this.whenReady();
    const engine = this.leases.hold(this.engine);
    try {
      return await use(engine);
    } finally {
      this.leases.release(engine);
    }
  }

  private async load(generation: number, reason: string, explicitProvider?: ProviderId): Promise<boolean> {
    const stored = { anthropicApiKey: Boolean(this.secretValues.anthropicApiKey), bedrockApiKey: Boolean(this.secretValues.bedrockApiKey) };
    const result = await this.loader.load(this.env, stored, explicitProvider);
    // A newer reload started while the file was read: it decides.
    if (generation !== this.generation) return (await this.latest) ?? true;
    if (!result.ok) {
      const first = result.errors[0]!;
      const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more, see the log)` : '';
      for (const e of result.errors) this.deps.logger.error(`invalid setting: ${e.message}`);
      const keep = this.current ? ' The previous working configuration stays in use.' : '';
      void vscode.window.showWarningMessage(`Switchboard: ${first.message}${more}.${keep}`, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', `switchboard.${first.path.split('.').slice(0, 2).join('.')}`);
      });
      return false;
    }
    for (const w of result.warnings) this.deps.logger.warn(w.message);
    if (!(await this.install(result.config, reason, generation))) return (await this.latest) ?? true;
    // Only a configuration that loaded decides how much history the store keeps (never the defaults of a broken one).
    this.store.applyRetention(result.config.core.config.retention ?? {});
    return true;
  }

  /** Builds and swaps in the engine; false when a newer reload superseded this one meanwhile. */
  private async install(config: ExtensionConfig, reason: string, generation: number): Promise<boolean> {
    const previous = this.current;
    const engine = this.build(config, previous);
    let resolved: ResolvedConfig;
    try {
      resolved = await engine.resolved();
    } catch (e) {
      void engine.dispose();
      this.deps.logger.error(`configuration (${reason}) could not be resolved: ${(e as Error).message}`);
      void vscode.window.showWarningMessage(`Switchboard: ${(e as Error).message}${previous ? ' The previous working configuration stays in use.' : ''}`);
      return false;
    }
    if (generation !== this.generation) {
      void engine.dispose();
      return false;
    }
    const log = this.deps.logger;
    log.info(`configuration (${reason}): provider ${resolved.provider}, model ${resolved.model}; Bedrock region ${resolved.bedrock.region.region} (${resolved.bedrock.region.source}: ${resolved.bedrock.region.origin})`);
    for (const line of describeSources(config)) log.info(`  ${line}`);
    const subscription = engine.onDidChange((change) => this.onEngineChange(engine, change));
    this.current = { engine, config, resolved, subscription };
    if (previous) {
      previous.subscription.dispose();
      this.history.save(previous.engine);
      previous.engine.health.pause();
      this.leases.retire(previous.engine);
    }
    if (this.deps.settings.get('health.intervalSeconds') > 0) engine.health.start();
    if (!vscode.window.state.focused) engine.health.pause();
    this.emitter.fire({ kind: 'rebuilt', reason });
    return true;
  }

  private build(config: ExtensionConfig, previous: EngineHost['current']): Switchboard {
    return buildExtensionEngine({
      config,
      secrets: this.secretValues,
      setting: (key) => this.deps.settings.get(key),
      usage: this.deps.usage.engineOptions(),
      ledger: this.store.ledger,
      responseCache: this.responseCache,
      breakers: this.breakers,
      // The last engine's window, else the one persisted before the window reloaded.
      healthHistory: previous?.engine.health.serialize() ?? this.history.stored,
      logger: this.deps.logger,
      env: this.env,
    });
  }

  private onEngineChange(engine: Switchboard, change: EngineChange): void {
    if (this.current?.engine !== engine) return;
    if (change.kind === 'failover' && change.change.failover) {
      const f = change.change.failover;
      this.deps.logger.warn(`failover ${f.from} → ${f.to}: ${f.reason}`);
      this.history.recordFailover(f);
    }
    if (change.kind === 'health' || change.kind === 'failover') this.history.schedule(engine);
    if (change.kind === 'notice') {
      // The notice's own fixes, primary first (src/core/errorFixes), like every other notification.
      void notifyWithFixes(change.level, `Switchboard: ${change.message}`, noticeFixes(change.code, { fallbackProvider: this.current?.resolved.fallback ?? null }));
    }
    this.emitter.fire(change);
  }

  private async onSettings(keys: SettingKey[]): Promise<void> {
    if (keys.some((k) => k.startsWith('cache.'))) {
      void this.cache?.flush();
      this.cache = this.openCache();
    }
    if (!keys.some((k) => SETTINGS[k].role !== 'budget')) return;
    await this.reload(`settings changed: ${keys.join(', ')}`);
    this.explainEnvironmentPins(keys);
  }

  /** Tells the user when a setting they just changed is pinned by the environment. */
  private explainEnvironmentPins(changed: readonly SettingKey[]): void {
    if (this.current) for (const m of pinMessages(this.current.config, changed, this.env)) void vscode.window.showInformationMessage(m);
  }

  /** The store's response cache (shared with the CLI and other windows) with this window's settings. */
  private openCache(): ResponseCache {
    const s = this.deps.settings;
    return this.store.responseCache.withOptions({ ttlMs: s.get('cache.ttlSeconds') * 1000, maxEntries: s.get('cache.maxEntries'), maxBytes: s.get('cache.maxBytes'), logger: this.deps.logger });
  }

  /** This month's spend from the store (every window's and the CLI's), told to the engine (which then owns it). */
  private async seedSpend(): Promise<void> {
    try {
      const m = await this.store.ledger.monthToDate(new Date());
      this.current?.engine.usage.setSpend({ usd: m.usd, requests: m.requests, unpriced: m.unpriced, cacheWriteUsd: m.cacheWriteUsd });
    } catch (e) {
      this.deps.logger.debug(`usage ledger not readable: ${(e as Error).message}`);
    }
  }

  private built(): NonNullable<EngineHost['current']> {
    if (!this.current) throw new Error('EngineHost used before start()');
    return this.current;
  }

  dispose(): void {
    const current = this.current;
    this.history.close(current?.engine);
    if (current) {
      current.subscription.dispose();
      void current.engine.dispose();
    }
    void this.cache?.flush();
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
