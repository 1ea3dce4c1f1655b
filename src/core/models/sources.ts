// The public sources behind the catalog and price facts, and the date they were read. Each
// catalog row and price row names the sources of its facts by key (`sources` fields), so a fact
// can be re-checked where it came from; `switchboard models --json` shows them.

/** The day the sources below were read for this catalog. */
export const FACTS_READ_ON = '2026-12-01';

export const SOURCES = {
  anthropicModels: 'https://platform.claude.com/docs/en/about-claude/models/overview',
  anthropicModelIds: 'https://platform.claude.com/docs/en/about-claude/models/model-ids-and-versions',
  anthropicPricing: 'https://platform.claude.com/docs/en/about-claude/pricing',
  anthropicPromptCaching: 'https://platform.claude.com/docs/en/build-with-claude/prompt-caching',
  /** "Claude on Amazon Bedrock": the table of inference profiles (global / us / eu / jp / apac) per model. */
  anthropicOnBedrock: 'https://platform.claude.com/docs/en/build-with-claude/claude-on-amazon-bedrock',
  awsInferenceProfiles: 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html',
  awsModelCards: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-cards.html',
  awsPromptCaching: 'https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html',
  awsPricing: 'https://aws.amazon.com/bedrock/pricing/',
  /** Pinned copy of its Claude / Bedrock rows: test/data/litellm-claude-rows.json. */
  litellm: 'https://github.com/BerriAI/litellm/blob/00035b69f416be24e2e323c13198d9b7d2d1bdf9/model_prices_and_context_window.json',
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
