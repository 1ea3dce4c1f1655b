import { BEDROCK_API_KEY_ENV, chooseApiKey, chooseBedrockApiKey, describeKeyChoice } from './auth/apiKeyChoice';
import { getCallerIdentity, resolveBedrockAuth } from './auth/bedrockAuth';
import type { BedrockAuth } from './auth/bedrockAuth';
import type { ResolvedRegion } from './auth/region';
import type { ConfigKey, ConfigSource, SwitchboardConfig } from './config/schema';
import type { Logger } from './logger';
import { fallbackModelIdFor, profileIdForBaseModel, resolveModel } from './models/resolve';
import { AnthropicProvider } from './providers/anthropic/anthropicProvider';
import { BedrockProvider } from './providers/bedrock/bedrockProvider';
import type { ModelProvider, ProviderId } from './types';
import { estimateCost } from './usage/prices';
import type { PriceOverrides } from './usage/prices';

// Builds one provider from the effective config: where its key, credentials, region and
// endpoint come from. The client caches what this returns per provider.

/** Secrets come from the caller (SecretStorage in VS Code, the environment in the CLI). */
export interface ClientSecrets {
  anthropicApiKey?: string;
  bedrockApiKey?: string;
  awsAccessKeyId?: string;
  awsSecretAccessKey?: string;
  awsSessionToken?: string;
}

export interface ProviderBuildContext {
  config: SwitchboardConfig;
  sources?: Partial<Record<ConfigKey, { source: ConfigSource; origin?: string }>>;
  secrets: ClientSecrets;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  timeoutMs?: number;
  priceOverrides?: PriceOverrides;
  /** Logical name / ID → the ID sent (models/resolve over the config; a pure function, not the engine). */
  resolveModelId: (provider: ProviderId, model: string, region: string | undefined) => string;
  /** Bedrock: the region as resolved once for every surface (auth/region resolveBedrockRegion). */
  region?: ResolvedRegion;
  /** Where `secrets` are kept, for the log (`SecretStorage`); default `the caller`. */
  secretsFrom?: string;
}

export interface BuiltProvider {
  provider: ModelProvider;
  /** Bedrock: the region in use after env / profile resolution. */
  region?: string;
  auth?: BedrockAuth;
}

function redactKeyId(id: string): string {
  return id.length > 4 ? `…${id.slice(-4)}` : '…';
}

export async function buildAnthropicProvider(ctx: ProviderBuildContext): Promise<BuiltProvider> {
  const { anthropic, modelMapping } = ctx.config;
  const key = chooseApiKey({ stored: ctx.secrets.anthropicApiKey, envVar: anthropic.apiKeyEnv, env: ctx.env, ...(ctx.secretsFrom ? { storedIn: ctx.secretsFrom } : {}) });
  ctx.logger.info(`anthropic: API key ${describeKeyChoice(key)}; base URL ${anthropic.baseUrl}`);
  const provider = new AnthropicProvider({
    apiKey: key.key,
    ...(key.from ? { apiKeyFrom: key.from } : {}),
    baseUrl: anthropic.baseUrl,
    defaultModel: ctx.config.model,
    timeoutMs: ctx.timeoutMs,
    logger: ctx.logger,
    resolveModelId: (model) => ctx.resolveModelId('anthropic', model, undefined),
    estimateCost: (usage, modelId) => estimateCost('anthropic', modelId, usage, { mapping: modelMapping, overrides: ctx.priceOverrides }),
  });
  return { provider };
}

