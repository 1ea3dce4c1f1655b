// The Overview tab's host side: Test Connection and the side-by-side test, whose running state
// and results this section owns, and the editor actions the cards offer.
import type { ClientEvent, StreamOptions } from '../../core/engine/types';
import { isSwitchboardError } from '../../core/errors';
import type { AuthInfo, ModelRequest } from '../../core/types';
import type { CompareRow, OVERVIEW_SHAPES, OverviewPart, TestView } from '../../shared/dashboard/overview';
import type { SectionMessage } from '../../shared/dashboard/protocol';
import { PROVIDER_FULL_LABELS, PROVIDER_IDS } from '../../shared/providers';
import type { ProviderId } from '../../shared/providers';
import type { OverviewInput } from './overviewView';
import type { SectionHost } from './section';

/** The small prompt both providers get in the side-by-side test. */
export const COMPARE_PROMPT = 'Reply with one short sentence: which model are you?';

export interface OverviewBackend {
  /** The engine's resolution, health and routing, as every surface shows them. */
  overview(): Promise<OverviewInput>;
  testConnection(provider: ProviderId): Promise<AuthInfo>;
  /** Records the outcome of a connection test as the provider's health (what Test Connection does). */
  recordTest?(provider: ProviderId, outcome: { ok: true; latencyMs: number } | { ok: false; errorType: string; message: string }): void;
  stream(request: ModelRequest, options: StreamOptions): AsyncIterable<ClientEvent>;
  switchProvider(provider: ProviderId): Promise<void>;
  openSettings(provider?: ProviderId): Promise<void>;
}

export type OverviewMessage = SectionMessage<typeof OVERVIEW_SHAPES>;

export class OverviewSection {
  /** The last Test Connection per provider and when it finished. */
  private readonly tests = new Map<ProviderId, { view: TestView; at: number }>();
  private compareRows: CompareRow[] = [];
  private comparing = false;

  constructor(private readonly backend: OverviewBackend, private readonly host: SectionHost) {}

  async handle(message: OverviewMessage): Promise<void> {
    switch (message.type) {
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
    }
  }

  /** The backend's input with this section's own state (test results, the side-by-side rows) added. */
  async input(): Promise<OverviewInput & { compare: OverviewPart['compare'] }> {
    const input = await this.backend.overview();
    return {
      ...input,
      providers: input.providers.map((p) => {
        const test = this.tests.get(p.id);
        if (!test) return p;
        // A green result older than a "down" verdict would contradict the health shown above it.
        const stale = test.view.state === 'ok' && p.health && !p.health.ok && p.health.checkedAt > test.at;
        return stale ? p : { ...p, test: test.view };
      }),
      compare: { prompt: COMPARE_PROMPT, running: this.comparing, rows: this.compareRows },
    };
  }

  async testConnection(provider: ProviderId): Promise<TestView> {
    this.tests.set(provider, { view: { state: 'running' }, at: this.host.now() });
    void this.host.refresh();
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
      this.host.logger.info(`dashboard: test connection ${provider} failed after ${Date.now() - started} ms: ${error.message}`);
    }
    this.tests.set(provider, { view: result, at: this.host.now() });
    await this.host.refresh();
    return result;
  }

  /** The same small prompt to both providers, each forced and without failover or cache. */
  async compare(): Promise<CompareRow[]> {
    if (this.comparing) return this.compareRows;
    this.comparing = true;
    const snapshot = await this.backend.overview().catch(() => undefined);
    const model = snapshot?.model ?? 'sonnet';
    this.compareRows = PROVIDER_IDS.map((provider) => ({ provider, label: PROVIDER_FULL_LABELS[provider], state: 'running' }));
    void this.host.refresh();
    try {
      this.compareRows = await Promise.all(PROVIDER_IDS.map((provider) => this.compareOne(provider, model)));
    } finally {
      this.comparing = false;
    }
    await this.host.refresh();
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
