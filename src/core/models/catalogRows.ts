// Shared pieces of the catalog rows (catalogClaude5.ts, catalogClaude4.ts, catalogData.ts).
import type { ModelCapabilities, PromptCacheFacts } from './catalog';
import type { FactSources } from './sources';

export const CLAUDE: ModelCapabilities = { promptCache: true, thinking: true, tools: true, images: true };
export const CONTEXT_1M = 'context-1m-2025-08-07';
export const BOTH = ['anthropic', 'bedrock'] as const;
export const BEDROCK_ONLY = ['bedrock'] as const;
export const ANTHROPIC_ONLY = ['anthropic'] as const;

/** Claude's prompt cache: 4 breakpoints, 5m / 1h TTLs on the Anthropic API. */
export function claudeCache(minTokens: number, bedrockTtls: PromptCacheFacts['bedrockTtls'] = ['5m', '1h'], bedrockMinTokens = minTokens): PromptCacheFacts {
  return { minTokens, bedrockMinTokens, anthropicTtls: ['5m', '1h'], bedrockTtls, maxBreakpoints: 4 };
}

/** The sources behind most Claude rows; each row adds its own where it differs. */
export const CLAUDE_SOURCES: Omit<FactSources, 'profiles' | 'notes'> = {
  ids: ['anthropicModelPages', 'anthropicModels', 'anthropicModelIds', 'litellm'],
  limits: ['anthropicModelPages', 'anthropicModels', 'litellm'],
  caching: ['anthropicPromptCaching', 'awsPromptCaching', 'litellm'],
};

/** The Claude 5-generation rows (adaptive-thinking models after June 2026). */
export const CLAUDE5_SOURCES: Omit<FactSources, 'profiles' | 'notes'> = {
  ids: ['anthropicModelPages', 'anthropicDeprecations', 'sdkModelIds', 'awsModelCardsClaude5'],
  limits: ['anthropicModelPages', 'awsModelCardsClaude5', 'litellm'],
  caching: ['cacheMinimumsQuoted', 'litellm'],
};
