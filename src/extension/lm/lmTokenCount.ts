// Exact token counts through the engine's own providers (Anthropic count_tokens, Bedrock
// CountTokens with the inference profile mapped to its base model — both in the provider classes),
// for the provider that would answer now. A thin function until the engine has a countTokens
// entry point (NEEDS-from-engine-core.md).
import type { Switchboard } from '../../core/engine/types';
import { estimateInputTokens } from '../../core/providers/anthropic/anthropicMessages';
import type { ModelProvider, ModelRequest, ProviderId, TokenCount } from '../../core/types';

/**
 * What the engine built by createSwitchboard has beyond the Switchboard interface (its provider
 * instances and its model resolution). Read through this shape, not by importing the engine
 * class, until engine-core exposes `countTokens` (NEEDS-from-engine-core.md).
 */
interface EngineInternals {
  provider(id: ProviderId): Promise<ModelProvider>;
  resolve(id: ProviderId, model: string): { modelId: string };
}

function internals(engine: Switchboard): Partial<EngineInternals> {
  return engine as unknown as Partial<EngineInternals>;
}

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
  const resolve = internals(engine).resolve;
  if (typeof resolve !== 'function') return { provider, modelId: model };
  try {
    return { provider, modelId: resolve.call(engine, provider, model).modelId };
  } catch {
    return { provider, modelId: model };
  }
}

export async function countTokensThrough(engine: Switchboard, scope: CountScope, request: ModelRequest, signal?: AbortSignal): Promise<TokenCount> {
  const get = internals(engine).provider;
  if (typeof get !== 'function') return { inputTokens: estimateTokens(request), exact: false };
  const provider = await get.call(engine, scope.provider);
  return provider.countTokens(request, signal ? { signal } : {});
}

export function estimateTokens(request: ModelRequest): number {
  return estimateInputTokens(request);
}
