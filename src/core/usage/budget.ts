// Monthly budget: alerts at thresholds (once per threshold per calendar month) and an optional
// hard stop with a one-time override. Month-to-date spend comes from the store's indexed SQL sum
// (`monthToDate`, read fresh for each check, so other windows' and processes' spend counts), or —
// the older way — from reading a ledger once per month and counting each recorded request.
// A hard stop FAILS CLOSED: when the spend cannot be read, the request is refused, not let through.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SwitchboardError } from '../errors';
import type { UsageRecord } from './ledger';
import { cacheWriteCostOf, monthKey } from './ledger';

export interface BudgetSettings {
  /** null / 0 = no budget. */
  monthlyUsd: number | null;
  /** Percent of the budget, ascending (default 50 / 80 / 100). */
  alertThresholds: number[];
  /** Refuse requests once the month-to-date spend reaches the budget. */
  hardStop: boolean;
}

export const DEFAULT_ALERT_THRESHOLDS: readonly number[] = [50, 80, 100];
export const NO_BUDGET: BudgetSettings = { monthlyUsd: null, alertThresholds: [...DEFAULT_ALERT_THRESHOLDS], hardStop: false };

/** Validates raw settings (`switchboard.budget.*` or environment values); bad values fall back with a message. */
export function parseBudgetSettings(raw: { monthlyUsd?: unknown; alertThresholds?: unknown; hardStop?: unknown }): { settings: BudgetSettings; issues: string[] } {
  const issues: string[] = [];
  let monthlyUsd: number | null = null;
  if (raw.monthlyUsd !== undefined && raw.monthlyUsd !== null && raw.monthlyUsd !== '') {
    const n = typeof raw.monthlyUsd === 'string' ? Number(raw.monthlyUsd) : raw.monthlyUsd;
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0) monthlyUsd = n > 0 ? n : null;
    else issues.push(`budget.monthlyUsd: expected a non-negative number of US dollars, got ${JSON.stringify(raw.monthlyUsd)}; no budget is applied.`);
  }
  let alertThresholds = [...DEFAULT_ALERT_THRESHOLDS];
  if (raw.alertThresholds !== undefined && raw.alertThresholds !== null) {
    const list = typeof raw.alertThresholds === 'string' ? raw.alertThresholds.split(',').map((s) => Number(s.trim())) : raw.alertThresholds;
    if (Array.isArray(list) && list.every((t) => typeof t === 'number' && Number.isFinite(t) && t > 0 && t <= 1000)) {
      alertThresholds = [...new Set(list as number[])].sort((a, b) => a - b);
    } else {
      issues.push(`budget.alertThresholds: expected a list of percentages between 1 and 1000 (e.g. [50, 80, 100]), got ${JSON.stringify(raw.alertThresholds)}; using 50, 80, 100.`);
    }
  }
  let hardStop = false;
  if (raw.hardStop !== undefined && raw.hardStop !== null && raw.hardStop !== '') {
    if (typeof raw.hardStop === 'boolean') hardStop = raw.hardStop;
    else if (raw.hardStop === '1' || raw.hardStop === 'true') hardStop = true;
    else if (raw.hardStop === '0' || raw.hardStop === 'false') hardStop = false;
    else issues.push(`budget.hardStop: expected true or false, got ${JSON.stringify(raw.hardStop)}; the hard stop stays off.`);
  }
  return { settings: { monthlyUsd, alertThresholds, hardStop }, issues };
}

/** CLI: SWITCHBOARD_BUDGET_USD, SWITCHBOARD_BUDGET_ALERTS ("50,80,100"), SWITCHBOARD_BUDGET_HARD_STOP=1. */
export function budgetFromEnv(env: NodeJS.ProcessEnv): { settings: BudgetSettings; issues: string[] } {
  return parseBudgetSettings({ monthlyUsd: env.SWITCHBOARD_BUDGET_USD, alertThresholds: env.SWITCHBOARD_BUDGET_ALERTS, hardStop: env.SWITCHBOARD_BUDGET_HARD_STOP });
}

/** Which thresholds already fired in which month; persisted so a reload does not re-alert. */
export interface FiredState {
  month: string;
  fired: number[];
}

export interface FiredStore {
  load(): Promise<FiredState | undefined>;
  save(state: FiredState): Promise<void>;
}

export class MemoryFiredStore implements FiredStore {
  state: FiredState | undefined;
  async load(): Promise<FiredState | undefined> {
    return this.state;
  }
  async save(state: FiredState): Promise<void> {
    this.state = { month: state.month, fired: [...state.fired] };
  }
}

