// Exact token counts through the engine's own providers (Anthropic count_tokens, Bedrock
// CountTokens with the inference profile mapped to its base model — both in the provider classes),
// for the provider that would answer now. A thin function until the engine has a countTokens
// entry point (NEEDS-from-engine-core.md).
import { Engine } from '../../core/engine/engine';
import type { Switchboard } from '../../core/engine/types';
import { estimateInputTokens } from '../../core/providers/anthropic/anthropicMessages';
import type { ModelRequest, ProviderId, TokenCount } from '../../core/types';

/** The provider that answers a request now: the fallback while failed over, else the primary. */
export function answeringProvider(engine: Switchboard): ProviderId {
  const failover = engine.health.state().failover;
  return failover && failover.from === engine.primary ? failover.to : engine.primary;
}

export interface CountScope {
  provider: ProviderId;
  /** The ID the request would be sent as (whose tokenizer counts). */
  modelId: string;
}

/** Synchronous and cheap (VS Code counts often): the engine's own model resolution, no I/O. */
export function countScope(engine: Switchboard, model: string): CountScope {
  const provider = answeringProvider(engine);
  if (!(engine instanceof Engine)) return { provider, modelId: model };
  try {
    return { provider, modelId: engine.resolve(provider, model).modelId };
  } catch {
    return { provider, modelId: model };
  }
}

export async function countTokensThrough(engine: Switchboard, scope: CountScope, request: ModelRequest, signal?: AbortSignal): Promise<TokenCount> {
  if (!(engine instanceof Engine)) return { inputTokens: estimateTokens(request), exact: false };
  const provider = await engine.provider(scope.provider);
  return provider.countTokens(request, signal ? { signal } : {});
}

export function estimateTokens(request: ModelRequest): number {
  return estimateInputTokens(request);
}
