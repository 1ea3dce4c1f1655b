// The local store: ONE SQLite database (`switchboard.db`, WAL mode, through Node's built-in
// node:sqlite) in the Switchboard home, holding the usage ledger, the response cache, health
// history, chat sessions and the budget's fired thresholds. Every window and CLI process opens
// the same file; SQLite's locking keeps concurrent writers correct, and a kill at any instant
// loses at most the transaction in flight. Old JSONL / JSON files are imported once at open.
//
// How to build it (construction sites; one store per process, closed at exit):
//
//   CLI (src/cli/main.ts / usageSupport.ts / cliCache.ts):
//     import { openLocalStore } from '../core/storage/localStore';
//     const store = openLocalStore(switchboardHome(io.env));
//     new SwitchboardClient({ ..., ledger: store.ledger, ...(args.cache ? { responseCache: store.responseCache } : {}) });
//       or, with the engine: createSwitchboard({ ..., storage: { ledger: store.ledger, responseCache: args.cache ? store.responseCache : undefined, budget },
//                                               health: { history: await store.healthHistory.recent() } });
//     new BudgetTracker({ settings, monthToDate: (now) => store.ledger.monthToDate(now), store: store.budgetState, onAlert, raiseHint });
//     `switchboard usage`: await store.ledger.summarize({ since, by });
//       the report / advice: readUsageReport(store.ledger, { now, budget, overrides });
//     before exit: store.close();
//     a failed write is a StorageError (storage/storageError.ts): say it once —
//       const problems = new StorageProblemReporter((e) => io.stderr.write(`switchboard: ${describeStorageProblem(e)}\n`));
//       (storage/storageProblems.ts; the extension: a warning notification + log line instead of stderr)
//
//   Extension (src/extension/**):
//     const store = openLocalStore(switchboardHome(process.env), { logger, legacySource: 'vscode' });  (src/extension/localStore.ts)
//     context.subscriptions.push({ dispose: () => store.close() });
//     ledger:        store.ledger                      (createClient's `ledger`; monthSpend → store.ledger.monthToDate();
//                                                       the report → readUsageReport(store.ledger, …))
//     cache:         store.responseCache.withOptions({ ttlMs: s.ttlSeconds * 1000, maxEntries: s.maxEntries, maxBytes: s.maxBytes, logger })
//     budget:        new BudgetTracker({ settings, monthToDate: (now) => store.ledger.monthToDate(now), store: <its FiredStore>, ... })
//     chat sessions: new ChatController({ store: store.sessions, ... })
//     health:        once: await store.healthHistory.importOnce(context.globalState.get('switchboard.healthHistory'));
//                    restore from await store.healthHistory.recent(); on each sample store.healthHistory.record(provider, sample);
//                    on each failover store.healthHistory.recordFailover({ at, from, to, reason });
//                    dashboard: store.healthHistory.timeline(since, bucketMs), loadUsageTab(store.ledger, now, …)
//
// `openLocalStore` never throws: when the database cannot be opened (read-only home, damaged
// file, Node without node:sqlite) `store.problem` says why and every operation rejects with that
// StorageError, so usage is never dropped silently and a hard-stop budget refuses (fails closed).
import * as path from 'node:path';
import { silentLogger } from '../logger';
import type { Logger } from '../logger';
import { HealthHistoryStore } from './healthHistory';
import type { HealthHistoryOptions } from './healthHistory';
import { STORE_FILE } from './home';
import { defaultLegacyPaths, importLegacyFiles } from './legacyImport';
import type { LegacyImportReport, LegacyPaths } from './legacyImport';
import { SqliteFiredStore } from './sqliteFiredStore';
import { SqliteUsageLedger } from './sqliteLedger';
import type { LedgerRetention } from './sqliteLedger';
import type { StoreRetention } from './retention';
import { SqliteResponseCache } from './sqliteResponseCache';
import type { SqliteCacheOptions } from './sqliteResponseCache';
import { SqliteSessionStore } from './sqliteSessionStore';
import type { StorageError } from './storageError';
import { StoreDatabase } from './storeDatabase';

export { STORE_FILE };

export interface LocalStoreOptions {
  /** How long a writer waits for another process's transaction (default 5 s). */
  busyTimeoutMs?: number;
  /** The configuration's `retention` (days of usage / health history); wins over `ledger` / `health` retentionDays. */
  retention?: StoreRetention;
  /**
   * Prune at open (default true). The extension opens its store before its configuration is
   * read, so it passes false and calls `applyRetention` with the configured days: pruning with
   * the defaults first would delete history a longer configured retention keeps.
   */
  pruneAtOpen?: boolean;
  ledger?: LedgerRetention;
  cache?: SqliteCacheOptions;
  health?: HealthHistoryOptions;
  /** Where the pre-database files are (default: under `dir`); false = import nothing. */
  legacy?: Partial<LegacyPaths> | false;
  /** Whose old files `legacy` points at when not the home's own (e.g. `vscode`): imported once per source. */
  legacySource?: string;
  logger?: Logger;
}

