// The one error the local store raises: typed by what went wrong, with the file and a hint, so the
// engine can report it once ("usage is not being recorded: …") instead of logging it at debug.
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';

export type StorageFailure =
  /** The home folder or the database file cannot be written (permissions, read-only mount). */
  | 'read_only'
  | 'disk_full'
  /** Another process held the database longer than the busy timeout. */
  | 'locked'
  /** The file is not a database or is damaged. */
  | 'corrupt'
  /** This Node has no `node:sqlite` (needs Node ≥ 22.13). */
  | 'unsupported'
  /** Anything else the OS or SQLite reported (missing folder, I/O error). */
  | 'io';

/**
 * Marks a StorageError across bundles: the extension's store is its own lazily loaded chunk
 * (esbuild.mjs LAZY_MODULES) with its own copy of this class, and the engine's state in the main
 * bundle must still recognise the errors it throws.
 */
const BRAND = Symbol.for('switchboard.StorageError');

export class StorageError extends Error {
  readonly reason: StorageFailure;
  /** The database file (or home folder) concerned. */
  readonly path: string;
  /** What the store was doing: `append usage`, `open`, `cache lookup`, … */
  readonly operation: string;
  readonly hint: string;

  constructor(init: { reason: StorageFailure; path: string; operation: string; detail: string; cause?: unknown }) {
    super(`Switchboard could not ${init.operation} in ${init.path}: ${init.detail}`, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'StorageError';
    this.reason = init.reason;
    this.path = init.path;
    this.operation = init.operation;
    this.hint = HINTS[init.reason];
    Object.defineProperty(this, BRAND, { value: true });
  }
}

const HINTS: Record<StorageFailure, string> = {
  read_only: 'Make the folder writable, or point SWITCHBOARD_HOME at a writable folder.',
  disk_full: 'Free disk space on the drive that holds the Switchboard home.',
  locked: 'Another Switchboard process is holding the database; retry, or close the process that hangs.',
  corrupt: 'Move the damaged switchboard.db aside (Switchboard then starts a new one) and report the file.',
  unsupported: 'Use Node 22.13 or later (VS Code 1.104 or later) — the store uses Node\'s built-in node:sqlite.',
  io: 'Check that the Switchboard home folder exists and is accessible.',
};

export function isStorageError(e: unknown): e is StorageError {
  return e instanceof StorageError || (typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true);
}

/** SQLite primary result codes (the low byte of an extended code). */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_PERM = 3;
const SQLITE_NOTADB = 26;

/** Maps a node:sqlite or fs error to a StorageError (a StorageError passes through). */
export function toStorageError(e: unknown, path: string, operation: string): StorageError {
  if (isStorageError(e)) return e;
  const err = e as { errcode?: unknown; code?: unknown; message?: unknown; errstr?: unknown };
  const detail = typeof err?.message === 'string' ? err.message : String(e);
  let reason = reasonOf(err);
  // "unable to open database file" in a folder we may not write (no room for -wal / -shm): say read-only.
  if (reason === 'io' && typeof err?.errcode === 'number' && (err.errcode & 0xff) === SQLITE_CANTOPEN && !writable(dirname(path))) reason = 'read_only';
  return new StorageError({ reason, path, operation, detail, cause: e });
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function reasonOf(err: { errcode?: unknown; code?: unknown }): StorageFailure {
  if (typeof err?.errcode === 'number') {
    switch (err.errcode & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED: return 'locked';
      case SQLITE_READONLY:
      case SQLITE_PERM: return 'read_only';
      case SQLITE_FULL: return 'disk_full';
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB: return 'corrupt';
      case SQLITE_CANTOPEN:
      case SQLITE_IOERR: return 'io';
      default: return 'io';
    }
  }
  switch (err?.code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS': return 'read_only';
    case 'ENOSPC':
    case 'EDQUOT': return 'disk_full';
    default: return 'io';
  }
}
