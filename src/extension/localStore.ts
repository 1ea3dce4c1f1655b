import * as path from 'node:path';
import type * as vscode from 'vscode';
import { STORE_FILE, switchboardHome } from '../core/storage/home';
import type { LocalStore } from '../core/storage/localStore';
import type { ExtensionLogger } from './log';
import type * as OpenStoreModule from './openStore';

/** Where the extension kept the budget's fired thresholds (`{month, fired}`) before the store. */
export const LEGACY_BUDGET_ALERTS_KEY = 'switchboard.budget.fired';

/**
 * The extension's ONE local store: `switchboard.db` in the Switchboard home — the same file the
 * CLI opens (SWITCHBOARD_HOME, else the per-user data folder), so every window and the CLI share
 * the ledger, the response cache, health history, chat sessions and the budget's alerts. What
 * the extension kept before — in its global storage (usage/*.jsonl, cache/responses.json, chat/)
 * and in globalState (the budget's fired thresholds) — is imported once. A store that cannot be
 * opened is said once (notification + log); requests still run, usage-recording failures are
 * reported by the engine, a hard-stop budget refuses.
 *
 * Opened on first use, not during activate(): node:sqlite is synchronous, and opening migrates,
 * imports and prunes — and waits up to the busy timeout (5 s) while another window or a CLI
 * process holds the write lock. The members are stand-ins that open the store when a method of
 * theirs is first called (the engine host's start does so right after activation); the code that
 * opens it (openStore.ts, with the store's classes) is its own chunk, loaded then.
 */
export function openExtensionStore(globalStorage: string, logger: ExtensionLogger, env: NodeJS.ProcessEnv = process.env, globalState?: Pick<vscode.Memento, 'get'>): LocalStore {
  const home = switchboardHome(env);
  let store: LocalStore | undefined;
  const open = (): LocalStore => {
    if (store) return store;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (esbuild.mjs LAZY_MODULES)
    const { openStoreNow } = require('./openStore') as typeof OpenStoreModule;
    // Which budget thresholds already alerted this month, as the extension kept them before the store.
    return (store = openStoreNow(home, globalStorage, logger, globalState?.get(LEGACY_BUDGET_ALERTS_KEY)));
  };
  return {
    file: path.join(home, STORE_FILE),
    ledger: onFirstUse(() => open().ledger),
    responseCache: onFirstUse(() => open().responseCache),
    healthHistory: onFirstUse(() => open().healthHistory),
    sessions: onFirstUse(() => open().sessions),
    budgetState: onFirstUse(() => open().budgetState),
    get imported() {
      return store?.imported;
    },
    get problem() {
      return open().problem;
    },
    applyRetention: (retention) => open().applyRetention(retention),
    close: () => store?.close(),
  };
}

/** An object that stands for `target()`'s, created the first time one of its members is read. */
function onFirstUse<T extends object>(target: () => T): T {
  return new Proxy({} as T, {
    get(_, key) {
      const real = target();
      const value: unknown = Reflect.get(real, key, real);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
  });
}
