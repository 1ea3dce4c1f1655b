import type { ModelRequest, ProviderId, StopReason, StreamEvent, Usage } from '../types';
import { emptyUsage } from '../types';
import type { CachedAnswer, CachedBlock } from './responseCache';

/**
 * Which answers are stored. Only complete answers: errors, partial (interrupted) and cancelled
 * answers never reach here (the client stores only after a clean `stop`). Of the complete ones,
 * `pause_turn` (a server tool still running: the turn is not finished), refusals and
 * guardrail / content-filter stops are not cached either: they depend on policy state that can
 * change, and replaying them would hide a fix. `tool_use` answers ARE cached: the tool call is
 * the whole, reproducible answer to this exact conversation, and the caller runs the tool as it
 * would after a fresh answer.
 */
const CACHEABLE_STOPS: ReadonlySet<StopReason> = new Set(['end_turn', 'max_tokens', 'stop_sequence', 'tool_use']);

export function isCacheableStop(stopReason: StopReason): boolean {
  return CACHEABLE_STOPS.has(stopReason);
}

/**
 * Reproducible means temperature 0: the same request gives the same answer, so a stored one is
 * as good as a new one. Extended thinking needs temperature 1, so it is excluded unless opted in.
 */
export function isDeterministic(request: ModelRequest): boolean {
  return request.temperature === 0 && !(request.thinkingBudget && request.thinkingBudget > 0);
}

/** Collects a streamed answer's content blocks (by stream index) to store it. */
export class AnswerRecorder {
  private readonly blocks = new Map<number, CachedBlock>();
  stopSequence: string | undefined;

  observe(event: StreamEvent): void {
    switch (event.type) {
      case 'text_delta': {
        const b = this.blocks.get(event.index);
        if (b?.kind === 'text') b.text += event.text;
        else this.blocks.set(event.index, { kind: 'text', text: event.text });
        break;
      }
      case 'thinking_delta': {
        const b = this.blocks.get(event.index);
        if (b?.kind === 'thinking') b.text += event.text;
        else this.blocks.set(event.index, { kind: 'thinking', text: event.text });
        break;
      }
      case 'thinking_signature': {
        const b = this.blocks.get(event.index);
        if (b?.kind === 'thinking') b.signature = event.signature;
        else this.blocks.set(event.index, { kind: 'thinking', text: '', signature: event.signature });
        break;
      }
      case 'redacted_thinking':
        this.blocks.set(event.index, { kind: 'redacted_thinking', data: event.data });
        break;
      case 'tool_use_stop':
        this.blocks.set(event.index, { kind: 'tool_use', id: event.id, name: event.name, input: event.input });
        break;
      case 'stop':
        this.stopSequence = event.stopSequence;
        break;
      default:
        break;
    }
  }

  answer(meta: { provider: ProviderId; model: string; modelId: string; stopReason: StopReason; usage: Usage; costUsd: number | null }): CachedAnswer {
    const blocks = [...this.blocks.entries()].sort(([a], [b]) => a - b).map(([, b]) => b);
    return { ...meta, usage: { ...meta.usage }, blocks, ...(this.stopSequence !== undefined ? { stopSequence: this.stopSequence } : {}) };
  }
}

/** The stream a cache hit yields: the same content events a provider would send, usage zero. */
export function replayEvents(answer: CachedAnswer): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'message_start', provider: answer.provider, modelId: answer.modelId }];
  answer.blocks.forEach((b, index) => {
    switch (b.kind) {
      case 'text':
        events.push({ type: 'text_delta', index, text: b.text });
        break;
      case 'thinking':
        events.push({ type: 'thinking_delta', index, text: b.text });
        if (b.signature) events.push({ type: 'thinking_signature', index, signature: b.signature });
        break;
      case 'redacted_thinking':
        events.push({ type: 'redacted_thinking', index, data: b.data });
        break;
      case 'tool_use':
        events.push({ type: 'tool_use_start', index, id: b.id, name: b.name });
        events.push({ type: 'tool_use_delta', index, partialJson: JSON.stringify(b.input ?? {}) });
        events.push({ type: 'tool_use_stop', index, id: b.id, name: b.name, input: b.input });
        break;
    }
  });
  events.push({ type: 'usage', usage: emptyUsage() });
  events.push({ type: 'stop', stopReason: answer.stopReason, ...(answer.stopSequence !== undefined ? { stopSequence: answer.stopSequence } : {}) });
  return events;
}
