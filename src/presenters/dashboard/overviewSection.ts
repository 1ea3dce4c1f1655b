// The Overview tab's host side: Test Connection (its running state and its failures, which this
// section owns; a success is the engine's state) and the side-by-side test, and the editor actions
// the cards offer.
import type { ClientEvent, StreamOptions } from '../../core/engine/types';
import { isSwitchboardError } from '../../core/errors';
import type { AuthInfo, ModelRequest } from '../../core/types';
import type { OVERVIEW_SHAPES, OverviewPart, TestView } from '../../shared/dashboard/overview';
import type { SectionMessage } from '../../shared/dashboard/protocol';
import { PROVIDER_IDS } from '../../shared/providers';
import type { ProviderId } from '../../shared/providers';
import { CompareRunner } from './compareRunner';
import type { OverviewInput } from './overviewView';
import type { SectionHost } from './section';

/** The prompt the side-by-side test suggests; the page lets the user type another. */
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
  readonly compareRunner: CompareRunner;

  constructor(private readonly backend: OverviewBackend, private readonly host: SectionHost) {
    this.compareRunner = new CompareRunner((request, options) => backend.stream(request, options), COMPARE_PROMPT, () => host.refresh());
  }

  async handle(message: OverviewMessage): Promise<void> {
    switch (message.type) {
      case 'testConnection':
        await this.testConnection(message.provider);
        return;
      case 'compare':
        await this.compare(message.prompt);
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
      compare: this.compareRunner.view(),
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

  /** The prompt (the suggested one when none is given) to both providers, each forced, without failover or cache. */
  async compare(prompt?: string): ReturnType<CompareRunner['run']> {
    const snapshot = await this.backend.overview().catch(() => undefined);
    return this.compareRunner.run(PROVIDER_IDS, snapshot?.model ?? 'sonnet', prompt);
  }
}
