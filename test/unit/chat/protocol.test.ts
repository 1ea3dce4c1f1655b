import * as assert from 'node:assert/strict';
import { MAX_TEXT_CHARS, isHostMessage, validateWebviewMessage } from '../../../src/shared/protocol';
import type { WebviewMessage } from '../../../src/shared/protocol';

describe('chat protocol validators', () => {
  it('accepts each well-formed webview message and copies only known fields', () => {
    const result = validateWebviewMessage({ type: 'send', text: 'hi', model: 'sonnet', extra: 'ignored', __proto__: { polluted: true } });
    assert.deepEqual(result, { ok: true, message: { type: 'send', text: 'hi', model: 'sonnet' } });
    for (const m of [{ type: 'ready' }, { type: 'stop' }, { type: 'newChat' }, { type: 'listSessions' }, { type: 'retry', messageId: 'm_abc' },
      { type: 'runCommand', command: 'setApiKey', provider: 'bedrock' }, { type: 'scrolled', sessionId: 's_1', scrollTop: 10 }, { type: 'copyCode', code: '' }]) {
      assert.equal(validateWebviewMessage(m).ok, true, JSON.stringify(m));
    }
  });

  it('rejects unknown types, wrong field types and missing fields with a reason', () => {
    const bad: unknown[] = [null, 42, 'ready', [], {}, { type: 'eval' }, { type: 'toString' }, { type: '__proto__' }, { type: 'send', text: 5, model: 'x' },
      { type: 'send', text: '   ', model: 'sonnet' }, { type: 'send', text: 'x' }, { type: 'openSession', sessionId: '../../etc' },
      { type: 'runCommand', command: 'workbench.action.terminal.new' }, { type: 'runCommand', command: 'setApiKey', provider: 'openai' },
      { type: 'scrolled', sessionId: 's', scrollTop: Number.NaN }, { type: 'scrolled', sessionId: 's', scrollTop: -1 }];
    for (const m of bad) {
      const r = validateWebviewMessage(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      assert.ok(!r.ok && r.reason.length > 0);
    }
  });

  it('caps text size', () => {
    assert.equal(validateWebviewMessage({ type: 'send', text: 'x'.repeat(MAX_TEXT_CHARS + 1), model: 'sonnet' }).ok, false);
  });

  it('survives hostile objects (throwing getters, proxies)', () => {
    const getter = Object.defineProperty({ type: 'send', model: 'm' }, 'text', { get: () => { throw new Error('boom'); }, enumerable: true });
    assert.equal(validateWebviewMessage(getter).ok, false);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    assert.equal(validateWebviewMessage(proxy).ok, false);
  });

  it('checks the type tag of host messages in the webview', () => {
    assert.equal(isHostMessage({ type: 'delta', messageId: 'm', kind: 'text', text: 'x' }), true);
    assert.equal(isHostMessage({ type: 'nope' }), false);
    assert.equal(isHostMessage(undefined), false);
  });
});

describe('webview message types are inferred from the runtime checks (they cannot drift)', () => {
  it('accepts at compile time what the check accepts, and refuses what it refuses', () => {
    const ok: WebviewMessage[] = [
      { type: 'runCommand', command: 'addFile' },
      { type: 'runCommand', command: 'setApiKey', provider: 'bedrock' },
      { type: 'scrolled', sessionId: 's_1', scrollTop: 10 },
    ];
    // @ts-expect-error an unlisted command is not a WebviewMessage
    const badCommand: WebviewMessage = { type: 'runCommand', command: 'workbench.action.quit' };
    // @ts-expect-error send needs a model
    const noModel: WebviewMessage = { type: 'send', text: 'hi' };
    for (const m of ok) assert.equal(validateWebviewMessage(m).ok, true, JSON.stringify(m));
    for (const m of [badCommand, noModel]) assert.equal(validateWebviewMessage(m).ok, false, JSON.stringify(m));
  });
});
