import { silentLogger } from '../logger';
import type { Logger } from '../logger';
import type { HealthResult, ProviderId } from '../types';

/**
 * Provider health from two sources: periodic cheap checks (`healthCheck`, e.g. list models) and
 * the outcome of real requests (passive). Status over a rolling window of samples:
 *
 * - `unknown`  no sample in the window yet.
 * - `down`     the last `downConsecutiveFailures` samples all failed, or (with at least
 *              `minSamples`) the error rate is ≥ `downErrorRate` — unless the newest sample
 *              succeeded, which caps the status at `degraded` (it is answering again).
 * - `degraded` the newest sample failed, or the error rate is ≥ `degradedErrorRate`, or the
 *              p95 latency of successful samples is ≥ `degradedP95Ms`.
 * - `ok`       otherwise.
 *
 * Request latency is the time to first token when there was one (total time of a long answer
 * says nothing about the provider), checks use their round trip.
 */
export type { HealthStatus } from '../../shared/providers';
import type { HealthStatus } from '../../shared/providers';

export interface HealthSample {
  at: number;
  source: 'check' | 'request';
  ok: boolean;
  latencyMs: number;
  errorType?: string;
  message?: string;
}

export interface ProviderHealth {
  provider: ProviderId;
  status: HealthStatus;
  /** Samples inside the window. */
  samples: number;
  errorRate: number;
  p50Ms?: number;
  p95Ms?: number;
  lastError?: { at: number; type: string; message: string };
  lastSampleAt?: number;
}

export interface HealthThresholds {
  windowMs: number;
  minSamples: number;
  degradedErrorRate: number;
  downErrorRate: number;
  downConsecutiveFailures: number;
  degradedP95Ms: number;
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  windowMs: 10 * 60_000,
  minSamples: 4,
  degradedErrorRate: 0.1,
  downErrorRate: 0.5,
  downConsecutiveFailures: 3,
  degradedP95Ms: 15_000,
};

/** Injected so tests drive the periodic checks without waiting. */
export interface HealthTimer {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimer: HealthTimer = {
  setInterval: (fn, ms) => {
    const h = setInterval(fn, ms);
    // Periodic checks must never keep a CLI or test process alive.
    h.unref?.();
    return h;
  },
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

export interface HealthHistory {
  version: 1;
  samples: Partial<Record<ProviderId, HealthSample[]>>;
}

export interface HealthMonitorOptions {
  providers: ProviderId[];
  /** The cheap check; absent = passive health only. */
  check?: (provider: ProviderId, signal: AbortSignal) => Promise<HealthResult>;
  /** Between periodic checks (default 60 s). */
  intervalMs?: number;
  /** Samples kept per provider (default 200), the rolling history that is persisted. */
  historySize?: number;
  thresholds?: Partial<HealthThresholds>;
  now?: () => number;
  timer?: HealthTimer;
  logger?: Logger;
}

export const DEFAULT_HEALTH_INTERVAL_MS = 60_000;

export class HealthMonitor {
  private readonly history = new Map<ProviderId, HealthSample[]>();
  private readonly status = new Map<ProviderId, HealthStatus>();
  private readonly listeners = new Set<(health: ProviderHealth) => void>();
  private readonly thresholds: HealthThresholds;
  private readonly now: () => number;
  private readonly timer: HealthTimer;
  private readonly logger: Logger;
  private handle: unknown;
  private started = false;
  private paused = false;
  private checking: AbortController | undefined;
  readonly intervalMs: number;
  readonly historySize: number;

  constructor(private readonly options: HealthMonitorOptions) {
    this.thresholds = { ...DEFAULT_HEALTH_THRESHOLDS, ...options.thresholds };
    this.now = options.now ?? Date.now;
    this.timer = options.timer ?? realTimer;
    this.logger = options.logger ?? silentLogger;
    this.intervalMs = options.intervalMs ?? DEFAULT_HEALTH_INTERVAL_MS;
    this.historySize = Math.max(1, options.historySize ?? 200);
  }

  get providers(): readonly ProviderId[] {
    return this.options.providers;
  }

  /** Is the periodic timer running (started and not paused)? */
  get running(): boolean {
    return this.handle !== undefined;
  }

  /** Start the periodic checks (the CLI never does: one request needs no monitor). */
  start(): void {
    this.started = true;
    this.arm();
  }

  stop(): void {
    this.started = false;
    this.disarm();
  }

  /** Stop checking while nobody looks (no focused window); passive samples still count. */
  pause(): void {
    this.paused = true;
    this.disarm();
  }

  /** Back from a pause: check at once if the last check is older than the interval. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (!this.started) return;
    this.arm();
    const last = Math.min(...this.options.providers.map((p) => this.lastCheckAt(p) ?? -Infinity));
    if (this.options.check && this.now() - last >= this.intervalMs) void this.checkNow();
  }

  /** Run the cheap check for each provider (or one); never throws. */
  async checkNow(provider?: ProviderId): Promise<void> {
    const check = this.options.check;
    // A slow round still running: the next tick does not start a second one beside it.
    if (!check || (this.checking && !provider)) return;
    const controller = new AbortController();
    this.checking = controller;
    for (const id of provider ? [provider] : this.options.providers) {
      if (controller.signal.aborted) break;
      const started = this.now();
      let result: HealthResult;
      try {
        result = await check(id, controller.signal);
      } catch (e) {
        result = { ok: false, provider: id, latencyMs: this.now() - started, checkedAt: this.now(), error: { type: 'unknown', message: (e as Error).message } };
      }
      if (controller.signal.aborted) break;
      this.recordCheck(result);
    }
    if (this.checking === controller) this.checking = undefined;
  }

