import type { ResolvedConfig, Switchboard } from '../../core/engine/types';
import { fixContextFrom } from '../../core/errorFixes';
import type { FixContext } from '../../core/errorFixes';
import { resolutionProblem } from '../../core/models/resolve';
import { modelIdOf } from '../../presenters/engineViews';
import type { EngineView } from '../../presenters/engineViews';
import { PROVIDER_IDS } from '../../shared/providers';
import type { ProviderId } from '../../shared/providers';
import type { StoredSecrets } from '../secrets';
import type { ExtensionConfig } from './configView';

/** The one input every surface renders from: the engine's resolution and state, plus how each provider authenticates. */
export function engineView(engine: Switchboard, resolved: ResolvedConfig, config: ExtensionConfig, auth: (provider: ProviderId) => string): EngineView {
  const pin = config.provider;
  return { resolved, state: engine.health.state(), auth, ...(pin.source === 'environment' && pin.envVar ? { providerPinnedBy: pin.envVar } : {}) };
}

/** The ID a request for `model` is sent as on `provider`: the resolved view's row, else (an ID a request carries) the engine's own resolution. */
export function resolvedModelOf(engine: Switchboard, view: EngineView, provider: ProviderId, model: string): { modelId?: string; error?: string } {
  if (model in view.resolved.models) return modelIdOf(view, provider, model);
  try {
    return { modelId: engine.resolve(provider, model).modelId };
  } catch (e) {
    return { error: resolutionProblem(e) };
  }
}

export interface FixContextInput {
  config: ExtensionConfig;
  /** What SecretStorage holds (only presence is read). */
  secrets: StoredSecrets;
  env: NodeJS.ProcessEnv;
  activeProvider: ProviderId;
  /** Whether `provider` serves the model the fixes are for. */
  serves: (provider: ProviderId) => boolean;
}

/** What the error fixes depend on (src/core/errorFixes): provider, fallback, key sources, who serves the model. */
export function fixContextOf(input: FixContextInput): FixContext {
  const c = input.config;
  return fixContextFrom({
    provider: input.activeProvider,
    fallbackProvider: c.fallbackProvider.value,
    env: input.env,
    apiKeyEnv: c.anthropic.apiKeyEnv.value,
    stored: { anthropicApiKey: Boolean(input.secrets.anthropicApiKey), bedrockApiKey: Boolean(input.secrets.bedrockApiKey) },
    bedrockAuthMethod: c.bedrock.authMethod.value,
    ...(c.bedrock.profile.value ? { awsProfile: c.bedrock.profile.value } : {}),
    region: c.bedrock.region.value,
    modelAvailableOn: PROVIDER_IDS.filter(input.serves),
  });
}
