// Which budget thresholds already fired this month, in the store's meta table: every window and
// CLI process sees the same state, so an alert fires once per threshold per month on the machine.
import type { FiredState, FiredStore } from '../usage/budget';
import { readMeta, writeMeta } from './schema';
import type { SqliteDatabase } from './sqlite';
import type { StoreDatabase } from './storeDatabase';

export const FIRED_KEY = 'budget.fired';

export class SqliteFiredStore implements FiredStore {
  constructor(private readonly db: StoreDatabase) {}

  async load(): Promise<FiredState | undefined> {
    return parseFiredState(this.db.read('read the budget alerts state', (db) => readMeta(db, FIRED_KEY)));
  }

  async save(state: FiredState): Promise<void> {
    this.db.write('save the budget alerts state', (db) => writeMeta(db, FIRED_KEY, JSON.stringify({ month: state.month, fired: [...state.fired] })));
  }
}

export function parseFiredState(text: string | undefined): FiredState | undefined {
  if (!text) return undefined;
  try {
    return firedStateOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** A fired state from an untrusted value (a file's JSON, the extension's globalState); undefined when it is not one. */
export function firedStateOf(value: unknown): FiredState | undefined {
  const v = value as Partial<FiredState> | null;
  if (typeof v !== 'object' || v === null || typeof v.month !== 'string' || !/^\d{4}-\d{2}$/.test(v.month) || !Array.isArray(v.fired)) return undefined;
  return { month: v.month, fired: v.fired.filter((n): n is number => typeof n === 'number' && Number.isFinite(n)) };
}

/**
 * Two records of what fired, from different places (the store and an old one): the later month
 * wins; in the same month every threshold either saw has fired — an alert shown once is not shown again.
 */
export function mergeFiredStates(a: FiredState | undefined, b: FiredState | undefined): FiredState | undefined {
  if (!a || !b) return a ?? b;
  if (a.month !== b.month) return a.month > b.month ? a : b;
  return { month: a.month, fired: [...new Set([...a.fired, ...b.fired])].sort((x, y) => x - y) };
}

/** Inside a caller's transaction: the store's state merged with `incoming` (imports of older state). */
export function mergeFiredInto(db: SqliteDatabase, incoming: FiredState | undefined): void {
  if (!incoming) return;
  const merged = mergeFiredStates(parseFiredState(readMeta(db, FIRED_KEY)), incoming);
  if (merged) writeMeta(db, FIRED_KEY, JSON.stringify(merged));
}
