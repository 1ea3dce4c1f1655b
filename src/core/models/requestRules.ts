// What each model accepts in a request, as data with the public source of every rule, so the
// request builders (anthropicMessages / converseMessages, through providers/fitRequest) never
// send something the service rejects. Keyed by the catalog `name`. What the catalog itself
// carries (output limit, prompt-cache facts, capabilities) is read from it (fromCatalog); this
// table adds what it does not: thinking mode, sampling rules, Bedrock tool choice.
// Sources read 2026-12-01.
import type { CatalogModel, ModelFamily } from './catalog';
import { catalogById, catalogByName, normalizeLogicalName } from './catalog';
import { familyOfBaseId, parseModelId } from './modelIds';
import type { ProviderId } from '../types';

/** How a model takes extended thinking: a fixed `budget_tokens`, only `{type: 'adaptive'}`, or not at all. */
export type ThinkingSupport = 'budget' | 'adaptive-only' | 'none';
/** `temperature` / `top_p` / `top_k`: all accepted, `temperature` or `top_p` but not both, or none at all. */
export type SamplingSupport = 'all' | 'temperature-or-top-p' | 'none';
export type BedrockToolChoice = 'auto' | 'any' | 'tool';

export interface ModelRequestRules {
  /** Catalog name, or `<family> (not in the catalog)`. */
  name: string;
  displayName: string;
  family: ModelFamily;
  /** Largest `max_tokens` / `maxTokens` the service accepts; undefined = not known (never clamped). */
  maxOutputTokens?: number;
  thinking: ThinkingSupport;
  sampling: SamplingSupport;
  /** Smallest prefix the service caches, in tokens (a shorter breakpoint is accepted and ignored). */
  minCacheableTokens: number;
  /** Explicit cache points on Bedrock (Converse `cachePoint`). The Anthropic API caches every Claude. */
  bedrockCache: boolean;
  /** `ttl: '1h'` on a Bedrock cache point. (The Anthropic API takes `ttl: '1h'` for every Claude.) */
  bedrockOneHourTtl: boolean;
  /** Converse `toolConfig.toolChoice` members the model accepts. */
  bedrockToolChoice: readonly BedrockToolChoice[];
  /** Image content blocks. */
  images: boolean;
}

/** The public sources of the rules below, cited by key in the table. */
export const RULE_SOURCES = {
  models: 'https://platform.claude.com/docs/en/about-claude/models/overview (max output per model)',
  thinking: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking (budget_tokens ≥ 1024 and < max_tokens; temperature 1 only, top_p 0.95–1, no top_k, no forced tool_choice)',
  opus47: 'https://platform.claude.com/docs/en/about-claude/models/migration-guide#migrating-to-claude-opus-4-7 (adaptive thinking only; temperature / top_p / top_k rejected) — errors seen in NousResearch/hermes-agent#11137, Comfy-Org/ComfyUI#13923',
  oneSampler: 'https://platform.claude.com/docs/en/about-claude/models/migrating-to-claude-4 ("use only temperature or top_p, not both" from Sonnet 4.5 / Haiku 4.5) — Opus 4.1: open-webui/functions#9; Sonnet 4.6: skydiscover-ai/skydiscover#15 (Bedrock), Vali-98/ChatterUI#564 (API)',
  minPrefix: 'https://platform.claude.com/docs/en/build-with-claude/prompt-caching (4096 tokens: Opus 4.7 / 4.6 / 4.5, Haiku 4.5; 1024: Sonnet 4.6 / 4.5 / 4, Opus 4.1 / 4; 2048: Haiku 3.5 / 3) as quoted in anthropics/anthropic-sdk-python#1194',
  bedrockCache: 'https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html (Claude and Nova models; Nova minimum 1K tokens per checkpoint; Llama / Mistral not listed)',
  bedrockTtl: 'https://aws.amazon.com/about-aws/whats-new/2026/01/amazon-bedrock-one-hour-duration-prompt-caching/ (Opus 4.5, Haiku 4.5, Sonnet 4.5), earendil-works/pi#1570 ("Only Claude Opus 4.5+, Sonnet 4.5, and Haiku 4.5 accept ttl: 1h"), anomalyco/opencode#23106 (tested on Sonnet 4.6, Opus 4.6)',
  toolChoice: 'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolChoice.html (tool: Claude and Nova only) and https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html; Llama: auto only (strands-agents/harness-sdk#1241)',
  images: 'https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html (Vision column: Claude, Nova Pro / Lite yes; Llama 3.3 70B, Mistral Large 24.07 no)',
} as const;

