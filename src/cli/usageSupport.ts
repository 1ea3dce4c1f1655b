// CLI side of usage, prices and budgets. The CLI has no settings: the monthly budget comes from
// SWITCHBOARD_BUDGET_USD (+ SWITCHBOARD_BUDGET_ALERTS, SWITCHBOARD_BUDGET_HARD_STOP), price
// overrides from SWITCHBOARD_HOME/prices.json, usage, cache and fired thresholds live in the local
// store (SWITCHBOARD_HOME/switchboard.db), and SWITCHBOARD_ALLOW_OVER_BUDGET=1 lets one run through.
// Prompt caching: SWITCHBOARD_PROMPT_CACHE=0 turns it off, SWITCHBOARD_PROMPT_CACHE_TTL=1h picks the 1-hour TTL.
import * as path from 'node:path';
import type { PromptCacheOptions } from '../core/cache/promptCache';
import { openLocalStore } from '../core/storage/localStore';
import type { LocalStore } from '../core/storage/localStore';
import type { StoreRetention } from '../core/storage/retention';
import type { Logger } from '../core/logger';
import { BudgetTracker, budgetFromEnv } from '../core/usage/budget';
import type { BudgetSettings } from '../core/usage/budget';
import type { UsageGrouping, UsageSummary } from '../core/usage/ledger';
import { loadPriceOverridesFile } from '../core/usage/priceOverrides';
import type { PriceOverrides } from '../core/usage/prices';
import { formatSpend, readUsageReport } from '../core/usage/report';
import type { UsageReport } from '../core/usage/report';
import { switchboardHome } from './home';

/**
 * The local store of this Switchboard home (one per process; close it before exit), pruned to the
 * configured retention (`retention` in the YAML file / SWITCHBOARD_*_RETENTION_DAYS). Never throws.
 */
export function cliStore(env: NodeJS.ProcessEnv, logger?: Logger, retention?: StoreRetention): LocalStore {
  return openLocalStore(switchboardHome(env), { ...(logger ? { logger } : {}), ...(retention ? { retention } : {}) });
}

export async function cliPriceOverrides(env: NodeJS.ProcessEnv, warn: (line: string) => void): Promise<PriceOverrides> {
  const { overrides, issues } = await loadPriceOverridesFile(path.join(switchboardHome(env), 'prices.json'));
  for (const i of issues) warn(`switchboard: ${i}`);
  return overrides;
}

export function cliBudgetSettings(env: NodeJS.ProcessEnv, warn: (line: string) => void): BudgetSettings {
  const { settings, issues } = budgetFromEnv(env);
  for (const i of issues) warn(`switchboard: ${i}`);
  return settings;
}

/** Prices, prompt caching and the budget for the CLI's engine (alerts go to stderr). */
export async function cliUsageOptions(env: NodeJS.ProcessEnv, warn: (line: string) => void, store: LocalStore): Promise<{ priceOverrides: PriceOverrides; promptCache: PromptCacheOptions; budget?: BudgetTracker }> {
  const priceOverrides = await cliPriceOverrides(env, warn);
  const settings = cliBudgetSettings(env, warn);
  const ttl = env.SWITCHBOARD_PROMPT_CACHE_TTL === '1h' ? '1h' as const : '5m' as const;
  const promptCache = { enabled: env.SWITCHBOARD_PROMPT_CACHE !== '0', ttl };
  if (!settings.monthlyUsd) return { priceOverrides, promptCache };
  const budget = new BudgetTracker({
    settings,
    // Read from the store for every check: an unreadable store makes a hard stop refuse (fails closed).
    monthToDate: (now) => store.ledger.monthToDate(now),
    store: store.budgetState,
    onAlert: (a) => warn(`${a.message} Run \`switchboard usage\` for the breakdown.`),
    raiseHint: 'Raise SWITCHBOARD_BUDGET_USD, unset SWITCHBOARD_BUDGET_HARD_STOP, or run once with SWITCHBOARD_ALLOW_OVER_BUDGET=1.',
  });
  if (env.SWITCHBOARD_ALLOW_OVER_BUDGET === '1') budget.allowOneRequestOverBudget();
  return { priceOverrides, promptCache, budget };
}

