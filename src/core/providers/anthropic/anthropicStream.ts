import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import { SwitchboardError } from '../../errors';
import type { StreamEvent, Usage } from '../../types';
import { mapStopReason, toUsage } from './anthropicMessages';

/**
 * The SDK's raw SSE events → our `StreamEvent`s. Tool input arrives as JSON fragments; we pass
 * them through as deltas and parse the whole input once the block stops.
 */
interface OpenBlock {
  type: string;
  id?: string;
  name?: string;
  json: string;
}

export async function* mapAnthropicStream(events: AsyncIterable<RawMessageStreamEvent>, modelId: string): AsyncGenerator<StreamEvent> {
  const blocks = new Map<number, OpenBlock>();
  let usage: Usage = toUsage(undefined);
  let stopReason: string | null = null;
  let stopSequence: string | null = null;
  let stopped = false;
  for await (const event of events) {
    switch (event.type) {
      case 'message_start':
        usage = toUsage(event.message.usage);
        yield { type: 'message_start', provider: 'anthropic', modelId: event.message.model || modelId };
        break;
      case 'content_block_start': {
        const block = event.content_block;
        blocks.set(event.index, { type: block.type, json: '', ...(block.type === 'tool_use' ? { id: block.id, name: block.name } : {}) });
        if (block.type === 'tool_use') yield { type: 'tool_use_start', index: event.index, id: block.id, name: block.name };
        else if (block.type === 'text' && block.text) yield { type: 'text_delta', index: event.index, text: block.text };
        else if (block.type === 'thinking' && block.thinking) yield { type: 'thinking_delta', index: event.index, text: block.thinking };
        else if (block.type === 'redacted_thinking') yield { type: 'redacted_thinking', index: event.index, data: block.data };
        break;
      }
      case 'content_block_delta': {
        const d = event.delta;
        if (d.type === 'text_delta') yield { type: 'text_delta', index: event.index, text: d.text };
        else if (d.type === 'thinking_delta') yield { type: 'thinking_delta', index: event.index, text: d.thinking };
        else if (d.type === 'signature_delta') yield { type: 'thinking_signature', index: event.index, signature: d.signature };
        else if (d.type === 'input_json_delta') {
          const open = blocks.get(event.index);
          if (open) open.json += d.partial_json;
          yield { type: 'tool_use_delta', index: event.index, partialJson: d.partial_json };
        }
        break;
      }
      case 'content_block_stop': {
        const open = blocks.get(event.index);
        blocks.delete(event.index);
        if (open?.type === 'tool_use') {
          yield { type: 'tool_use_stop', index: event.index, id: open.id ?? '', name: open.name ?? '', input: parseToolInput(open.json, open.name ?? '') };
        }
        break;
      }
      case 'message_delta': {
        // message_delta usage is cumulative; input fields are null when unchanged.
        const u = event.usage;
        usage = {
          inputTokens: u.input_tokens ?? usage.inputTokens,
          outputTokens: u.output_tokens ?? usage.outputTokens,
          cacheReadInputTokens: u.cache_read_input_tokens ?? usage.cacheReadInputTokens,
          cacheWriteInputTokens: u.cache_creation_input_tokens ?? usage.cacheWriteInputTokens,
        };
        stopReason = event.delta.stop_reason;
        stopSequence = event.delta.stop_sequence;
        break;
      }
      case 'message_stop':
        stopped = true;
        yield { type: 'usage', usage };
        yield { type: 'stop', stopReason: mapStopReason(stopReason), ...(stopSequence ? { stopSequence } : {}) };
        break;
      default:
        break;
    }
  }
  if (!stopped) {
    throw new SwitchboardError({
      type: 'network',
      provider: 'anthropic',
      code: 'stream_interrupted',
      message: 'The Anthropic stream ended before the answer was complete.',
      hint: 'Retry the request; a proxy between you and Anthropic may be cutting long responses.',
      details: { midStream: true },
    });
  }
}

function parseToolInput(json: string, name: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json) as unknown;
  } catch (e) {
    throw new SwitchboardError({
      type: 'network',
      provider: 'anthropic',
      code: 'stream_interrupted',
      message: `The input of tool ${name} arrived incomplete or malformed.`,
      hint: 'Retry the request.',
      details: { midStream: true },
      cause: e,
    });
  }
}