const ALL_CHOICES: readonly BedrockToolChoice[] = ['auto', 'any', 'tool'];

type Row = Omit<ModelRequestRules, 'name' | 'displayName' | 'family'>;
const claude = (maxOutputTokens: number, minCacheableTokens: number, over: Partial<Row> = {}): Row => ({
  maxOutputTokens, thinking: 'budget', sampling: 'temperature-or-top-p', minCacheableTokens,
  bedrockCache: true, bedrockOneHourTtl: true, bedrockToolChoice: ALL_CHOICES, images: true, ...over,
});

/** Per catalog name. Sources: RULE_SOURCES.models, .thinking, .opus47, .oneSampler, .minPrefix, .bedrockTtl. */
const RULES: Readonly<Record<string, Row>> = {
  'opus-4.7': claude(128_000, 4096, { thinking: 'adaptive-only', sampling: 'none' }),
  'opus-4.6': claude(128_000, 4096),
  'sonnet-4.6': claude(64_000, 1024),
  'sonnet-4.5': claude(64_000, 1024),
  'haiku-4.5': claude(64_000, 4096),
  'opus-4.5': claude(64_000, 4096),
  'opus-4.1': claude(32_000, 1024, { bedrockOneHourTtl: false }),
  'sonnet-4': claude(64_000, 1024, { sampling: 'all', bedrockOneHourTtl: false }),
  // Sources: RULE_SOURCES.bedrockCache, .toolChoice, .images; Nova max output 10K (Bedrock model card).
  'nova-pro': { maxOutputTokens: 10_000, thinking: 'none', sampling: 'all', minCacheableTokens: 1000, bedrockCache: true, bedrockOneHourTtl: false, bedrockToolChoice: ALL_CHOICES, images: true },
  'nova-lite': { maxOutputTokens: 10_000, thinking: 'none', sampling: 'all', minCacheableTokens: 1000, bedrockCache: true, bedrockOneHourTtl: false, bedrockToolChoice: ALL_CHOICES, images: true },
  'llama-3.3-70b': { maxOutputTokens: 8192, thinking: 'none', sampling: 'all', minCacheableTokens: 1024, bedrockCache: false, bedrockOneHourTtl: false, bedrockToolChoice: ['auto'], images: false },
  'mistral-large': { maxOutputTokens: 8192, thinking: 'none', sampling: 'all', minCacheableTokens: 1024, bedrockCache: false, bedrockOneHourTtl: false, bedrockToolChoice: ['auto', 'any'], images: false },
};

/** Models outside the catalog: what their family is known to accept; limits left to the service. */
function familyDefaults(family: ModelFamily, id: string): Row {
  switch (family) {
    case 'anthropic':
      // Older Claude models: budgets, both samplers, 5-minute Bedrock cache; Haiku 3 / 3.5 cache from 2048 tokens.
      return { thinking: 'budget', sampling: 'all', minCacheableTokens: /haiku/i.test(id) ? 2048 : 1024, bedrockCache: true, bedrockOneHourTtl: false, bedrockToolChoice: ALL_CHOICES, images: true };
    case 'nova':
      return { ...RULES['nova-lite']!, maxOutputTokens: undefined, images: !/micro/i.test(id) };
    case 'llama':
      return { ...RULES['llama-3.3-70b']!, maxOutputTokens: undefined, images: /llama3-2-(11|90)b|llama4/i.test(id) };
    case 'mistral':
      return { ...RULES['mistral-large']!, maxOutputTokens: undefined };
    case 'other':
      return { thinking: 'none', sampling: 'all', minCacheableTokens: 1024, bedrockCache: false, bedrockOneHourTtl: false, bedrockToolChoice: ALL_CHOICES, images: true };
  }
}

