// Node's built-in SQLite (`node:sqlite`, Node ≥ 22.13 — VS Code ≥ 1.104's extension host, Node 24
// for the CLI): loaded lazily through process.getBuiltinModule so that importing the store on an
// older Node gives a clear StorageError instead of a crash, and without the ExperimentalWarning
// Node 22 prints on first load (it would land on the CLI's stderr, in front of the user).
import { StorageError } from './storageError';

/** The part of node:sqlite's DatabaseSync the store uses (typed here: @types/node 20 has none). */
export interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

export type SqlValue = null | number | bigint | string | Uint8Array;
export type SqlRow = Record<string, SqlValue>;

export interface SqliteStatement {
  run(...params: SqlValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: SqlValue[]): SqlRow | undefined;
  all(...params: SqlValue[]): SqlRow[];
  iterate(...params: SqlValue[]): IterableIterator<SqlRow>;
  /** Rows as arrays of values instead of objects (Node 24, 22.16+); absent on older Node. */
  setReturnArrays?(enabled: boolean): void;
}

interface SqliteModule {
  DatabaseSync: new (path: string, options?: { open?: boolean; readOnly?: boolean }) => SqliteDatabase;
}

let cached: SqliteModule | undefined;

/** node:sqlite, or a StorageError (`unsupported`) naming the Node version needed. */
export function loadSqlite(path: string): SqliteModule {
  if (cached) return cached;
  const getBuiltin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const original = process.emitWarning;
  // Node 22 marks node:sqlite experimental and warns once on load; this is the only warning muted.
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]): void => {
    const text = typeof warning === 'string' ? warning : warning?.message;
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (type === 'ExperimentalWarning' && /sqlite/i.test(text ?? '')) return;
    (original as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  let mod: SqliteModule | undefined;
  try {
    mod = getBuiltin?.call(process, 'node:sqlite') as SqliteModule | undefined;
  } catch {
    mod = undefined;
  } finally {
    process.emitWarning = original;
  }
  if (!mod?.DatabaseSync) {
    throw new StorageError({ reason: 'unsupported', path, operation: 'open the local store', detail: `Node ${process.versions.node} has no built-in node:sqlite (Node 22.13 or later has it)` });
  }
  cached = mod;
  return mod;
}

/** Milliseconds a writer waits for another process's transaction before failing with `locked`. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating when missing) a database in WAL mode: readers never block the writer, and a
 * writer waits up to `busyTimeoutMs` for another one. `synchronous = NORMAL` in WAL mode: a killed
 * process loses nothing it committed; only a power cut can lose the last transactions, never
 * corrupt the file.
 */
export function openDatabase(file: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): SqliteDatabase {
  const { DatabaseSync } = loadSqlite(file);
  const db = new DatabaseSync(file);
  try {
    // The busy timeout first: switching to WAL itself takes a lock another process may hold.
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE: the write lock is taken up front, so two
 * writers queue on the busy timeout instead of failing on a read-to-write upgrade).
 */
export function writeTransaction<T>(db: SqliteDatabase, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // SQLite already rolled back (e.g. after SQLITE_FULL); the original error is what matters.
    }
    throw e;
  }
}

/** Runs `fn` in one read transaction: every statement in it sees the same state of the file (WAL: writers go on). */
export function inSnapshot<T>(db: SqliteDatabase, fn: () => T): T {
  db.exec('BEGIN');
  try {
    return fn();
  } finally {
    db.exec('COMMIT');
  }
}

export function num(v: SqlValue | undefined): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
}

export function str(v: SqlValue | undefined): string {
  return typeof v === 'string' ? v : '';
}
