// Lazily loaded chunk: see esbuild.mjs (lazy-sdk-chunks).
export * from '@aws-sdk/credential-providers';
export { loadSharedConfigFiles } from '@smithy/core/config';
