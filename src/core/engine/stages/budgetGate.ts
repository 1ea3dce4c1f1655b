// Stage: the monthly budget's hard stop, before anything is sent (no failover either).
import { SwitchboardError, isSwitchboardError } from '../../errors';
import type { ModelRequest } from '../../types';
import type { Next, RequestContext } from '../context';
import type { ClientEvent } from '../types';

export function budgetGateStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncIterable<ClientEvent> {
  // No budget: nothing to check, and no extra step per event.
  return ctx.deps.budget ? gated(request, ctx, next) : next(request, ctx);
}

async function* gated(request: ModelRequest, ctx: RequestContext, next: Next): AsyncGenerator<ClientEvent> {
  const budget = ctx.deps.budget;
  if (budget) {
    try {
      await budget.beforeRequest();
    } catch (e) {
      if (isSwitchboardError(e)) throw e;
      // The spend could not be read: a hard stop fails closed rather than letting everything through.
      const message = `This month's spend could not be read (${e instanceof Error ? e.message : String(e)}), so the hard-stop budget refused the request; nothing was sent.`;
      ctx.deps.state.notice('budget_unreadable', 'error', message);
      throw new SwitchboardError({ type: 'budget_exceeded', message, hint: 'Make the usage store readable again (check its folder and permissions), or turn the hard stop off.', retryable: false, cause: e });
    }
  }
  yield* next(request, ctx);
}
