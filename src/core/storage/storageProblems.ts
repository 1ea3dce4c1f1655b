// "Reported once, clearly": the engine hands every store failure here and shows the first of each
// kind (reason + file) — CLI stderr, extension notification + log — instead of one line per
// request or none at all. After the store works again, a new failure is reported again.
import type { StorageError } from './storageError';
import { isStorageError } from './storageError';

export class StorageProblemReporter {
  private readonly reported = new Set<string>();

  constructor(private readonly report: (error: StorageError) => void) {}

  /** Returns true when this failure was reported now (false: already reported, or not a store error). */
  failed(error: unknown): boolean {
    if (!isStorageError(error)) return false;
    const key = `${error.reason}\u0000${error.path}`;
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    this.report(error);
    return true;
  }

  /** A store operation succeeded: forget what was reported, so a later failure is said again. */
  succeeded(): void {
    this.reported.clear();
  }
}

/** One line for a terminal or a notification: what failed, why, and what to do. */
export function describeStorageProblem(error: StorageError, what = 'Usage is not being recorded'): string {
  return `${what}: ${error.message}. ${error.hint}`;
}
