// Lazily loaded chunk: see esbuild.mjs (lazy-sdk-chunks). The helpers below are re-exported
// from the SAME chunk so they share one module instance with the client (the Node-version
// notice latch in @aws-sdk/core/client must be the one the client reads).
export * from '@aws-sdk/client-bedrock-runtime';
export { state, emitWarningIfUnsupportedVersion } from '@aws-sdk/core/client';
export { NodeHttpHandler } from '@smithy/node-http-handler';
