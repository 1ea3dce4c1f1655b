// Catalog rows: the Claude 5 generation and Opus 4.8 (sourced facts, read on FACTS_READ_ON; see
// sources.ts). Prices are in src/core/usage/prices.ts, keyed by `name`.
//
// How the sources were weighed (authority: Anthropic's docs and AWS's docs > the SDKs' model
// constants > LiteLLM's JSON > third parties):
// - Status, IDs, window, output and list prices: Anthropic's per-model overview pages (the English
//   page, or the same page under another locale where only that copy is stored; the facts block is
//   English in every locale). The newest copy wins: it names Fable 5.2, Opus 5.5, Sonnet 5.5 and
//   Haiku 5.5 as the current lineup; older copies that call Opus 5 / Sonnet 5 "Latest" predate it.
// - Bedrock IDs and profiles: AWS's model cards where the stored copy shows them, LiteLLM's profile
//   rows (00035b69 for the June/July models; a newer commit as printed publicly for Sonnet 5.5),
//   models.dev's Bedrock entries and live reports. Where only some geos are confirmed, only those
//   are listed: a region whose geo is missing gets `global.` (the one-time fallback also reaches it),
//   and a user who needs residency can pin the profile.
// - Minimum cacheable prefix: Anthropic's prompt-caching page as quoted (512 Opus 5 / Fable 5,
//   1024 Opus 4.8 / Sonnet 5) and LiteLLM. The 5.1 / 5.2 / 5.5 models have no published figure in
//   the copies read; they carry their predecessor's, said so in the row.
// - Tier aliases: `opus`, `sonnet`, `haiku` name the newest model of the tier that Anthropic lists
//   as current and Bedrock serves (so failover keeps the model), as Claude Code's aliases do (Claude
//   Code 2.1.305+ names Opus 5.5, Sonnet 5.5, Haiku 5.5). Fable has no tier alias.
import type { CatalogModel } from './catalog';
import { ANTHROPIC_ONLY, BOTH, CLAUDE, CLAUDE5_SOURCES, claudeCache } from './catalogRows';

const NO_MIN_YET = (pred: string, min: number): string =>
  `Minimum cacheable prefix not published for this model in the copies read; ${pred}'s ${min} is used (a shorter breakpoint is simply not cached).`;

