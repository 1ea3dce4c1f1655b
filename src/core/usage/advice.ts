// Cost comparison and advice (SPEC §4) from the month's usage summed per model and per the few
// facts each figure depends on (usageAggregate.ts) — a few hundred sums the store keeps, not every
// record, so a busy month costs the extension host no more than a quiet one. Pure functions: the
// same usage always gives the same numbers, and each suggestion carries the numbers behind it. A
// request is "short" at SHORT_PROMPT_TOKENS / SHORT_OUTPUT_TOKENS (fixed: the store sums by them).
import { catalogByName } from '../models/catalog';
import type { UsageRecord } from './ledger';
import { PRICE_TABLE, priceFor, regionalPrice } from './prices';
import type { ModelPrice, PriceOverrides, TokenRates } from './prices';
import { SHORT_OUTPUT_TOKENS, SHORT_PROMPT_TOKENS, aggregateRecords, promptTokensOf } from './usageAggregate';
import type { UsageAggregate } from './usageAggregate';

export type PricingScenario = 'anthropic' | 'bedrock-global' | 'bedrock-regional';
export const SCENARIOS: readonly PricingScenario[] = ['anthropic', 'bedrock-global', 'bedrock-regional'];

export interface ScenarioCost {
  scenario: PricingScenario;
  /** Cost of the requests this scenario can price (same tokens, this price table). */
  usd: number;
  /** Requests it can price (the model is sold there and has a price). */
  requests: number;
  /** Requests it cannot price (model not offered there / no price). */
  notComparable: number;
}

export interface ProviderComparison {
  /** What was recorded (priced requests only). */
  actualUsd: number;
  /** Requests whose cost is unknown: left out of every scenario. */
  unpricedRequests: number;
  scenarios: ScenarioCost[];
}

export interface Advice {
  id: 'over-budget' | 'budget-pace' | 'opus-short-to-haiku' | 'enable-prompt-caching' | 'unread-cache-writes' | 'bedrock-global-profile' | 'cheaper-provider';
  title: string;
  /** One sentence with the numbers. */
  detail: string;
  /** Estimated monthly saving in USD (for the period given); 0 for the budget's own warnings. */
  savingUsd: number;
  /** The numbers behind the suggestion. */
  data: Record<string, number | string>;
}

export interface AdviceOptions {
  overrides?: PriceOverrides;
  /** Ignore suggestions saving less than this (default $0.01). */
  minSavingUsd?: number;
}

/** Catalog model name behind a model ID (`sonnet-4.6`), when the ID is known. */
function catalogNameOf(g: Pick<UsageAggregate, 'provider' | 'modelId'>): string | undefined {
  return priceFor(g.provider, g.modelId)?.priced;
}

function hasGlobalProfile(name: string): boolean {
  return catalogByName(name)?.bedrockProfiles?.includes('global') ?? false;
}

/** The price a scenario would charge for a catalog model, or undefined where it is not sold. */
export function scenarioPrice(name: string, scenario: PricingScenario): ModelPrice | undefined {
  const p = PRICE_TABLE[name];
  if (!p) return undefined;
  if (scenario === 'anthropic') return p.providers.includes('anthropic') ? p : undefined;
  if (!p.providers.includes('bedrock')) return undefined;
  if (scenario === 'bedrock-global') return hasGlobalProfile(name) ? p : undefined;
  return regionalPrice(p);
}

/**
 * What the summed tokens cost at `price`: the same as `costAt` per request, summed — every request
 * of an aggregate is on the same side of the long-context threshold and has the same cache TTL.
 */
export function costOfAggregate(price: ModelPrice, g: Pick<UsageAggregate, 'long' | 'ttl' | 'inputTokens' | 'outputTokens' | 'cacheWriteInputTokens' | 'cacheReadInputTokens'>): number {
  const rates: TokenRates = g.long && price.longContext ? price.longContext : price;
  const write = g.ttl === '1h' ? rates.cacheWrite1h : rates.cacheWrite;
  return (g.inputTokens * rates.input + g.outputTokens * rates.output + g.cacheWriteInputTokens * write + g.cacheReadInputTokens * rates.cacheRead) / 1_000_000;
}

const sumOf = (rows: readonly UsageAggregate[], pick: (g: UsageAggregate) => number): number => rows.reduce((n, g) => n + pick(g), 0);

/** What the same tokens would have cost on each provider / Bedrock profile kind, from the month's aggregates. */
export function compareAggregates(rows: readonly UsageAggregate[]): ProviderComparison {
  const out: ProviderComparison = { actualUsd: 0, unpricedRequests: 0, scenarios: SCENARIOS.map((scenario) => ({ scenario, usd: 0, requests: 0, notComparable: 0 })) };
  for (const g of rows) {
    if (!g.priced) {
      out.unpricedRequests += g.requests;
      continue;
    }
    out.actualUsd += g.costUsd;
    const name = catalogNameOf(g);
    for (const s of out.scenarios) {
      const price = name ? scenarioPrice(name, s.scenario) : undefined;
      if (!price) {
        s.notComparable += g.requests;
        continue;
      }
      s.usd += costOfAggregate(price, g);
      s.requests += g.requests;
    }
  }
  return out;
}

