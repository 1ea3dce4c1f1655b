// Lazily loaded chunk: see esbuild.mjs (lazy-sdk-chunks).
export * from '@anthropic-ai/sdk';
export { default } from '@anthropic-ai/sdk';
