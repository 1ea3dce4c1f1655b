// Builds the BedrockRuntimeClient lazily (SDK values load only when Bedrock is first used).
import type { BedrockRuntimeClient, BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Logger } from '../../logger';

export interface BedrockClientOptions {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  token?: string;
  httpVersion?: 'h2' | 'http1';
  connectTimeoutMs?: number;
  logger: Logger;
}

let warningSilenced = false;

/**
 * The AWS SDK prints a `NodeVersionSupportWarning` through process.emitWarning on Node < 22 —
 * which is what VS Code's extension host runs — once per process, into the user's face (the
 * CLI's stderr, the extension host log). It is a notice for the runtime's owner, not for our
 * user, so we mark it as already emitted in the very module instance the client uses, and
 * keep one line at debug level. Nothing in process.env is changed for other code.
 */
async function silenceNodeVersionWarning(logger: Logger): Promise<void> {
  if (warningSilenced) return;
  warningSilenced = true;
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return;
  try {
    const core = await import('@aws-sdk/core/client');
    const state = (core as { state?: { warningEmitted: boolean } }).state;
    if (state) {
      state.warningEmitted = true;
    } else {
      // Older @aws-sdk/core: the documented opt-out, set only for the one call that latches it.
      const key = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
      const previous = process.env[key];
      process.env[key] = 'true';
      try {
        core.emitWarningIfUnsupportedVersion(process.version);
      } finally {
        if (previous === undefined) delete process.env[key];
        else process.env[key] = previous;
      }
    }
    logger.debug(`AWS SDK: running on Node ${process.version}; its Node-version support notice is kept out of the output (future SDK releases need Node 22).`);
  } catch {
    // Not fatal: at worst the user sees the SDK's notice.
  }
}

export async function createBedrockClient(options: BedrockClientOptions): Promise<BedrockRuntimeClient> {
  await silenceNodeVersionWarning(options.logger);
  const sdk = await import('@aws-sdk/client-bedrock-runtime');
  const config: BedrockRuntimeClientConfig = {
    region: options.region,
    // One attempt per call: retries, backoff and failover are the routing layer's job.
    maxAttempts: 1,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
  if (options.httpVersion === 'http1') {
    // HTTP/1.1 on purpose: corporate proxies (HTTPS_PROXY, VS Code's http.proxy) tunnel with
    // HTTP/1.1 CONNECT, and some middleboxes break HTTP/2. The SDK's default is its HTTP/2 handler.
    const { NodeHttpHandler } = await import('@smithy/node-http-handler');
    config.requestHandler = new NodeHttpHandler({ connectionTimeout: options.connectTimeoutMs ?? 10_000 });
  }
  if (options.token !== undefined) {
    // Bedrock API key: bearer auth only, so the SDK never goes looking for SigV4 credentials.
    config.token = { token: options.token };
    config.authSchemePreference = ['httpBearerAuth'];
  } else if (options.credentials) {
    config.credentials = options.credentials;
    // Pin SigV4: the client otherwise switches to bearer auth whenever AWS_BEARER_TOKEN_BEDROCK
    // is merely present in the environment, and would ignore the credentials we resolved.
    config.authSchemePreference = ['sigv4'];
  }
  return new sdk.BedrockRuntimeClient(config);
}
