// The core modules behind usage, prices, budgets and prompt caching, for src/extension/usage.ts.
// Kept apart from coreBridge.ts (config / client) so each area's glue changes in one place.
import type { SwitchboardClientOptions } from '../core/client';

export { BudgetTracker, parseBudgetSettings } from '../core/usage/budget';
export type { BudgetAlert, BudgetSettings, FiredState, FiredStore, MonthToDate } from '../core/usage/budget';
export { UsageLedger } from '../core/usage/ledger';
export { parsePriceOverrides } from '../core/usage/priceOverrides';
export type { PriceOverrides } from '../core/usage/prices';
export type { PromptCacheOptions } from '../core/cache/promptCache';
export { buildUsageReport, formatSpend, renderUsageMarkdown } from '../core/usage/report';
export type { UsageReport } from '../core/usage/report';

/** What the usage service adds to every client the extension builds. */
export type ClientUsageOptions = Pick<SwitchboardClientOptions, 'priceOverrides' | 'promptCache' | 'budget'>;
