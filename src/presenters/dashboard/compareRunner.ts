// The same prompt to several providers at once, each forced (no failover) and uncached, with each
// answer kept beside its latency, tokens and cost. The Overview's side-by-side test and the
// Migrate wizard each own one.
import type { ClientEvent, StreamOptions } from '../../core/engine/types';
import { isSwitchboardError } from '../../core/errors';
import type { ModelRequest } from '../../core/types';
import type { CompareRow, CompareView } from '../../shared/dashboard/overview';
import { PROVIDER_FULL_LABELS } from '../../shared/providers';
import type { ProviderId } from '../../shared/providers';

/** Output tokens each provider may spend on the answer (a side-by-side answer, not an essay). */
export const COMPARE_MAX_TOKENS = 1024;

export type CompareStream = (request: ModelRequest, options: StreamOptions) => AsyncIterable<ClientEvent>;

export class CompareRunner {
  private rows: CompareRow[] = [];
  private running = false;
  private prompt: string;

  /** `changed` is called when rows start and when they finish (the section posts a new view); `run` waits for the last. */
  constructor(private readonly stream: CompareStream, suggested: string, private readonly changed: () => Promise<void>, private readonly surface?: string) {
    this.prompt = suggested;
  }

  view(): CompareView {
    return { prompt: this.prompt, running: this.running, rows: this.rows, maxTokens: COMPARE_MAX_TOKENS };
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Runs `prompt` on every provider at once; a second call while one runs returns the rows as they are. */
  async run(providers: readonly ProviderId[], model: string, prompt = this.prompt): Promise<CompareRow[]> {
    if (this.running) return this.rows;
    this.running = true;
    this.prompt = prompt;
    this.rows = providers.map((provider) => ({ provider, label: PROVIDER_FULL_LABELS[provider], state: 'running' }));
    void this.changed();
    try {
      this.rows = await Promise.all(providers.map((provider) => this.runOne(provider, model, prompt)));
    } finally {
      this.running = false;
    }
    await this.changed();
    return this.rows;
  }

  private async runOne(provider: ProviderId, model: string, prompt: string): Promise<CompareRow> {
    const label = PROVIDER_FULL_LABELS[provider];
    const request: ModelRequest = { model, messages: [{ role: 'user', content: prompt }], maxTokens: COMPARE_MAX_TOKENS };
    try {
      for await (const event of this.stream(request, { provider, allowFailover: false, cache: false, ...(this.surface ? { surface: this.surface } : {}) })) {
        if (event.type !== 'done') continue;
        const r = event.result;
        const u = r.usage;
        return {
          provider, label, state: 'ok', modelId: r.modelId,
          latency: `${Math.round(r.latencyMs)} ms${r.timeToFirstTokenMs !== undefined ? ` (first token ${Math.round(r.timeToFirstTokenMs)} ms)` : ''}`,
          tokens: `${u.inputTokens + u.cacheReadInputTokens + u.cacheWriteInputTokens} in · ${u.outputTokens} out`,
          cost: r.costUsd === null ? 'unknown' : `$${r.costUsd.toFixed(6)}`,
          answer: r.text,
        };
      }
      return { provider, label, state: 'error', error: 'the stream ended without an answer' };
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      return { provider, label, state: 'error', error: `${isSwitchboardError(error) ? `${error.type}: ` : ''}${error.message}` };
    }
  }
}
