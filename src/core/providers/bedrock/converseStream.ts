// ConverseStream events (as the SDK decodes them) → our StreamEvents. The service's "p" padding
// field is never read: we pick the members we know and ignore the rest.
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { StopReason, StreamEvent } from '../../types';
import { fromConverseStopReason, fromConverseUsage } from './converseMessages';

/** The SDK's modelled stream exceptions, should one arrive as a member instead of a throw. */
const EXCEPTION_MEMBERS = ['internalServerException', 'modelStreamErrorException', 'validationException', 'throttlingException', 'serviceUnavailableException'] as const;

export class StreamExceptionEvent extends Error {
  constructor(
    readonly exceptionName: string,
    message: string,
  ) {
    super(message);
    this.name = exceptionName;
  }
}

function parseToolInput(json: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json);
  } catch {
    // A truncated tool call (max_tokens) is still reported, with its raw text.
    return { _raw: json };
  }
}

/**
 * Translate one stream. `stop` is held back until the metadata (usage) arrived so that `stop`
 * is always the last event, as on the Anthropic side.
 */
export async function* fromConverseStream(events: AsyncIterable<ConverseStreamOutput>, modelId: string, onEvent?: () => void): AsyncGenerator<StreamEvent> {
  const tools = new Map<number, { id: string; name: string; json: string }>();
  let pendingStop: { stopReason: StopReason } | undefined;
  let started = false;
  for await (const event of events) {
    onEvent?.();
    if (event.messageStart) {
      started = true;
      yield { type: 'message_start', provider: 'bedrock', modelId };
      continue;
    }
    if (!started) {
      started = true;
      yield { type: 'message_start', provider: 'bedrock', modelId };
    }
    if (event.contentBlockStart) {
      const index = event.contentBlockStart.contentBlockIndex ?? 0;
      const tu = event.contentBlockStart.start?.toolUse;
      if (tu) {
        tools.set(index, { id: tu.toolUseId ?? '', name: tu.name ?? '', json: '' });
        yield { type: 'tool_use_start', index, id: tu.toolUseId ?? '', name: tu.name ?? '' };
      }
    } else if (event.contentBlockDelta) {
      const index = event.contentBlockDelta.contentBlockIndex ?? 0;
      const d = event.contentBlockDelta.delta;
      if (!d) continue;
      if (d.text !== undefined) {
        if (d.text) yield { type: 'text_delta', index, text: d.text };
      } else if (d.toolUse) {
        const fragment = d.toolUse.input ?? '';
        const tool = tools.get(index);
        if (tool) tool.json += fragment;
        yield { type: 'tool_use_delta', index, partialJson: fragment };
      } else if (d.reasoningContent) {
        const r = d.reasoningContent;
        if (r.text !== undefined) yield { type: 'thinking_delta', index, text: r.text };
        else if (r.signature !== undefined) yield { type: 'thinking_signature', index, signature: r.signature };
        else if (r.redactedContent) yield { type: 'redacted_thinking', index, data: Buffer.from(r.redactedContent).toString('base64') };
      }
    } else if (event.contentBlockStop) {
      const index = event.contentBlockStop.contentBlockIndex ?? 0;
      const tool = tools.get(index);
      if (tool) {
        tools.delete(index);
        yield { type: 'tool_use_stop', index, id: tool.id, name: tool.name, input: parseToolInput(tool.json) };
      }
    } else if (event.messageStop) {
      pendingStop = { stopReason: fromConverseStopReason(event.messageStop.stopReason) };
    } else if (event.metadata) {
      yield { type: 'usage', usage: fromConverseUsage(event.metadata.usage) };
      if (pendingStop) {
        yield { type: 'stop', ...pendingStop };
        pendingStop = undefined;
      }
    } else {
      for (const name of EXCEPTION_MEMBERS) {
        const ex = (event as unknown as Record<string, { message?: string } | undefined>)[name];
        if (ex) throw new StreamExceptionEvent(name.charAt(0).toUpperCase() + name.slice(1), ex.message ?? name);
      }
    }
  }
  if (pendingStop) yield { type: 'stop', ...pendingStop };
}
