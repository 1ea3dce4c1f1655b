// The extension builds the chat controller on first use (its own chunk: esbuild.mjs LAZY_MODULES),
// so the first thing a fresh controller does may be a command — New Chat from its keybinding —
// while it is still restoring the open session from the store.
import * as assert from 'node:assert/strict';
import type { HostMessage } from '../../../../src/shared/protocol';
import { useChatHarness } from './chatHarness';

describe('a chat controller whose first use is New Chat', () => {
  const h = useChatHarness();

  it('New Chat right after the controller is built is not undone by the restore of the open session', async () => {
    const first = await h.controller();
    await first.handle({ type: 'ready' });
    await first.handle({ type: 'send', text: 'remember me', model: 'sonnet' });
    first.dispose();
    await first.flushSaves();
    h.posted = [];

    const fresh = await h.controller();
    await fresh.newChat();
    assert.notEqual(fresh.session.id, first.session.id);
    await fresh.handle({ type: 'ready' });
    const init = h.posted.find((m) => m.type === 'init') as Extract<HostMessage, { type: 'init' }>;
    assert.equal(init.session.id, fresh.session.id, 'the view shows the new chat');
    assert.equal(init.session.messages.length, 0);
    assert.deepEqual(init.sessions.map((s) => s.title), ['remember me'], 'the old one is in the history');
  });
});
