// Stage: the deadlines of one attempt. Before the first content event the first-token deadline
// runs (from the attempt's start); after it, the idle timeout between two events. A miss aborts
// the attempt (the provider's HTTP request is closed through the attempt signal) and throws a
// `timeout`: retryable before content (slow counts like an outage), final after it (the recorder
// keeps the partial answer). Non-streamed calls have no tokens to wait for: only the total limit.
import type { ModelRequest } from '../../types';
import { isContentEvent } from '../../routing/retry';
import { linkedController } from '../abort';
import type { Next, RequestContext } from '../context';
import { firstTokenDeadlineOf } from '../deadlines';
import type { DeadlineKind } from '../requestErrors';
import { deadlineError } from '../requestErrors';
import type { ClientEvent } from '../types';

export function deadlinesStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncIterable<ClientEvent> {
  const firstMs = ctx.mode === 'send' ? 0 : firstTokenDeadlineOf(ctx, request);
  const idleMs = ctx.mode === 'send' ? 0 : ctx.deps.deadlines.idleMs;
  if (firstMs <= 0 && idleMs <= 0) {
    ctx.attemptSignal = ctx.signal;
    return next(request, ctx);
  }
  return guarded(request, ctx, next, firstMs, idleMs);
}

/**
 * A hand-written iterator rather than a generator: this runs for every event of every answer, so
 * it costs one promise per event. A missed deadline aborts the attempt AND rejects the pending
 * read at once, so a provider blocked on a silent socket cannot hold the caller.
 */
function guarded(request: ModelRequest, ctx: RequestContext, next: Next, firstMs: number, idleMs: number): AsyncIterable<ClientEvent> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<ClientEvent> {
      const { controller, unlink } = linkedController(ctx.signal);
      ctx.attemptSignal = controller.signal;
      const provider = ctx.leg?.provider;
      let content = false;
      let lastEventAt = 0;
      let waiting: ((e: Error) => void) | undefined;
      let missed: Error | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let closed = false;
      const expire = (kind: DeadlineKind, ms: number): void => {
        timer = undefined;
        missed = deadlineError(kind, ms, provider, content);
        controller.abort();
        waiting?.(missed);
      };
      // One timer per attempt. After content it is not re-armed per event: each read notes the
      // time, and the timer re-arms for what is left of the idle window. Only the provider's
      // silence counts (the timer only judges while a read is pending), not the consumer's time.
      const onTimer = (): void => {
        if (!content) return expire('first_token', firstMs);
        const silent = waiting ? performance.now() - lastEventAt : 0;
        if (silent >= idleMs) return expire('idle', idleMs);
        timer = setTimeout(onTimer, idleMs - silent);
      };
      const close = (): void => {
        if (closed) return;
        closed = true;
        if (timer) clearTimeout(timer);
        timer = undefined;
        unlink();
      };
      if (firstMs > 0) timer = setTimeout(onTimer, firstMs);
      const it = next(request, ctx)[Symbol.asyncIterator]();
      return {
        next: () => {
          if (missed) return Promise.reject(missed);
          lastEventAt = performance.now();
          return new Promise<IteratorResult<ClientEvent>>((resolve, reject) => {
            waiting = reject;
            it.next().then(
              (r) => {
                waiting = undefined;
                if (missed) return;
                if (r.done) close();
                else if (!content && isContentEvent(r.value as never)) {
                  content = true;
                  if (timer) clearTimeout(timer);
                  timer = idleMs > 0 ? setTimeout(onTimer, idleMs) : undefined;
                }
                resolve(r);
              },
              (e: unknown) => {
                waiting = undefined;
                close();
                if (!missed) reject(e);
              },
            );
          });
        },
        return: async (value?: unknown) => {
          const stuck = missed !== undefined;
          close();
          controller.abort();
          // A provider blocked on a silent socket is not waited for; otherwise close its stream.
          if (stuck) it.return?.().catch(() => undefined);
          else await it.return?.().catch(() => undefined);
          return { done: true, value: value as ClientEvent };
        },
      };
    },
  };
}
