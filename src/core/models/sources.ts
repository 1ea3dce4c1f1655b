// The public sources behind the catalog and price facts, and the date they were read. Each
// catalog row and price row names the sources of its facts by key (`sources` fields), so a fact
// can be re-checked where it came from; `switchboard models --json` shows them.

/** The day the sources below were read for this catalog. */
export const FACTS_READ_ON = '2026-12-07';

export const SOURCES = {
  anthropicModels: 'https://platform.claude.com/docs/en/about-claude/models/overview',
  /** Anthropic's per-model overview pages (status Latest / Legacy / Deprecated, IDs, window, output, prices): …/docs/<lang>/models/<model>/overview(.md). */
  anthropicModelPages: 'https://platform.claude.com/docs/en/models/<model>/overview (e.g. models/sonnet-5-5/overview, models/sonnet-4-6/overview.md)',
  /** Lifecycle: Active / Legacy / Deprecated / Retired, retirement dates (Anthropic-operated platforms only; Bedrock sets its own). */
  anthropicDeprecations: 'https://platform.claude.com/docs/en/about-claude/model-deprecations',
  anthropicModelIds: 'https://platform.claude.com/docs/en/about-claude/models/model-ids-and-versions',
  anthropicPricing: 'https://platform.claude.com/docs/en/about-claude/pricing',
  anthropicPromptCaching: 'https://platform.claude.com/docs/en/build-with-claude/prompt-caching',
  /** "Claude on Amazon Bedrock": the table of inference profiles (global / us / eu / jp / apac) per model. */
  anthropicOnBedrock: 'https://platform.claude.com/docs/en/build-with-claude/claude-on-amazon-bedrock',
  awsInferenceProfiles: 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html',
  awsModelCards: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-cards.html',
  awsPromptCaching: 'https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html',
  awsPricing: 'https://aws.amazon.com/bedrock/pricing/',
  /** AWS model cards of the newest Claude models (launch date, lifecycle, window, output, reasoning, endpoints and APIs). */
  awsModelCardsClaude5: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-opus-5-5.html, …-haiku-5-5.html, …-sonnet-5-5.html',
  /** A newer LiteLLM commit (21881c57, not fetchable here) as printed publicly: Sonnet 5.5 rows global/us/eu/jp/au/apac/us-gov, regional 1.1×, GovCloud 1.2×. */
  litellmNewerQuoted: 'LiteLLM model sheet at 21881c57 as printed in public course material (GitHub code search, read 2026-12-07); LiteLLM v1.102.0 release notes (us-gov.anthropic.claude-fable-5-1 / claude-opus-5 at 1.2×)',
  /** models.dev catalog diffs (2026-10-08) listing the Bedrock IDs added for Haiku 5.5 (global/us/eu/jp/au) and Sonnet 5.5 (us/eu). */
  modelsDevBedrock: 'https://models.dev/api.json as captured 2026-10-08 in a public release audit (CaseMark/linc, docs), and anomalyco/models.dev f3fc692 (2026-07-02)',
  /** A live Converse test of Opus 5.5 from Tokyo: list-foundation-models INFERENCE_PROFILE only; profiles jp. and global. */
  classmethodOpus55: 'https://dev.classmethod.jp/en/articles/bedrock-claude-opus-5-5/ (2026-09-23)',
  /** Third-party price trackers that re-read Anthropic's pricing page (cache-read cuts: Sonnet 5.5 0.05× from 2026-10-07; Opus 5.5 0.05×; Fable 5.1 / 5.2 0.025×; Haiku 5.5's 100K tier). */
  pricingTrackers: 'kurofune/claudit v1.8.2 / v1.9.2, phuryn/claude-usage v1.5.7 (checked 2026-12-01), TheKrush/PromptFuel v1.0.23 (GitHub releases)',
  /** Minimum cacheable prefix per model after Anthropic's prompt-caching page (512: Opus 5, Fable 5; 1024: Opus 4.8, Sonnet 5, Sonnet 4.6 / 4.5; 2048: Opus 4.7; 4096: Opus 4.6 / 4.5, Haiku 4.5). */
  cacheMinimumsQuoted: 'https://dev.to/creeta/claudes-prompt-cache-fails-silently-below-1024-tokens-1ch1 (quoting the prompt-caching page), LiteLLM prompt_cache_min_tokens',
  /** Pinned copy of its Claude / Bedrock rows: test/data/litellm-claude-rows.json. */
  litellm: 'https://github.com/BerriAI/litellm/blob/00035b69f416be24e2e323c13198d9b7d2d1bdf9/model_prices_and_context_window.json',
  /** The official SDKs' model constants (anthropic-sdk-typescript bfa9197, 2026-08-19; anthropic-sdk-python 009b035, 2026-08-07): IDs up to Opus 5 / Sonnet 5 / Fable 5, and Sonnet 4 / Opus 4 retired 2026-06-15. */
  sdkModelIds: 'anthropics/anthropic-sdk-typescript@bfa9197 src/resources/messages/messages.ts (Model); anthropics/anthropic-sdk-python@009b035 src/anthropic/types/model.py, resources/messages/messages.py (DEPRECATED_MODELS)',
  /** Observed behaviour: Sonnet 4.6 cached nothing below a 2048-token prefix. */
  sdkIssue1194: 'https://github.com/anthropics/anthropic-sdk-python/issues/1194',
  /** Independent public code that calls `us-gov.anthropic.claude-sonnet-4-6` in GovCloud. */
  publicCodeGovCloud: 'public GitHub code (GovCloud clients using us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0 / us-gov.anthropic.claude-sonnet-4-6)',
  /** Public code calling jp. / au. Haiku 4.5 live, and a recorded `aws bedrock list-inference-profiles` answer for it (us, eu, au, jp, in, global). */
  publicCodeHaikuProfiles: 'public GitHub code (clients in ap-northeast-1 / ap-southeast-2 using jp. / au.anthropic.claude-haiku-4-5-20251001-v1:0; a list-inference-profiles fixture)',
  /** AWS's GovCloud (US) price table for Claude Sonnet 4.5 (3.60 / 18.00 / 4.50 / 7.20 / 0.36), as quoted in a public LiteLLM report and applied there. */
  awsGovCloudPricing: 'https://aws.amazon.com/bedrock/pricing/ (AWS GovCloud (US) table) as quoted in https://github.com/BerriAI/litellm/issues/27120, fixed in https://github.com/BerriAI/litellm/pull/28573',
  /** LiteLLM prices live GovCloud models without a published price at 1.2 × their commercial price. */
  litellmGovCloudDerived: 'https://github.com/BerriAI/litellm/pull/39764 ("GovCloud costs, 1.2x the Before values")',
  spec: 'SPEC §7 (the product specification)',
} as const;

export type SourceKey = keyof typeof SOURCES;

/** Which sources back each kind of fact in a catalog or price row. */
export interface FactSources {
  ids: readonly SourceKey[];
  limits: readonly SourceKey[];
  profiles: readonly SourceKey[];
  caching: readonly SourceKey[];
  /** Where the sources disagree, which one we chose and why (one line each). */
  notes?: readonly string[];
}

export function sourceUrls(keys: readonly SourceKey[]): string[] {
  return keys.map((k) => SOURCES[k]);
}