export const CLAUDE5_ROWS: readonly CatalogModel[] = [
  {
    name: 'opus-5.5', aliases: ['opus'], displayName: 'Claude Opus 5.5', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'current', released: '2026-09-22' },
    anthropicId: 'claude-opus-5-5', bedrockId: 'anthropic.claude-opus-5-5',
    bedrockProfiles: ['us', 'jp', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'opus-5', capabilities: CLAUDE, promptCache: claudeCache(512),
    sources: {
      ...CLAUDE5_SOURCES, profiles: ['awsModelCardsClaude5', 'classmethodOpus55'],
      notes: [
        'Bedrock: INFERENCE_PROFILE only (list-foundation-models); jp. and global. seen live from Tokyo (classmethod, 2026-09-23); us. in public client code. eu. / au. not confirmed in the sources read: eu-* / ap-southeast-2 use global. (pin the profile for residency).',
        'Adaptive thinking always on (cannot be disabled); forced tool use returns an error (Anthropic page, AWS model card).',
        NO_MIN_YET('Opus 5', 512),
      ],
    },
  },
  {
    name: 'sonnet-5.5', aliases: ['sonnet'], displayName: 'Claude Sonnet 5.5', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'current', released: '2026-09-28' },
    anthropicId: 'claude-sonnet-5-5', bedrockId: 'anthropic.claude-sonnet-5-5',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'apac', 'us-gov', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'sonnet-5', capabilities: CLAUDE, promptCache: claudeCache(1024),
    sources: {
      ...CLAUDE5_SOURCES, profiles: ['awsModelCardsClaude5', 'litellmNewerQuoted', 'modelsDevBedrock'],
      notes: [
        'Profiles global/us/eu/jp/au/apac/us-gov from a newer LiteLLM commit as printed publicly (21881c57; not fetchable here) and models.dev; eu. also on the AWS model card.',
        'Adaptive thinking; it cannot be turned off (the lowest setting is between_tools); forced tool use returns an error.',
        NO_MIN_YET('Sonnet 5', 1024),
      ],
    },
  },
  {
    name: 'haiku-5.5', aliases: ['haiku'], displayName: 'Claude Haiku 5.5', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'current', released: '2026-10-07' },
    anthropicId: 'claude-haiku-5-5', bedrockId: 'anthropic.claude-haiku-5-5',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'haiku-4.5', capabilities: CLAUDE, promptCache: claudeCache(4096),
    sources: {
      ...CLAUDE5_SOURCES, profiles: ['awsModelCardsClaude5', 'modelsDevBedrock'],
      notes: [
        'Profiles global/us/eu/jp/au: models.dev Bedrock entries added 2026-10-08. AWS model card: 1M / 128K, adaptive thinking on by default and can be turned off.',
        'Priced in two bands: a prompt over 100,000 tokens (input + cache reads + writes) is billed 5× on every token of that request.',
        NO_MIN_YET('Haiku 4.5', 4096),
      ],
    },
  },
  {
    name: 'fable-5.2', aliases: [], displayName: 'Claude Fable 5.2', family: 'anthropic', providers: ANTHROPIC_ONLY,
    lifecycle: { status: 'current', released: '2026-11-09' },
    anthropicId: 'claude-fable-5-2', bedrockProfiles: [], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'fable-5.1', capabilities: CLAUDE, promptCache: claudeCache(512),
    sources: {
      ...CLAUDE5_SOURCES, profiles: [],
      notes: [
        'Listed in the current lineup on Anthropic\'s newest model pages (1M / 128K, $8 / $40, adaptive always on). No Bedrock ID was found in AWS\'s or Anthropic\'s pages read: Anthropic API only here; map model_mapping.fable-5.2.bedrock once AWS lists it.',
        NO_MIN_YET('Fable 5', 512),
      ],
    },
  },
  {
    name: 'fable-5.1', aliases: [], displayName: 'Claude Fable 5.1', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'legacy', released: '2026-09-01', note: 'Superseded by Claude Fable 5.2 (2026-11-09).' },
    anthropicId: 'claude-fable-5-1', bedrockId: 'anthropic.claude-fable-5-1',
    bedrockProfiles: ['us', 'eu', 'us-gov', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'fable-5', capabilities: CLAUDE, promptCache: claudeCache(512),
    sources: {
      ...CLAUDE5_SOURCES, profiles: ['litellmNewerQuoted', 'litellm'],
      notes: [
        'us-gov. from LiteLLM v1.102.0 (GovCloud rows at 1.2×); global/us/eu as for Fable 5 (LiteLLM 00035b69) — not confirmed for 5.1 in the sources read.',
        'Status: Anthropic\'s newest pages list Fable 5.2 as the current Fable; older copies call 5.1 "Latest".',
        NO_MIN_YET('Fable 5', 512),
      ],
    },
  },
  {
    name: 'fable-5', aliases: [], displayName: 'Claude Fable 5', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'legacy', released: '2026-06-09' },
    anthropicId: 'claude-fable-5', bedrockId: 'anthropic.claude-fable-5',
    bedrockProfiles: ['us', 'eu', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'opus-5.5', capabilities: CLAUDE, promptCache: claudeCache(512, ['5m', '1h'], 1024),
    sources: {
      ...CLAUDE5_SOURCES, profiles: ['litellm', 'modelsDevBedrock'],
      notes: ['Minimum cacheable prefix 512 on the Anthropic API (prompt-caching page as quoted; LiteLLM\'s anthropic row) but 1024 in LiteLLM\'s Bedrock rows: each provider gets its own.'],
    },
  },
  {
    name: 'opus-5', aliases: [], displayName: 'Claude Opus 5', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'legacy', released: '2026-07-24' },
    anthropicId: 'claude-opus-5', bedrockId: 'anthropic.claude-opus-5',
    bedrockProfiles: ['us', 'us-gov', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'opus-4.8', capabilities: CLAUDE, promptCache: claudeCache(512),
    sources: {
      ...CLAUDE5_SOURCES, profiles: ['litellmNewerQuoted'],
      notes: ['us-gov. from LiteLLM v1.102.0 (GovCloud 1.2×); global. / us. in public client code. Other geos not confirmed in the sources read (those regions use global.).'],
    },
  },
  {
    name: 'sonnet-5', aliases: [], displayName: 'Claude Sonnet 5', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'legacy', released: '2026-06-30' },
    anthropicId: 'claude-sonnet-5', bedrockId: 'anthropic.claude-sonnet-5',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'sonnet-4.6', capabilities: CLAUDE, promptCache: claudeCache(1024),
    sources: { ...CLAUDE5_SOURCES, profiles: ['litellm', 'modelsDevBedrock'], notes: ['Manual extended thinking (budget_tokens) and non-default temperature / top_p / top_k return 400 (Anthropic page).'] },
  },
  {
    name: 'opus-4.8', aliases: [], displayName: 'Claude Opus 4.8', family: 'anthropic', providers: BOTH,
    lifecycle: { status: 'legacy', released: '2026-05-28' },
    anthropicId: 'claude-opus-4-8', bedrockId: 'anthropic.claude-opus-4-8',
    bedrockProfiles: ['us', 'eu', 'jp', 'au', 'global'], profileRequired: true,
    contextWindow: 1_000_000, maxOutputTokens: 128_000,
    fallback: 'opus-4.7', capabilities: CLAUDE, promptCache: claudeCache(1024),
    sources: { ...CLAUDE5_SOURCES, profiles: ['litellm', 'modelsDevBedrock'] },
  },
];
