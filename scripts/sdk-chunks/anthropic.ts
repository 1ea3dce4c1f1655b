// Lazily loaded chunk: see esbuild.mjs (lazy-sdk-chunks).
export * from '@anthropic-ai/sdk';
// eslint-disable-next-line no-restricted-exports -- re-exports the SDK's own default
export { default } from '@anthropic-ai/sdk';
