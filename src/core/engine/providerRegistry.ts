// The provider registry, keyed by id: how each provider is built and labelled. Adding a provider
// adds one entry here instead of another `anthropic ? … : …`.
import type * as ProviderFactoryModule from '../providerFactory';
import type { BuiltProvider, ProviderBuildContext } from '../providerFactory';
import type { ProviderId } from '../types';

export interface ProviderDefinition {
  id: ProviderId;
  label: string;
  /** Needs the Bedrock region resolved before it is built or its models resolve. */
  regional: boolean;
  build(ctx: ProviderBuildContext): Promise<BuiltProvider>;
}

type ProviderFactory = typeof ProviderFactoryModule;
let factory: ProviderFactory | undefined;

/**
 * The provider layer (providers, auth, message conversion, and through them the SDKs), loaded on
 * the first build: activation never pays for it. The bundles ship it as its own chunk,
 * dist/sdk/providers.js, which this require becomes (esbuild.mjs, lazy chunks). A require rather
 * than `await import()`: Node's ESM loader (which `import()` uses, also under tsx) does not resolve
 * an extensionless TypeScript path, and the CommonJS loader does.
 */
function providerFactory(): ProviderFactory {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
  return (factory ??= require('../providerFactory') as ProviderFactory);
}

export const PROVIDER_REGISTRY: Readonly<Record<ProviderId, ProviderDefinition>> = {
  anthropic: { id: 'anthropic', label: 'Anthropic', regional: false, build: (ctx) => providerFactory().buildAnthropicProvider(ctx) },
  bedrock: { id: 'bedrock', label: 'Bedrock', regional: true, build: (ctx) => providerFactory().buildBedrockProvider(ctx) },
};

export function providerDefinition(id: ProviderId): ProviderDefinition {
  const def = PROVIDER_REGISTRY[id];
  if (!def) throw new Error(`unknown provider "${String(id)}"`);
  return def;
}
