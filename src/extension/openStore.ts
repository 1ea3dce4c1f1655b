// Opening the extension's local store: node:sqlite, the schema, the one-time import of the old
// files and the store's classes. Its own chunk (esbuild.mjs LAZY_MODULES), loaded by
// localStore.ts's stand-ins when a member is first used — right after activation, not during it.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { openLocalStore } from '../core/storage/localStore';
import type { LocalStore } from '../core/storage/localStore';
import { describeStorageProblem } from '../core/storage/storageProblems';
import type { ExtensionLogger } from './log';

/**
 * Opens the store in `home`, importing what the extension kept in its global storage and, as
 * `budgetAlerts`, the budget's fired thresholds it kept in globalState; says once when it cannot.
 */
export function openStoreNow(home: string, globalStorage: string, logger: ExtensionLogger, budgetAlerts: unknown): LocalStore {
  const store = openLocalStore(home, {
    logger,
    // Pruned once the configuration is read (EngineHost applies `retention`), never with the
    // defaults first: that would delete history a longer configured retention keeps.
    pruneAtOpen: false,
    legacySource: 'vscode',
    legacy: {
      usageDir: path.join(globalStorage, 'usage'),
      cacheFile: path.join(globalStorage, 'cache', 'responses.json'),
      sessionsDir: path.join(globalStorage, 'chat'),
      budgetStateFile: path.join(globalStorage, 'budget-state.json'),
      budgetAlerts,
    },
  });
  const problem = store.problem;
  if (problem) {
    const line = describeStorageProblem(problem, 'Switchboard\'s local store cannot be opened; usage, cache and chat history are not being saved');
    logger.error(line);
    void vscode.window.showWarningMessage(`Switchboard: ${line}`, 'Show Log').then((c) => c && vscode.commands.executeCommand('switchboard.showLog'));
  } else {
    logger.info(`local store: ${store.file}`);
  }
  return store;
}
