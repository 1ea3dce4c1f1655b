// Which budget thresholds already fired this month, in the store's meta table: every window and
// CLI process sees the same state, so an alert fires once per threshold per month on the machine.
import type { FiredState, FiredStore } from '../usage/budget';
import { readMeta, writeMeta } from './schema';
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
    const v = JSON.parse(text) as Partial<FiredState>;
    return typeof v.month === 'string' && Array.isArray(v.fired) ? { month: v.month, fired: v.fired.filter((n): n is number => typeof n === 'number') } : undefined;
  } catch {
    return undefined;
  }
}
