// The model catalog rows: sourced facts, read on FACTS_READ_ON (see sources.ts for the URLs).
// Prices are in src/core/usage/prices.ts, keyed by `name`.
//
// Inference-profile availability (`bedrockProfiles`) — how the sources were combined:
// - For the geos Anthropic's "Claude on Amazon Bedrock" table covers (global, us, eu, jp, apac)
//   that table decides: it is the vendor's own list, and where it says "No" (no apac. for
//   Sonnet 4.5 / 4.6 or Haiku 4.5, no jp. for Sonnet 4) we build no such ID even where LiteLLM
//   has a price row for one (apac. Haiku 4.5). The one exception is jp. Haiku 4.5: the table says
//   No, but AWS serves it (a recorded list-inference-profiles answer, and clients calling it live
//   in Tokyo), so the table is out of date there. Where we are wrong the other way, the one-time
//   fallback to `global.` still reaches the model, and users can pin the profile.
// - For geos the table does not cover (au., us-gov.) and for Opus 4.7 (absent from that table:
//   no ARN-versioned ID) we use AWS-derived data: LiteLLM's priced profile rows and, for us-gov.,
//   public GovCloud client code.
// - ca. and sa. profiles exist for some Amazon models but no source lists one for Claude, so
//   none is built (ca-* / sa-* regions use `global.`).
import type { CatalogModel, ModelCapabilities, PromptCacheFacts } from './catalog';
import type { FactSources } from './sources';

const CLAUDE: ModelCapabilities = { promptCache: true, thinking: true, tools: true, images: true };
const CONTEXT_1M = 'context-1m-2025-08-07';
const BOTH = ['anthropic', 'bedrock'] as const;
const BEDROCK_ONLY = ['bedrock'] as const;

function claudeCache(minTokens: number, bedrockTtls: PromptCacheFacts['bedrockTtls'] = ['5m', '1h']): PromptCacheFacts {
  return { minTokens, bedrockMinTokens: minTokens, anthropicTtls: ['5m', '1h'], bedrockTtls, maxBreakpoints: 4 };
}

const CLAUDE_SOURCES: Omit<FactSources, 'profiles' | 'notes'> = {
  ids: ['anthropicModels', 'anthropicModelIds', 'litellm'],
  limits: ['anthropicModels', 'litellm'],
  caching: ['anthropicPromptCaching', 'awsPromptCaching', 'litellm'],
};

