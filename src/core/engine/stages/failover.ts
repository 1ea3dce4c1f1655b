// Stage: the primary, then — on a failure the other provider can answer, before content (an outage,
// or a state of that provider's account such as a credit balance or a Marketplace subscription) — the
// fallback. Opens one leg per provider (provider instance + THE model resolution for it).
import { continuationRequest, translateForFallback } from '../../routing/failoverRequest';
import type { ModelRequest, ProviderId } from '../../types';
import type { Leg, Next, RequestContext } from '../context';
import { PartialAnswerError, asError, failoverReason, shouldFailOver } from '../requestErrors';
import type { ClientEvent, FailoverInfo } from '../types';

export async function* failoverStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncGenerator<ClientEvent> {
  const { deps } = ctx;
  const primary = ctx.primary;
  const fallback = ctx.options.allowFailover === false ? undefined : deps.fallbackFor(primary);
  let failover: FailoverInfo;
  let partialText: string | undefined;
  try {
    ctx.leg = await openLeg(ctx, primary, request.model, { hasFallback: fallback !== undefined, failover: null });
    yield* next(request, ctx);
    return;
  } catch (e) {
    if (e instanceof PartialAnswerError) {
      // Content was shown: never re-sent silently. Only with continueAfterPartial does the fallback pick it up.
      if (!fallback || !deps.continueAfterPartial || !shouldFailOver(e.original) || ctx.signal.aborted) throw e;
      partialText = e.partial.text;
      failover = { from: primary, to: fallback, reason: `${e.original.type}: ${e.original.message} (continuing the partial answer)`, continued: true };
    } else {
      const error = asError(e, primary, ctx.signal);
      if (!fallback || !shouldFailOver(error) || ctx.signal.aborted) throw e;
      failover = { from: primary, to: fallback, reason: failoverReason(error) };
    }
  }
  deps.logger.warn(`failover: ${primary} → ${fallback} (${failover.reason})`);
  deps.state.setFailover(failover);
  yield { type: 'failover', failover };
  const translated = translateForFallback(partialText === undefined ? request : continuationRequest(request, partialText), primary, fallback);
  for (const note of translated.notes) deps.logger.info(`failover request for ${fallback}: ${note}`);
  ctx.leg = await openLeg(ctx, fallback, translated.request.model, { hasFallback: false, failover, ...(partialText !== undefined ? { prefixText: partialText } : {}) });
  yield* next(translated.request, ctx);
}

async function openLeg(ctx: RequestContext, provider: ProviderId, model: string, rest: Pick<Leg, 'hasFallback' | 'failover' | 'prefixText'>): Promise<Leg> {
  const instance = await ctx.deps.provider(provider);
  const resolved = ctx.deps.resolve(provider, model);
  ctx.providersTried.push(provider);
  const region = ctx.deps.regionOf(provider);
  return { provider, instance, resolved, ...(region ? { region } : {}), ...rest };
}
