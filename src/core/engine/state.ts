// The ONE owner of health, failover, spend and Test Connection state, with ONE change event.
// Stages and surfaces call its methods; nobody writes its fields.
import type { Logger } from '../logger';
import { isStorageError } from '../storage/storageError';
import { StorageProblemReporter, describeStorageProblem } from '../storage/storageProblems';
import { HealthMonitor } from '../routing/healthMonitor';
import type { ProviderHealth } from '../routing/healthMonitor';
import type { BudgetGuard, MonthToDate } from '../usage/budget';
import type { AuthInfo, HealthResult, ProviderId } from '../types';
import type { Disposable, EngineChange, EngineState, FailoverInfo, HealthChange, SwitchboardOptions, SpendState } from './types';

type Notice = Extract<EngineChange, { kind: 'notice' }>;

export class EngineStateOwner {
  readonly monitor: HealthMonitor;
  private failover: FailoverInfo | null = null;
  private spend: SpendState | null = null;
  private readonly health: EngineState['health'] = { anthropic: undefined, bedrock: undefined };
  private readonly lastTest: EngineState['lastTest'] = {};
  private readonly listeners = new Set<(change: EngineChange) => void>();
  private readonly noticed = new Set<string>();
  /** Store failures: the first of each kind (reason + file) said, again after the store worked. */
  private readonly storageProblems = new StorageProblemReporter((e) => this.notice('ledger_write_failed', 'error', describeStorageProblem(e, 'Usage could not be recorded'), false));

  constructor(
    private readonly primary: ProviderId,
    providers: ProviderId[],
    check: (id: ProviderId, signal: AbortSignal) => Promise<HealthResult>,
    options: SwitchboardOptions['health'] = {},
    private readonly logger: Logger,
  ) {
    this.monitor = new HealthMonitor({
      providers,
      check,
      intervalMs: options.intervalMs,
      thresholds: options.thresholds,
      now: options.now,
      timer: options.timer,
      historySize: options.historySize,
      logger,
    });
    if (options.history !== undefined) this.monitor.restore(options.history);
    this.monitor.onDidChange((snapshot) => this.emitHealth(snapshot));
  }

  state(): EngineState {
    return { health: { ...this.health }, failover: this.failover, spend: this.spend, lastTest: { ...this.lastTest } };
  }

  get activeFailover(): FailoverInfo | null {
    return this.failover;
  }

  onDidChange(listener: (change: EngineChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  recordRequest(provider: ProviderId, outcome: { ok: boolean; latencyMs: number; errorType?: string; message?: string }): void {
    this.monitor.recordRequest(provider, outcome);
  }

  setFailover(failover: FailoverInfo): void {
    this.failover = failover;
    this.emitHealth(this.monitor.snapshot(failover.to), failover);
  }

  /** The primary answered on its own again: the failover (if any, from it) ends. */
  failback(provider: ProviderId): void {
    if (this.failover === null || this.failover.from !== provider) return;
    this.logger.info(`failback: ${provider} answers again`);
    this.failover = null;
    this.emitHealth(this.monitor.snapshot(this.primary), null);
  }

  setSpend(spend: SpendState): void {
    this.spend = spend;
    this.emit({ kind: 'spend', state: this.state() });
  }

  async refreshSpend(budget: BudgetGuard): Promise<void> {
    const reader = (budget as Partial<{ monthToDate(): Promise<MonthToDate> }>).monthToDate;
    if (typeof reader !== 'function') return;
    const m = await reader.call(budget);
    this.setSpend({ usd: m.usd, requests: m.requests, unpriced: m.unpriced, cacheWriteUsd: m.cacheWriteUsd });
  }

  recordTest(provider: ProviderId, outcome: { ok: boolean; info?: AuthInfo; error?: string }, now = Date.now()): void {
    this.lastTest[provider] = { ...outcome, at: now };
    this.emit({ kind: 'test', provider, state: this.state() });
  }

  /** The outcome of a ledger write: a failure is said once (per kind of store failure), clearly. */
  ledgerWrite(error?: unknown): void {
    if (error === undefined) {
      this.storageProblems.succeeded();
      return;
    }
    if (isStorageError(error)) {
      this.storageProblems.failed(error);
      return;
    }
    const detail = error instanceof Error ? error.message : String(error);
    this.notice('ledger_write_failed', 'error', `Usage could not be recorded: ${detail}. Answers still work; spend and budgets do not see these requests until the usage store is writable again.`);
  }

  /** Tell every surface something the user must hear; `once` (default) = once per engine per code. */
  notice(code: Notice['code'], level: Notice['level'], message: string, once = true): void {
    if (once && this.noticed.has(code)) return;
    this.noticed.add(code);
    this.emit({ kind: 'notice', code, level, message, state: this.state() });
  }

  dispose(): void {
    this.monitor.dispose();
    this.listeners.clear();
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
    this.health[snapshot.provider] = health;
    // A green Test Connection result under a provider that is now down is stale: drop it.
    if (snapshot.status === 'down' && this.lastTest[snapshot.provider]?.ok) delete this.lastTest[snapshot.provider];
    const change: HealthChange = { provider: snapshot.provider, health, status: snapshot.status, snapshot, ...(failover !== undefined ? { failover } : {}) };
    this.emit({ kind: failover !== undefined ? 'failover' : 'health', change, state: this.state() });
  }

  private emit(change: EngineChange): void {
    for (const l of [...this.listeners]) {
      try {
        l(change);
      } catch (e) {
        this.logger.warn(`engine listener failed: ${(e as Error).message}`);
      }
    }
  }
}