export async function buildBedrockProvider(ctx: ProviderBuildContext): Promise<BuiltProvider> {
  const { bedrock, modelMapping } = ctx.config;
  const secrets = ctx.secrets;
  const regionIsDefault = (ctx.sources?.["bedrock.awsRegion"]?.source ?? "default") === "default";
  const auth = await resolveBedrockAuth(
    {
      method: bedrock.authMethod,
      // A default region must not beat AWS_REGION or the profile's own region.
      region: regionIsDefault ? undefined : bedrock.awsRegion,
      ...(ctx.region ? { resolvedRegion: ctx.region } : {}),
      profile: bedrock.awsProfile,
      profileOrigin: ctx.sources?.['bedrock.awsProfile']?.origin,
      accessKeyId: secrets.awsAccessKeyId,
      secretAccessKey: secrets.awsSecretAccessKey,
      sessionToken: secrets.awsSessionToken,
      roleArn: bedrock.roleArn,
      externalId: bedrock.externalId,
      bedrockApiKey: secrets.bedrockApiKey,
      ...(ctx.secretsFrom ? { bedrockApiKeyFrom: ctx.secretsFrom } : {}),
      useBedrockApiKey: bedrock.useBedrockApiKey,
    },
    ctx.env,
    ctx.logger,
  );
  const http1 = bedrock.httpVersion === 'http1.1';
  ctx.logger.info(`bedrock: auth ${auth.method}${auth.kind === 'sigv4' && auth.profile ? ` (profile ${auth.profile})` : ''}; region ${auth.region} (${auth.regionSource})${bedrock.endpoint ? `; endpoint ${bedrock.endpoint}` : ''}${http1 ? '; HTTP/1.1' : ''}`);
  const provider = new BedrockProvider({
    region: auth.region,
    endpoint: bedrock.endpoint,
    // The config's `http1.1` (proxies without HTTP/2) is the provider's `http1`; else the SDK's HTTP/2.
    ...(http1 ? { httpVersion: 'http1' as const } : {}),
    ...(auth.kind === 'sigv4' ? { credentials: auth.credentials } : { token: auth.token }),
    timeoutMs: ctx.timeoutMs,
    logger: ctx.logger,
    resolveModelId: explainingResolver(ctx, auth.region),
    profileForBaseModel: profileIdForBaseModel,
    fallbackModelId: fallbackModelIdFor,
    // Opaque application-inference-profile ARNs: the user's mapping says which model is behind them.
    familyOf: (modelId) => {
      try {
        return resolveModel({ provider: 'bedrock', model: modelId, region: auth.region, mapping: modelMapping }).family;
      } catch {
        return undefined;
      }
    },
    estimateCost: (usage, modelId) => estimateCost('bedrock', modelId, usage, { mapping: modelMapping, overrides: ctx.priceOverrides, region: auth.region }),
    probeModel: ctx.config.model,
    identity: async () => {
      if (auth.kind === 'bearer') {
        // Where the token came from: the same decision bedrockAuth made (stored first, then the variable).
        const choice = chooseBedrockApiKey(secrets.bedrockApiKey, ctx.env, ctx.secretsFrom ?? 'configuration');
        return `Bedrock API key ${redactKeyId(auth.token)} from ${auth.token === choice.key ? choice.from : BEDROCK_API_KEY_ENV}`;
      }
      try {
        return (await getCallerIdentity(auth)).arn;
      } catch (e) {
        // The Bedrock call already proved the credentials; STS may simply be unreachable
        // (VPC endpoints without STS, proxies). Say who we are as far as we know.
        const creds = await auth.credentials();
        ctx.logger.warn(`test connection: STS GetCallerIdentity failed (${e instanceof Error ? e.message : String(e)})`);
        return `AWS access key ${redactKeyId(creds.accessKeyId)}${auth.profile ? ` (profile ${auth.profile})` : ''}`;
      }
    },
  });
  return { provider, region: auth.region, auth };
}

/**
 * The Bedrock ID resolver, saying once per model why its ID was chosen when the region's geo
 * profile was not used ("Claude Haiku 4.5 has no apac. profile; using global.").
 */
function explainingResolver(ctx: ProviderBuildContext, region: string): (model: string) => string {
  const explained = new Set<string>();
  const { modelMapping, bedrock } = ctx.config;
  return (model) => {
    const id = ctx.resolveModelId('bedrock', model, region);
    if (explained.has(model)) return id;
    explained.add(model);
    try {
      const note = resolveModel({ provider: 'bedrock', model, region, mapping: modelMapping, inferenceProfile: bedrock.inferenceProfile }).note;
      if (note) ctx.logger.info(`bedrock: ${model} → ${id} in ${region}: ${note}`);
    } catch {
      // Unknown names are reported by the request itself.
    }
    return id;
  };
}
