// Sessions on disk: <dir>/<id>.json per session plus <dir>/state.json (which one is open).
// Writes go to a temp file first and are renamed, so a crash never leaves half a session.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatSession, SessionSummary } from '../../shared/chatTypes';
import { parseSession, serializeSession } from './persistence';
import { sortSummaries, summarize } from './session';

export interface SessionStore {
  list(): Promise<SessionSummary[]>;
  load(id: string): Promise<ChatSession | undefined>;
  save(session: ChatSession): Promise<void>;
  delete(id: string): Promise<void>;
  openSessionId(): Promise<string | undefined>;
  setOpenSessionId(id: string | undefined): Promise<void>;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export class FileSessionStore implements SessionStore {
  /** Serialises writes per file so a slow save can't land after a newer one. */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(readonly dir: string) {}

  private path(id: string): string {
    if (!SAFE_ID.test(id)) throw new Error(`not a session id: ${id.slice(0, 40)}`);
    return join(this.dir, `${id}.json`);
  }

  async list(): Promise<SessionSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const sessions = await Promise.all(names.filter((f) => f.endsWith('.json') && f !== 'state.json').map((f) => this.load(f.slice(0, -5))));
    return sortSummaries(sessions.filter((x): x is ChatSession => Boolean(x) && x!.messages.length > 0).map(summarize));
  }

  async load(id: string): Promise<ChatSession | undefined> {
    if (!SAFE_ID.test(id)) return undefined;
    try {
      return parseSession(await readFile(this.path(id), 'utf8'));
    } catch {
      return undefined;
    }
  }

  async save(session: ChatSession): Promise<void> {
    return this.write(this.path(session.id), serializeSession(session));
  }

  async delete(id: string): Promise<void> {
    if (!SAFE_ID.test(id)) return;
    await (this.writing.get(this.path(id)) ?? Promise.resolve());
    await rm(this.path(id), { force: true });
    if ((await this.openSessionId()) === id) await this.setOpenSessionId(undefined);
  }

  async openSessionId(): Promise<string | undefined> {
    try {
      const state = JSON.parse(await readFile(join(this.dir, 'state.json'), 'utf8')) as { openSessionId?: unknown };
      return typeof state.openSessionId === 'string' && SAFE_ID.test(state.openSessionId) ? state.openSessionId : undefined;
    } catch {
      return undefined;
    }
  }

  setOpenSessionId(id: string | undefined): Promise<void> {
    return this.write(join(this.dir, 'state.json'), `${JSON.stringify({ openSessionId: id ?? null })}\n`);
  }

  private write(path: string, text: string): Promise<void> {
    const previous = this.writing.get(path) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      await mkdir(this.dir, { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, text, 'utf8');
      await rename(temp, path);
    });
    this.writing.set(path, next);
    void next.finally(() => {
      if (this.writing.get(path) === next) this.writing.delete(path);
    }).catch(() => undefined);
    return next;
  }
}

/** In memory, for tests and for a window without global storage. */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, string>();
  private open: string | undefined;
  async list(): Promise<SessionSummary[]> {
    return sortSummaries([...this.sessions.values()].map((t) => parseSession(t)!).filter((x) => x.messages.length > 0).map(summarize));
  }
  async load(id: string): Promise<ChatSession | undefined> {
    const text = this.sessions.get(id);
    return text ? parseSession(text) : undefined;
  }
  async save(session: ChatSession): Promise<void> {
    this.sessions.set(session.id, serializeSession(session));
  }
  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
    if (this.open === id) this.open = undefined;
  }
  async openSessionId(): Promise<string | undefined> {
    return this.open;
  }
  async setOpenSessionId(id: string | undefined): Promise<void> {
    this.open = id;
  }
}
