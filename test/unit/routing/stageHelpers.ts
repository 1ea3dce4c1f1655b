// A RequestContext for running ONE stage alone: real state owner, breakers and resolution; the
// `next` a stage calls is a scripted generator (that is the point of testing a stage alone).
import type { EngineDeps, Leg, Next, RequestContext } from '../../../src/core/engine/context';
import { DEFAULT_DEADLINES } from '../../../src/core/engine/deadlines';
import { EngineStateOwner } from '../../../src/core/engine/state';
import type { ClientEvent, FailoverInfo } from '../../../src/core/engine/types';
import { silentLogger } from '../../../src/core/logger';
import { resolveModel } from '../../../src/core/models/resolve';
import { BreakerRegistry } from '../../../src/core/routing/circuitBreaker';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/routing/retry';
import type { ModelProvider, ModelRequest, ProviderId, StreamEvent } from '../../../src/core/types';
import type { UsageRecord } from '../../../src/core/usage/ledger';

export const REQUEST: ModelRequest = { model: 'sonnet', maxTokens: 64, messages: [{ role: 'user', content: 'hi' }] };

export const ANSWER: StreamEvent[] = [
  { type: 'message_start', provider: 'anthropic', modelId: 'claude-sonnet-4-6' },
  { type: 'text_delta', index: 0, text: 'Hello' },
  { type: 'text_delta', index: 0, text: ' there' },
  { type: 'usage', usage: { inputTokens: 10, outputTokens: 2, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 } },
  { type: 'stop', stopReason: 'end_turn' },
];

export function ctxFor(over: Partial<EngineDeps> = {}, fields: Partial<RequestContext> = {}): RequestContext & { records: UsageRecord[] } {
  const records: UsageRecord[] = [];
  const state = new EngineStateOwner('anthropic', ['anthropic', 'bedrock'], async (id) => ({ ok: true, provider: id, latencyMs: 0, checkedAt: 0 }), {}, silentLogger);
  const deps: EngineDeps = {
    logger: silentLogger,
    state,
    breakers: new BreakerRegistry(),
    retryPolicy: DEFAULT_RETRY_POLICY,
    deadlines: DEFAULT_DEADLINES,
    cacheOnlyDeterministic: true,
    continueAfterPartial: false,
    ledger: { append: async (r) => void records.push(r) },
    mapping: {},
    provider: async () => ({}) as ModelProvider,
    resolve: (id, model) => resolveModel({ provider: id, model, region: id === 'bedrock' ? 'eu-west-1' : undefined }),
    regionOf: (id) => (id === 'bedrock' ? 'eu-west-1' : undefined),
    fallbackFor: (p) => (p === 'anthropic' ? 'bedrock' : undefined),
    now: Date.now,
    ...over,
  };
  const controller = new AbortController();
  return Object.assign({
    id: 'req-1', started: Date.now(), signal: controller.signal, totalDeadlineHit: () => false, options: {}, mode: 'stream' as const,
    deps, primary: 'anthropic' as ProviderId, attempts: 0, providersTried: [], records,
  }, fields);
}

export function legFor(ctx: RequestContext, provider: ProviderId = 'anthropic', extra: { hasFallback?: boolean; failover?: FailoverInfo | null } = {}): Leg {
  const leg: Leg = { provider, instance: {} as ModelProvider, resolved: ctx.deps.resolve(provider, 'sonnet'), hasFallback: extra.hasFallback ?? false, failover: extra.failover ?? null };
  ctx.leg = leg;
  return leg;
}

/** A scripted `next`: each call plays the next script (events, then an optional error). */
export function scripted(...scripts: Array<{ events?: ClientEvent[]; error?: Error; hang?: boolean }>): Next & { calls: number } {
  const fn = (async function* (_req: ModelRequest, _ctx: RequestContext): AsyncGenerator<ClientEvent> {
    const s = scripts[Math.min(fn.calls, scripts.length - 1)]!;
    fn.calls += 1;
    for (const e of s.events ?? []) yield e;
    if (s.hang) await new Promise(() => undefined);
    if (s.error) throw s.error;
  }) as unknown as Next & { calls: number };
  fn.calls = 0;
  return fn;
}

export async function drain(it: AsyncIterable<ClientEvent>): Promise<ClientEvent[]> {
  const out: ClientEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}
