// Stage: automatic prompt-cache breakpoints (cache/promptCache decides where).
import { applyPromptCache } from '../../cache/promptCache';
import type { ModelRequest } from '../../types';
import type { Next, RequestContext } from '../context';
import type { ClientEvent } from '../types';

/** A transform only: it hands `next`'s events back untouched (no extra step per event). */
export function promptCacheStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncIterable<ClientEvent> {
  const applied = applyPromptCache(request, ctx.deps.promptCache);
  if (applied.usesOneHourTtl) ctx.cacheWriteTtl = '1h';
  return next(applied.request, ctx);
}
