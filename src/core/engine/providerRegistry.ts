// The provider registry, keyed by id: how each provider is built and labelled. Adding a provider
// adds one entry here instead of another `anthropic ? … : …`.
import { buildAnthropicProvider, buildBedrockProvider } from '../providerFactory';
import type { BuiltProvider, ProviderBuildContext } from '../providerFactory';
import type { ProviderId } from '../types';

export interface ProviderDefinition {
  id: ProviderId;
  label: string;
  /** Needs the Bedrock region resolved before it is built or its models resolve. */
  regional: boolean;
  build(ctx: ProviderBuildContext): Promise<BuiltProvider>;
}

export const PROVIDER_REGISTRY: Readonly<Record<ProviderId, ProviderDefinition>> = {
  anthropic: { id: 'anthropic', label: 'Anthropic', regional: false, build: buildAnthropicProvider },
  bedrock: { id: 'bedrock', label: 'Bedrock', regional: true, build: buildBedrockProvider },
};

export function providerDefinition(id: ProviderId): ProviderDefinition {
  const def = PROVIDER_REGISTRY[id];
  if (!def) throw new Error(`unknown provider "${String(id)}"`);
  return def;
}
