// Prices as data (SPEC §7, USD per million tokens) and the one cost formula.
// Both APIs report input tokens EXCLUDING cache reads and writes, so the cost is the plain sum
// of the four token classes at their rates; nothing is subtracted (subtracting cache tokens from
// input a second time is the classic Bedrock under-count).
import type { ModelMapping } from '../models/catalog';
import { catalogById, catalogByName, normalizeLogicalName } from '../models/catalog';
import { resolveModel } from '../models/resolve';
import type { CostEstimate, ProviderId, Usage } from '../types';

export interface TokenRates {
  input: number;
  output: number;
  /** 5-minute cache write (1.25× input for Claude). */
  cacheWrite: number;
  /** 1-hour cache write (2× input for Claude). */
  cacheWrite1h: number;
  cacheRead: number;
}

export interface ModelPrice extends TokenRates {
  /** Rates for the whole request once the prompt (input + cache write + cache read) exceeds `thresholdTokens`. */
  longContext?: TokenRates & { thresholdTokens: number };
  /** Bedrock geo / in-region profiles cost this factor over `global.` (the table price). */
  bedrockRegionalFactor?: number;
  /** Which providers sell the model. */
  providers: readonly ProviderId[];
}

/** A user price override, per MTok; cache rates default from input like Claude's (1.25× / 2× / 0.1×). */
export interface PriceOverride {
  input: number;
  output: number;
  cacheWrite?: number;
  cacheWrite1h?: number;
  cacheRead?: number;
}
/** Keyed by `provider:key` or `key`, where key is a logical name, model ID, base ID, profile ID or ARN. */
export type PriceOverrides = Record<string, PriceOverride>;

export interface CostOptions {
  overrides?: PriceOverrides;
  /** TTL of the cache writes in this usage (default 5m). */
  cacheWriteTtl?: '5m' | '1h';
  /** Lets an opaque ARN or user name be priced as the model the mapping says is behind it. */
  mapping?: ModelMapping;
}

export interface CostDetail extends CostEstimate {
  /** Catalog model priced, when known. */
  priced?: string;
  pricing?: 'list' | 'bedrock-global' | 'bedrock-regional' | 'override';
  longContext?: boolean;
}

const LONG_CONTEXT_THRESHOLD = 200_000;
const REGIONAL = 1.1;

function claude(input: number, output: number, extra: Partial<ModelPrice> = {}): ModelPrice {
  return { input, output, cacheWrite: input * 1.25, cacheWrite1h: input * 2, cacheRead: input / 10, providers: ['anthropic', 'bedrock'], ...extra };
}
const SONNET_LONG = { thresholdTokens: LONG_CONTEXT_THRESHOLD, input: 6, output: 22.5, cacheWrite: 7.5, cacheWrite1h: 12, cacheRead: 0.6 };

/** Keyed by catalog name. */
export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  'opus-4.7': claude(5, 25, { bedrockRegionalFactor: REGIONAL }),
  'opus-4.6': claude(5, 25, { bedrockRegionalFactor: REGIONAL }),
  'sonnet-4.6': claude(3, 15, { bedrockRegionalFactor: REGIONAL, longContext: SONNET_LONG }),
  'sonnet-4.5': claude(3, 15, { bedrockRegionalFactor: REGIONAL, longContext: SONNET_LONG }),
  'haiku-4.5': claude(1, 5, { bedrockRegionalFactor: REGIONAL }),
  'opus-4.5': claude(5, 25, { bedrockRegionalFactor: REGIONAL }),
  'opus-4.1': claude(15, 75),
  'sonnet-4': claude(3, 15, { longContext: SONNET_LONG }),
  // Nova: cache reads 75 % off, cache writes at the normal input rate. Llama: no prompt cache.
  'nova-pro': { input: 0.8, output: 3.2, cacheWrite: 0.8, cacheWrite1h: 0.8, cacheRead: 0.2, providers: ['bedrock'] },
  'nova-lite': { input: 0.06, output: 0.24, cacheWrite: 0.06, cacheWrite1h: 0.06, cacheRead: 0.015, providers: ['bedrock'] },
  'llama-3.3-70b': { input: 0.99, output: 0.99, cacheWrite: 0.99, cacheWrite1h: 0.99, cacheRead: 0.99, providers: ['bedrock'] },
  // mistral-large: no price in SPEC §7 → deliberately absent ("unknown"); users can override.
};

