// The emulators' minimum cacheable prefix per model, as the services apply it.
/**
 * Minimum cacheable prefix per model on the Anthropic API (Anthropic prompt-caching docs, quoted in
 * anthropics/anthropic-sdk-python#1194 and, for the 2026 models, dev.to/creeta "Claude's prompt
 * cache fails silently below 1,024 tokens": 512 for Opus 5 and Fable 5; 1024 for Opus 4.8, Sonnet 5,
 * Sonnet 4.6 / 4.5, Opus 4.1 / 4; 2048 for Opus 4.7; 4096 for Opus 4.6 / 4.5 and Haiku 4.5; 2048
 * for Haiku 3 / 3.5). The 5.1 / 5.2 / 5.5 models have no published figure in the pages read: they
 * take their predecessor's (Opus 5.5 and Fable 5.x 512, Sonnet 5.5 1024, Haiku 5.5 4096). A
 * breakpoint on a shorter prefix is accepted and not cached. `bedrock`: Bedrock's own minimum where
 * it differs (LiteLLM's Bedrock rows give Fable 5 1024).
 */
export function defaultMinCacheableTokens(model: string, service: 'anthropic' | 'bedrock' = 'anthropic'): number {
  if (/claude-fable-5(?!-)/.test(model) && service === 'bedrock') return 1024;
  if (/claude-(opus-5|fable-5)/.test(model)) return 512;
  if (/claude-opus-4-7/.test(model)) return 2048;
  if (/claude-(opus-4-[56]|haiku-4-5|haiku-5-5)/.test(model)) return 4096;
  if (/claude-3(-5)?-haiku/.test(model)) return 2048;
  return 1024;
}
