// The model catalog rows, assembled: the Claude 5 generation (catalogClaude5.ts), the Claude 4
// generation (catalogClaude4.ts) and the other Bedrock families below. Sourced facts, read on
// FACTS_READ_ON (see sources.ts for the URLs). Prices are in src/core/usage/prices.ts, keyed by `name`.
//
// Fallback choice: the previous version of the same tier first (the usual reason a model is
// unavailable is that it has not reached a region or account yet, and the previous version
// behaves most alike), then the next tier down; Haiku and the oldest Sonnet served on both
// providers have none, since a silent quality drop below them would surprise more than an error.
import type { CatalogModel, ModelLifecycle } from './catalog';
import { CLAUDE4_ROWS } from './catalogClaude4';
import { CLAUDE5_ROWS } from './catalogClaude5';
import { BEDROCK_ONLY } from './catalogRows';

/** Bedrock-only families: no Anthropic lifecycle; current while AWS lists them as Active. */
const AWS_ACTIVE: ModelLifecycle = { status: 'current' };

const OTHER_ROWS: readonly CatalogModel[] = [
  // Other Bedrock families (seed 002): Bedrock-only, no Anthropic ID. Nova is also on-demand in
  // its home regions; AWS offers it through us./eu./apac. profiles too, and we use the profile
  // where one exists so every region gets the same behaviour. Llama 3.3 70B is only reachable
  // through the us. profile. Mistral Large 24.07 is in-region only (us-west-2); no profile.
  {
    name: 'nova-pro', aliases: [], displayName: 'Amazon Nova Pro', family: 'nova', providers: BEDROCK_ONLY, lifecycle: AWS_ACTIVE,
    bedrockId: 'amazon.nova-pro-v1:0', bedrockProfiles: ['us', 'eu', 'apac'], profileRequired: false,
    contextWindow: 300_000, maxOutputTokens: 10_000,
    fallback: 'nova-lite', capabilities: { promptCache: true, thinking: false, tools: true, images: true },
    promptCache: { minTokens: 1000, bedrockMinTokens: 1000, bedrockTtls: ['5m'], maxBreakpoints: 4 },
    sources: { ids: ['awsModelCards', 'litellm'], limits: ['litellm'], profiles: ['awsInferenceProfiles', 'litellm'], caching: ['awsPromptCaching'] },
  },
  {
    name: 'nova-lite', aliases: [], displayName: 'Amazon Nova Lite', family: 'nova', providers: BEDROCK_ONLY, lifecycle: AWS_ACTIVE,
    bedrockId: 'amazon.nova-lite-v1:0', bedrockProfiles: ['us', 'eu', 'apac'], profileRequired: false,
    contextWindow: 300_000, maxOutputTokens: 10_000,
    capabilities: { promptCache: true, thinking: false, tools: true, images: true },
    promptCache: { minTokens: 1000, bedrockMinTokens: 1000, bedrockTtls: ['5m'], maxBreakpoints: 4 },
    sources: { ids: ['awsModelCards', 'litellm'], limits: ['litellm'], profiles: ['awsInferenceProfiles', 'litellm'], caching: ['awsPromptCaching'] },
  },
  {
    name: 'llama-3.3-70b', aliases: [], displayName: 'Meta Llama 3.3 70B Instruct', family: 'llama', providers: BEDROCK_ONLY, lifecycle: AWS_ACTIVE,
    bedrockId: 'meta.llama3-3-70b-instruct-v1:0', bedrockProfiles: ['us'], profileRequired: true,
    contextWindow: 128_000, maxOutputTokens: 8_192,
    capabilities: { promptCache: false, thinking: false, tools: true, images: false },
    sources: { ids: ['awsModelCards'], limits: ['awsModelCards'], profiles: ['awsInferenceProfiles'], caching: ['awsPromptCaching'] },
  },
  {
    name: 'mistral-large', aliases: [], displayName: 'Mistral Large (24.07)', family: 'mistral', providers: BEDROCK_ONLY, lifecycle: AWS_ACTIVE,
    bedrockId: 'mistral.mistral-large-2407-v1:0', bedrockProfiles: [], profileRequired: false,
    contextWindow: 128_000, maxOutputTokens: 8_192,
    capabilities: { promptCache: false, thinking: false, tools: true, images: false },
    sources: { ids: ['awsModelCards'], limits: ['awsModelCards'], profiles: ['awsInferenceProfiles'], caching: ['awsPromptCaching'] },
  },
];

export const MODEL_CATALOG: readonly CatalogModel[] = [...CLAUDE5_ROWS, ...CLAUDE4_ROWS, ...OTHER_ROWS];
