// Stage: the circuit breaker of the leg's provider + model. An open breaker refuses without
// sending; the half-open probe slot is released on EVERY exit, including a consumer that stops
// reading early (the tap's `return`).
import { SwitchboardError } from '../../errors';
import { isContentEvent } from '../../routing/retry';
import type { ModelRequest } from '../../types';
import type { Next, RequestContext } from '../context';
import { asError, isOutage } from '../requestErrors';
import { tap } from '../tap';
import type { ClientEvent } from '../types';

export function breakerStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncIterable<ClientEvent> {
  const leg = ctx.leg!;
  const modelId = leg.resolved.modelId;
  const breaker = ctx.deps.breakers.get(leg.provider, modelId);
  if (!breaker.tryAcquire()) {
    const waitS = Math.ceil(breaker.retryInMs() / 1000);
    const error = new SwitchboardError({ type: 'unavailable', provider: leg.provider, message: `${leg.provider} is failing for ${modelId}; requests are paused for ${waitS} s (circuit breaker open).`, hint: 'Switchboard probes it again by itself; configure a fallback provider to keep working meanwhile.', details: { breakerOpen: true } });
    return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) };
  }
  let content = false;
  return tap(next(request, ctx), {
    event: (e) => {
      if (!content && e.type !== 'retry' && e.type !== 'failover' && e.type !== 'done' && isContentEvent(e)) content = true;
    },
    end: (how, e) => {
      if (how === 'done') return breaker.recordSuccess();
      if (how === 'error') {
        const error = asError(e, leg.provider, ctx.signal);
        // The user pressing Stop says nothing about the provider, even mid-answer. An account state
        // (credit balance, Marketplace subscription, …) is not an outage: without a fallback the user
        // must keep seeing that error and its fix, not "circuit breaker open".
        if (error.type !== 'cancelled' && (content || isOutage(error))) return breaker.recordFailure();
      }
      breaker.release();
    },
  });
}
