// The per-record cost comparison and advice as they were before they moved to aggregates (src/core/usage/advice.ts at 5b172ce),
// kept as the independent reference the aggregate versions must equal (usageRollupProperty.test.ts, advice.test.ts).
import { catalogByName } from '../../../src/core/models/catalog';
import type { ProviderId, Usage } from '../../../src/core/types';
import type { UsageRecord } from '../../../src/core/usage/ledger';
import { cacheWriteCostOf } from '../../../src/core/usage/ledger';
import { PRICE_TABLE, costAt, priceFor, regionalPrice } from '../../../src/core/usage/prices';
import type { ModelPrice, PriceOverrides } from '../../../src/core/usage/prices';

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
  /** A request is "short" at or below these (default 2000 prompt tokens and 300 output tokens). */
  shortPromptTokens?: number;
  shortOutputTokens?: number;
  /** Ignore suggestions saving less than this (default $0.01). */
  minSavingUsd?: number;
}

function usageOf(r: UsageRecord): Usage {
  return { inputTokens: r.inputTokens, outputTokens: r.outputTokens, cacheReadInputTokens: r.cacheReadInputTokens, cacheWriteInputTokens: r.cacheWriteInputTokens };
}

function promptTokens(r: UsageRecord): number {
  return r.inputTokens + r.cacheReadInputTokens + r.cacheWriteInputTokens;
}

