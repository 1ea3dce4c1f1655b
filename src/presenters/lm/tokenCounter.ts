// provideTokenCount behind a cache: VS Code asks for the same messages again and again (every
// turn, every part), so exact counts (Anthropic count_tokens / Bedrock CountTokens) are kept in an
// LRU keyed by a hash of the model and content, equal concurrent asks share one call, and while
// the count endpoint is unreachable a local estimate answers without waiting on the network.
import { createHash } from 'node:crypto';
import { stableJson } from '../../core/cache/cacheKey';
import type { ModelRequest, TokenCount } from '../../core/types';

export interface TokenCounterOptions {
  /** The exact count (the engine's provider); may return an estimate itself (`exact: false`). */
  count(request: ModelRequest, signal?: AbortSignal): Promise<TokenCount>;
  /** The local estimate when counting fails. */
  estimate(request: ModelRequest): number;
  /** Entries kept (default 2000). */
  maxEntries?: number;
  /** After a failed count, estimate without calling for this long (default 30 s). */
  offlineMs?: number;
  now?: () => number;
}

export interface TokenCounterStats {
  hits: number;
  calls: number;
  estimates: number;
  size: number;
}

export class TokenCounter {
  private readonly entries = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<number>>();
  private offlineUntil = 0;
  private readonly stats = { hits: 0, calls: 0, estimates: 0 };

  constructor(private readonly options: TokenCounterOptions) {}

  /** `scope` says whose tokenizer (the provider and model ID the request would be sent as). */
  async count(scope: string, request: ModelRequest, signal?: AbortSignal): Promise<number> {
    const key = keyOf(scope, request);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.stats.hits++;
      return hit;
    }
    const now = this.options.now ?? Date.now;
    if (now() < this.offlineUntil) return this.estimated(request);
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const run = this.exact(key, request, signal).finally(() => this.inflight.delete(key));
    this.inflight.set(key, run);
    return run;
  }

  statistics(): TokenCounterStats {
    return { ...this.stats, size: this.entries.size };
  }

  clear(): void {
    this.entries.clear();
    this.offlineUntil = 0;
  }

  private async exact(key: string, request: ModelRequest, signal?: AbortSignal): Promise<number> {
    this.stats.calls++;
    let result: TokenCount;
    try {
      result = await this.options.count(request, signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      this.offlineUntil = (this.options.now ?? Date.now)() + (this.options.offlineMs ?? 30_000);
      return this.estimated(request);
    }
    // An estimate from the provider (endpoint without count_tokens) is not worth keeping as if exact.
    if (result.exact) this.remember(key, result.inputTokens);
    else this.stats.estimates++;
    return result.inputTokens;
  }

  private estimated(request: ModelRequest): number {
    this.stats.estimates++;
    return this.options.estimate(request);
  }

  private remember(key: string, tokens: number): void {
    this.entries.set(key, tokens);
    const max = this.options.maxEntries ?? 2000;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value as string);
  }
}

function keyOf(scope: string, request: ModelRequest): string {
  const { system, messages, tools } = request;
  return createHash('sha256').update(scope).update('\0').update(stableJson({ system, messages, tools })).digest('base64url');
}
