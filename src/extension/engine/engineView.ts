import type { ResolvedConfig, Switchboard } from '../../core/engine/types';
import type { EngineView } from '../../presenters/engineViews';
import type { ProviderId } from '../../shared/providers';
import type { ExtensionConfig } from './configView';

/** The one input every surface renders from: the engine's resolution and state, plus how each provider authenticates. */
export function engineView(engine: Switchboard, resolved: ResolvedConfig, config: ExtensionConfig, auth: (provider: ProviderId) => string): EngineView {
  // The engine's own per-name resolution (what a request uses) for names outside `resolved.models`
  // (a model ID or ARN used as given); not on the Switchboard interface yet (NEEDS-from-engine-core.md, item 1).
  const own = engine as Switchboard & Partial<{ resolve(provider: ProviderId, model: string): { modelId: string } }>;
  const resolveName = (provider: ProviderId, name: string): { modelId?: string; error?: string } => {
    try {
      return own.resolve ? { modelId: own.resolve(provider, name).modelId } : { error: `${name} is not resolved` };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  const pin = config.provider;
  return { resolved, state: engine.health.state(), auth, resolveName, ...(pin.source === 'environment' && pin.envVar ? { providerPinnedBy: pin.envVar } : {}) };
}
