// Conversation → ModelRequest. Both providers get the same provider-neutral request; the
// client maps it. Rules: attachments become fenced code with their file name before the
// question; answers that produced text (done, partial, stopped) are replayed as text only
// (thinking signatures are provider-specific and would break after a provider switch); a
// question whose answer produced no text (it failed, or was stopped before any) is left out
// together with that answer — it was never answered, and merging it into the next question
// (Converse needs strict user/assistant alternation) would ask it again unasked, e.g. after
// the user edited and resent it.
import type { Attachment, ChatSession } from '../../shared/chatTypes';
import type { ChatMessage, ModelRequest } from '../types';

export const CHAT_SYSTEM_PROMPT =
  'You are a coding assistant inside VS Code. Answer in GitHub-flavoured Markdown; put code in fenced blocks with a language tag. Attached files are context the user chose.';

export function attachmentBlock(a: Attachment): string {
  const where = a.lines ? `${a.fileName} (lines ${a.lines.start}-${a.lines.end})` : a.fileName;
  const longest = Math.max(2, ...[...a.text.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${where}:\n${fence}${a.languageId ?? ''}\n${a.text}\n${fence}`;
}

export function userContent(text: string, attachments: readonly Attachment[]): string {
  if (attachments.length === 0) return text;
  return `${attachments.map(attachmentBlock).join('\n\n')}\n\n${text}`;
}

export interface BuildOptions {
  maxTokens?: number;
  thinkingBudget?: number;
  system?: string;
}

export function buildModelRequest(session: ChatSession, options: BuildOptions = {}): ModelRequest {
  const messages: ChatMessage[] = [];
  const push = (role: ChatMessage['role'], text: string): void => {
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.content = `${last.content as string}\n\n${text}`;
    else messages.push({ role, content: text });
  };
  const turns = session.messages;
  turns.forEach((m, i) => {
    if (m.role === 'user') {
      if (unanswered(turns, i)) return;
      push('user', userContent(m.text, m.attachments));
    } else if (m.status !== 'streaming' && m.text.trim()) {
      push('assistant', m.text);
    }
  });
  // The request must start and end with the user; a leading answer cannot happen, a trailing one
  // (asking again after an answer) is not a request.
  while (messages.length > 0 && messages[messages.length - 1]!.role === 'assistant') messages.pop();
  if (messages.length === 0) throw new Error('nothing to send: the conversation has no question');
  return {
    model: session.model,
    system: options.system ?? CHAT_SYSTEM_PROMPT,
    messages,
    ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
    ...(options.thinkingBudget ? { thinkingBudget: options.thinkingBudget } : {}),
  };
}

/**
 * A question that is not the last one and got no answer text: its answer failed or was stopped
 * before any text, or (an older session) another question followed it directly.
 */
function unanswered(turns: ChatSession['messages'], i: number): boolean {
  if (i === turns.length - 1) return false;
  const next = turns[i + 1]!;
  return next.role === 'user' || !next.text.trim();
}

/** What the user turn after a stopped answer says, so the model carries on instead of starting over. */
export const CONTINUE_PROMPT = 'Your previous answer stopped before it was finished. Continue exactly where it stopped, without repeating anything.';

/**
 * The request that continues the answer `answerId` (stopped, or cut off by a failure): the
 * conversation up to its question, the text so far as the assistant's turn, then a user turn
 * asking to continue. Not a trailing assistant "prefill": that is refused with extended thinking
 * on, by some Bedrock models, and when the text ends in whitespace (the same choice as the
 * engine's failover continuation, src/core/routing/failoverRequest.ts). Throws when there is no
 * visible text to continue ("text content blocks must contain non-whitespace text").
 */
export function buildContinueRequest(session: ChatSession, answerId: string, options: BuildOptions = {}): ModelRequest {
  const index = session.messages.findIndex((m) => m.id === answerId);
  const answer = session.messages[index];
  if (!answer || answer.role !== 'assistant') throw new Error('nothing to continue: no such answer');
  if (!answer.text.trim()) throw new Error('nothing to continue: the answer has no text yet');
  const base = buildModelRequest({ ...session, messages: session.messages.slice(0, index) }, options);
  return { ...base, messages: [...base.messages, { role: 'assistant', content: answer.text }, { role: 'user', content: CONTINUE_PROMPT }] };
}
