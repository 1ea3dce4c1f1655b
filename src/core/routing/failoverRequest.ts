import type { ChatMessage, ContentBlock, ModelRequest, ProviderId } from '../types';

/**
 * The request as the fallback provider should get it. Both providers take the same logical
 * model, cache breakpoints (`cache` flags become `cache_control` / `cachePoint` in each
 * provider's converter) and tool definitions, so most of the request passes through. What does
 * not:
 *
 * - Thinking blocks carry a signature bound to the service that issued it; we do not know which
 *   one did, so signed thinking and redacted thinking are dropped on the way to the other one.
 *   Exception: the assistant turn of a tool loop still in progress (its tool results are in the
 *   last user message) — there the reasoning led to the pending tool call, so it is kept as
 *   plain text, and extended thinking is switched off for this request (the API demands that
 *   such a turn start with a signed thinking block when thinking is on).
 * - Tool IDs must match `[a-zA-Z0-9_-]{1,64}` on both services; an ID outside that is rewritten
 *   the same way in its tool_use and every tool_result that answers it.
 * - The other provider's own options (`anthropic.betas`, `bedrock.guardrail`, …) are dropped.
 */
export interface TranslatedRequest {
  request: ModelRequest;
  /** What changed, for the log. */
  notes: string[];
}

const TOOL_ID = /^[a-zA-Z0-9_-]{1,64}$/;

export function translateForFallback(request: ModelRequest, from: ProviderId, to: ProviderId): TranslatedRequest {
  const notes: string[] = [];
  const last = request.messages.length - 1;
  const activeLoopTurn = last >= 1 && hasToolResult(request.messages[last]!) ? last - 1 : -1;
  let dropped = 0;
  let keptAsText = 0;
  const ids = new Map<string, string>();
  const idFor = (id: string): string => {
    if (TOOL_ID.test(id)) return id;
    let mapped = ids.get(id);
    if (!mapped) {
      mapped = `toolu_fo_${ids.size}_${id.replace(/[^a-zA-Z0-9_-]/g, '_')}`.slice(0, 64);
      ids.set(id, mapped);
    }
    return mapped;
  };
  const messages = request.messages.map((m, i): ChatMessage => {
    if (typeof m.content === 'string') return m;
    const content: ContentBlock[] = [];
    for (const b of m.content) {
      if (b.type === 'thinking' || b.type === 'redacted_thinking') {
        if (i === activeLoopTurn && b.type === 'thinking' && b.thinking.trim()) {
          content.push({ type: 'text', text: `(reasoning) ${b.thinking}` });
          keptAsText++;
        } else {
          dropped++;
        }
      } else if (b.type === 'tool_use') {
        content.push({ ...b, id: idFor(b.id) });
      } else if (b.type === 'tool_result') {
        content.push({ ...b, toolUseId: idFor(b.toolUseId) });
      } else {
        content.push(b);
      }
    }
    // An assistant turn that was only thinking still needs content to keep roles alternating.
    if (content.length === 0) content.push({ type: 'text', text: '(no visible answer)' });
    return { ...m, content };
  });
  const out: ModelRequest = { ...request, messages };
  if (dropped) notes.push(`dropped ${dropped} thinking block(s) signed by ${from}`);
  if (keptAsText) notes.push(`kept ${keptAsText} thinking block(s) of the tool loop in progress as text`);
  // Whatever that turn held (thinking, only redacted thinking, nothing), it now has no signed
  // thinking the other provider accepts, and with thinking on the services require it to start with one.
  if (activeLoopTurn >= 0 && out.thinkingBudget) {
    delete out.thinkingBudget;
    notes.push('extended thinking off for this request (the tool-loop turn has no signed thinking for the other provider)');
  }
  if (ids.size) notes.push(`rewrote ${ids.size} tool ID(s) the other provider would reject`);
  if (to === 'anthropic' && out.bedrock) {
    delete out.bedrock;
    notes.push('Bedrock-only options dropped');
  }
  if (to === 'bedrock' && out.anthropic) {
    delete out.anthropic;
    notes.push('Anthropic-only options dropped');
  }
  return { request: out, notes };
}

function hasToolResult(m: ChatMessage): boolean {
  return m.role === 'user' && typeof m.content !== 'string' && m.content.some((b) => b.type === 'tool_result');
}

/**
 * The fallback continues a partial answer: the partial text becomes an assistant turn and a
 * user turn asks to continue exactly where it stopped (a trailing assistant "prefill" would be
 * neater, but it is rejected with extended thinking on and by some Bedrock models). A partial
 * with no visible text (the failure came while the model was still thinking, or only
 * whitespace had arrived) is not a turn the services accept ("text content blocks must contain
 * non-whitespace text"): then the fallback answers the original request afresh.
 */
export function continuationRequest(request: ModelRequest, partialText: string): ModelRequest {
  if (partialText.trim().length === 0) return request;
  return {
    ...request,
    messages: [
      ...request.messages,
      { role: 'assistant', content: [{ type: 'text', text: partialText }] },
      { role: 'user', content: [{ type: 'text', text: 'Your previous answer was cut off by a connection failure. Continue exactly where it stopped, without repeating anything.' }] },
    ],
  };
}
