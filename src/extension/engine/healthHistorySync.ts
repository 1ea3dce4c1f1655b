import type * as vscode from 'vscode';
import type { Switchboard } from '../../core/engine/types';
import type { HealthHistory, HealthSample } from '../../core/routing/healthMonitor';
import type { LocalStore } from '../../core/storage/localStore';
import type { ProviderId } from '../../shared/providers';
import type { ExtensionLogger } from '../log';

const HISTORY_KEY = 'switchboard.healthHistory';

/**
 * Health history between the engines the host builds and the local store: the store's recent window
 * seeds a new engine, and the samples an engine takes are written back at most every few seconds
 * (the dashboard reads them after a reload; other windows and the CLI share them).
 */
export class HealthHistorySync {
  /** The newest health sample written to the store, per provider. */
  private readonly recordedUpTo = new Map<ProviderId, number>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The health window read from the store at start (samples every window and the CLI recorded). */
  stored: HealthHistory | undefined;

  constructor(private readonly store: LocalStore, private readonly globalState: vscode.Memento, private readonly logger: ExtensionLogger) {}

  /** Once: the history this extension kept in globalState goes into the store; then the store's recent window. */
  async load(): Promise<void> {
    try {
      const imported = await this.store.healthHistory.importOnce(this.globalState.get(HISTORY_KEY));
      if (imported) this.logger.info(`local store: imported ${imported} health samples from this window's old history`);
      this.stored = await this.store.healthHistory.recent();
      for (const [p, list] of Object.entries(this.stored.samples) as Array<[ProviderId, HealthSample[]]>) {
        const last = list[list.length - 1];
        if (last) this.recordedUpTo.set(p, last.at);
      }
    } catch (e) {
      this.logger.debug(`health history not readable: ${(e as Error).message}`);
    }
  }

  recordFailover(f: { from: ProviderId; to: ProviderId; reason: string }): void {
    this.store.healthHistory.recordFailover({ at: Date.now(), from: f.from, to: f.to, reason: f.reason }).catch((e: Error) => this.logger.debug(`failover not recorded: ${e.message}`));
  }

  /** Save at most every few seconds. */
  schedule(engine: Switchboard): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.save(engine);
    }, 5_000);
  }

  /** Writes the samples the engine took since the last save into the store. */
  save(engine: Switchboard): void {
    const history = engine.health.serialize() as HealthHistory;
    for (const [p, list] of Object.entries(history.samples ?? {}) as Array<[ProviderId, HealthSample[]]>) {
      const after = this.recordedUpTo.get(p) ?? -Infinity;
      const fresh = list.filter((s) => s.at > after);
      if (!fresh.length) continue;
      this.recordedUpTo.set(p, fresh[fresh.length - 1]!.at);
      for (const s of fresh) this.store.healthHistory.record(p, s).catch((e: Error) => this.logger.debug(`health sample not recorded: ${e.message}`));
    }
  }

  /** Stops the timer and writes what the last engine took. */
  close(engine: Switchboard | undefined): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (engine) this.save(engine);
  }
}
