// Lazily loaded chunk: see esbuild.mjs (lazy-sdk-chunks) and src/core/config/yamlLib.ts.
export * from 'yaml';
