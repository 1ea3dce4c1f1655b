// How long the local store keeps history — the defaults and bounds the configuration
// (`retention.usage_days` / `retention.health_days`, config/schema.ts) and the store share.
// Why these values: docs/reliability.md, "Local store → Bounded".

/** This month and last year's, for the usage report's comparisons and a year of history. */
export const DEFAULT_LEDGER_RETENTION_DAYS = 400;
/** The budget sums the calendar month: a shorter retention would under-count this month's spend. */
export const MIN_LEDGER_RETENTION_DAYS = 35;
/** At most this many ledger rows are kept, the oldest go first (about 120 MB). */
export const DEFAULT_LEDGER_MAX_RECORDS = 200_000;
/** The dashboard shows the last 24 h and 7 days; a month leaves room to compare. */
export const DEFAULT_HEALTH_RETENTION_DAYS = 30;

/** What the configuration sets (config `retention`); absent fields keep the defaults. */
export interface StoreRetention {
  usageDays?: number;
  healthDays?: number;
}
