// Stage: automatic prompt-cache breakpoints (cache/promptCache decides where).
import { applyPromptCache } from '../../cache/promptCache';
import type { ModelRequest } from '../../types';
import type { Next, RequestContext } from '../context';
import type { ClientEvent } from '../types';

export async function* promptCacheStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncGenerator<ClientEvent> {
  const applied = applyPromptCache(request, ctx.deps.promptCache);
  if (applied.usesOneHourTtl) ctx.cacheWriteTtl = '1h';
  yield* next(applied.request, ctx);
}