/** `compareAggregates` over records (summed first). */
export function compareProviders(records: readonly UsageRecord[]): ProviderComparison {
  return compareAggregates(aggregateRecords(records));
}

/** `adviseOnAggregates` over records (summed first). */
export function adviseOnUsage(records: readonly UsageRecord[], options: AdviceOptions = {}): Advice[] {
  return adviseOnAggregates(aggregateRecords(records), options);
}

/** Suggestions with the numbers behind them, largest saving first, from the month's aggregates. */
export function adviseOnAggregates(rows: readonly UsageAggregate[], options: AdviceOptions = {}): Advice[] {
  const minSaving = options.minSavingUsd ?? 0.01;
  const advice: Advice[] = [];
  const priced = rows.filter((g) => g.priced);
  const priceWithOverrides = (g: UsageAggregate): ModelPrice | undefined => priceFor(g.provider, g.modelId, { overrides: options.overrides })?.price;

  // 1. Short requests on Opus would cost a fifth on Haiku.
  const opus = priced.filter((g) => catalogNameOf(g)?.startsWith('opus'));
  const short = opus.filter((g) => g.short);
  const shortCount = sumOf(short, (g) => g.requests);
  if (shortCount > 0) {
    const opusCount = sumOf(opus, (g) => g.requests);
    const haiku = PRICE_TABLE['haiku-4.5']!;
    const now = sumOf(short, (g) => g.costUsd);
    const onHaiku = sumOf(short, (g) => costOfAggregate(g.provider === 'bedrock' ? regionalPrice(haiku) : haiku, g));
    const saving = now - onHaiku;
    if (saving >= minSaving) {
      const share = shortCount / opusCount;
      advice.push({
        id: 'opus-short-to-haiku',
        title: 'Use haiku for short tasks',
        detail: `${shortCount} of ${opusCount} Opus requests (${pct(share)}) were short (≤ ${SHORT_PROMPT_TOKENS} prompt and ≤ ${SHORT_OUTPUT_TOKENS} output tokens); on haiku they would have cost ${usd(onHaiku)} instead of ${usd(now)}, saving ${usd(saving)}.`,
        savingUsd: saving,
        data: { shortRequests: shortCount, opusRequests: opusCount, shortShare: share, currentUsd: now, haikuUsd: onHaiku },
      });
    }
  }

  // 2. Long prompts that are barely read from the cache: caching would move most of them to 0.1× input.
  const cacheable = priced.filter((g) => g.cacheable && catalogNameOf(g) !== 'llama-3.3-70b');
  const cacheableCount = sumOf(cacheable, (g) => g.requests);
  const promptSum = sumOf(cacheable, (g) => promptTokensOf(g));
  const readSum = sumOf(cacheable, (g) => g.cacheReadInputTokens);
  const readRatio = promptSum > 0 ? readSum / promptSum : 0;
  if (cacheableCount >= 2 && readRatio < 0.3) {
    // Assume what a multi-turn conversation reaches with automatic breakpoints (70 % reads, see
    // docs/cost.md), each cached token written once for about five reads.
    let saving = 0;
    for (const g of cacheable) {
      const price = priceWithOverrides(g);
      if (!price) continue;
      saving += (g.movableTokens * (price.input - price.cacheRead) - (g.movableTokens / 5) * (price.cacheWrite - price.input)) / 1_000_000;
    }
    if (saving >= minSaving) {
      advice.push({
        id: 'enable-prompt-caching',
        title: 'Enable prompt caching',
        detail: `Only ${pct(readRatio)} of the prompt tokens of ${cacheableCount} long requests were cache reads; with prompt caching on (switchboard.promptCache.enabled) reads cost a tenth of input, saving about ${usd(saving)}.`,
        savingUsd: saving,
        data: { requests: cacheableCount, promptTokens: promptSum, cacheReadTokens: readSum, cacheReadRatio: readRatio },
      });
    }
  }

  // 3. Cache writes nobody reads: the surprise-bill pattern.
  const writeTokens = sumOf(priced, (g) => g.cacheWriteInputTokens);
  const writeUsd = sumOf(priced, (g) => g.cacheWriteCostUsd);
  const reads = sumOf(priced, (g) => g.cacheReadInputTokens);
  if (writeTokens > 0 && reads < writeTokens) {
    // Every written token costs 0.25× input more than plain input (1× more at the 1-hour TTL).
    const premium = sumOf(priced, (g) => {
      const price = g.cacheWriteInputTokens > 0 ? priceWithOverrides(g) : undefined;
      return price ? (g.cacheWriteInputTokens * ((g.ttl === '1h' ? price.cacheWrite1h : price.cacheWrite) - price.input)) / 1_000_000 : 0;
    });
    if (premium >= minSaving) {
      advice.push({
        id: 'unread-cache-writes',
        title: 'Cache writes are not being read',
        detail: `${writeTokens} tokens were written to the prompt cache (${usd(writeUsd)}) but only ${reads} read back; the write premium over plain input was ${usd(premium)}. Use the 5-minute TTL or turn caching off for one-shot prompts.`,
        savingUsd: premium,
        data: { cacheWriteTokens: writeTokens, cacheReadTokens: reads, cacheWriteUsd: writeUsd, premiumUsd: premium },
      });
    }
  }

  // 4. Bedrock geo / in-region profiles cost ~10 % more than global for the newest Claude models.
  let regionalUsd = 0;
  let globalUsd = 0;
  for (const g of priced) {
    if (g.provider !== 'bedrock' || priceFor('bedrock', g.modelId)?.pricing !== 'bedrock-regional') continue;
    const name = catalogNameOf(g);
    const global = name ? scenarioPrice(name, 'bedrock-global') : undefined;
    if (!global) continue;
    regionalUsd += g.costUsd;
    globalUsd += costOfAggregate(global, g);
  }
  if (regionalUsd - globalUsd >= minSaving) {
    const saving = regionalUsd - globalUsd;
    advice.push({
      id: 'bedrock-global-profile',
      title: 'Use the global inference profile on Bedrock',
      detail: `Bedrock requests on geo / in-region profiles cost ${usd(regionalUsd)}; on global. profiles they would have cost ${usd(globalUsd)} (${pct(saving / regionalUsd)} cheaper, saving ${usd(saving)}). Set switchboard.modelProvider.bedrock.inferenceProfile to "global" if your data may be processed in any region.`,
      savingUsd: saving,
      data: { regionalUsd, globalUsd, savingPercent: saving / regionalUsd },
    });
  }

  // 5. The other provider would have been cheaper for the same tokens.
  const anthropic = priced.filter((g) => g.provider === 'anthropic');
  if (anthropic.length > 0) {
    const onGlobal = compareAggregates(anthropic).scenarios.find((s) => s.scenario === 'bedrock-global')!;
    const comparable = anthropic.filter((g) => {
      const name = catalogNameOf(g);
      return name !== undefined && scenarioPrice(name, 'bedrock-global') !== undefined;
    });
    const now = sumOf(comparable, (g) => g.costUsd);
    if (now - onGlobal.usd >= minSaving) {
      advice.push({
        id: 'cheaper-provider',
        title: 'Bedrock (global profile) would be cheaper',
        detail: `The same tokens on Bedrock global. profiles would have cost ${usd(onGlobal.usd)} instead of ${usd(now)} on the Anthropic API.`,
        savingUsd: now - onGlobal.usd,
        data: { anthropicUsd: now, bedrockGlobalUsd: onGlobal.usd },
      });
    }
  }
  return advice.sort((a, b) => b.savingUsd - a.savingUsd);
}

