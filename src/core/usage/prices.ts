// Prices as data (USD per million tokens) and the one cost formula. Sources per row; read on
// FACTS_READ_ON (src/core/models/sources.ts). test/unit/usage/pricesVsLitellm.test.ts compares
// this table with a pinned copy of LiteLLM's rows (test/data/litellm-claude-rows.json).
// Both APIs report input tokens EXCLUDING cache reads and writes, so the cost is the plain sum
// of the four token classes at their rates; nothing is subtracted (subtracting cache tokens from
// input a second time is the classic Bedrock under-count).
import type { ModelMapping } from '../models/catalog';
import { catalogById, catalogByName, normalizeLogicalName } from '../models/catalog';
import type { ProfilePrefix } from '../models/regions';
import { partitionOf } from '../models/regions';
import { resolveModel } from '../models/resolve';
import type { SourceKey } from '../models/sources';
import type { CostEstimate, ProviderId, Usage } from '../types';

export interface TokenRates {
  input: number;
  output: number;
  /** 5-minute cache write (1.25× input for Claude). */
  cacheWrite: number;
  /** 1-hour cache write (2× input for Claude). */
  cacheWrite1h: number;
  /** Cache read (0.1× input for most Claude; 0.05× Opus / Sonnet 5.5, 0.025× Fable 5.1 / 5.2). */
  cacheRead: number;
}

export interface ModelPrice extends TokenRates {
  /** Rates for the whole request once the prompt (input + cache write + cache read) exceeds `thresholdTokens` (200K for Sonnet 4.5 / 4, 100K for Haiku 5.5). */
  longContext?: TokenRates & { thresholdTokens: number };
  /** Bedrock geo / in-region profiles cost this factor over `global.` (the table price). */
  bedrockRegionalFactor?: number;
  /** Bedrock in AWS GovCloud (US) (`us-gov.` profiles, base IDs in us-gov-*) costs this factor over the table price (default 1.2). */
  bedrockGovCloudFactor?: number;
  /** Which providers sell the model. */
  providers: readonly ProviderId[];
  /** Where the rates come from. */
  sources: readonly SourceKey[];
  /** Derived or disputed figures, one line each. */
  notes?: readonly string[];
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
  /** The Bedrock region called: a base ID or ARN in us-gov-* is priced at the GovCloud rate. */
  region?: string;
}

export type PricingKind = 'list' | 'bedrock-global' | 'bedrock-regional' | 'bedrock-govcloud' | 'override';

export interface CostDetail extends CostEstimate {
  /** Catalog model priced, when known. */
  priced?: string;
  pricing?: PricingKind;
  longContext?: boolean;
}

/** The Sonnet 4.5 / 4 long-context threshold (Haiku 5.5 has its own, 100K). */
const LONG_CONTEXT_THRESHOLD = 200_000;
/** AWS: geo / in-region profiles of Sonnet 4.5+, Haiku 4.5, Opus 4.5+ cost 10 % over global (awsPricing, anthropicOnBedrock). */
const REGIONAL = 1.1;
/**
 * AWS GovCloud (US): 20 % over the list price, in every rate. AWS's GovCloud table prices Claude
 * Sonnet 4.5 at 3.60 / 18.00, cache write 4.50 (5 min) / 7.20 (1 h), read 0.36 (awsGovCloudPricing);
 * LiteLLM's bedrock/us-gov-*-1 rows agree (Sonnet 4.5, Nova Pro 0.96 / 3.84).
 */
const GOVCLOUD = 1.2;
const CLAUDE_SOURCES: readonly SourceKey[] = ['anthropicPricing', 'awsPricing', 'litellm'];

function claude(input: number, output: number, extra: Partial<ModelPrice> = {}): ModelPrice {
  return { input, output, cacheWrite: input * 1.25, cacheWrite1h: input * 2, cacheRead: input / 10, providers: ['anthropic', 'bedrock'], sources: CLAUDE_SOURCES, ...extra };
}
/** Claude rates with a cache-read price below the usual 0.1× (Opus / Sonnet 5.5: 0.05×; Fable 5.1 / 5.2: 0.025×). */
function claudeRead(input: number, output: number, cacheRead: number, extra: Partial<ModelPrice> = {}): ModelPrice {
  return claude(input, output, { cacheRead, ...extra });
}
const CLAUDE5_PRICE_SOURCES: readonly SourceKey[] = ['anthropicModelPages', 'anthropicPricing', 'litellm', 'pricingTrackers'];
/**
 * Haiku 5.5 is priced by prompt length: a request whose prompt (input + cache writes + cache reads)
 * is over 100,000 tokens pays 5× on every token of that request, output included (Anthropic's
 * Haiku 5.5 page: "$0.10 / MTok for prompts up to 100,000 tokens, $0.50 / MTok for prompts over").
 */