/** The rates that apply, or undefined when the model has no known price. */
export function priceFor(provider: ProviderId, modelId: string, options: CostOptions = {}): { price: ModelPrice; pricing: NonNullable<CostDetail['pricing']>; priced?: string } | undefined {
  const ids = identify(provider, modelId, options.mapping);
  const override = findOverride(provider, ids.keys, options.overrides);
  if (override) {
    const price: ModelPrice = {
      input: override.input, output: override.output, cacheWrite: override.cacheWrite ?? override.input * 1.25,
      cacheWrite1h: override.cacheWrite1h ?? override.input * 2, cacheRead: override.cacheRead ?? override.input / 10, providers: [provider],
    };
    return { price, pricing: 'override', ...(ids.catalogName ? { priced: ids.catalogName } : {}) };
  }
  const base = ids.catalogName ? PRICE_TABLE[ids.catalogName] : undefined;
  if (!base || !ids.catalogName || !base.providers.includes(provider)) return undefined;
  if (provider === 'anthropic') return { price: base, pricing: 'list', priced: ids.catalogName };
  if (ids.global || !base.bedrockRegionalFactor) return { price: base, pricing: 'bedrock-global', priced: ids.catalogName };
  return { price: scale(base, base.bedrockRegionalFactor), pricing: 'bedrock-regional', priced: ids.catalogName };
}

export function estimateCost(provider: ProviderId, modelId: string, usage: Usage, options: CostOptions = {}): CostDetail {
  const found = priceFor(provider, modelId, options);
  if (!found) return { usd: undefined, priceKnown: false };
  const { usd, breakdown, longContext } = costAt(found.price, usage, options.cacheWriteTtl);
  return {
    usd, breakdown, priceKnown: true, pricing: found.pricing, longContext,
    ...(found.priced ? { priced: found.priced } : {}),
  };
}

/** The one formula: the four token classes at their rates (long-context tier above its threshold). */
export function costAt(price: ModelPrice, usage: Usage, cacheWriteTtl: '5m' | '1h' = '5m'): { usd: number; breakdown: NonNullable<CostEstimate['breakdown']>; longContext: boolean } {
  const prompt = usage.inputTokens + usage.cacheWriteInputTokens + usage.cacheReadInputTokens;
  const long = price.longContext && prompt > price.longContext.thresholdTokens ? price.longContext : undefined;
  const rates: TokenRates = long ?? price;
  const perToken = (tokens: number, rate: number): number => (tokens * rate) / 1_000_000;
  const breakdown = {
    input: perToken(usage.inputTokens, rates.input),
    output: perToken(usage.outputTokens, rates.output),
    cacheWrite: perToken(usage.cacheWriteInputTokens, cacheWriteTtl === '1h' ? rates.cacheWrite1h : rates.cacheWrite),
    cacheRead: perToken(usage.cacheReadInputTokens, rates.cacheRead),
  };
  return { usd: breakdown.input + breakdown.output + breakdown.cacheWrite + breakdown.cacheRead, breakdown, longContext: long !== undefined };
}

/** Bedrock's geo / in-region price of a table entry (the table holds the global / list price). */
export function regionalPrice(price: ModelPrice): ModelPrice {
  return price.bedrockRegionalFactor ? scale(price, price.bedrockRegionalFactor) : price;
}

function scale(p: ModelPrice, f: number): ModelPrice {
  const s = (r: TokenRates): TokenRates => ({ input: r.input * f, output: r.output * f, cacheWrite: r.cacheWrite * f, cacheWrite1h: r.cacheWrite1h * f, cacheRead: r.cacheRead * f });
  return { ...p, ...s(p), ...(p.longContext ? { longContext: { ...s(p.longContext), thresholdTokens: p.longContext.thresholdTokens } } : {}) };
}

/**
 * Normalise any ID form through the catalog. Only `global.` profiles get the global price; geo
 * profiles, base IDs and application-inference-profile ARNs (whose routing we cannot see) are
 * priced as regional, the higher of the two, so cost is never under-stated.
 */
function identify(provider: ProviderId, modelId: string, mapping?: ModelMapping): { keys: string[]; catalogName?: string; global: boolean } {
  const keys = [modelId];
  try {
    const r = resolveModel({ provider, model: modelId, ...(mapping ? { mapping } : {}) });
    const entry = catalogById(r.baseModelId) ?? (r.logical ? catalogByName(normalizeLogicalName(r.logical)) : undefined);
    keys.push(r.modelId, r.baseModelId, ...(r.logical ? [r.logical] : []), ...(entry ? [entry.name, ...entry.aliases] : []));
    return { keys, ...(entry ? { catalogName: entry.name } : {}), global: r.profilePrefix === 'global' };
  } catch {
    return { keys, global: false };
  }
}

function findOverride(provider: ProviderId, keys: string[], overrides?: PriceOverrides): PriceOverride | undefined {
  if (!overrides) return undefined;
  for (const k of keys) {
    const hit = overrides[`${provider}:${k}`] ?? overrides[k];
    if (hit) return hit;
  }
  return undefined;
}
