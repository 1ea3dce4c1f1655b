// The provider registry, keyed by id: how each provider is built and labelled. Adding a provider
// adds one entry here instead of another `anthropic ? … : …`.
import type { BuiltProvider, ProviderBuildContext } from '../providerFactory';
import type { ProviderId } from '../types';

export interface ProviderDefinition {
  id: ProviderId;
  label: string;
  /** Needs the Bedrock region resolved before it is built or its models resolve. */
  regional: boolean;
  build(ctx: ProviderBuildContext): Promise<BuiltProvider>;
}

type ProviderFactory = typeof import('../providerFactory');
let factory: Promise<ProviderFactory> | undefined;

/**
 * The provider layer (providers, auth, message conversion, and through them the SDKs), loaded on
 * the first build: activation never pays for it. The bundles ship it as its own chunk,
 * dist/sdk/providers.js, which this dynamic import becomes a require of (esbuild.mjs).
 */
function providerFactory(): Promise<ProviderFactory> {
  factory ??= import('../providerFactory');
  return factory;
}

export const PROVIDER_REGISTRY: Readonly<Record<ProviderId, ProviderDefinition>> = {
  anthropic: { id: 'anthropic', label: 'Anthropic', regional: false, build: async (ctx) => (await providerFactory()).buildAnthropicProvider(ctx) },
  bedrock: { id: 'bedrock', label: 'Bedrock', regional: true, build: async (ctx) => (await providerFactory()).buildBedrockProvider(ctx) },
};

export function providerDefinition(id: ProviderId): ProviderDefinition {
  const def = PROVIDER_REGISTRY[id];
  if (!def) throw new Error(`unknown provider "${String(id)}"`);
  return def;
}