const HAIKU55_LONG = { thresholdTokens: 100_000, input: 0.5, output: 2.5, cacheWrite: 0.625, cacheWrite1h: 1, cacheRead: 0.05 };
/** GovCloud rows published for the newest models (LiteLLM's us-gov rows: Sonnet 5.5 2.4 / 12, Opus 5 6 / 30, Fable 5.1 12 / 60): 1.2 × list. */
const GOV_PUBLISHED = { bedrockGovCloudFactor: 1.2 };
/**
 * Long-context tier (> 200K prompt tokens): Sonnet 4.5 and Sonnet 4 only (anthropicPricing,
 * LiteLLM `*_above_200k_tokens`). The 4.6 / 4.7 models have none: their 1M window is at the
 * standard rates.
 */
const SONNET_LONG = { thresholdTokens: LONG_CONTEXT_THRESHOLD, input: 6, output: 22.5, cacheWrite: 7.5, cacheWrite1h: 12, cacheRead: 0.6 };
/**
 * Sonnet 4.6 in GovCloud (us-gov.anthropic.claude-sonnet-4-6 is served there: publicCodeGovCloud)
 * has no published price: neither AWS's GovCloud table as quoted publicly nor LiteLLM has a row
 * for it (searched 2026-12-01). Derived with the factor every published GovCloud Claude and Nova
 * price has (1.2 × list), which is also what LiteLLM does for live GovCloud models without a
 * published price (litellmGovCloudDerived). Never under-stated against a 1.1 × geo premium.
 */
const DERIVED_GOV = 'GovCloud price derived: no public table prices Sonnet 4.6 in GovCloud (AWS publishes Sonnet 4.5 there at exactly 1.2 × list in every rate; LiteLLM derives its unpublished GovCloud rows the same way), so 1.2 × list is applied.';

/** Keyed by catalog name. */
export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  // Claude 5 generation (Anthropic's per-model pages; Bedrock geo profiles 1.1× global in LiteLLM's rows).
  'opus-5.5': claudeRead(4, 20, 0.2, { bedrockRegionalFactor: REGIONAL, sources: CLAUDE5_PRICE_SOURCES }),
  'sonnet-5.5': claudeRead(2, 10, 0.1, { bedrockRegionalFactor: REGIONAL, ...GOV_PUBLISHED, sources: [...CLAUDE5_PRICE_SOURCES, 'litellmNewerQuoted'], notes: ['Cache reads $0.10 / MTok (0.05×) since 2026-10-07; $0.20 before (Anthropic pricing page as re-read by public trackers).'] }),
  'haiku-5.5': claude(0.1, 0.5, { cacheRead: 0.01, longContext: HAIKU55_LONG, bedrockRegionalFactor: REGIONAL, sources: CLAUDE5_PRICE_SOURCES }),
  'fable-5.2': { ...claudeRead(8, 40, 0.2, { sources: CLAUDE5_PRICE_SOURCES }), providers: ['anthropic'] },
  'fable-5.1': claudeRead(10, 50, 0.25, { bedrockRegionalFactor: REGIONAL, ...GOV_PUBLISHED, sources: [...CLAUDE5_PRICE_SOURCES, 'litellmNewerQuoted'] }),
  'fable-5': claude(10, 50, { bedrockRegionalFactor: REGIONAL, sources: CLAUDE5_PRICE_SOURCES }),
  'opus-5': claude(5, 25, { bedrockRegionalFactor: REGIONAL, ...GOV_PUBLISHED, sources: [...CLAUDE5_PRICE_SOURCES, 'litellmNewerQuoted'] }),
  'sonnet-5': claude(2, 10, { bedrockRegionalFactor: REGIONAL, sources: CLAUDE5_PRICE_SOURCES }),
  'opus-4.8': claude(5, 25, { bedrockRegionalFactor: REGIONAL, sources: CLAUDE5_PRICE_SOURCES }),
  'opus-4.7': claude(5, 25, { bedrockRegionalFactor: REGIONAL }),
  'opus-4.6': claude(5, 25, { bedrockRegionalFactor: REGIONAL }),
  'sonnet-4.6': claude(3, 15, { bedrockRegionalFactor: REGIONAL, bedrockGovCloudFactor: GOVCLOUD, notes: [DERIVED_GOV], sources: [...CLAUDE_SOURCES, 'awsGovCloudPricing', 'litellmGovCloudDerived'] }),
  'sonnet-4.5': claude(3, 15, { bedrockRegionalFactor: REGIONAL, bedrockGovCloudFactor: GOVCLOUD, longContext: SONNET_LONG, sources: [...CLAUDE_SOURCES, 'awsGovCloudPricing'] }),
  'haiku-4.5': claude(1, 5, { bedrockRegionalFactor: REGIONAL }),
  'opus-4.5': claude(5, 25, { bedrockRegionalFactor: REGIONAL }),
  'opus-4.1': claude(15, 75),
  'sonnet-4': claude(3, 15, { longContext: SONNET_LONG }),
  // Nova: cache reads 75 % off, cache writes at the normal input rate. Llama: no prompt cache.
  'nova-pro': { input: 0.8, output: 3.2, cacheWrite: 0.8, cacheWrite1h: 0.8, cacheRead: 0.2, bedrockGovCloudFactor: GOVCLOUD, providers: ['bedrock'], sources: ['awsPricing', 'litellm', 'spec'] },
  'nova-lite': { input: 0.06, output: 0.24, cacheWrite: 0.06, cacheWrite1h: 0.06, cacheRead: 0.015, providers: ['bedrock'], sources: ['awsPricing', 'litellm', 'spec'] },
  'llama-3.3-70b': { input: 0.99, output: 0.99, cacheWrite: 0.99, cacheWrite1h: 0.99, cacheRead: 0.99, providers: ['bedrock'], sources: ['awsPricing', 'spec'] },
  // mistral-large: no price in SPEC §7 → deliberately absent ("unknown"); users can override.
};

