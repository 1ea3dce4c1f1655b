// The dashboard's logic without the editor: validates what the panel sends, runs Test Connection
// and the side-by-side test, and posts the view model after every change. The extension supplies
// a backend (state, usage, cache, commands); the unit and fuzz tests supply a fake one.
import type { CompareRow, DashboardHostMessage, DashboardViewModel, TestView } from '../../shared/dashboardProtocol';
import { validateDashboardMessage } from '../../shared/dashboardProtocol';
import type { ClientEvent, StreamOptions } from '../../core/engine/types';
import { isSwitchboardError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { AuthInfo, ModelRequest } from '../../core/types';
import { PROVIDER_FULL_LABELS, PROVIDER_IDS } from '../../shared/providers';
import type { ProviderId } from '../../shared/providers';
import { buildDashboardViewModel } from './viewModel';
import type { DashboardInput } from './viewModel';

/** The small prompt both providers get in the side-by-side test. */
export const COMPARE_PROMPT = 'Reply with one short sentence: which model are you?';

export interface DashboardBackend {
  /** Everything but the test results, which the controller keeps. */
  snapshot(): Promise<Omit<DashboardInput, 'compare'>>;
  testConnection(provider: ProviderId): Promise<AuthInfo>;
  /** Records the outcome of a connection test as the provider's health (what Test Connection does). */
  recordTest?(provider: ProviderId, outcome: { ok: true; latencyMs: number } | { ok: false; errorType: string; message: string }): void;
  stream(request: ModelRequest, options: StreamOptions): AsyncIterable<ClientEvent>;
  switchProvider(provider: ProviderId): Promise<void>;
  openSettings(provider?: ProviderId): Promise<void>;
  clearCache(): Promise<void>;
  showUsage(): Promise<void>;
}

export class DashboardController {
  private post: ((message: DashboardHostMessage) => void) | undefined;
  private ready = false;
  /** The last Test Connection per provider and when it finished. */
  private readonly tests = new Map<ProviderId, { view: TestView; at: number }>();
  private compareRows: CompareRow[] = [];
  private comparing = false;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  /** The last view model posted (the in-host tests read it). */
  lastModel: DashboardViewModel | undefined;
  /** Messages dropped by validation (for tests and the log). */
  dropped = 0;

  constructor(private readonly backend: DashboardBackend, private readonly logger: Logger, private readonly now: () => number = Date.now) {}

  /** A panel appeared: nothing is posted until its `ready` arrives. */
  attachView(post: (message: DashboardHostMessage) => void): void {
    this.post = post;
    this.ready = false;
  }

  detachView(): void {
    this.post = undefined;
    this.ready = false;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Never throws: a malformed message is dropped and logged, a failing action is logged. */
  async handle(raw: unknown): Promise<void> {
    const checked = validateDashboardMessage(raw);
    if (!checked.ok) {
      this.dropped++;
      this.logger.warn(`dashboard: dropped a message from the panel (${checked.reason})`);
      return;
    }
    const message = checked.message;
    try {
      switch (message.type) {
        case 'ready':
          this.ready = true;
          await this.refresh();
          return;
        case 'refresh':
          await this.refresh();
          return;
        case 'testConnection':
          await this.testConnection(message.provider);
          return;
        case 'compare':
          await this.compare();
          return;
        case 'switchProvider':
          await this.backend.switchProvider(message.provider);
          return;
        case 'openSettings':
          await this.backend.openSettings(message.provider);
          return;
        case 'clearCache':
          await this.backend.clearCache();
          await this.refresh();
          return;
        case 'showUsage':
          await this.backend.showUsage();
          return;
      }
    } catch (e) {
      this.logger.error(`dashboard: ${message.type} failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  /** Rebuild and post the view model; calls during a rebuild coalesce into one more. */
  async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          await this.rebuild();
        } while (this.refreshAgain);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async rebuild(): Promise<void> {
    if (!this.post || !this.ready) return;
    let input: Omit<DashboardInput, 'compare'>;
    try {
      input = await this.backend.snapshot();
    } catch (e) {
      this.logger.error(`dashboard: could not read the state: ${(e as Error)?.message ?? String(e)}`);
      return;
    }
    const model = buildDashboardViewModel({
      ...input,
      providers: input.providers.map((p) => {
        const test = this.tests.get(p.id);
        if (!test) return p;
        // A green result older than a "down" verdict would contradict the health shown above it.
        const stale = test.view.state === 'ok' && p.health && !p.health.ok && p.health.checkedAt > test.at;
        return stale ? p : { ...p, test: test.view };
      }),
      compare: { prompt: COMPARE_PROMPT, running: this.comparing, rows: this.compareRows },
    });
    this.lastModel = model;
    this.post?.({ type: 'update', model });
  }

  async testConnection(provider: ProviderId): Promise<TestView> {
    this.tests.set(provider, { view: { state: 'running' }, at: this.now() });
    void this.refresh();
    const started = Date.now();
    let result: TestView;
    try {
      const info = await this.backend.testConnection(provider);
      result = { state: 'ok', identity: info.identity, modelId: info.modelId, latencyMs: Math.round(info.latencyMs), ...(info.region ? { region: info.region } : {}) };
      this.backend.recordTest?.(provider, { ok: true, latencyMs: info.latencyMs });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const errorType = isSwitchboardError(error) ? error.type : 'unknown';
      result = { state: 'error', errorType, message: error.message, ...(isSwitchboardError(error) && error.hint ? { hint: error.hint } : {}) };
      this.backend.recordTest?.(provider, { ok: false, errorType, message: error.message });
      this.logger.info(`dashboard: test connection ${provider} failed after ${Date.now() - started} ms: ${error.message}`);
    }
    this.tests.set(provider, { view: result, at: this.now() });
    await this.refresh();
    return result;
  }

  /** The same small prompt to both providers, each forced and without failover or cache. */
  async compare(): Promise<CompareRow[]> {
    if (this.comparing) return this.compareRows;
    this.comparing = true;
    const snapshot = await this.backend.snapshot().catch(() => undefined);
    const model = snapshot?.model ?? 'sonnet';
    this.compareRows = PROVIDER_IDS.map((provider) => ({ provider, label: PROVIDER_FULL_LABELS[provider], state: 'running' }));
    void this.refresh();
    try {
      this.compareRows = await Promise.all(PROVIDER_IDS.map((provider) => this.compareOne(provider, model)));
    } finally {
      this.comparing = false;
    }
    await this.refresh();
    return this.compareRows;
  }

  private async compareOne(provider: ProviderId, model: string): Promise<CompareRow> {
    const label = PROVIDER_FULL_LABELS[provider];
    const request: ModelRequest = { model, messages: [{ role: 'user', content: COMPARE_PROMPT }], maxTokens: 64 };
    try {
      for await (const event of this.backend.stream(request, { provider, allowFailover: false, cache: false })) {
        if (event.type !== 'done') continue;
        const r = event.result;
        const u = r.usage;
        return {
          provider, label, state: 'ok', modelId: r.modelId,
          latency: `${Math.round(r.latencyMs)} ms${r.timeToFirstTokenMs !== undefined ? ` (first token ${Math.round(r.timeToFirstTokenMs)} ms)` : ''}`,
          tokens: `${u.inputTokens + u.cacheReadInputTokens + u.cacheWriteInputTokens} in · ${u.outputTokens} out`,
          cost: r.costUsd === null ? 'unknown' : `$${r.costUsd.toFixed(6)}`,
        };
      }
      return { provider, label, state: 'error', error: 'the stream ended without an answer' };
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      return { provider, label, state: 'error', error: `${isSwitchboardError(error) ? `${error.type}: ` : ''}${error.message}` };
    }
  }
}
