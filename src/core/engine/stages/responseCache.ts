// Stage: the response cache. The key is the RESOLVED request (cache/cacheKey): a hit answers
// here (nothing sent, cost 0, recorded as cached); a complete answer is stored under the key of
// the model that actually answered.
import { AnswerRecorder, isCacheableStop, isDeterministic, replayEvents } from '../../cache/cachedAnswer';
import { cacheKeyOf, resolvedModelIdentity } from '../../cache/cacheKey';
import type { CachedAnswer, ResponseCache } from '../../cache/responseCache';
import { emptyUsage } from '../../types';
import type { ModelRequest, ProviderId } from '../../types';
import type { Next, RequestContext } from '../context';
import type { ClientEvent, RequestResult } from '../types';
import { writeRecord } from './usageRecorder';
import type { EngineUsageRecord } from './usageRecorder';

export function responseCacheStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncIterable<ClientEvent> {
  const cache = ctx.deps.responseCache;
  // Not cacheable: hand the events through untouched (no extra step per event).
  if (!cache || ctx.options.cache === false || (ctx.deps.cacheOnlyDeterministic && !isDeterministic(request))) return next(request, ctx);
  return cached(cache, request, ctx, next);
}

async function* cached(cache: ResponseCache, request: ModelRequest, ctx: RequestContext, next: Next): AsyncGenerator<ClientEvent> {
  const keyFor = (provider: ProviderId): string => cacheKeyOf(request, resolvedModelIdentity(ctx.deps.resolve(provider, request.model)));
  let key: string;
  try {
    key = keyFor(ctx.primary);
  } catch {
    // The model does not resolve: the provider leg reports that properly.
    yield* next(request, ctx);
    return;
  }
  const hit = await lookup(cache, key, ctx);
  if (hit) {
    yield* replay(hit, ctx);
    return;
  }
  let recorder = new AnswerRecorder();
  for await (const event of next(request, ctx)) {
    if (event.type === 'failover') recorder = new AnswerRecorder();
    else if (event.type === 'done') await store(cache, event.result, recorder, event.result.provider === ctx.primary ? key : safeKey(keyFor, event.result.provider), ctx);
    else if (event.type !== 'retry') recorder.observe(event);
    yield event;
  }
}

function safeKey(keyFor: (p: ProviderId) => string, provider: ProviderId): string | undefined {
  try {
    return keyFor(provider);
  } catch {
    return undefined;
  }
}

async function lookup(cache: ResponseCache, key: string, ctx: RequestContext): Promise<CachedAnswer | undefined> {
  try {
    return await cache.get(key);
  } catch (e) {
    ctx.deps.logger.warn(`response cache: lookup failed (${(e as Error).message}); asking the provider`);
    return undefined;
  }
}

async function store(cache: ResponseCache, result: RequestResult, recorder: AnswerRecorder, key: string | undefined, ctx: RequestContext): Promise<void> {
  // Only complete answers of one provider: never a continued answer (two providers' halves).
  if (!key || result.failover?.continued || !isCacheableStop(result.stopReason) || ctx.signal.aborted) return;
  try {
    await cache.set(key, recorder.answer({ provider: result.provider, model: result.model, modelId: result.modelId, stopReason: result.stopReason, usage: result.usage, costUsd: result.costUsd }));
  } catch (e) {
    ctx.deps.logger.warn(`response cache: could not store (${(e as Error).message})`);
  }
}

/** A hit: the stored answer as stream events, no provider request, cost 0, recorded as cached. */
async function* replay(answer: CachedAnswer, ctx: RequestContext): AsyncGenerator<ClientEvent> {
  for (const event of replayEvents(answer)) {
    if (ctx.firstTokenAt === undefined && event.type !== 'message_start') ctx.firstTokenAt = ctx.deps.now();
    yield event;
  }
  const usage = emptyUsage();
  ctx.deps.logger.info(`response cache hit: ${answer.model} (answered by ${answer.provider} earlier; saved ${answer.costUsd === null ? 'an unknown amount' : `$${answer.costUsd.toFixed(6)}`})`);
  const latencyMs = ctx.deps.now() - ctx.started;
  const timeToFirstTokenMs = ctx.firstTokenAt === undefined ? undefined : ctx.firstTokenAt - ctx.started;
  const entry: EngineUsageRecord = {
    time: new Date(ctx.started).toISOString(), provider: answer.provider, model: answer.model, modelId: answer.modelId, ...usage,
    latencyMs, ...(timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs } : {}), costUsd: 0, cacheWriteCostUsd: null,
    outcome: 'ok', failover: null, cached: true, ...((ctx.options.surface ?? ctx.deps.surface) ? { surface: ctx.options.surface ?? ctx.deps.surface } : {}),
    requestId: ctx.id, attempts: 0, providersTried: [],
  };
  await writeRecord(ctx, entry);
  const result: RequestResult = {
    provider: answer.provider,
    model: answer.model,
    modelId: answer.modelId,
    text: answer.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join(''),
    toolCalls: answer.blocks.flatMap((b) => (b.kind === 'tool_use' ? [{ id: b.id, name: b.name, input: b.input }] : [])),
    stopReason: answer.stopReason,
    usage,
    costUsd: 0,
    latencyMs,
    ...(timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs } : {}),
    attempts: 0,
    providersTried: [],
    cached: true,
    failover: null,
    outcome: 'ok',
  };
  yield { type: 'done', result };
}