/**
 * The catalog's own facts (output limit, prompt-cache facts, capabilities) win over this table:
 * one source of truth. Read by shape so this file works with the catalog before and after it
 * carries them; the table's copies of those facts are only the fallback.
 */
interface CatalogFacts {
  maxOutputTokens?: number;
  promptCache?: { minTokens?: number; bedrockMinTokens?: number; bedrockTtls?: readonly string[] };
}

function fromCatalog(model: CatalogModel, row: Row): Row {
  const facts = model as CatalogModel & CatalogFacts;
  const cache = facts.promptCache;
  const caps = model.capabilities;
  return {
    ...row,
    maxOutputTokens: typeof facts.maxOutputTokens === 'number' && facts.maxOutputTokens > 0 ? facts.maxOutputTokens : row.maxOutputTokens,
    minCacheableTokens: cache?.minTokens ?? cache?.bedrockMinTokens ?? row.minCacheableTokens,
    bedrockCache: cache?.bedrockTtls ? cache.bedrockTtls.length > 0 : caps.promptCache && row.bedrockCache,
    bedrockOneHourTtl: cache?.bedrockTtls ? cache.bedrockTtls.includes('1h') : row.bedrockOneHourTtl,
    images: caps.images,
    thinking: caps.thinking ? row.thinking : 'none',
  };
}

function catalogModelFor(model: string): CatalogModel | undefined {
  const byName = catalogByName(model) ?? catalogByName(normalizeLogicalName(model));
  if (byName) return byName;
  const parsed = parseModelId(model);
  if (parsed.kind === 'anthropic') return catalogById(parsed.id);
  if (parsed.kind !== 'unknown' && parsed.baseModelId) return catalogById(parsed.baseModelId);
  return undefined;
}

function familyOf(model: string): ModelFamily | undefined {
  const parsed = parseModelId(model);
  if (parsed.kind === 'anthropic') return 'anthropic';
  if (parsed.kind !== 'unknown' && parsed.baseModelId) return familyOfBaseId(parsed.baseModelId);
  return undefined;
}

/**
 * The rules for a model named by catalog name, Anthropic ID, Bedrock base / profile ID or ARN.
 * `family` (e.g. from a mapping's `base_model` or the provider's own reading) is used when the
 * name itself does not tell; undefined when nothing is known (callers then leave the request alone).
 */
export function requestRulesFor(model: string, family?: ModelFamily): ModelRequestRules | undefined {
  const entry = catalogModelFor(model);
  if (entry) {
    const row = fromCatalog(entry, RULES[entry.name] ?? familyDefaults(entry.family, entry.bedrockId ?? entry.anthropicId ?? entry.name));
    return { ...row, name: entry.name, displayName: entry.displayName, family: entry.family };
  }
  const fam = familyOf(model) ?? family;
  if (!fam) return undefined;
  return { ...familyDefaults(fam, model), name: `${fam} (not in the catalog)`, displayName: model, family: fam };
}

/** The largest output limit of any catalog model: the ceiling for a setting whose model is not known yet. */
export function largestOutputLimit(): number {
  return Math.max(...Object.values(RULES).map((r) => r.maxOutputTokens ?? 0));
}

/** The API minimum for `thinking.budget_tokens` (RULE_SOURCES.thinking). */
export const MIN_THINKING_BUDGET = 1024;

/**
 * The cache-write TTL a request is priced at once fitted: a 1-hour TTL asked of a Bedrock model
 * without it goes out (and is billed) as 5 minutes (providers/fitRequest downgrades it).
 */
export function cacheWriteTtlFor(provider: ProviderId, model: string, requested: '1h' | undefined): '1h' | undefined {
  if (requested !== '1h' || provider === 'anthropic') return requested;
  return requestRulesFor(model)?.bedrockOneHourTtl === false ? undefined : requested;
}
