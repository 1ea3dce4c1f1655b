// The facts behind each logical model for one Bedrock region, for `switchboard models --json` and
// Verify Model Mapping: the ID per provider, the rule that chose it, limits, prices and sources.
// Pure: no I/O, no vscode.
import { isSwitchboardError } from '../errors';
import type { ProviderId } from '../types';
import type { ModelPrice, PricingKind, TokenRates } from '../usage/prices';
import { PRICE_TABLE, bedrockRates } from '../usage/prices';
import type { CatalogModel, ModelFamily, ModelLifecycle, ModelMapping, ModelStatus, PromptCacheFacts } from './catalog';
import { catalogModelFor } from './catalog';
import type { ProfilePrefix } from './regions';
import type { ProfileRule } from './resolve';
import { knownLogicalNames, resolveModel } from './resolve';
import { FACTS_READ_ON, sourceUrls } from './sources';

export interface DescribeModelsInput {
  /** Bedrock region (`aws_region`). */
  region: string;
  mapping?: ModelMapping;
  /** `model_provider.bedrock.inference_profile`. */
  inferenceProfile?: string | null;
  preferGlobal?: boolean;
}

export type ProviderIdDescription =
  | { available: true; modelId: string; rule: ProfileRule; reason: string; note?: string; fallbackIds: readonly string[] }
  /** Not offered there (e.g. Nova on the Anthropic API): a fact, not a problem. */
  | { available: false; reason: string }
  /** Should resolve but does not (a broken mapping): a problem. */
  | { available: false; reason: string; problem: true; errorType: string };

export type LongContextRates = TokenRates & { thresholdTokens: number };

export interface PriceDescription {
  /** USD per million tokens; undefined when the model is not sold there or has no known price. */
  anthropic?: TokenRates;
  /** Bedrock rates for the ID chosen in this region (`pricing` says which: global, regional, GovCloud). */
  bedrock?: TokenRates & { pricing: PricingKind; longContext: LongContextRates | null };
  /** List-price rates above `thresholdTokens` prompt tokens; null: the model has no long-context tier. */
  longContext: LongContextRates | null;
}

export interface ModelDescription {
  /** The logical name as listed (`sonnet`, `sonnet-4.5`, a user mapping key). */
  name: string;
  /** The catalog model behind it, if any. */
  catalogName?: string;
  displayName?: string;
  family: ModelFamily | 'unknown';
  /**
   * Anthropic's lifecycle label: `current`, `legacy`, `deprecated` or `retired` (on the Anthropic
   * API; a retired model may still be served by Bedrock, see `providers`). Undefined for names
   * outside the catalog.
   */
  status?: ModelStatus;
  /** True for every status but `current`: the picker and Verify Model Mapping label these. */
  legacy?: boolean;
  /** Release / retirement dates and a one-line note for people. */
  lifecycle?: ModelLifecycle;
  /** Providers that serve it: `['bedrock']` for Nova, Llama, Mistral (no Anthropic ID). */
  providers: readonly ProviderId[];
  bedrockOnly: boolean;
  ids: Record<ProviderId, ProviderIdDescription>;
  contextWindow?: number;
  maxOutputTokens?: number;
  context1mBeta?: string;
  /** Profiles that exist for the model (whatever the region). */
  bedrockProfiles?: readonly ProfilePrefix[];
  promptCache?: PromptCacheFacts;
  prices?: PriceDescription;
  /** Source URLs of the facts, read on `factsReadOn`. */
  sources?: string[];
  notes?: readonly string[];
  /** True when every provider that should serve the name resolves it. */
  ok: boolean;
}

export interface ModelsDescription {
  region: string;
  factsReadOn: string;
  models: ModelDescription[];
}

const PROVIDERS: readonly ProviderId[] = ['anthropic', 'bedrock'];

export function describeModels(input: DescribeModelsInput): ModelsDescription {
  const models = knownLogicalNames(input.mapping).map((name) => describeModel(name, input));
  return { region: input.region, factsReadOn: FACTS_READ_ON, models };
}