/** A small JSON file (the CLI keeps it under SWITCHBOARD_HOME), written atomically. */
export class JsonFileFiredStore implements FiredStore {
  constructor(readonly file: string) {}
  async load(): Promise<FiredState | undefined> {
    try {
      const v = JSON.parse(await fs.readFile(this.file, 'utf8')) as Partial<FiredState>;
      return typeof v.month === 'string' && Array.isArray(v.fired) ? { month: v.month, fired: v.fired.filter((n) => typeof n === 'number') } : undefined;
    } catch {
      return undefined;
    }
  }
  async save(state: FiredState): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(state) + '\n', 'utf8');
    await fs.rename(tmp, this.file);
  }
}

export interface MonthToDate {
  /** `YYYY-MM` in local time. */
  month: string;
  usd: number;
  /** Part of `usd` spent on cache writes, shown on its own so it cannot hide. */
  cacheWriteUsd: number;
  requests: number;
  /** Requests without a known price: their cost is not in `usd` ("unknown", never $0). */
  unpriced: number;
}

export interface BudgetAlert {
  month: string;
  /** The highest threshold crossed by this request. */
  thresholdPercent: number;
  /** Every threshold crossed by this request (each fires once per month). */
  crossed: number[];
  spentUsd: number;
  budgetUsd: number;
  cacheWriteUsd: number;
  unpriced: number;
  message: string;
}

/** What the client needs from a budget: a check before sending and a look at each record. */
export interface BudgetGuard {
  beforeRequest(): Promise<void>;
  observe(record: UsageRecord): Promise<void>;
}

export interface BudgetTrackerOptions {
  settings: BudgetSettings;
  /** This month's spend from the store (`openLocalStore(...).ledger.monthToDate`), read for every check; wins over readLedger. */
  monthToDate?: (now: Date) => Promise<MonthToDate>;
  /** Read once per calendar month to seed the month-to-date spend (when there is no `monthToDate`). */
  readLedger?: () => Promise<UsageRecord[]>;
  store: FiredStore;
  now?: () => Date;
  onAlert?: (alert: BudgetAlert) => void;
  /** How to raise the budget on this surface (settings name or environment variable). */
  raiseHint?: string;
}

/**
 * The ONE budget percentage every surface shows — the alert, the usage report, the dashboard, the
 * CLI: whole percent, rounded down, so "100 %" means the budget is reached (and 169.6 % reads 169 %
 * everywhere, never 170 % in one place and 169 % in another).
 */
export function budgetPercent(spentUsd: number, budgetUsd: number): number {
  if (!(budgetUsd > 0)) return 0;
  // The epsilon absorbs float sums like 0.1 + 0.2 landing just under a whole percent.
  return Math.floor((spentUsd / budgetUsd) * 100 + 1e-9);
}

export function formatUsd(usd: number): string {
  return `$${usd < 10 ? usd.toFixed(usd < 0.01 && usd > 0 ? 4 : 2) : usd.toFixed(2)}`;
}

