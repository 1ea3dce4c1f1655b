// Stage: retries on the leg's provider while nothing has reached the caller (events before the
// first content are held back, so a failed attempt leaves no trace). With a fallback waiting,
// a slow provider is not waited for: a missed first-token deadline, or a retry-after longer than
// that deadline, ends the leg at once so the failover stage can move on. Without a fallback the
// wait is announced (a `retry` event with a note, and an engine notice).
import { setTimeout as sleep } from 'node:timers/promises';
import { SwitchboardError } from '../../errors';
import { isContentEvent, nextDelay } from '../../routing/retry';
import type { ModelRequest, StreamEvent } from '../../types';
import type { Next, RequestContext } from '../context';
import { firstTokenDeadlineOf } from '../deadlines';
import { asError } from '../requestErrors';
import type { ClientEvent } from '../types';

export async function* retryStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncGenerator<ClientEvent> {
  const leg = ctx.leg!;
  const { retryPolicy, logger } = ctx.deps;
  const started = ctx.deps.now();
  const firstTokenMs = firstTokenDeadlineOf(ctx, request);
  for (let attempt = 1; ; attempt++) {
    ctx.attempts += 1;
    const held: ClientEvent[] = [];
    let emitted = false;
    try {
      for await (const event of next(request, ctx)) {
        if (!emitted && !isContent(event)) {
          held.push(event);
          continue;
        }
        if (!emitted) {
          emitted = true;
          yield* held;
        }
        yield event;
      }
      if (!emitted) yield* held;
      return;
    } catch (e) {
      const error = asError(e, leg.provider, ctx.signal);
      if (emitted || ctx.signal.aborted) throw error;
      const slowWithFallback = leg.hasFallback && (error.details?.deadline === 'first_token' || (error.retryAfterMs !== undefined && firstTokenMs > 0 && error.retryAfterMs > firstTokenMs));
      if (slowWithFallback) {
        logger.warn(`${leg.provider}: ${error.retryAfterMs !== undefined ? `asks to wait ${Math.ceil(error.retryAfterMs / 1000)} s (longer than the ${firstTokenMs / 1000} s first-token deadline)` : 'missed the first-token deadline'}; failing over now instead of waiting`);
        throw error;
      }
      const delay = nextDelay(retryPolicy, attempt, error, ctx.deps.now() - started, Math.random);
      if (delay === undefined) throw error;
      let note: string | undefined;
      if (error.retryAfterMs !== undefined && !leg.hasFallback && delay >= 1000) {
        note = `${leg.provider} asked to wait ${Math.ceil(delay / 1000)} s (retry-after); no fallback provider is configured, so Switchboard waits.`;
        ctx.deps.state.notice('waiting_retry_after', 'warning', note, false);
      }
      logger.warn(`retry ${attempt} on ${leg.provider} in ${delay} ms after ${error.type}: ${error.message}`);
      yield { type: 'retry', provider: leg.provider, attempt, delayMs: delay, error, ...(note ? { note } : {}) };
      try {
        await sleep(delay, undefined, { signal: ctx.signal });
      } catch {
        throw new SwitchboardError({ type: 'cancelled', provider: leg.provider, message: 'The request was cancelled.' });
      }
    }
  }
}

function isContent(event: ClientEvent): boolean {
  if (event.type === 'retry' || event.type === 'failover' || event.type === 'done') return true;
  return isContentEvent(event as StreamEvent);
}
