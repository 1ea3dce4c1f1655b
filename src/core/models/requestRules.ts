// What each model accepts in a request, so the request builders (anthropicMessages /
// converseMessages, through providers/fitRequest) never send something the service rejects.
// The facts the catalog carries (output limit, prompt-cache minimum and Bedrock TTLs, images,
// thinking at all) are read from it, with its sources (catalogData.ts / sources.ts); this file
// adds, per catalog name and with its public source, what the catalog does not: the thinking
// mode, the sampling rules and the Bedrock tool choices, plus family defaults for IDs outside it.
// Sources read 2026-12-01 (Claude 4) and 2026-12-07 (Claude 5 generation).
import type { CatalogModel, ModelFamily } from './catalog';
import { MODEL_CATALOG, catalogModelFor } from './catalog';
import { familyOfBaseId, parseModelId } from './modelIds';
import type { ProviderId } from '../types';

/** How a model takes extended thinking: a fixed `budget_tokens`, only `{type: 'adaptive'}`, or not at all. */
export type ThinkingSupport = 'budget' | 'adaptive-only' | 'none';
/** `temperature` / `top_p` / `top_k`: all accepted, `temperature` or `top_p` but not both, or none at all. */
export type SamplingSupport = 'all' | 'temperature-or-top-p' | 'none';
export type ToolChoiceKind = 'auto' | 'any' | 'tool';

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
  /** Tool choices the model accepts (Converse `toolConfig.toolChoice` members; on the Anthropic API the same `tool_choice` types): a forced choice it refuses is sent as the nearest one it takes. */
  toolChoice: readonly ToolChoiceKind[];
  /** Image content blocks. */
  images: boolean;
}

/** The public sources of the rules below, cited by key (the catalog's facts carry their own). */
export const RULE_SOURCES = {
  thinking: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking (budget_tokens ≥ 1024 and < max_tokens; temperature 1 only, top_p 0.95–1, no top_k, no forced tool_choice)',
  opus47: 'https://platform.claude.com/docs/en/about-claude/models/migration-guide#migrating-to-claude-opus-4-7 (adaptive thinking only; temperature / top_p / top_k rejected) — errors seen in NousResearch/hermes-agent#11137, Comfy-Org/ComfyUI#13923',
  claude5: 'Anthropic model pages (read 2026-12-07): Sonnet 5 "manual extended thinking now returns a 400 … setting sampling parameters (temperature, top_p, top_k) to non-default values returns a 400"; Opus 4.7 and later reject non-default samplers (Metaculus/forecasting-tools#321); LiteLLM supports_sampling_params false for Opus 4.8 / Sonnet 5 / Fable 5',
  forcedTools55: 'Anthropic Opus 5.5 / Sonnet 5.5 / Fable 5.1 pages: "forced tool use returns an error" (tool_choice any / tool); vercel/ai @ai-sdk/amazon-bedrock 4.0.186 falls back to auto for the same reason',
  oneSampler: 'https://platform.claude.com/docs/en/about-claude/models/migrating-to-claude-4 ("use only temperature or top_p, not both" from Sonnet 4.5 / Haiku 4.5) — Opus 4.1: open-webui/functions#9; Sonnet 4.6: skydiscover-ai/skydiscover#15 (Bedrock), Vali-98/ChatterUI#564 (API)',
  minPrefix: 'https://platform.claude.com/docs/en/build-with-claude/prompt-caching (4096 tokens: Opus 4.7 / 4.6 / 4.5, Haiku 4.5; 1024: Sonnet 4.6 / 4.5 / 4, Opus 4.1 / 4; 2048: Haiku 3.5 / 3) as quoted in anthropics/anthropic-sdk-python#1194',
  bedrockCache: 'https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html (Claude and Nova models; Nova minimum 1K tokens per checkpoint; Llama / Mistral not listed)',
  toolChoice: 'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolChoice.html (tool: Claude and Nova only) and https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html; Llama: auto only (strands-agents/harness-sdk#1241)',
  images: 'https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html (Vision column: Claude, Nova Pro / Lite yes; Llama 3.3 70B, Mistral Large 24.07 no)',
} as const;

const ALL_CHOICES: readonly ToolChoiceKind[] = ['auto', 'any', 'tool'];

/** What this table adds to the catalog's facts, per catalog name. */
type Behaviour = Pick<ModelRequestRules, 'thinking' | 'sampling' | 'toolChoice'>;
type Row = Omit<ModelRequestRules, 'name' | 'displayName' | 'family'>;

const claude = (sampling: SamplingSupport = 'temperature-or-top-p', thinking: ThinkingSupport = 'budget'): Behaviour => ({ thinking, sampling, toolChoice: ALL_CHOICES });

/** Sources: RULE_SOURCES.thinking, .opus47, .claude5, .forcedTools55, .oneSampler (Claude); .toolChoice (Bedrock families). Haiku 5.5: adaptive, samplers not configurable (AWS model card; public trackers) — treated like the other Claude 5 models. */
const ADAPTIVE_NO_SAMPLERS = claude('none', 'adaptive-only');
/** RULE_SOURCES.forcedTools55: tool_choice any / tool is refused on both providers, so the request gets auto. */
const NO_FORCED_TOOLS: Behaviour = { ...ADAPTIVE_NO_SAMPLERS, toolChoice: ['auto'] };