export class BudgetTracker implements BudgetGuard {
  private settings: BudgetSettings;
  private readonly now: () => Date;
  private mtd: Promise<MonthToDate> | undefined;
  private overrides = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BudgetTrackerOptions) {
    this.settings = options.settings;
    this.now = options.now ?? ((): Date => new Date());
  }

  updateSettings(settings: BudgetSettings): void {
    this.settings = settings;
  }

  get budget(): BudgetSettings {
    return this.settings;
  }

  /**
   * This month's spend: from the store's query each time, or from the ledger read on first use and
   * again only when the month changes. Rejects when the spend cannot be read (and tries again next time).
   */
  monthToDate(): Promise<MonthToDate> {
    const now = this.now();
    if (this.options.monthToDate) return this.options.monthToDate(now);
    const month = monthKey(now);
    if (!this.mtd) {
      const loading = this.load(month);
      this.mtd = loading;
      loading.catch(() => {
        if (this.mtd === loading) this.mtd = undefined;
      });
    }
    return this.mtd.then((m) => {
      if (m.month === month) return m;
      // A new calendar month: start from zero (the ledger holds nothing of it yet but what we observe).
      this.mtd = Promise.resolve(emptyMonth(month));
      return this.mtd;
    });
  }

  /** Lets exactly one request through a hard stop. */
  allowOneRequestOverBudget(): void {
    this.overrides = 1;
  }

  get overridePending(): boolean {
    return this.overrides > 0;
  }

  /**
   * Throws `budget_exceeded` when the hard stop is on and the budget is spent — or when the spend
   * cannot be read (fail closed: an unreadable ledger must not turn a hard stop off).
   */
  async beforeRequest(): Promise<void> {
    const { monthlyUsd, hardStop } = this.settings;
    if (!hardStop || !monthlyUsd) return;
    let m: MonthToDate;
    try {
      m = await this.monthToDate();
    } catch (e) {
      if (this.overrides > 0) {
        this.overrides -= 1;
        return;
      }
      const reason = e instanceof Error ? e.message : String(e);
      throw new SwitchboardError({
        type: 'budget_exceeded',
        message: `The monthly budget of ${formatUsd(monthlyUsd)} has a hard stop, and this month's spend could not be read (${reason}); the request was not sent.`,
        hint: `Make the usage store readable again${hintOf(e)}. ${this.options.raiseHint ?? 'Or turn off switchboard.budget.hardStop, or run "Switchboard: Allow One Request Over Budget".'}`,
        retryable: false,
        details: { reason: 'spend_unreadable', budgetUsd: monthlyUsd },
        cause: e,
      });
    }
    if (m.usd < monthlyUsd) return;
    if (this.overrides > 0) {
      this.overrides -= 1;
      return;
    }
    throw new SwitchboardError({
      type: 'budget_exceeded',
      message: `This month's spend ${formatUsd(m.usd)}${m.cacheWriteUsd > 0 ? ` (of which cache writes ${formatUsd(m.cacheWriteUsd)})` : ''} has reached the monthly budget of ${formatUsd(monthlyUsd)}; the request was not sent.`,
      hint: this.options.raiseHint ?? 'Raise switchboard.budget.monthlyUsd, turn off switchboard.budget.hardStop, or run "Switchboard: Allow One Request Over Budget".',
      retryable: false,
      details: { spentUsd: m.usd, budgetUsd: monthlyUsd, month: m.month },
    });
  }

  /** Adds a recorded request to the month and fires the thresholds it crossed (serialised). */
  observe(record: UsageRecord): Promise<void> {
    const run = this.queue.then(() => this.observeNow(record));
    this.queue = run.catch(() => undefined);
    return run.then(() => undefined);
  }

  private async observeNow(record: UsageRecord): Promise<BudgetAlert | undefined> {
    const m = await this.monthToDate();
    // The store already holds the record (the client appends before it tells the budget).
    if (!this.options.monthToDate && (monthKey(new Date(record.time)) === m.month || monthKey(this.now()) === m.month)) addRecord(m, record);
    const budgetUsd = this.settings.monthlyUsd;
    if (!budgetUsd) return undefined;
    const percent = budgetPercent(m.usd, budgetUsd);
    const exact = (m.usd / budgetUsd) * 100;
    const stored = await this.options.store.load();
    const fired = stored && stored.month === m.month ? stored.fired : [];
    const crossed = this.settings.alertThresholds.filter((t) => exact >= t && !fired.includes(t));
    if (crossed.length === 0) return undefined;
    await this.options.store.save({ month: m.month, fired: [...fired, ...crossed].sort((a, b) => a - b) });
    const top = crossed[crossed.length - 1];
    const alert: BudgetAlert = {
      month: m.month, thresholdPercent: top, crossed, spentUsd: m.usd, budgetUsd, cacheWriteUsd: m.cacheWriteUsd, unpriced: m.unpriced,
      message: `Switchboard: ${formatUsd(m.usd)} spent this month, ${percent} % of your ${formatUsd(budgetUsd)} budget${alertDetails(m.cacheWriteUsd, m.unpriced)}.`,
    };
    this.options.onAlert?.(alert);
    return alert;
  }

  /** Throws when the ledger cannot be read: the hard stop refuses, alerts wait for the next try. */
  private async load(month: string): Promise<MonthToDate> {
    const m = emptyMonth(month);
    const records = (await this.options.readLedger?.()) ?? [];
    for (const r of records) if (monthKey(new Date(r.time)) === month) addRecord(m, r);
    return m;
  }
}

function hintOf(e: unknown): string {
  const hint = (e as { hint?: unknown } | null)?.hint;
  return typeof hint === 'string' && hint ? ` (${hint.replace(/\.$/, '')})` : '';
}

function emptyMonth(month: string): MonthToDate {
  return { month, usd: 0, cacheWriteUsd: 0, requests: 0, unpriced: 0 };
}

function addRecord(m: MonthToDate, r: UsageRecord): void {
  m.requests += 1;
  if (r.costUsd === null) m.unpriced += 1;
  else m.usd += r.costUsd;
  m.cacheWriteUsd += cacheWriteCostOf(r) ?? 0;
}

/** " (cache writes $x; n request(s) with unknown price not included)", each part only when it has something to say. */
function alertDetails(cacheWriteUsd: number, unpriced: number): string {
  const parts = [
    ...(cacheWriteUsd > 0 ? [`cache writes ${formatUsd(cacheWriteUsd)}`] : []),
    ...(unpriced ? [`${unpriced} request(s) with unknown price not included`] : []),
  ];
  return parts.length ? ` (${parts.join('; ')})` : '';
}
