// The emulators' minimum cacheable prefix per model, as the services apply it.
/**
 * Minimum cacheable prefix per model (Anthropic prompt-caching docs, quoted in
 * anthropics/anthropic-sdk-python#1194: 4096 for Opus 4.5 / 4.6 / 4.7 and Haiku 4.5; 2048 for
 * Haiku 3 / 3.5; 1024 for the others). A breakpoint on a shorter prefix is accepted and not cached.
 */
export function defaultMinCacheableTokens(model: string): number {
  if (/claude-(opus-4-[5-7]|haiku-4-5)/.test(model)) return 4096;
  if (/claude-3(-5)?-haiku/.test(model)) return 2048;
  return 1024;
}
