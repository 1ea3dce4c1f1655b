// Catalog rows: the Claude 4 generation (sourced facts, read on FACTS_READ_ON; see sources.ts).
// Prices are in src/core/usage/prices.ts, keyed by `name`.
//
// Inference-profile availability (`bedrockProfiles`) — how the sources were combined:
// - For the geos Anthropic's "Claude on Amazon Bedrock (Opus 4.6 and earlier)" table covers
//   (global, us, eu, jp, apac) that table decides: it is the vendor's own list, and where it says
//   "No" (no apac. for Sonnet 4.5 / 4.6 or Haiku 4.5, no jp. for Sonnet 4) we build no such ID even
//   where LiteLLM has a price row for one (apac. Haiku 4.5). The one exception is jp. Haiku 4.5: the
//   table says No, but AWS serves it (a recorded list-inference-profiles answer, and clients calling
//   it live in Tokyo), so the table is out of date there. Where we are wrong the other way, the
//   one-time fallback to `global.` still reaches the model, and users can pin the profile.
// - For geos the table does not cover (au., us-gov.) and for Opus 4.7 (absent from that table:
//   no ARN-versioned ID) we use AWS-derived data: LiteLLM's priced profile rows and, for us-gov.,
//   public GovCloud client code.
// - ca. and sa. profiles exist for some Amazon models but no source lists one for Claude, so
//   none is built (ca-* / sa-* regions use `global.`).
//
// Lifecycle (Anthropic's per-model pages and deprecations page, read 2026-12-07): every model here
// is Legacy at best; Opus 4.5 is Deprecated; Sonnet 4.5, Opus 4.1 and Sonnet 4 are Retired on the
// Anthropic API (their Anthropic IDs stay known for history and prices, but only Bedrock serves them).
import type { CatalogModel } from './catalog';
import { BEDROCK_ONLY, BOTH, CLAUDE, CLAUDE_SOURCES, CONTEXT_1M, claudeCache } from './catalogRows';

const RETIRED_API = (day: string, bedrock: string): string => `Retired on the Anthropic API on ${day}; ${bedrock}`;

