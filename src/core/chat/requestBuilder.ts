// Conversation → ModelRequest. Both providers get the same provider-neutral request; the
// client maps it. Rules: attachments become fenced code with their file name before the
// question; answers that produced text (done, partial, stopped) are replayed as text only
// (thinking signatures are provider-specific and would break after a provider switch); a
// failed answer without text is left out; same-role neighbours are merged because Bedrock
// Converse requires strict user/assistant alternation.
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
    if (!text.trim()) return;
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.content = `${last.content as string}\n\n${text}`;
    else messages.push({ role, content: text });
  };
  for (const m of session.messages) {
    if (m.role === 'user') push('user', userContent(m.text, m.attachments));
    else if (m.status !== 'streaming') push('assistant', m.text);
  }
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