// Fallback choice: the previous version of the same tier first (the usual reason a model is
// unavailable is that it has not reached a region or account yet, and the previous version
// behaves most alike), then the next tier down; Haiku and the oldest Sonnet have none, since a
// silent quality drop below them would surprise more than an error.
export const MODEL_CATALOG: readonly CatalogModel[] = [
  {
    name: 'opus-4.7', aliases: ['opus'], displayName: 'Claude Opus 4.7', family: 'anthropic', providers: BOTH,
    anthropicId: 'claude-opus-4-7', bedrockId: 'anthropic.claude-opus-4-7',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'opus-4.6', capabilities: CLAUDE, promptCache: claudeCache(2048),
    sources: {
      ...CLAUDE_SOURCES, profiles: ['litellm', 'anthropicOnBedrock'],
      notes: [
        'Not in Anthropic\'s Claude-on-Bedrock profile table (no ARN-versioned ID; served on bedrock-runtime): profiles from LiteLLM rows global/us/eu/au/jp.',
        'Minimum cacheable prefix 2048 (LiteLLM prompt_cache_min_tokens).',
      ],
    },
  },
  {
    name: 'opus-4.6', aliases: [], displayName: 'Claude Opus 4.6', family: 'anthropic', providers: BOTH,
    anthropicId: 'claude-opus-4-6', bedrockId: 'anthropic.claude-opus-4-6-v1',
    bedrockProfiles: ['us', 'eu', 'jp', 'apac', 'au', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'opus-4.5', capabilities: CLAUDE, promptCache: claudeCache(4096),
    sources: {
      ...CLAUDE_SOURCES, profiles: ['anthropicOnBedrock', 'litellm'],
      notes: ['global/us/eu/jp/apac from Anthropic\'s table (all Yes); au. from LiteLLM\'s au.anthropic.claude-opus-4-6-v1 row.'],
    },
  },
  {
    name: 'sonnet-4.6', aliases: ['sonnet'], displayName: 'Claude Sonnet 4.6', family: 'anthropic', providers: BOTH,
    anthropicId: 'claude-sonnet-4-6', bedrockId: 'anthropic.claude-sonnet-4-6',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'us-gov', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 64_000,
    fallback: 'sonnet-4.5', context1mBeta: CONTEXT_1M, capabilities: CLAUDE, promptCache: claudeCache(1024),
    sources: {
      ...CLAUDE_SOURCES, caching: ['anthropicPromptCaching', 'sdkIssue1194', 'litellm'], profiles: ['anthropicOnBedrock', 'litellm', 'publicCodeGovCloud'],
      notes: [
        'No apac. profile (Anthropic\'s table: No); au./jp. from LiteLLM rows; us-gov. from public GovCloud client code.',
        'Minimum cacheable prefix 1024: Anthropic\'s prompt-caching docs and LiteLLM agree; one user report sees no caching below 2048 (sdk issue #1194) — a single observation against two published sources, so 1024 stands.',
      ],
    },
  },
  {
    name: 'sonnet-4.5', aliases: [], displayName: 'Claude Sonnet 4.5', family: 'anthropic', providers: BOTH,
    anthropicId: 'claude-sonnet-4-5-20250929', anthropicAliases: ['claude-sonnet-4-5'],
    bedrockId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'us-gov', 'global'], profileRequired: true,
    contextWindow: 200_000, maxOutputTokens: 64_000,
    fallback: 'sonnet-4', context1mBeta: CONTEXT_1M, capabilities: CLAUDE, promptCache: claudeCache(1024),
    sources: {
      ...CLAUDE_SOURCES, profiles: ['anthropicOnBedrock', 'litellm', 'publicCodeGovCloud'],
      notes: [
        'No apac. profile (Anthropic\'s table: No); au. from LiteLLM\'s au. row; us-gov. from LiteLLM\'s GovCloud rows and GovCloud client code.',
        'Some public client configs name apac.anthropic.claude-sonnet-4-5-20250929-v1:0; neither Anthropic\'s table nor LiteLLM lists it, so apac-geography regions use global. (which certainly exists). For APAC data residency, pin the profile ID (inference_profile: apac.anthropic.claude-sonnet-4-5-20250929-v1:0) — if Bedrock refuses it, the request falls back once to global.',
      ],
    },
  },
  {
    name: 'haiku-4.5', aliases: ['haiku'], displayName: 'Claude Haiku 4.5', family: 'anthropic', providers: BOTH,
    anthropicId: 'claude-haiku-4-5-20251001', anthropicAliases: ['claude-haiku-4-5'],
    bedrockId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'global'], profileRequired: true,
    contextWindow: 200_000, maxOutputTokens: 64_000,
    capabilities: CLAUDE, promptCache: claudeCache(4096),
    sources: {
      ...CLAUDE_SOURCES, limits: ['anthropicModels', 'awsModelCards', 'litellm'], caching: ['anthropicPromptCaching', 'awsModelCards', 'litellm'],
      profiles: ['anthropicOnBedrock', 'publicCodeHaikuProfiles', 'litellm'],
      notes: [
        'apac.: Anthropic\'s table says No and a recorded list-inference-profiles answer has none — chosen over LiteLLM\'s apac. price row.',
        'jp.: Anthropic\'s table says No, but AWS lists and serves jp.anthropic.claude-haiku-4-5-20251001-v1:0 (public clients in Tokyo) — the table is out of date there.',
        'au.: not in Anthropic\'s table (no au column); listed by AWS and used live in Sydney.',
      ],
    },
  },
  {
    name: 'opus-4.5', aliases: [], displayName: 'Claude Opus 4.5', family: 'anthropic', providers: BOTH,
    anthropicId: 'claude-opus-4-5-20251101', anthropicAliases: ['claude-opus-4-5'],
    bedrockId: 'anthropic.claude-opus-4-5-20251101-v1:0',
    bedrockProfiles: ['us', 'eu', 'global'], profileRequired: true,
    contextWindow: 200_000, maxOutputTokens: 64_000,
    fallback: 'sonnet-4.5', capabilities: CLAUDE, promptCache: claudeCache(4096),
    sources: { ...CLAUDE_SOURCES, profiles: ['anthropicOnBedrock', 'litellm'] },
  },
  {
    name: 'opus-4.1', aliases: [], displayName: 'Claude Opus 4.1', family: 'anthropic', providers: BOTH,
    anthropicId: 'claude-opus-4-1-20250805', anthropicAliases: ['claude-opus-4-1'],
    bedrockId: 'anthropic.claude-opus-4-1-20250805-v1:0',
    bedrockProfiles: ['us'], profileRequired: true,
    contextWindow: 200_000, maxOutputTokens: 32_000,
    fallback: 'sonnet-4', capabilities: CLAUDE, promptCache: claudeCache(1024, ['5m']),
    sources: {
      ...CLAUDE_SOURCES, profiles: ['anthropicOnBedrock'],
      notes: ['Bedrock: no 1-hour cache TTL (not in AWS\'s 1h list; LiteLLM has no 1h price for its Bedrock rows).'],
    },
  },
  {
    name: 'sonnet-4', aliases: [], displayName: 'Claude Sonnet 4', family: 'anthropic', providers: BOTH,
    anthropicId: 'claude-sonnet-4-20250514', anthropicAliases: ['claude-sonnet-4-0'],
    bedrockId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    bedrockProfiles: ['us', 'eu', 'apac', 'global'], profileRequired: true,
    contextWindow: 200_000, maxOutputTokens: 64_000,
    context1mBeta: CONTEXT_1M, capabilities: CLAUDE, promptCache: claudeCache(1024, ['5m']),
    sources: {
      ...CLAUDE_SOURCES, profiles: ['anthropicOnBedrock', 'litellm'],
      notes: ['Bedrock: no 1-hour cache TTL (LiteLLM has no 1h price for its Bedrock rows).', 'LiteLLM lists the 1M beta window as max_input_tokens; we list the default 200K.'],
    },
  },
  // Other Bedrock families (seed 002): Bedrock-only, no Anthropic ID. Nova is also on-demand in
  // its home regions; AWS offers it through us./eu./apac. profiles too, and we use the profile
  // where one exists so every region gets the same behaviour. Llama 3.3 70B is only reachable
  // through the us. profile. Mistral Large 24.07 is in-region only (us-west-2); no profile.
  {
    name: 'nova-pro', aliases: [], displayName: 'Amazon Nova Pro', family: 'nova', providers: BEDROCK_ONLY,
    bedrockId: 'amazon.nova-pro-v1:0', bedrockProfiles: ['us', 'eu', 'apac'], profileRequired: false,
    contextWindow: 300_000, maxOutputTokens: 10_000,
    fallback: 'nova-lite', capabilities: { promptCache: true, thinking: false, tools: true, images: true },
    promptCache: { minTokens: 1000, bedrockMinTokens: 1000, bedrockTtls: ['5m'], maxBreakpoints: 4 },
    sources: { ids: ['awsModelCards', 'litellm'], limits: ['litellm'], profiles: ['awsInferenceProfiles', 'litellm'], caching: ['awsPromptCaching'] },
  },
  {
    name: 'nova-lite', aliases: [], displayName: 'Amazon Nova Lite', family: 'nova', providers: BEDROCK_ONLY,
    bedrockId: 'amazon.nova-lite-v1:0', bedrockProfiles: ['us', 'eu', 'apac'], profileRequired: false,
    contextWindow: 300_000, maxOutputTokens: 10_000,
    capabilities: { promptCache: true, thinking: false, tools: true, images: true },
    promptCache: { minTokens: 1000, bedrockMinTokens: 1000, bedrockTtls: ['5m'], maxBreakpoints: 4 },
    sources: { ids: ['awsModelCards', 'litellm'], limits: ['litellm'], profiles: ['awsInferenceProfiles', 'litellm'], caching: ['awsPromptCaching'] },
  },
  {
    name: 'llama-3.3-70b', aliases: [], displayName: 'Meta Llama 3.3 70B Instruct', family: 'llama', providers: BEDROCK_ONLY,
    bedrockId: 'meta.llama3-3-70b-instruct-v1:0', bedrockProfiles: ['us'], profileRequired: true,
    contextWindow: 128_000, maxOutputTokens: 8_192,
    capabilities: { promptCache: false, thinking: false, tools: true, images: false },
    sources: { ids: ['awsModelCards'], limits: ['awsModelCards'], profiles: ['awsInferenceProfiles'], caching: ['awsPromptCaching'] },
  },
  {
    name: 'mistral-large', aliases: [], displayName: 'Mistral Large (24.07)', family: 'mistral', providers: BEDROCK_ONLY,
    bedrockId: 'mistral.mistral-large-2407-v1:0', bedrockProfiles: [], profileRequired: false,
    contextWindow: 128_000, maxOutputTokens: 8_192,
    capabilities: { promptCache: false, thinking: false, tools: true, images: false },
    sources: { ids: ['awsModelCards'], limits: ['awsModelCards'], profiles: ['awsInferenceProfiles'], caching: ['awsPromptCaching'] },
  },
];