export const CLAUDE4_ROWS: readonly CatalogModel[] = [
  {
    name: 'opus-4.7', aliases: [], displayName: 'Claude Opus 4.7', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'legacy', released: '2026-04-16' },
    anthropicId: 'claude-opus-4-7', bedrockId: 'anthropic.claude-opus-4-7',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'opus-4.6', capabilities: CLAUDE, promptCache: claudeCache(2048),
    sources: {
      ...CLAUDE_SOURCES, profiles: ['litellm', 'anthropicOnBedrock'],
      notes: [
        'Not in Anthropic\'s Claude-on-Bedrock profile table (no ARN-versioned ID; served on bedrock-runtime): profiles from LiteLLM rows global/us/eu/au/jp.',
        'Minimum cacheable prefix 2048 (LiteLLM prompt_cache_min_tokens; the prompt-caching page as quoted).',
      ],
    },
  },
  {
    name: 'opus-4.6', aliases: [], displayName: 'Claude Opus 4.6', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'legacy', released: '2026-02-05' },
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
    name: 'sonnet-4.6', aliases: [], displayName: 'Claude Sonnet 4.6', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'legacy', released: '2026-02-17' },
    anthropicId: 'claude-sonnet-4-6', bedrockId: 'anthropic.claude-sonnet-4-6',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'us-gov', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    context1mBeta: CONTEXT_1M, capabilities: CLAUDE, promptCache: claudeCache(1024),
    sources: {
      ...CLAUDE_SOURCES, caching: ['anthropicPromptCaching', 'sdkIssue1194', 'litellm'], profiles: ['anthropicOnBedrock', 'litellm', 'publicCodeGovCloud'],
      notes: [
        'Max output 128K: Anthropic\'s Sonnet 4.6 page ("Context window: 1M tokens · Max output: 128K tokens", read 2026-12-07). LiteLLM (00035b69) and several third-party pages still say 64K; the vendor\'s page wins.',
        'No apac. profile (Anthropic\'s table: No); au./jp. from LiteLLM rows; us-gov. from public GovCloud client code.',
        'Minimum cacheable prefix 1024: Anthropic\'s prompt-caching docs and LiteLLM agree; one user report sees no caching below 2048 (sdk issue #1194) — a single observation against two published sources, so 1024 stands.',
        'No fallback: the next older Sonnet (4.5) is retired on the Anthropic API.',
      ],
    },
  },
  {
    name: 'haiku-4.5', aliases: [], displayName: 'Claude Haiku 4.5', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'legacy', released: '2025-10-15' },
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
    lifecycle: { status: 'deprecated', released: '2025-11-24', retires: '2027-01-22', note: 'Deprecated 2026-11-23; retires on the Anthropic API on 2027-01-22 (replacement: Claude Opus 5.5). Bedrock sets its own date.' },
    anthropicId: 'claude-opus-4-5-20251101', anthropicAliases: ['claude-opus-4-5'],
    bedrockId: 'anthropic.claude-opus-4-5-20251101-v1:0',
    bedrockProfiles: ['us', 'eu', 'global'], profileRequired: true,
    contextWindow: 200_000, maxOutputTokens: 64_000,
    fallback: 'sonnet-4.6', capabilities: CLAUDE, promptCache: claudeCache(4096),
    sources: { ...CLAUDE_SOURCES, ids: [...CLAUDE_SOURCES.ids, 'anthropicDeprecations'], profiles: ['anthropicOnBedrock', 'litellm'], notes: ['Retirement date as the deprecations page gives it, quoted by a public watcher (samarthputhraya/Modelpin 0.5.7, read 2026-11-26).'] },
  },
  {
    name: 'sonnet-4.5', aliases: [], displayName: 'Claude Sonnet 4.5', family: 'anthropic', providers: BEDROCK_ONLY,
    lifecycle: { status: 'retired', released: '2025-09-29', retires: '2026-11-30', note: RETIRED_API('2026-11-30', 'Amazon Bedrock still serves it (its own schedule).') },
    anthropicId: 'claude-sonnet-4-5-20250929', anthropicAliases: ['claude-sonnet-4-5'],
    bedrockId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'us-gov', 'global'], profileRequired: true,
    contextWindow: 200_000, maxOutputTokens: 64_000,
    fallback: 'sonnet-4', context1mBeta: CONTEXT_1M, capabilities: CLAUDE, promptCache: claudeCache(1024),
    sources: {
      ...CLAUDE_SOURCES, ids: [...CLAUDE_SOURCES.ids, 'anthropicDeprecations'], profiles: ['anthropicOnBedrock', 'litellm', 'publicCodeGovCloud'],
      notes: [
        'Anthropic\'s Sonnet 4.5 page: "Deprecated … retires on November 30, 2026" — retired on the Anthropic API since. No Bedrock end of life was found in AWS\'s pages read, so Bedrock keeps it.',
        'No apac. profile (Anthropic\'s table: No); au. from LiteLLM\'s au. row; us-gov. from LiteLLM\'s GovCloud rows and GovCloud client code.',
        'Some public client configs name apac.anthropic.claude-sonnet-4-5-20250929-v1:0; neither Anthropic\'s table nor LiteLLM lists it, so apac-geography regions use global. (which certainly exists). For APAC data residency, pin the profile ID (inference_profile: apac.anthropic.claude-sonnet-4-5-20250929-v1:0) — if Bedrock refuses it, the request falls back once to global.',
      ],
    },
  },
  {
    name: 'opus-4.1', aliases: [], displayName: 'Claude Opus 4.1', family: 'anthropic', providers: BEDROCK_ONLY,
    lifecycle: { status: 'retired', released: '2025-08-05', retires: '2026-08-05', note: RETIRED_API('2026-08-05', 'Anthropic\'s pricing page lists it as still served on Bedrock.') },
    anthropicId: 'claude-opus-4-1-20250805', anthropicAliases: ['claude-opus-4-1'],
    bedrockId: 'anthropic.claude-opus-4-1-20250805-v1:0',
    bedrockProfiles: ['us'], profileRequired: true,
    contextWindow: 200_000, maxOutputTokens: 32_000,
    fallback: 'sonnet-4', capabilities: CLAUDE, promptCache: claudeCache(1024, ['5m']),
    sources: {
      ...CLAUDE_SOURCES, ids: [...CLAUDE_SOURCES.ids, 'anthropicPricing', 'anthropicDeprecations'], profiles: ['anthropicOnBedrock'],
      notes: ['Anthropic pricing: "Claude Opus 4.1 (retired, except on Bedrock and Google Cloud)"; LiteLLM deprecation_date 2026-08-05.', 'Bedrock: no 1-hour cache TTL (not in AWS\'s 1h list; LiteLLM has no 1h price for its Bedrock rows).'],
    },
  },
  {
    name: 'sonnet-4', aliases: [], displayName: 'Claude Sonnet 4', family: 'anthropic', providers: BEDROCK_ONLY,
    lifecycle: { status: 'retired', released: '2025-05-22', retires: '2026-06-15', note: RETIRED_API('2026-06-15', 'Bedrock has not announced its end of life in the pages read.') },
    anthropicId: 'claude-sonnet-4-20250514', anthropicAliases: ['claude-sonnet-4-0'],
    bedrockId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    bedrockProfiles: ['us', 'eu', 'apac', 'global'], profileRequired: true,
    contextWindow: 200_000, maxOutputTokens: 64_000,
    context1mBeta: CONTEXT_1M, capabilities: CLAUDE, promptCache: claudeCache(1024, ['5m']),
    sources: {
      ...CLAUDE_SOURCES, ids: [...CLAUDE_SOURCES.ids, 'sdkModelIds'], profiles: ['anthropicOnBedrock', 'litellm'],
      notes: ['The official SDKs list claude-sonnet-4-20250514 as reaching end of life on June 15th, 2026 (anthropic-sdk-python DEPRECATED_MODELS).', 'Bedrock: no 1-hour cache TTL (LiteLLM has no 1h price for its Bedrock rows).', 'LiteLLM lists the 1M beta window as max_input_tokens; we list the default 200K.'],
    },
  },
];
