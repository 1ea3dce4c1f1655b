import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { serializeSession } from '../../../src/core/chat/persistence';
import { newSession } from '../../../src/core/chat/session';
import { openLocalStore } from '../../../src/core/storage/localStore';
import type { ChatSession } from '../../../src/shared/chatTypes';
import { useStoreHome } from './storeTestKit';
import type { StoreHome } from './storeTestKit';

function withTurn(s: ChatSession, text: string, at: number): ChatSession {
  return { ...s, title: text, updatedAt: at, messages: [...s.messages, { id: `u${at}`, role: 'user', text, attachments: [], at }] };
}

describe('SQLite chat sessions (SessionStore)', () => {
  let home: StoreHome;
  useStoreHome((h) => (home = h));

  it('saves, lists newest first (empty sessions hidden), loads, deletes, and remembers the open session', async () => {
    const store = openLocalStore(home.dir);
    const a = withTurn(newSession('sonnet', 1), 'first question', 10);
    const b = withTurn(newSession('haiku', 2), 'second question', 20);
    await store.sessions.save(a);
    await store.sessions.save(b);
    await store.sessions.save(newSession('sonnet', 3));
    await store.sessions.setOpenSessionId(a.id);
    const other = openLocalStore(home.dir); // another window
    assert.deepEqual((await other.sessions.list()).map((s) => [s.id, s.title, s.messageCount, s.model]), [[b.id, 'second question', 1, 'haiku'], [a.id, 'first question', 1, 'sonnet']]);
    assert.deepEqual(await other.sessions.load(a.id), a);
    assert.equal(await other.sessions.openSessionId(), a.id);
    await other.sessions.delete(a.id);
    assert.equal(await store.sessions.load(a.id), undefined);
    assert.equal(await store.sessions.openSessionId(), undefined, 'deleting the open session clears it');
    assert.equal(await store.sessions.load('../etc/passwd'), undefined);
    store.close();
    other.close();
  });

  it('imports the old session files and state.json once', async () => {
    const dir = path.join(home.dir, 'chat');
    mkdirSync(dir, { recursive: true });
    const a = withTurn(newSession('sonnet', 1), 'kept from the file store', 10);
    writeFileSync(path.join(dir, `${a.id}.json`), serializeSession(a));
    writeFileSync(path.join(dir, 'broken.json'), '{"version":1,');
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ openSessionId: a.id }));
    const store = openLocalStore(home.dir);
    assert.deepEqual(store.imported?.sessions, { added: 1 });
    assert.deepEqual(await store.sessions.load(a.id), a);
    assert.equal(await store.sessions.openSessionId(), a.id);
    await store.sessions.delete(a.id);
    store.close();
    const again = openLocalStore(home.dir);
    assert.equal(await again.sessions.load(a.id), undefined, 'a deleted session does not come back from the old file');
    again.close();
  });
});
