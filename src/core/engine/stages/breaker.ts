// Stage: the circuit breaker of the leg's provider + model. An open breaker refuses without
// sending; the half-open probe slot is released on EVERY exit (`finally`), including a consumer
// that stops reading early.
import { SwitchboardError } from '../../errors';
import type { ModelRequest } from '../../types';
import type { Next, RequestContext } from '../context';
import { asError, shouldFailOver } from '../requestErrors';
import type { ClientEvent } from '../types';
import { isContentEvent } from '../../routing/retry';

export async function* breakerStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncGenerator<ClientEvent> {
  const leg = ctx.leg!;
  const modelId = leg.resolved.modelId;
  const breaker = ctx.deps.breakers.get(leg.provider, modelId);
  if (!breaker.tryAcquire()) {
    const waitS = Math.ceil(breaker.retryInMs() / 1000);
    throw new SwitchboardError({ type: 'unavailable', provider: leg.provider, message: `${leg.provider} is failing for ${modelId}; requests are paused for ${waitS} s (circuit breaker open).`, hint: 'Switchboard probes it again by itself; configure a fallback provider to keep working meanwhile.', details: { breakerOpen: true } });
  }
  let verdict: 'success' | 'failure' | undefined;
  let content = false;
  try {
    for await (const event of next(request, ctx)) {
      if (!content && event.type !== 'retry' && event.type !== 'failover' && event.type !== 'done' && isContentEvent(event)) content = true;
      yield event;
    }
    verdict = 'success';
  } catch (e) {
    const error = asError(e, leg.provider, ctx.signal);
    // The user pressing Stop says nothing about the provider, even mid-answer.
    if (error.type !== 'cancelled' && (content || shouldFailOver(error))) verdict = 'failure';
    throw e;
  } finally {
    if (verdict === 'success') breaker.recordSuccess();
    else if (verdict === 'failure') breaker.recordFailure();
    else breaker.release();
  }
}
