// One-time import of what Switchboard kept before the database: the JSONL ledger (with its
// rotated files), responses.json, the chat session files, budget-state.json, and the budget
// alerts state the extension kept in its globalState. Each import
// runs in one transaction together with its "done" marker, so it happens exactly once even when
// several processes open the store at the same moment, and a crash mid-import leaves nothing half done.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { ChatSession } from '../../shared/chatTypes';
import { isCacheFile } from '../cache/responseCache';
import { parseSession } from '../chat/persistence';
import type { UsageRecord } from '../usage/ledger';
import { parseLedgerLines } from '../usage/ledger';
import type { SqliteDatabase } from './sqlite';
import { readMeta, writeMeta } from './schema';
import { firedStateOf, mergeFiredInto, parseFiredState } from './sqliteFiredStore';
import { insertUsageRecords } from './sqliteLedger';
import type { SqliteResponseCache } from './sqliteResponseCache';
import { saveSession, setOpenSession } from './sqliteSessionStore';
import type { StoreDatabase } from './storeDatabase';

export interface LegacyPaths {
  /** Folder of usage.jsonl and usage-*.jsonl (default `<home>/usage`). */
  usageDir: string;
  /** The old cache file (default `<home>/cache/responses.json`). */
  cacheFile: string;
  /** Folder of <id>.json session files and state.json (default `<home>/chat`). */
  sessionsDir: string;
  /** The CLI's fired-thresholds file (default `<home>/budget-state.json`). */
  budgetStateFile: string;
  /**
   * The budget alerts state a surface kept outside files (the extension: its globalState value
   * `switchboard.budget.fired`, `{month, fired}`); imported once like the files.
   */
  budgetAlerts?: unknown;
}

export function defaultLegacyPaths(home: string): LegacyPaths {
  return { usageDir: path.join(home, 'usage'), cacheFile: path.join(home, 'cache', 'responses.json'), sessionsDir: path.join(home, 'chat'), budgetStateFile: path.join(home, 'budget-state.json') };
}

export interface LegacyImportReport {
  usage?: { added: number; skipped: number; files: number };
  cache?: { added: number; skipped: number };
  sessions?: { added: number };
  /** What could not be imported (it is tried again at the next open). */
  problems: string[];
}

const MARKERS = { usage: 'import.usage-jsonl', cache: 'import.responses-json', sessions: 'import.chat-files', budget: 'import.budget-state', alerts: 'import.budget-alerts' } as const;

function markersFor(source: string): Record<keyof typeof MARKERS, string> {
  return Object.fromEntries(Object.entries(MARKERS).map(([k, v]) => [k, `${v}@${source}`])) as Record<keyof typeof MARKERS, string>;
}

/**
 * `source` names whose old files these are when they are not the home's own (the extension's
 * global storage: `vscode`), so each source is imported once even after the CLI imported its own.
 */
export function importLegacyFiles(store: StoreDatabase, cache: SqliteResponseCache, paths: LegacyPaths, source?: string): LegacyImportReport {
  const report: LegacyImportReport = { problems: [] };
  const MARK = source ? markersFor(source) : MARKERS;
  const marks = paths.budgetAlerts === undefined ? Object.values(MARK).filter((k) => k !== MARK.alerts) : Object.values(MARK);
  const pending: string[] = store.read('check old files to import', (db) => marks.filter((k) => readMeta(db, k) === undefined));
  const step = (mark: string, what: string, fn: () => void): void => {
    if (!pending.includes(mark)) return;
    try {
      fn();
    } catch (e) {
      report.problems.push(`${what}: ${(e as Error).message}`);
    }
  };
  step(MARK.usage, 'usage ledger files', () => {
    const files = ledgerFiles(paths.usageDir);
    const records: UsageRecord[] = files.flatMap((f) => parseLedgerLines(readFileSync(f, 'utf8')));
    const result = once(store, MARK.usage, 'import the usage ledger', (db) => insertUsageRecords(db, records));
    if (result) report.usage = { ...result, files: files.length };
  });
  step(MARK.cache, 'response cache file', () => {
    const data = readJson(paths.cacheFile);
    const result = once(store, MARK.cache, 'import the response cache', (db) => (data === undefined ? { added: 0, skipped: 0 } : isCacheFile(data) ? cache.importInto(db, data, true) : { added: 0, skipped: 1 }));
    if (result) report.cache = result;
    // Imported (or unreadable: a cache is only an optimisation): the file and any temp files a
    // killed save left next to it go, so nothing is left behind.
    removeOldCacheFiles(paths.cacheFile);
  });
  step(MARK.sessions, 'chat session files', () => {
    const sessions = sessionFiles(paths.sessionsDir);
    const open = readJson(path.join(paths.sessionsDir, 'state.json')) as { openSessionId?: unknown } | undefined;
    const result = once(store, MARK.sessions, 'import chat sessions', (db) => {
      for (const s of sessions) saveSession(db, s);
      if (typeof open?.openSessionId === 'string' && sessions.some((s) => s.id === open.openSessionId)) setOpenSession(db, open.openSessionId);
      return { added: sessions.length };
    });
    if (result) report.sessions = result;
  });
  // Thresholds that already fired this month stay fired: the old state is merged with what the
  // store holds (another window or the CLI may have fired some since), never replacing it.
  step(MARK.budget, 'budget state file', () => {
    const state = parseFiredState(readText(paths.budgetStateFile));
    once(store, MARK.budget, 'import the budget alerts state', (db) => mergeFiredInto(db, state));
  });
  step(MARK.alerts, 'budget alerts state', () => {
    once(store, MARK.alerts, 'import the budget alerts state', (db) => mergeFiredInto(db, firedStateOf(paths.budgetAlerts)));
  });
  return report;
}

/** Runs `fn` and sets the marker in one transaction, unless another process did it first (undefined). */
function once<T>(store: StoreDatabase, mark: string, operation: string, fn: (db: SqliteDatabase) => T): T | undefined {
  return store.write(operation, (db) => {
    if (readMeta(db, mark) !== undefined) return undefined;
    const result = fn(db);
    writeMeta(db, mark, new Date().toISOString());
    return result;
  });
}

function ledgerFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const files = names.filter((f) => /^usage(-\d+)?\.jsonl$/.test(f));
  files.sort((a, b) => (a === 'usage.jsonl' ? 1 : b === 'usage.jsonl' ? -1 : a.localeCompare(b)));
  return files.map((f) => path.join(dir, f));
}

function sessionFiles(dir: string): ChatSession[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names.filter((f) => f.endsWith('.json') && f !== 'state.json').map((f) => parseSession(readText(path.join(dir, f)) ?? '')).filter((s): s is ChatSession => Boolean(s));
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function readJson(file: string): unknown {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function removeOldCacheFiles(file: string): void {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (n === base || n.startsWith(`${base}.tmp-`)) rmSync(path.join(dir, n), { force: true });
}
