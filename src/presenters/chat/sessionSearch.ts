// The chat history's search: chats whose title or any message contains every word of the query
// (case-insensitive), newest first, as the list shows them.
import type { SessionSummary } from '../../shared/chatTypes';
import type { SessionStore } from '../../core/chat/sessionStore';

/** Most chats read for one search (the newest); older ones are not searched. */
export const SEARCH_LIMIT = 500;

export async function searchSessions(store: SessionStore, query: string): Promise<SessionSummary[]> {
  const all = await store.list();
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return all;
  const found: SessionSummary[] = [];
  for (const summary of all.slice(0, SEARCH_LIMIT)) {
    const session = await store.load(summary.id);
    if (!session) continue;
    const haystack = [session.title, ...session.messages.map((m) => m.text)].join('\n').toLowerCase();
    if (words.every((w) => haystack.includes(w))) found.push(summary);
  }
  return found;
}