export function describeModel(name: string, input: DescribeModelsInput): ModelDescription {
  const user = input.mapping?.[name];
  const entry = catalogModelFor(name) ?? (user?.baseModel ? catalogModelFor(user.baseModel) : undefined);
  const served = servedBy(entry, user);
  const ids = {} as Record<ProviderId, ProviderIdDescription>;
  let chosenPrefix: ProfilePrefix | undefined;
  for (const provider of PROVIDERS) {
    try {
      const r = resolveModel({
        provider, model: name, mapping: input.mapping,
        ...(provider === 'bedrock' ? { region: input.region, inferenceProfile: input.inferenceProfile ?? null, preferGlobal: input.preferGlobal ?? false } : {}),
      });
      ids[provider] = { available: true, modelId: r.modelId, rule: r.rule ?? 'as-given', reason: r.reason ?? '', ...(r.note ? { note: r.note } : {}), fallbackIds: r.fallbackIds ?? [] };
      if (provider === 'bedrock') chosenPrefix = r.profilePrefix;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      ids[provider] = served.includes(provider)
        ? { available: false, reason, problem: true, errorType: isSwitchboardError(e) ? e.type : 'error' }
        : { available: false, reason: notServedReason(provider, entry, name, reason) };
    }
  }
  const ok = PROVIDERS.every((p) => !('problem' in ids[p]));
  const price = entry ? PRICE_TABLE[entry.name] : undefined;
  return {
    name,
    ...(entry ? { catalogName: entry.name, displayName: entry.displayName } : {}),
    family: entry?.family ?? 'unknown',
    providers: served,
    bedrockOnly: served.length === 1 && served[0] === 'bedrock',
    ids,
    ...(entry ? factsOf(entry) : {}),
    ...(price ? { prices: pricesOf(price, ids, chosenPrefix, input.region) } : {}),
    ok,
  };
}

function notServedReason(provider: ProviderId, entry: CatalogModel | undefined, name: string, thrown: string): string {
  const label = entry?.displayName ?? name;
  if (provider === 'bedrock') return `${label} has no Bedrock ID`;
  // Retired on the Anthropic API: the resolver's own words (the date, and that Bedrock serves it).
  if (entry?.anthropicId && entry.lifecycle.status === 'retired') return thrown;
  return `${label} is Bedrock-only (no Anthropic API ID)`;
}

function servedBy(entry: CatalogModel | undefined, user: ModelMapping[string] | undefined): ProviderId[] {
  const own = user ? PROVIDERS.filter((p) => user[p] !== undefined) : [];
  return PROVIDERS.filter((p) => own.includes(p) || (entry?.providers.includes(p) ?? false));
}

function factsOf(entry: CatalogModel): Partial<ModelDescription> {
  const s = entry.sources;
  const urls = [...new Set(sourceUrls([...s.ids, ...s.limits, ...s.profiles, ...s.caching]))];
  return {
    status: entry.lifecycle.status,
    legacy: entry.lifecycle.status !== 'current',
    lifecycle: entry.lifecycle,
    contextWindow: entry.contextWindow,
    maxOutputTokens: entry.maxOutputTokens,
    ...(entry.context1mBeta ? { context1mBeta: entry.context1mBeta } : {}),
    bedrockProfiles: entry.bedrockProfiles,
    ...(entry.promptCache ? { promptCache: entry.promptCache } : {}),
    sources: urls,
    ...(s.notes ? { notes: s.notes } : {}),
  };
}

function rates(p: TokenRates): TokenRates {
  return { input: p.input, output: p.output, cacheWrite: p.cacheWrite, cacheWrite1h: p.cacheWrite1h, cacheRead: p.cacheRead };
}

function longOf(p: ModelPrice): LongContextRates | null {
  return p.longContext ? { ...rates(p.longContext), thresholdTokens: p.longContext.thresholdTokens } : null;
}

function pricesOf(price: ModelPrice, ids: Record<ProviderId, ProviderIdDescription>, prefix: ProfilePrefix | undefined, region: string): PriceDescription {
  const out: PriceDescription = { longContext: longOf(price) };
  if (ids.anthropic.available && price.providers.includes('anthropic')) out.anthropic = rates(price);
  if (ids.bedrock.available && price.providers.includes('bedrock')) {
    const b = bedrockRates(price, prefix, region);
    out.bedrock = { ...rates(b.price), pricing: b.pricing, longContext: longOf(b.price) };
  }
  return out;
}
