// THE order of the request pipeline, written in one place. Read top to bottom: what a request
// meets on its way out (and, in reverse, what its events meet on their way back).
import type { ModelRequest } from '../types';
import type { Next, RequestContext, Stage } from './context';
import { callProvider } from './providerCall';
import { breakerStage } from './stages/breaker';
import { budgetGateStage } from './stages/budgetGate';
import { deadlinesStage } from './stages/deadlines';
import { failoverStage } from './stages/failover';
import { promptCacheStage } from './stages/promptCache';
import { responseCacheStage } from './stages/responseCache';
import { retryStage } from './stages/retry';
import { usageRecorderStage } from './stages/usageRecorder';
import type { ClientEvent } from './types';

export const PIPELINE: readonly Stage[] = [
  responseCacheStage, // a hit answers here: nothing sent, nothing billed
  budgetGateStage, //    over a hard-stop budget (or spend unreadable): refused before anything is sent
  promptCacheStage, //   automatic cache breakpoints
  failoverStage, //      primary, then the fallback: opens one leg per provider
  usageRecorderStage, // per leg: the ledger record and the request's result (finally: always)
  breakerStage, //       per leg: an open breaker refuses; the probe slot is released in `finally`
  retryStage, //         per leg: retries before the first token (retry-after vs the first-token deadline)
  deadlinesStage, //     per attempt: first-token deadline, idle timeout between events
];

/** Compose stages around the terminal provider call. */
export function compose(stages: readonly Stage[], terminal: Next): Next {
  return stages.reduceRight<Next>((next, stage) => (request, ctx) => stage(request, ctx, next), terminal);
}

const run = compose(PIPELINE, callProvider);

export function runPipeline(request: ModelRequest, ctx: RequestContext): AsyncIterable<ClientEvent> {
  return run(request, ctx);
}
