// The end of the pipeline: one attempt on the leg's provider, with the request already resolved
// (the model is the ID to send). Providers never call back into the engine.
import { SwitchboardError } from '../errors';
import type { ModelRequest, ModelResponse, StreamEvent } from '../types';
import type { RequestContext } from './context';
import type { ClientEvent } from './types';

export function callProvider(request: ModelRequest, ctx: RequestContext): AsyncIterable<ClientEvent> {
  const leg = ctx.leg;
  if (!leg) throw new SwitchboardError({ type: 'unknown', message: 'internal: provider called without a leg (failover stage missing from the pipeline)' });
  const resolved: ModelRequest = { ...request, model: leg.resolved.modelId };
  const signal = ctx.attemptSignal ?? ctx.signal;
  if (ctx.mode === 'send') return responseAsEvents(() => leg.instance.send(resolved, { signal }), leg.provider);
  return leg.instance.stream(resolved, { signal });
}

/** A whole (non-streamed) answer as the same events a stream yields, so every stage works on both. */
export async function* responseAsEvents(send: () => Promise<ModelResponse>, provider: ModelResponse['provider']): AsyncGenerator<StreamEvent> {
  const r = await send();
  yield { type: 'message_start', provider, modelId: r.modelId };
  let index = 0;
  for (const block of r.content) {
    if (block.type === 'text') yield { type: 'text_delta', index, text: block.text };
    else if (block.type === 'thinking') {
      yield { type: 'thinking_delta', index, text: block.thinking };
      if (block.signature) yield { type: 'thinking_signature', index, signature: block.signature };
    } else if (block.type === 'redacted_thinking') yield { type: 'redacted_thinking', index, data: block.data };
    else if (block.type === 'tool_use') {
      yield { type: 'tool_use_start', index, id: block.id, name: block.name };
      yield { type: 'tool_use_stop', index, id: block.id, name: block.name, input: block.input };
    }
    index += 1;
  }
  yield { type: 'usage', usage: r.usage };
  yield { type: 'stop', stopReason: r.stopReason };
}
