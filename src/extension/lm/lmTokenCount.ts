// What a token count is cached under: the provider that would answer now and the ID it would send
// (whose tokenizer counts). The count itself is the engine's (`Switchboard.countTokens`).
import type { Switchboard } from '../../core/engine/types';
import { estimateInputTokens } from '../../core/providers/anthropic/anthropicMessages';
import type { ModelRequest, ProviderId } from '../../core/types';
import { answeringProvider } from '../../shared/providers';

export interface CountScope {
  provider: ProviderId;
  /** The ID the request would be sent as (whose tokenizer counts). */
  modelId: string;
}

/** Synchronous and cheap (VS Code counts often): the engine's own model resolution, no I/O. */
export function countScope(engine: Switchboard, model: string): CountScope {
  const provider = answeringProvider(engine.primary, engine.health.state().failover);
  try {
    return { provider, modelId: engine.resolve(provider, model).modelId };
  } catch {
    return { provider, modelId: model };
  }
}

export function estimateTokens(request: ModelRequest): number {
  return estimateInputTokens(request);
}