/** Catalog model name behind a record (`sonnet-4.6`), when the ID is known. */
function catalogNameOf(r: UsageRecord): string | undefined {
  return priceFor(r.provider, r.modelId)?.priced;
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

/** What the same tokens would have cost on each provider / Bedrock profile kind. */
export function referenceCompare(records: readonly UsageRecord[]): ProviderComparison {
  const out: ProviderComparison = { actualUsd: 0, unpricedRequests: 0, scenarios: SCENARIOS.map((scenario) => ({ scenario, usd: 0, requests: 0, notComparable: 0 })) };
  for (const r of records) {
    if (r.costUsd === null) {
      out.unpricedRequests += 1;
      continue;
    }
    out.actualUsd += r.costUsd;
    const name = catalogNameOf(r);
    for (const s of out.scenarios) {
      const price = name ? scenarioPrice(name, s.scenario) : undefined;
      if (!price) {
        s.notComparable += 1;
        continue;
      }
      s.usd += costAt(price, usageOf(r), r.cacheWriteTtl ?? '5m').usd;
      s.requests += 1;
    }
  }
  return out;
}

/** Suggestions with the numbers behind them, largest saving first. */
export function referenceAdvice(records: readonly UsageRecord[], options: AdviceOptions = {}): Advice[] {
  const minSaving = options.minSavingUsd ?? 0.01;
  const advice: Advice[] = [];
  const priced = records.filter((r) => r.costUsd !== null);

  // 1. Short requests on Opus would cost a fifth on Haiku.
  const shortPrompt = options.shortPromptTokens ?? 2000;
  const shortOutput = options.shortOutputTokens ?? 300;
  const opus = priced.filter((r) => catalogNameOf(r)?.startsWith('opus'));
  const short = opus.filter((r) => promptTokens(r) <= shortPrompt && r.outputTokens <= shortOutput);
  if (short.length > 0) {
    const haiku = PRICE_TABLE['haiku-4.5']!;
    const now = short.reduce((n, r) => n + (r.costUsd ?? 0), 0);
    const onHaiku = short.reduce((n, r) => n + costAt(r.provider === 'bedrock' ? regionalPrice(haiku) : haiku, usageOf(r), r.cacheWriteTtl ?? '5m').usd, 0);
    const saving = now - onHaiku;
    if (saving >= minSaving) {
      const share = short.length / opus.length;
      advice.push({
        id: 'opus-short-to-haiku',
        title: 'Use haiku for short tasks',
        detail: `${short.length} of ${opus.length} Opus requests (${pct(share)}) were short (≤ ${shortPrompt} prompt and ≤ ${shortOutput} output tokens); on haiku they would have cost ${usd(onHaiku)} instead of ${usd(now)}, saving ${usd(saving)}.`,
        savingUsd: saving,
        data: { shortRequests: short.length, opusRequests: opus.length, shortShare: share, currentUsd: now, haikuUsd: onHaiku },
      });
    }
  }

  // 2. Long prompts that are barely read from the cache: caching would move most of them to 0.1× input.
  const cacheable = priced.filter((r) => promptTokens(r) >= 1024 && catalogNameOf(r) !== 'llama-3.3-70b');
  const promptSum = cacheable.reduce((n, r) => n + promptTokens(r), 0);
  const readSum = cacheable.reduce((n, r) => n + r.cacheReadInputTokens, 0);
  const readRatio = promptSum > 0 ? readSum / promptSum : 0;
  if (cacheable.length >= 2 && readRatio < 0.3) {
    // Assume what a multi-turn conversation reaches with automatic breakpoints (70 % reads, see
    // docs/cost.md), each cached token written once for about five reads.
    let saving = 0;
    for (const r of cacheable) {
      const found = priceFor(r.provider, r.modelId, { overrides: options.overrides });
      if (!found) continue;
      const moved = Math.min(r.inputTokens, Math.max(0, 0.7 * promptTokens(r) - r.cacheReadInputTokens));
      saving += (moved * (found.price.input - found.price.cacheRead) - (moved / 5) * (found.price.cacheWrite - found.price.input)) / 1_000_000;
    }
    if (saving >= minSaving) {
      advice.push({
        id: 'enable-prompt-caching',
        title: 'Enable prompt caching',
        detail: `Only ${pct(readRatio)} of the prompt tokens of ${cacheable.length} long requests were cache reads; with prompt caching on (switchboard.promptCache.enabled) reads cost a tenth of input, saving about ${usd(saving)}.`,
        savingUsd: saving,
        data: { requests: cacheable.length, promptTokens: promptSum, cacheReadTokens: readSum, cacheReadRatio: readRatio },
      });
    }
  }

  // 3. Cache writes nobody reads: the surprise-bill pattern.
  const writeTokens = priced.reduce((n, r) => n + r.cacheWriteInputTokens, 0);
  const writeUsd = priced.reduce((n, r) => n + (cacheWriteCostOf(r) ?? 0), 0);
  const reads = priced.reduce((n, r) => n + r.cacheReadInputTokens, 0);
  if (writeTokens > 0 && reads < writeTokens) {
    // Every written token costs 0.25× input more than plain input (1× more at the 1-hour TTL).
    const premium = priced.reduce((n, r) => {
      const found = priceFor(r.provider, r.modelId, { overrides: options.overrides });
      if (!found || r.cacheWriteInputTokens === 0) return n;
      const rate = r.cacheWriteTtl === '1h' ? found.price.cacheWrite1h : found.price.cacheWrite;
      return n + (r.cacheWriteInputTokens * (rate - found.price.input)) / 1_000_000;
    }, 0);
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
  const regional = priced.filter((r) => r.provider === 'bedrock' && priceFor('bedrock', r.modelId)?.pricing === 'bedrock-regional');
  let regionalUsd = 0;
  let globalUsd = 0;
  for (const r of regional) {
    const name = catalogNameOf(r);
    const g = name ? scenarioPrice(name, 'bedrock-global') : undefined;
    if (!g) continue;
    regionalUsd += r.costUsd ?? 0;
    globalUsd += costAt(g, usageOf(r), r.cacheWriteTtl ?? '5m').usd;
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
  const byProvider = new Map<ProviderId, UsageRecord[]>();
  for (const r of priced) {
    const list = byProvider.get(r.provider);
    if (list) list.push(r);
    else byProvider.set(r.provider, [r]);
  }
  const anthropicRecords = byProvider.get('anthropic') ?? [];
  if (anthropicRecords.length > 0) {
    const c = referenceCompare(anthropicRecords);
    const onGlobal = c.scenarios.find((s) => s.scenario === 'bedrock-global')!;
    const comparable = anthropicRecords.filter((r) => {
      const name = catalogNameOf(r);
      return name !== undefined && scenarioPrice(name, 'bedrock-global') !== undefined;
    });
    const now = comparable.reduce((n, r) => n + (r.costUsd ?? 0), 0);
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

function usd(n: number): string {
  return `$${n.toFixed(n < 1 ? 4 : 2)}`;
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`;
}
