// The model catalog: types and lookups. The rows (sourced facts) are in catalogData.ts; prices
// live in src/core/usage/prices.ts, keyed by the catalog `name`. Users extend / override the
// catalog through `model_mapping`.
import type { ProviderId } from '../types';
import { MODEL_CATALOG } from './catalogData';
import { parseModelId } from './modelIds';
import type { ProfilePrefix } from './regions';
import type { FactSources } from './sources';

export type ModelFamily = 'anthropic' | 'nova' | 'llama' | 'mistral' | 'other';

/** User mapping (`model_provider.model_mapping`): logical name → per-provider ID. */
export type ModelMapping = Record<string, ModelMappingEntry>;
export interface ModelMappingEntry {
  anthropic?: string;
  bedrock?: string;
  /** Logical name to try when this one is unavailable. */
  fallback?: string;
  /**
   * The model behind an opaque Bedrock ID (an application-inference-profile ARN): a catalog
   * name or a base / Anthropic ID, so caching and cost still know the model.
   */
  baseModel?: string;
}

export interface ModelCapabilities {
  promptCache: boolean;
  thinking: boolean;
  tools: boolean;
  images: boolean;
}

export type CacheTtl = '5m' | '1h';

/** Prompt-caching facts (Anthropic prompt-caching docs; AWS Bedrock prompt-caching docs / model cards). */
export interface PromptCacheFacts {
  /** Minimum cacheable prefix, in tokens, on the Anthropic API: a shorter prefix is simply not cached. */
  minTokens: number;
  /** The same on Bedrock (AWS model cards: "Min tokens per cache checkpoint"). */
  bedrockMinTokens: number;
  /** Cache TTLs the Anthropic API accepts for this model (undefined: not on the Anthropic API). */
  anthropicTtls?: readonly CacheTtl[];
  /** Cache TTLs Bedrock accepts for this model; empty: Bedrock does not cache it. */
  bedrockTtls: readonly CacheTtl[];
  /** Cache breakpoints per request. */
  maxBreakpoints: number;
}

/**
 * Anthropic's lifecycle label (per-model overview pages and the model deprecations page): `current`
 * ("Latest"), `legacy` (still available, no longer updated), `deprecated` (has a retirement date),
 * `retired` (requests fail on the Anthropic API; Bedrock keeps its own schedule). Legacy, deprecated
 * and retired models stay usable wherever a provider still serves them.
 */
export type ModelStatus = 'current' | 'legacy' | 'deprecated' | 'retired';

export interface ModelLifecycle {
  status: ModelStatus;
  /** Release date, YYYY-MM-DD. */
  released?: string;
  /** Deprecated: the announced retirement date on the Anthropic API. Retired: the day it retired there. */
  retires?: string;
  /** One line for people (shown in `models --json`, Verify Model Mapping, the picker). */
  note?: string;
}

export interface CatalogModel {
  /** Canonical logical name, always versioned: `sonnet-4.6`. */
  name: string;
  /** Other logical names for the same model: the newest of a tier owns `sonnet` etc. */
  aliases: readonly string[];
  displayName: string;
  family: ModelFamily;
  /** Anthropic's lifecycle label; Bedrock-only families are `current` while AWS lists them. */
  lifecycle: ModelLifecycle;
  /**
   * Providers that serve it. Nova, Llama and Mistral are Bedrock-only: no Anthropic ID. A Claude
   * model retired on the Anthropic API keeps its Anthropic ID (history, prices) but lists only Bedrock.
   */
  providers: readonly ProviderId[];
  anthropicId?: string;
  /** Other Anthropic IDs (undated aliases) that name the same model. */
  anthropicAliases?: readonly string[];
  bedrockId?: string;
  /** Prefixes of the system-defined inference profiles that exist for this model (and `global`). */
  bedrockProfiles: readonly ProfilePrefix[];
  /** true when Bedrock rejects the base ID for on-demand use ("…isn't supported"). */
  profileRequired: boolean;
  /** Context window in tokens without any beta header. */
  contextWindow: number;
  /** Maximum output tokens per request. */
  maxOutputTokens: number;
  fallback?: string;
  /** `anthropic-beta` value that unlocks a 1M-token context window. */
  context1mBeta?: string;
  capabilities: ModelCapabilities;
  /** undefined: the model has no prompt cache anywhere. */
  promptCache?: PromptCacheFacts;
  /** Where each fact comes from (see sources.ts). */
  sources: FactSources;
}

export { MODEL_CATALOG } from './catalogData';

const BY_NAME = new Map<string, CatalogModel>();
const BY_ID = new Map<string, CatalogModel>();
for (const m of MODEL_CATALOG) {
  BY_NAME.set(m.name, m);
  for (const a of m.aliases) BY_NAME.set(a, m);
  for (const id of [m.anthropicId, ...(m.anthropicAliases ?? []), m.bedrockId]) if (id) BY_ID.set(id, m);
}

export function catalogByName(name: string): CatalogModel | undefined {
  return BY_NAME.get(name);
}

/** By Anthropic API ID (dated or alias) or Bedrock base ID. */
export function catalogById(id: string): CatalogModel | undefined {
  return BY_ID.get(id);
}

/**
 * The catalog model behind any name or ID form: logical name (`sonnet`, `Sonnet 4.5`), Anthropic
 * ID (dated or alias), Bedrock base ID, inference-profile ID or ARN. undefined when unknown.
 */
export function catalogModelFor(nameOrId: string): CatalogModel | undefined {
  const byName = BY_NAME.get(nameOrId) ?? BY_NAME.get(normalizeLogicalName(nameOrId));
  if (byName) return byName;
  const parsed = parseModelId(nameOrId);
  if (parsed.kind === 'anthropic') return BY_ID.get(parsed.id);
  if (parsed.kind !== 'unknown' && parsed.baseModelId) return BY_ID.get(parsed.baseModelId);
  return undefined;
}

/** Short names first (`opus`, `sonnet`, `haiku`), then the versioned and other-family names. */
export function catalogLogicalNames(): string[] {
  const short = MODEL_CATALOG.flatMap((m) => m.aliases);
  return [...short, ...MODEL_CATALOG.map((m) => m.name)];
}

/** `sonnet-4-5`, `Sonnet 4.5`, `claude-sonnet-4.5`, `sonnet4.5` → `sonnet-4.5`. */
export function normalizeLogicalName(name: string): string {
  let s = name.trim().toLowerCase().replace(/[\s_]+/g, '-');
  s = s.replace(/^claude-/, '');
  s = s.replace(/^(opus|sonnet|haiku|fable)-?(\d+)[-.](\d+)$/, '$1-$2.$3');
  s = s.replace(/^(opus|sonnet|haiku|fable)-?(\d+)$/, '$1-$2');
  return s;
}
