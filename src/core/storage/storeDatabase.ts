// The connection every part of the local store shares: opened lazily, never throwing at
// construction. When the file cannot be opened (read-only home, damaged file, old Node) every
// operation fails with the same typed StorageError — usage is never dropped silently — and the
// next operation tries again, so fixing the folder fixes the store without a restart.
import { mkdirSync } from 'node:fs';
import { migrate } from './schema';
import type { SqliteDatabase, SqliteStatement } from './sqlite';
import { openDatabase, writeTransaction } from './sqlite';
import { StorageError, toStorageError } from './storageError';

export interface StoreDatabaseOptions {
  busyTimeoutMs?: number;
  /** Runs once after each successful open and migration (imports of old files, pruning). */
  onOpen?: (db: SqliteDatabase) => void;
}

export class StoreDatabase {
  private db: SqliteDatabase | undefined;
  private closed = false;
  private lastProblem: StorageError | undefined;

  constructor(readonly dir: string, readonly file: string, private readonly options: StoreDatabaseOptions = {}) {}

  /** The last open failure, if the store is not open (for a status line). */
  get problem(): StorageError | undefined {
    return this.db ? undefined : this.lastProblem;
  }

  /** Opens now (and reports why not); later operations would open it anyway. */
  tryOpen(): StorageError | undefined {
    try {
      this.connection();
      return undefined;
    } catch (e) {
      return toStorageError(e, this.file, 'open the local store');
    }
  }

  /** Runs `fn` with the connection; any failure becomes a StorageError naming `operation`. */
  read<T>(operation: string, fn: (db: SqliteDatabase) => T): T {
    const db = this.connection();
    try {
      return fn(db);
    } catch (e) {
      throw toStorageError(e, this.file, operation);
    }
  }

  /** Runs `fn` in one write transaction: all of it is committed or none. */
  write<T>(operation: string, fn: (db: SqliteDatabase) => T): T {
    const db = this.connection();
    try {
      return writeTransaction(db, () => fn(db));
    } catch (e) {
      throw toStorageError(e, this.file, operation);
    }
  }

  close(): void {
    this.closed = true;
    const db = this.db;
    this.db = undefined;
    // The last connection to close checkpoints the WAL and removes -wal / -shm.
    db?.close();
  }

  private connection(): SqliteDatabase {
    if (this.closed) throw new StorageError({ reason: 'io', path: this.file, operation: 'use the local store', detail: 'the store was closed' });
    if (this.db) return this.db;
    let db: SqliteDatabase | undefined;
    try {
      mkdirSync(this.dir, { recursive: true });
      db = openDatabase(this.file, this.options.busyTimeoutMs);
      migrate(db);
      this.options.onOpen?.(db);
    } catch (e) {
      try {
        db?.close();
      } catch {
        // Closing a half-opened connection can fail too; the open error is the one to report.
      }
      this.lastProblem = toStorageError(e, this.file, 'open the local store');
      throw this.lastProblem;
    }
    this.db = withStatementCache(db);
    this.lastProblem = undefined;
    return this.db;
  }
}

/** Prepares each SQL text once per connection (the store runs the same few statements all the time). */
function withStatementCache(db: SqliteDatabase): SqliteDatabase {
  const prepared = new Map<string, SqliteStatement>();
  return {
    exec: (sql) => db.exec(sql),
    prepare: (sql) => {
      let stmt = prepared.get(sql);
      if (!stmt) prepared.set(sql, (stmt = db.prepare(sql)));
      return stmt;
    },
    close: () => {
      prepared.clear();
      db.close();
    },
  };
}