const BEHAVIOUR: Readonly<Record<string, Behaviour>> = {
  'opus-5.5': NO_FORCED_TOOLS,
  'sonnet-5.5': NO_FORCED_TOOLS,
  'haiku-5.5': ADAPTIVE_NO_SAMPLERS,
  'fable-5.2': NO_FORCED_TOOLS,
  'fable-5.1': NO_FORCED_TOOLS,
  'fable-5': ADAPTIVE_NO_SAMPLERS,
  'opus-5': ADAPTIVE_NO_SAMPLERS,
  'sonnet-5': ADAPTIVE_NO_SAMPLERS,
  'opus-4.8': ADAPTIVE_NO_SAMPLERS,
  'opus-4.7': claude('none', 'adaptive-only'),
  'opus-4.6': claude(),
  'sonnet-4.6': claude(),
  'sonnet-4.5': claude(),
  'haiku-4.5': claude(),
  'opus-4.5': claude(),
  'opus-4.1': claude(),
  'sonnet-4': claude('all'),
  'nova-pro': { thinking: 'none', sampling: 'all', toolChoice: ALL_CHOICES },
  'nova-lite': { thinking: 'none', sampling: 'all', toolChoice: ALL_CHOICES },
  'llama-3.3-70b': { thinking: 'none', sampling: 'all', toolChoice: ['auto'] },
  'mistral-large': { thinking: 'none', sampling: 'all', toolChoice: ['auto', 'any'] },
};

/**
 * Models outside the catalog: what their family is known to accept (RULE_SOURCES.bedrockCache,
 * .toolChoice, .images, .minPrefix); output limits left to the service.
 */
function familyDefaults(family: ModelFamily, id: string): Row {
  switch (family) {
    case 'anthropic':
      // Older Claude models: budgets, both samplers, 5-minute Bedrock cache; Haiku 3 / 3.5 cache from 2048 tokens.
      return { thinking: 'budget', sampling: 'all', minCacheableTokens: /haiku/i.test(id) ? 2048 : 1024, bedrockCache: true, bedrockOneHourTtl: false, toolChoice: ALL_CHOICES, images: true };
    case 'nova':
      return { thinking: 'none', sampling: 'all', minCacheableTokens: 1000, bedrockCache: true, bedrockOneHourTtl: false, toolChoice: ALL_CHOICES, images: !/micro/i.test(id) };
    case 'llama':
      return { thinking: 'none', sampling: 'all', minCacheableTokens: 1024, bedrockCache: false, bedrockOneHourTtl: false, toolChoice: ['auto'], images: /llama3-2-(11|90)b|llama4/i.test(id) };
    case 'mistral':
      return { thinking: 'none', sampling: 'all', minCacheableTokens: 1024, bedrockCache: false, bedrockOneHourTtl: false, toolChoice: ['auto', 'any'], images: false };
    case 'other':
      return { thinking: 'none', sampling: 'all', minCacheableTokens: 1024, bedrockCache: false, bedrockOneHourTtl: false, toolChoice: ALL_CHOICES, images: true };
  }
}

/**
 * A catalog model's rules: the facts the catalog carries (output limit, prompt-cache minimum and
 * Bedrock TTLs, images, whether it thinks at all) from the catalog — one source of truth — and
 * the behaviour this table adds.
 */
function fromCatalog(model: CatalogModel): Row {
  const base = familyDefaults(model.family, model.bedrockId ?? model.anthropicId ?? model.name);
  const behaviour = BEHAVIOUR[model.name] ?? base;
  const cache = model.promptCache;
  return {
    maxOutputTokens: model.maxOutputTokens,
    thinking: model.capabilities.thinking ? behaviour.thinking : 'none',
    sampling: behaviour.sampling,
    minCacheableTokens: cache ? cache.minTokens : base.minCacheableTokens,
    bedrockCache: cache ? cache.bedrockTtls.length > 0 : false,
    bedrockOneHourTtl: cache ? cache.bedrockTtls.includes('1h') : false,
    toolChoice: behaviour.toolChoice,
    images: model.capabilities.images,
  };
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
  if (entry) return { ...fromCatalog(entry), name: entry.name, displayName: entry.displayName, family: entry.family };
  const fam = familyOf(model) ?? family;
  if (!fam) return undefined;
  return { ...familyDefaults(fam, model), name: `${fam} (not in the catalog)`, displayName: model, family: fam };
}

/** The largest output limit of any catalog model: the ceiling for a setting whose model is not known yet. */
export function largestOutputLimit(): number {
  return Math.max(...MODEL_CATALOG.map((m) => m.maxOutputTokens));
}

/** The API minimum for `thinking.budget_tokens` (RULE_SOURCES.thinking). */
export const MIN_THINKING_BUDGET = 1024;

/**
 * The cache-write TTL a request is priced at once fitted: a 1-hour TTL asked of a Bedrock model
 * without it goes out (and is billed) as 5 minutes. Same rules, same inputs (the ID sent and the
 * family the provider reads for it) as providers/fitRequest, which does the downgrade.
 */
export function cacheWriteTtlFor(provider: ProviderId, model: string, requested: '1h' | undefined, family?: ModelFamily): '1h' | undefined {
  if (requested !== '1h' || provider === 'anthropic') return requested;
  return requestRulesFor(model, family)?.bedrockOneHourTtl === false ? undefined : requested;
}