export interface LocalStore {
  /** The database file. */
  readonly file: string;
  readonly ledger: SqliteUsageLedger;
  readonly responseCache: SqliteResponseCache;
  readonly healthHistory: HealthHistoryStore;
  readonly sessions: SqliteSessionStore;
  /** The budget's fired thresholds, shared by every window and process. */
  readonly budgetState: SqliteFiredStore;
  /** What the one-time import of old files did at this open (undefined: nothing to do or the store is not open). */
  readonly imported: LegacyImportReport | undefined;
  /** Why the database is not open right now (read-only home, damaged file, …); undefined when it is. */
  readonly problem: StorageError | undefined;
  /**
   * Sets how long usage and health history are kept (the configuration's `retention`) and prunes
   * now when it changed (or was never applied). Returns the rows deleted. Never throws: a prune
   * that fails is logged and tried again at the next append batch and open.
   */
  applyRetention(retention: StoreRetention): { usage: number; health: number };
  close(): void;
}

/** Opens (creating) `<dir>/switchboard.db`, migrates it, imports old files once, prunes. Never throws. */
export function openLocalStore(dir: string, options: LocalStoreOptions = {}): LocalStore {
  const logger = options.logger ?? silentLogger;
  const db = new StoreDatabase(dir, path.join(dir, STORE_FILE), options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {});
  const ledger = new SqliteUsageLedger(db, { ...options.ledger, ...(options.retention?.usageDays !== undefined ? { retentionDays: options.retention.usageDays } : {}) });
  const responseCache = new SqliteResponseCache(db, { logger, ...options.cache });
  const healthHistory = new HealthHistoryStore(db, { ...options.health, ...(options.retention?.healthDays !== undefined ? { retentionDays: options.retention.healthDays } : {}) });
  let imported: LegacyImportReport | undefined;
  /** The retention last pruned with (`days of usage/days of health`), so re-applying the same one costs nothing. */
  let applied: string | undefined;
  const problem = db.tryOpen();
  if (problem) {
    logger.warn(`local store: ${problem.message} — ${problem.hint}`);
  } else {
    if (options.legacy !== false) {
      try {
        imported = importLegacyFiles(db, responseCache, { ...defaultLegacyPaths(dir), ...(options.legacy ?? {}) }, options.legacySource);
        for (const p of imported.problems) logger.warn(`local store: could not import old ${p}; will try again next time`);
        if (imported.usage?.added) logger.info(`local store: imported ${imported.usage.added} usage records from ${imported.usage.files} JSONL file(s)`);
      } catch (e) {
        logger.warn(`local store: import of old files failed (${(e as Error).message}); will try again next time`);
      }
    }
    if (options.pruneAtOpen !== false && pruneBoth(ledger, healthHistory, logger)) applied = retentionKey(ledger, healthHistory);
    try {
      ledger.fillCacheWritePremiums();
      // Rows an older Switchboard wrote have no local day: the roll-up sums them by UTC hour until then.
      ledger.fillDayBounds();
    } catch (e) {
      logger.warn(`local store: upkeep at open (filling in cache-write premiums and local days) failed (${(e as Error).message})`);
    }
  }
  return {
    file: db.file,
    ledger,
    responseCache,
    healthHistory,
    sessions: new SqliteSessionStore(db),
    budgetState: new SqliteFiredStore(db),
    imported,
    get problem(): StorageError | undefined {
      return db.problem;
    },
    applyRetention: (retention) => {
      ledger.setRetentionDays(retention.usageDays);
      healthHistory.setRetentionDays(retention.healthDays);
      const key = retentionKey(ledger, healthHistory);
      if (key === applied) return { usage: 0, health: 0 };
      const pruned = pruneBoth(ledger, healthHistory, logger);
      // A failed prune is not "applied": the next configuration load tries again.
      if (pruned) {
        applied = key;
        logger.info(`local store: keeping ${ledger.retentionDays} days of usage and ${healthHistory.retentionDays} days of health history${pruned.usage + pruned.health ? ` (pruned ${pruned.usage} usage records, ${pruned.health} health rows)` : ''}`);
      }
      return pruned ?? { usage: 0, health: 0 };
    },
    close: () => db.close(),
  };
}

function retentionKey(ledger: SqliteUsageLedger, health: HealthHistoryStore): string {
  return `${ledger.retentionDays}/${health.retentionDays}`;
}

/** Both prunes; undefined when either failed (logged: the store may be read-only or busy). */
function pruneBoth(ledger: SqliteUsageLedger, health: HealthHistoryStore, logger: Logger): { usage: number; health: number } | undefined {
  try {
    return { usage: ledger.prune(), health: health.prune() };
  } catch (e) {
    logger.warn(`local store: pruning failed (${(e as Error).message})`);
    return undefined;
  }
}
