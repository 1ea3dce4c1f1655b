// One answer's state as the engine's events arrive: text, thinking, tool calls, failover, and
// the footer at the end. Pure apart from the `out` callbacks, so the controller stays transport.
import { PartialAnswerError, resultOf } from '../../core/engine/requestErrors';
import type { ClientEvent, FailoverInfo, RequestResult } from '../../core/engine/types';
import { fixActionsFor, hintFor } from '../../core/errorFixes';
import type { FixContext } from '../../core/errorFixes';
import { isSwitchboardError, redactSecrets } from '../../core/errors';
import type { AnswerFooter, AssistantChatMessage, ErrorView, ToolCallView } from '../../shared/chatTypes';
import type { HostMessage } from '../../shared/protocol';
import { linkSettings } from './settingLinks';
import type { ProviderId } from '../../shared/providers';

export interface AnswerOutput {
  delta(kind: 'text' | 'thinking', text: string): void;
  emit(message: HostMessage): void;
}

export class AnswerReducer {
  private failover: FailoverInfo | null = null;
  private answering: { provider: ProviderId; modelId: string } | undefined;
  private result: RequestResult | undefined;
  private readonly tools = new Map<number, ToolCallView>();

  /** Text the answer held before this request (a continued answer); the request's own text follows it. */
  private readonly prefix: string;

  constructor(readonly assistant: AssistantChatMessage, private readonly out: AnswerOutput) {
    this.prefix = assistant.text;
  }

  apply(event: ClientEvent): void {
    const a = this.assistant;
    switch (event.type) {
      case 'message_start':
        this.answering = { provider: event.provider, modelId: event.modelId };
        return;
      case 'text_delta':
        a.text += event.text;
        return this.out.delta('text', event.text);
      case 'thinking_delta':
        a.thinking += event.text;
        return this.out.delta('thinking', event.text);
      case 'tool_use_start': {
        const call: ToolCallView = { id: event.id, name: event.name, input: '' };
        this.tools.set(event.index, call);
        a.toolCalls.push(call);
        return this.out.emit({ type: 'toolCall', messageId: a.id, call });
      }
      case 'tool_use_delta': {
        const call = this.tools.get(event.index);
        if (call) call.input += event.partialJson;
        return;
      }
      case 'tool_use_stop': {
        const call = this.tools.get(event.index) ?? { id: event.id, name: event.name, input: '' };
        call.input = JSON.stringify(event.input ?? {}, null, 2);
        return this.out.emit({ type: 'toolCall', messageId: a.id, call });
      }
      case 'failover':
        this.failover = event.failover;
        return this.out.emit({ type: 'failover', messageId: a.id, from: event.failover.from, to: event.failover.to, reason: event.failover.reason });
      case 'done':
        this.result = event.result;
        return;
      default:
        return;
    }
  }

  /** The stream ended: the footer describes the whole request (every attempt, the cost). */
  finish(): void {
    const result = this.result;
    if (!result) throw new Error('the stream ended without a result');
    this.assistant.status = 'done';
    this.assistant.footer = {
      provider: result.provider,
      model: result.model,
      modelId: result.modelId,
      usage: { ...result.usage },
      costUsd: result.costUsd,
      latencyMs: result.latencyMs,
      cacheHit: result.cached || result.usage.cacheReadInputTokens > 0,
      failover: result.failover,
    };
  }

  /**
   * The stream failed or was stopped. Returns whether anything reached the screen. When the error
   * carries the engine's result for the whole request, the footer shows it (so footer and ledger agree).
   */
  fail(e: unknown, cancelled: boolean, model: string, elapsedMs: number, fixContext: FixContext = {}): { shown: boolean; error: ErrorView } {
    const a = this.assistant;
    const error = errorView(e, fixContext);
    const partial = e instanceof PartialAnswerError ? e.partial : undefined;
    const carried: RequestResult | undefined = resultOf(e);
    const who = carried ?? (partial ? { provider: partial.provider, modelId: partial.modelId } : this.answering);
    const stopped = cancelled || error.type === 'cancelled';
    if (partial && partial.text.length > a.text.length - this.prefix.length) a.text = this.prefix + partial.text;
    const shown = a.text.length > 0 || a.thinking.length > 0 || a.toolCalls.length > 0;
    a.status = stopped ? 'stopped' : shown ? 'partial' : 'error';
    if (!stopped) a.error = error;
    if (carried) {
      a.footer = { provider: carried.provider, model: carried.model, modelId: carried.modelId, usage: { ...carried.usage }, costUsd: carried.costUsd, latencyMs: carried.latencyMs, cacheHit: false, failover: carried.failover };
    } else if (who) {
      a.footer = { provider: who.provider, model, modelId: who.modelId, costUsd: null, latencyMs: elapsedMs, cacheHit: false, failover: this.failover };
    }
    return { shown, error };
  }
}

/**
 * The footer of an answer that was continued: the requests together (tokens, cost and time add up;
 * unknown stays unknown), named after the one that answered last.
 */
export function continuedFooter(before: AnswerFooter | undefined, after: AnswerFooter | undefined): AnswerFooter | undefined {
  if (!before || !after) return after ?? before;
  const usage = before.usage && after.usage
    ? {
        inputTokens: before.usage.inputTokens + after.usage.inputTokens,
        outputTokens: before.usage.outputTokens + after.usage.outputTokens,
        cacheReadInputTokens: before.usage.cacheReadInputTokens + after.usage.cacheReadInputTokens,
        cacheWriteInputTokens: before.usage.cacheWriteInputTokens + after.usage.cacheWriteInputTokens,
      }
    : undefined;
  const merged: AnswerFooter = {
    ...after,
    costUsd: before.costUsd !== null && after.costUsd !== null ? before.costUsd + after.costUsd : null,
    latencyMs: before.latencyMs + after.latencyMs,
    cacheHit: before.cacheHit || after.cacheHit,
    failover: after.failover ?? before.failover,
  };
  if (usage) merged.usage = usage;
  else delete merged.usage;
  return merged;
}

/** What the error box shows: the message, the hint and the actions that fix the cause (src/core/errorFixes). */
export function errorView(e: unknown, ctx: FixContext = {}): ErrorView {
  if (isSwitchboardError(e)) {
    // Settings named in the hint become links in the view (never a raw id in the text).
    const { hint, settings } = linkSettings(hintFor(e, ctx), (e.settings ?? []).map((s) => ({ id: s.id, label: s.label })));
    return {
      type: e.type,
      message: e.message,
      ...(e.code ? { code: e.code } : {}),
      ...(hint ? { hint } : {}),
      ...(e.provider ? { provider: e.provider } : {}),
      fixes: fixActionsFor(e, ctx),
      settings,
    };
  }
  const plain = { type: 'unknown' as const, retryable: false };
  return { type: 'unknown', message: redactSecrets((e as Error)?.message ?? String(e)), fixes: fixActionsFor(plain, ctx) };
}
