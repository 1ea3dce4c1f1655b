// Stage: the deadlines of one attempt. Before the first content event the first-token deadline
// runs (from the attempt's start); after it, the idle timeout between two events. A miss aborts
// the attempt (the provider's HTTP request is closed through the attempt signal) and throws a
// `timeout`: retryable before content (slow counts like an outage), final after it (the recorder
// keeps the partial answer). Non-streamed calls have no tokens to wait for: only the total limit.
import type { ModelRequest } from '../../types';
import { isContentEvent } from '../../routing/retry';
import type { Next, RequestContext } from '../context';
import { firstTokenDeadline } from '../deadlines';
import type { DeadlineKind } from '../requestErrors';
import { deadlineError } from '../requestErrors';
import type { ClientEvent } from '../types';

export async function* deadlinesStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncGenerator<ClientEvent> {
  const firstMs = ctx.mode === 'send' ? 0 : firstTokenDeadline(ctx.deps.deadlines, request);
  const idleMs = ctx.mode === 'send' ? 0 : ctx.deps.deadlines.idleMs;
  if (firstMs <= 0 && idleMs <= 0) {
    ctx.attemptSignal = ctx.signal;
    yield* next(request, ctx);
    return;
  }
  const controller = new AbortController();
  ctx.attemptSignal = AbortSignal.any([ctx.signal, controller.signal]);
  const provider = ctx.leg?.provider;
  let content = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fire: ((e: Error) => void) | undefined;
  const missed = new Promise<never>((_, reject) => (fire = reject));
  missed.catch(() => undefined); // observed by the races below; never unhandled
  const arm = (ms: number, kind: DeadlineKind): void => {
    if (timer) clearTimeout(timer);
    timer = ms > 0 ? setTimeout(() => {
      controller.abort();
      fire!(deadlineError(kind, ms, provider, content));
    }, ms) : undefined;
  };
  const it = next(request, ctx)[Symbol.asyncIterator]();
  let finished = false;
  let stuck = false;
  arm(firstMs, 'first_token');
  try {
    for (;;) {
      // After content the clock measures the provider's silence only, not the consumer's reading time.
      if (content) arm(idleMs, 'idle');
      let step: IteratorResult<ClientEvent>;
      try {
        step = await Promise.race([it.next(), missed]);
      } catch (e) {
        stuck = controller.signal.aborted;
        throw e;
      }
      if (step.done) {
        finished = true;
        return;
      }
      const event = step.value;
      if (!content && event.type !== 'retry' && event.type !== 'failover' && event.type !== 'done' && isContentEvent(event)) content = true;
      if (content && timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      yield event;
    }
  } finally {
    if (timer) clearTimeout(timer);
    if (stuck) {
      // The provider may be blocked on a silent socket: do not wait for its generator to unwind.
      it.return?.().catch(() => undefined);
    } else if (!finished) {
      // The consumer stopped reading (or the provider threw): close the provider's stream.
      controller.abort();
      await it.return?.().catch(() => undefined);
    }
  }
}
