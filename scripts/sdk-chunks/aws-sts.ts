// Lazily loaded chunk: see esbuild.mjs (lazy-sdk-chunks).
export * from '@aws-sdk/client-sts';
