import type { ResolvedConfig, Switchboard } from '../../core/engine/types';
import type { EngineView } from '../../presenters/engineViews';
import type { ProviderId } from '../../shared/providers';
import type { ExtensionConfig } from './configView';

/** The one input every surface renders from: the engine's resolution and state, plus how each provider authenticates. */
export function engineView(engine: Switchboard, resolved: ResolvedConfig, config: ExtensionConfig, auth: (provider: ProviderId) => string): EngineView {
  const pin = config.provider;
  return { resolved, state: engine.health.state(), auth, ...(pin.source === 'environment' && pin.envVar ? { providerPinnedBy: pin.envVar } : {}) };
}
