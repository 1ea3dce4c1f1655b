// Chat sessions in SQLite, behind the SessionStore the chat controller already uses: one row per
// session (the body in the session file format, version 1), the open session in the meta table.
// A save is one transaction, so a kill mid-save leaves the previous version, never half a session.
import type { ChatSession, SessionSummary } from '../../shared/chatTypes';
import { parseSession, serializeSession } from '../chat/persistence';
import type { SessionStore } from '../chat/sessionStore';
import { sortSummaries } from '../chat/session';
import type { SqliteDatabase } from './sqlite';
import { num, str } from './sqlite';
import { readMeta, writeMeta } from './schema';
import type { StoreDatabase } from './storeDatabase';

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const OPEN_KEY = 'chat.openSessionId';

export class SqliteSessionStore implements SessionStore {
  constructor(private readonly db: StoreDatabase) {}

  async list(): Promise<SessionSummary[]> {
    const rows = this.db.read('list chat sessions', (db) => db.prepare('SELECT id, title, updated_at, model, message_count FROM chat_sessions WHERE message_count > 0').all());
    return sortSummaries(rows.map((r) => ({ id: str(r.id), title: str(r.title), updatedAt: num(r.updated_at), model: str(r.model), messageCount: num(r.message_count) })));
  }

  async load(id: string): Promise<ChatSession | undefined> {
    if (!SAFE_ID.test(id)) return undefined;
    const row = this.db.read('load a chat session', (db) => db.prepare('SELECT body FROM chat_sessions WHERE id = ?').get(id));
    return row ? parseSession(str(row.body)) : undefined;
  }

  async save(session: ChatSession): Promise<void> {
    if (!SAFE_ID.test(session.id)) throw new Error(`not a session id: ${session.id.slice(0, 40)}`);
    this.db.write('save a chat session', (db) => saveSession(db, session));
  }

  async delete(id: string): Promise<void> {
    if (!SAFE_ID.test(id)) return;
    this.db.write('delete a chat session', (db) => {
      db.prepare('DELETE FROM chat_sessions WHERE id = ?').run(id);
      if (readMeta(db, OPEN_KEY) === id) writeMeta(db, OPEN_KEY, '');
    });
  }

  async openSessionId(): Promise<string | undefined> {
    const id = this.db.read('read the open chat session', (db) => readMeta(db, OPEN_KEY));
    return id && SAFE_ID.test(id) ? id : undefined;
  }

  async setOpenSessionId(id: string | undefined): Promise<void> {
    this.db.write('remember the open chat session', (db) => writeMeta(db, OPEN_KEY, id ?? ''));
  }
}

/** Inside a caller's transaction (also the one-time import of the old session files). */
export function saveSession(db: SqliteDatabase, session: ChatSession): void {
  db.prepare(`INSERT INTO chat_sessions (id, updated_at, message_count, title, model, body) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, message_count = excluded.message_count, title = excluded.title, model = excluded.model, body = excluded.body`)
    .run(session.id, session.updatedAt, session.messages.length, session.title, session.model, serializeSession(session));
}

export function setOpenSession(db: SqliteDatabase, id: string | undefined): void {
  writeMeta(db, OPEN_KEY, id ?? '');
}