/**
 * The Bedrock rates of a table entry for an ID with this profile prefix (undefined: a base ID or
 * ARN in `region`): `global.` at the table price; GovCloud at its factor (1.2 unless the row says otherwise); every other geo
 * profile, base ID and opaque ARN at the regional price — never under-stating.
 */
export function bedrockRates(price: ModelPrice, prefix: ProfilePrefix | undefined, region?: string): { price: ModelPrice; pricing: PricingKind } {
  const gov = prefix === 'us-gov' || (!prefix && region !== undefined && partitionOf(region) === 'aws-us-gov');
  // GovCloud rows the public tables do not price get the same 1.2 factor: never under-stated.
  if (gov) return { price: scale(price, price.bedrockGovCloudFactor ?? GOVCLOUD), pricing: 'bedrock-govcloud' };
  if (prefix === 'global' || !price.bedrockRegionalFactor) return { price, pricing: 'bedrock-global' };
  return { price: scale(price, price.bedrockRegionalFactor), pricing: 'bedrock-regional' };
}

/** The rates that apply, or undefined when the model has no known price. */
export function priceFor(provider: ProviderId, modelId: string, options: CostOptions = {}): { price: ModelPrice; pricing: PricingKind; priced?: string } | undefined {
  const ids = identify(provider, modelId, options.mapping);
  const override = findOverride(provider, ids.keys, options.overrides);
  if (override) {
    const price: ModelPrice = {
      input: override.input, output: override.output, cacheWrite: override.cacheWrite ?? override.input * 1.25,
      cacheWrite1h: override.cacheWrite1h ?? override.input * 2, cacheRead: override.cacheRead ?? override.input / 10, providers: [provider], sources: [],
    };
    return { price, pricing: 'override', ...(ids.catalogName ? { priced: ids.catalogName } : {}) };
  }
  const base = ids.catalogName ? PRICE_TABLE[ids.catalogName] : undefined;
  if (!base || !ids.catalogName || !base.providers.includes(provider)) return undefined;
  if (provider === 'anthropic') return { price: base, pricing: 'list', priced: ids.catalogName };
  return { ...bedrockRates(base, ids.prefix, options.region), priced: ids.catalogName };
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
 * Normalise any ID form through the catalog, keeping the profile prefix the ID carries (see
 * `bedrockRates` for how each is priced).
 */
function identify(provider: ProviderId, modelId: string, mapping?: ModelMapping): Identified {
  if (mapping) return identifyNow(provider, modelId, mapping);
  // Without a mapping the answer depends only on the static catalog: reports price thousands of
  // records of a handful of models, and an unknown ID costs a thrown resolution error each time.
  const key = `${provider}\u0000${modelId}`;
  let hit = IDENTIFIED.get(key);
  if (!hit) {
    if (IDENTIFIED.size >= 1000) IDENTIFIED.clear();
    IDENTIFIED.set(key, (hit = identifyNow(provider, modelId)));
  }
  return hit;
}

type Identified = { readonly keys: readonly string[]; catalogName?: string; prefix?: ProfilePrefix };
const IDENTIFIED = new Map<string, Identified>();

function identifyNow(provider: ProviderId, modelId: string, mapping?: ModelMapping): Identified {
  const keys = [modelId];
  try {
    const r = resolveModel({ provider, model: modelId, ...(mapping ? { mapping } : {}) });
    const entry = catalogById(r.baseModelId) ?? (r.logical ? catalogByName(normalizeLogicalName(r.logical)) : undefined);
    keys.push(r.modelId, r.baseModelId, ...(r.logical ? [r.logical] : []), ...(entry ? [entry.name, ...entry.aliases] : []));
    return { keys, ...(entry ? { catalogName: entry.name } : {}), ...(r.profilePrefix ? { prefix: r.profilePrefix } : {}) };
  } catch {
    return { keys };
  }
}

function findOverride(provider: ProviderId, keys: readonly string[], overrides?: PriceOverrides): PriceOverride | undefined {
  if (!overrides) return undefined;
  for (const k of keys) {
    const hit = overrides[`${provider}:${k}`] ?? overrides[k];
    if (hit) return hit;
  }
  return undefined;
}