/**
 * What the budget says about this month, before any saving: at or over the budget, what it is and
 * what to do; under it but on a pace that ends the month over, the projection. `percent` is the
 * report's (budgetPercent), so the advice says the same figure as the alert and the dashboard. It
 * needs only the month's sum, so the dashboard shows it with the first paint.
 */
export function adviseOnBudget(spent: { usd: number; percent: number }, budget: { monthlyUsd: number; hardStop: boolean }, now: Date): Advice[] {
  const limit = usd(budget.monthlyUsd);
  const then = ' To spend less per request, route short tasks to haiku, keep prompt caching on, and see any suggestions below.';
  if (spent.percent >= 100) {
    const stop = budget.hardStop
      ? 'The hard stop refuses further requests until the month ends ("Switchboard: Allow One Request Over Budget" lets one through).'
      : 'Requests still go through: turn on the hard stop (switchboard.budget.hardStop; CLI: SWITCHBOARD_BUDGET_HARD_STOP=1) to refuse them at the budget.';
    return [{
      id: 'over-budget',
      title: spent.percent === 100 ? 'The monthly budget is spent' : `Over the monthly budget (${spent.percent} %)`,
      detail: `This month's spend ${usd(spent.usd)} is ${spent.percent} % of the ${limit} budget. ${stop} If this spend is expected, raise the budget (switchboard.budget.monthlyUsd; CLI: SWITCHBOARD_BUDGET_USD).${then}`,
      savingUsd: 0,
      data: { spentUsd: spent.usd, budgetUsd: budget.monthlyUsd, percent: spent.percent },
    }];
  }
  // The pace so far, over the whole calendar month (local time).
  const start = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
  const end = new Date(now.getFullYear(), now.getMonth() + 1, 1).getTime();
  const elapsed = (now.getTime() - start) / (end - start);
  if (elapsed < 0.1 || spent.usd <= 0) return [];
  const projected = spent.usd / elapsed;
  if (projected <= budget.monthlyUsd) return [];
  return [{
    id: 'budget-pace',
    title: 'On pace to go over the budget',
    detail: `${usd(spent.usd)} spent so far (${spent.percent} % of ${limit}); at this pace the month ends at about ${usd(projected)}, ${Math.floor((projected / budget.monthlyUsd) * 100)} % of the budget.${then}`,
    savingUsd: 0,
    data: { spentUsd: spent.usd, budgetUsd: budget.monthlyUsd, projectedUsd: projected },
  }];
}

function usd(n: number): string {
  return `$${n.toFixed(n < 1 ? 4 : 2)}`;
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`;
}