/** `usage --json`: the summary fields (totalCostUsd, breakdown, …) plus cache-write spend, comparison and advice. */
export type UsageJson = UsageSummary & {
  by: UsageGrouping;
  since: string | null;
  byCacheWriteUsd: Record<string, number>;
  monthToDate: { month: string; costUsd: number; cacheWriteCostUsd: number; requests: number; unpricedRequests: number; budget: UsageReport['budget'] | null };
  comparison: UsageReport['comparison'];
  advice: UsageReport['advice'];
};

/** What `switchboard usage` prints, read from the store's sums (never every record). */
export interface UsageFigures {
  /** Since `since` (all history without it), grouped `by`. */
  summary: UsageSummary;
  /** This calendar month: the budget line, comparison and advice. */
  report: UsageReport;
  since?: string;
  by?: UsageGrouping;
}

/**
 * `--since DATE`: a calendar date is the start of that day in local time (the day every daily view
 * uses); any other date-time as written.
 */
export function sinceDate(since: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(since);
  return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(since);
}

/** The figures of `switchboard usage` from the store: the summary by SQL over the roll-up, this month's report from its sums. */
export async function readUsageFigures(store: LocalStore, options: { since?: string; by?: UsageGrouping; budget: BudgetSettings; overrides: PriceOverrides; now?: Date }): Promise<UsageFigures> {
  const summary = await store.ledger.summarize({ ...(options.since ? { since: sinceDate(options.since) } : {}), by: options.by ?? 'provider' });
  const report = await readUsageReport(store.ledger, { now: options.now ?? new Date(), budget: options.budget, overrides: options.overrides });
  return { summary, report, ...(options.since ? { since: options.since } : {}), ...(options.by ? { by: options.by } : {}) };
}

export function usageJson(f: UsageFigures): UsageJson {
  const { summary, report } = f;
  return {
    ...summary,
    by: f.by ?? 'provider',
    since: f.since ?? null,
    byCacheWriteUsd: Object.fromEntries(summary.breakdown.map((b) => [b.key, b.cacheWriteCostUsd])),
    monthToDate: { month: report.month, costUsd: report.summary.totalCostUsd, cacheWriteCostUsd: report.summary.cacheWriteCostUsd, requests: report.summary.requests, unpricedRequests: report.summary.unpricedRequests, budget: report.budget ?? null },
    // This calendar month, whatever --since says: "what this month would have cost elsewhere".
    comparison: report.comparison,
    advice: report.advice,
  };
}

/** Text lines for `switchboard usage` (cache-write spend on its own line; unknown never shown as $0). */
export function usageText(f: UsageFigures): string {
  const j = usageJson(f);
  const out: string[] = [];
  out.push(`${j.requests} requests, ${formatSpend(j.totalCostUsd, j.unpricedRequests)}`);
  out.push(`cache writes: $${j.cacheWriteCostUsd.toFixed(4)} (${j.cacheWriteInputTokens} tokens written, ${j.cacheReadInputTokens} read)`);
  out.push(`tokens: ${j.inputTokens} in, ${j.outputTokens} out, ${j.cacheWriteInputTokens} cache write, ${j.cacheReadInputTokens} cache read`);
  for (const b of j.breakdown) out.push(`  ${b.key}: ${b.requests} requests, ${formatSpend(b.costUsd, b.unpricedRequests)} (cache writes $${b.cacheWriteCostUsd.toFixed(4)})`);
  const budget = j.monthToDate.budget;
  if (budget) out.push(`budget: ${budget.percent.toFixed(0)} % of $${budget.monthlyUsd.toFixed(2)} this month`);
  for (const a of j.advice) out.push(`advice: ${a.title} — ${a.detail}`);
  return out.join('\n') + '\n';
}