  recordCheck(result: HealthResult): void {
    this.add(result.provider, { at: result.checkedAt, source: 'check', ok: result.ok, latencyMs: result.latencyMs, ...(result.error ? { errorType: result.error.type, message: result.error.message } : {}) });
  }

  /** Passive health: the client reports each real request's outcome. */
  recordRequest(provider: ProviderId, outcome: { ok: boolean; latencyMs: number; errorType?: string; message?: string }): void {
    this.add(provider, { at: this.now(), source: 'request', ...outcome });
  }

  snapshot(provider: ProviderId): ProviderHealth {
    const t = this.thresholds;
    // History is chronological: the window is a suffix. One pass, one numeric sort (this runs on
    // every recorded request, so it stays cheap: see bench/provider-overhead).
    const list = this.history.get(provider) ?? [];
    const now = this.now();
    let start = 0;
    while (start < list.length && now - list[start]!.at >= t.windowMs) start++;
    const samples = start === 0 ? list : list.slice(start);
    let failed = 0;
    let lastFail: HealthSample | undefined;
    const ok: number[] = [];
    for (const s of samples) {
      if (s.ok) ok.push(s.latencyMs);
      else {
        failed++;
        lastFail = s;
      }
    }
    const okLatencies = Float64Array.from(ok).sort();
    const health: ProviderHealth = {
      provider,
      status: 'unknown',
      samples: samples.length,
      errorRate: samples.length === 0 ? 0 : failed / samples.length,
      ...(okLatencies.length ? { p50Ms: percentile(okLatencies, 0.5), p95Ms: percentile(okLatencies, 0.95) } : {}),
      ...(lastFail ? { lastError: { at: lastFail.at, type: lastFail.errorType ?? 'unknown', message: lastFail.message ?? '' } } : {}),
      ...(samples.length ? { lastSampleAt: samples[samples.length - 1]!.at } : {}),
    };
    health.status = statusOf(samples, health, t);
    return health;
  }

  snapshots(): ProviderHealth[] {
    return this.options.providers.map((p) => this.snapshot(p));
  }

  /** Every sample (bounded per provider), to persist and restore across reloads. */
  serialize(): HealthHistory {
    return { version: 1, samples: Object.fromEntries([...this.history.entries()].map(([p, s]) => [p, s.slice()])) };
  }

  /** Restore persisted samples; anything malformed is ignored. */
  restore(data: unknown): void {
    const d = data as Partial<HealthHistory> | null;
    if (typeof d !== 'object' || d === null || d.version !== 1 || typeof d.samples !== 'object' || d.samples === null) return;
    for (const [provider, list] of Object.entries(d.samples)) {
      if ((provider !== 'anthropic' && provider !== 'bedrock') || !Array.isArray(list)) continue;
      const valid = list.filter((s: Partial<HealthSample>) => typeof s?.at === 'number' && typeof s.ok === 'boolean' && typeof s.latencyMs === 'number' && (s.source === 'check' || s.source === 'request'));
      const merged = [...valid, ...(this.history.get(provider) ?? [])].sort((a, b) => a.at - b.at).slice(-this.historySize);
      this.history.set(provider, merged);
      this.status.set(provider, this.snapshot(provider).status);
    }
  }

  onDidChange(listener: (health: ProviderHealth) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.stop();
    this.checking?.abort();
    this.listeners.clear();
  }

  private lastCheckAt(provider: ProviderId): number | undefined {
    const list = this.history.get(provider) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.source === 'check') return list[i]!.at;
    return undefined;
  }

  private arm(): void {
    if (this.handle !== undefined || this.paused || !this.started || !this.options.check) return;
    this.handle = this.timer.setInterval(() => void this.checkNow(), this.intervalMs);
  }

  private disarm(): void {
    if (this.handle === undefined) return;
    this.timer.clearInterval(this.handle);
    this.handle = undefined;
    this.checking?.abort();
  }

  private add(provider: ProviderId, sample: HealthSample): void {
    let list = this.history.get(provider);
    if (!list) this.history.set(provider, (list = []));
    list.push(sample);
    if (list.length > this.historySize) list.splice(0, list.length - this.historySize);
    const health = this.snapshot(provider);
    const before = this.status.get(provider) ?? 'unknown';
    if (before !== health.status) {
      this.status.set(provider, health.status);
      const why = health.lastError && !sample.ok ? ` (${health.lastError.type}: ${health.lastError.message})` : '';
      this.logger.info(`health: ${provider} ${before} → ${health.status}${why}`);
    }
    for (const l of [...this.listeners]) {
      try {
        l(health);
      } catch (e) {
        this.logger.warn(`health listener failed: ${(e as Error).message}`);
      }
    }
  }
}

function percentile(sorted: ArrayLike<number>, q: number): number {
  // Nearest-rank: an observed value, never an interpolation between two.
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

function statusOf(samples: HealthSample[], h: ProviderHealth, t: HealthThresholds): HealthStatus {
  if (samples.length === 0) return 'unknown';
  const newest = samples[samples.length - 1]!;
  let consecutive = 0;
  for (let i = samples.length - 1; i >= 0 && !samples[i]!.ok; i--) consecutive++;
  const enough = samples.length >= t.minSamples;
  if (!newest.ok) {
    if (consecutive >= t.downConsecutiveFailures || (enough && h.errorRate >= t.downErrorRate)) return 'down';
    return 'degraded';
  }
  if (enough && h.errorRate >= t.degradedErrorRate) return 'degraded';
  if (h.p95Ms !== undefined && h.p95Ms >= t.degradedP95Ms) return 'degraded';
  return 'ok';
}
