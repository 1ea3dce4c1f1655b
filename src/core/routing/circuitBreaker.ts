/**
 * A circuit breaker per provider + model. Closed: requests flow. After `failureThreshold`
 * failures within `windowMs` it opens: no request is sent for `openMs`. Then it half-opens and
 * lets exactly one probe through; success closes it, failure opens it again.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  failureThreshold: number;
  windowMs: number;
  openMs: number;
  now?: () => number;
}

export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = { failureThreshold: 5, windowMs: 60_000, openMs: 30_000 };

export class CircuitBreaker {
  private failures: number[] = [];
  private openedAt: number | undefined;
  private probeInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions = DEFAULT_BREAKER_OPTIONS) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** May a request go out now? In half-open, only the first caller gets to probe. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  /** Time until the breaker lets a probe through (0 when it would now). */
  retryInMs(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, this.openedAt + this.options.openMs - this.now());
  }

  recordSuccess(): void {
    this.failures = [];
    this.openedAt = undefined;
    this.probeInFlight = false;
  }

  recordFailure(): void {
    const t = this.now();
    if (this.probeInFlight || this.openedAt !== undefined) {
      // A failed probe (or a late failure while open) re-opens for a full period.
      this.openedAt = t;
      this.probeInFlight = false;
      return;
    }
    this.failures = this.failures.filter((f) => t - f < this.options.windowMs);
    this.failures.push(t);
    if (this.failures.length >= this.options.failureThreshold) {
      this.openedAt = t;
      this.failures = [];
    }
  }

  /**
   * A healthy health check while open: let the next request probe now instead of waiting out
   * the open period. Not a full close: a cheap check (list models) passing does not prove the
   * model answers, so one real request decides, as after the open period.
   */
  allowProbeNow(): void {
    if (this.openedAt !== undefined && !this.probeInFlight) this.openedAt = Math.min(this.openedAt, this.now() - this.options.openMs);
  }

  /** A probe that ended without a verdict (cancelled, invalid request) frees the slot. */
  release(): void {
    this.probeInFlight = false;
  }
}

/** Breakers keyed by `provider:modelId`, created on first use. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();
  constructor(private readonly options: BreakerOptions = DEFAULT_BREAKER_OPTIONS) {}

  get(provider: string, modelId: string): CircuitBreaker {
    const key = `${provider}:${modelId}`;
    let b = this.breakers.get(key);
    if (!b) {
      b = new CircuitBreaker(this.options);
      this.breakers.set(key, b);
    }
    return b;
  }

  /** After a healthy health check of `provider`: every open breaker of it lets a probe through now. */
  allowProbes(provider: string): void {
    for (const [key, b] of this.breakers) if (key.startsWith(`${provider}:`)) b.allowProbeNow();
  }

  states(): Array<{ key: string; state: BreakerState }> {
    return [...this.breakers.entries()].map(([key, b]) => ({ key, state: b.state }));
  }
}
