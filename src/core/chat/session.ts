// A chat session: creation, title, summaries. Pure; the store and the controller build on it.
import { randomBytes } from 'node:crypto';
import type { ChatSession, SessionSummary } from '../../shared/chatTypes';

export const UNTITLED = 'New Chat';
const TITLE_MAX = 60;

/** URL-safe random ID (also valid for the protocol's ID check). */
export function newId(prefix = ''): string {
  return `${prefix}${randomBytes(9).toString('base64url')}`;
}

export function newSession(model: string, now = Date.now()): ChatSession {
  return { version: 1, id: newId('s_'), title: UNTITLED, createdAt: now, updatedAt: now, model, messages: [] };
}

/**
 * The title from the first question: its first non-empty line without markdown noise, cut at a
 * word boundary. Code-only questions fall back to the attached file name.
 */
export function deriveTitle(text: string, attachmentName?: string): string {
  const line = text.split('\n').map((l) => l.replace(/^[#>\-*\s`]+/, '').replace(/[`*_]+/g, '').replace(/\s+/g, ' ').trim()).find((l) => l.length > 0);
  const base = line ?? (attachmentName ? `About ${attachmentName}` : UNTITLED);
  if (base.length <= TITLE_MAX) return base;
  const cut = base.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function summarize(session: ChatSession): SessionSummary {
  return { id: session.id, title: session.title, updatedAt: session.updatedAt, model: session.model, messageCount: session.messages.length };
}

/** Newest first. */
export function sortSummaries(list: SessionSummary[]): SessionSummary[] {
  return [...list].sort((a, b) => b.updatedAt - a.updatedAt);
}
