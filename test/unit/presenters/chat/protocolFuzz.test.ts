import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChatController } from '../../../../src/presenters/chat/chatController';
import type { ChatBackend } from '../../../../src/presenters/chat/chatController';
import { MemorySessionStore } from '../../../../src/core/chat/sessionStore';
import type { ClientEvent } from '../../../../src/core/client';
import { MemoryLogger } from '../../../../src/core/logger';
import type { HostMessage } from '../../../../src/shared/protocol';

// The real handler with a fake webview (a post function) and a fake backend that streams a
// short answer, so thousands of runs stay fast. The oracle below says what handle() must do.
function harness(): { ctl: ChatController; posted: HostMessage[]; logger: MemoryLogger; commands: string[] } {
  const posted: HostMessage[] = [];
  const commands: string[] = [];
  const logger = new MemoryLogger();
  const backend: ChatBackend = {
    async *stream(): AsyncIterable<ClientEvent> {
      yield { type: 'message_start', provider: 'anthropic', modelId: 'claude-sonnet-4-6' };
      yield { type: 'text_delta', index: 0, text: 'ok' };
      yield { type: 'done', result: { provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', text: 'ok', toolCalls: [], stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 1, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }, costUsd: 0.001, latencyMs: 1, attempts: 1, cached: false, failover: null } };
    },
    models: () => [{ name: 'sonnet', provider: 'anthropic', modelId: 'claude-sonnet-4-6' }],
    defaultModel: () => 'sonnet',
    copy: (t) => void commands.push(`copy:${t.length}`),
    insertAtCursor: (t) => void commands.push(`insert:${t.length}`),
    runCommand: (c) => void commands.push(`run:${c}`),
  };
  const ctl = new ChatController({ store: new MemorySessionStore(), backend, logger, flushMs: 0 });
  ctl.attachView((m) => posted.push(m));
  return { ctl, posted, logger, commands };
}

const TYPES = ['ready', 'send', 'stop', 'newChat', 'selectModel', 'retry', 'copyMessage', 'editResend', 'regenerate', 'continue', 'openSetting', 'searchSessions', 'openSession', 'deleteSession', 'listSessions', 'removeAttachment', 'copyCode', 'insertCode', 'runCommand', 'scrolled', 'eval', '__proto__', 'constructor', ''];

/** Messages that look almost right: a real type with random (often wrong) fields. */
const nearlyValid = fc.record({
  type: fc.constantFrom(...TYPES),
  text: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined)),
  model: fc.oneof(fc.constantFrom('sonnet', 'haiku', ''), fc.string()),
  messageId: fc.oneof(fc.string(), fc.constant('m_x')),
  sessionId: fc.oneof(fc.string(), fc.constant('../x'), fc.constant('s_1')),
  attachmentId: fc.string(),
  code: fc.oneof(fc.string(), fc.object()),
  command: fc.oneof(fc.constantFrom('switchProvider', 'setApiKey', 'addFile', 'workbench.action.quit'), fc.string()),
  provider: fc.oneof(fc.constantFrom('anthropic', 'bedrock', 'openai'), fc.constant(undefined)),
  scrollTop: fc.oneof(fc.double(), fc.integer(), fc.string()),
  settingIndex: fc.oneof(fc.integer({ min: -2, max: 20 }), fc.double(), fc.string()),
  query: fc.oneof(fc.string(), fc.string({ minLength: 190, maxLength: 230 }), fc.integer()),
}, { requiredKeys: ['type'] });

const anything = fc.oneof(fc.anything(), fc.jsonValue(), nearlyValid, fc.array(nearlyValid, { maxLength: 3 }));

/**
 * The contract, written out independently of validateWebviewMessage: which messages the host must
 * accept. Everything else must be dropped (logged, nothing posted, nothing run).
 */
const ID = /^[A-Za-z0-9_-]{1,100}$/;
const own = (m: object, k: string): unknown => (Object.prototype.hasOwnProperty.call(m, k) ? (m as Record<string, unknown>)[k] : undefined);
const text = (v: unknown, max: number): boolean => typeof v === 'string' && v.trim() !== '' && v.length <= max;
const isId = (v: unknown): boolean => typeof v === 'string' && ID.test(v);
function shouldAccept(m: unknown): boolean {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const type = (m as { type?: unknown }).type;
  switch (type) {
    case 'ready': case 'stop': case 'newChat': case 'listSessions': return true;
    case 'send': return text(own(m, 'text'), 1_000_000) && text(own(m, 'model'), 300);
    case 'selectModel': return text(own(m, 'model'), 300);
    case 'retry': case 'copyMessage': case 'regenerate': case 'continue': return isId(own(m, 'messageId'));
    case 'editResend': return isId(own(m, 'messageId')) && text(own(m, 'text'), 1_000_000) && text(own(m, 'model'), 300);
    case 'openSetting': { const i = own(m, 'settingIndex'); return isId(own(m, 'messageId')) && Number.isInteger(i) && (i as number) >= 0 && (i as number) < 16; }
    case 'searchSessions': return typeof own(m, 'query') === 'string' && (own(m, 'query') as string).length <= 200;
    case 'openSession': case 'deleteSession': return isId(own(m, 'sessionId'));
    case 'removeAttachment': return isId(own(m, 'attachmentId'));
    case 'copyCode': case 'insertCode': return typeof own(m, 'code') === 'string' && (own(m, 'code') as string).length <= 1_000_000;
    case 'runCommand': return ['switchProvider', 'setApiKey', 'addFile', 'addSelection'].includes(own(m, 'command') as string) && [undefined, 'anthropic', 'bedrock'].includes(own(m, 'provider') as string);
    case 'scrolled': { const top = own(m, 'scrollTop'); return isId(own(m, 'sessionId')) && typeof top === 'number' && Number.isFinite(top) && top >= 0 && top < 1e9; }
    default: return false;
  }
}

/** What handling an accepted message must visibly do on a fresh, ready controller. */
function assertHandled(m: Record<string, unknown>, posted: HostMessage[], commands: string[], logger: MemoryLogger): void {
  const types = posted.map((p) => p.type);
  const expectPost = (t: HostMessage['type']): void => assert.ok(types.includes(t), `${String(m.type)} did not post "${t}" (posted ${types.join(', ')})`);
  switch (m.type) {
    case 'ready': return expectPost('init');
    case 'send': expectPost('turnStart'); return assert.ok(posted.some((p) => p.type === 'turnEnd' && p.status === 'done'), 'the answer did not finish');
    case 'newChat': return expectPost('session');
    case 'selectModel': return assert.ok(posted.some((p) => p.type === 'models' && p.selected === m.model));
    // On a fresh session every per-message action names a message that does not exist: refused, logged, nothing run.
    case 'retry': return assert.ok(logger.lines.some((l) => l.includes('retry refused')), 'a retry of an unknown message was not refused');
    case 'regenerate': return assert.ok(logger.lines.some((l) => l.includes('regenerate refused')), 'a regenerate of an unknown message was not refused');
    case 'continue': return assert.ok(logger.lines.some((l) => l.includes('continue refused')), 'a continue of an unknown message was not refused');
    case 'editResend': return assert.ok(logger.lines.some((l) => l.includes('edit refused')), 'an edit of an unknown message was not refused');
    case 'copyMessage': return assert.ok(logger.lines.some((l) => l.includes('copy refused')) && commands.length === 0, 'a copy of an unknown message was not refused');
    case 'openSetting': return assert.ok(logger.lines.some((l) => l.includes('open setting refused')) && commands.length === 0, 'an unknown setting was opened');
    case 'searchSessions': return assert.ok(posted.some((p) => p.type === 'sessions' && p.query === m.query), 'the search did not answer with its query');
    case 'openSession': case 'deleteSession': case 'listSessions': return expectPost('sessions');
    case 'removeAttachment': return expectPost('attachments');
    case 'copyCode': return assert.deepEqual(commands, [`copy:${(m.code as string).length}`]);
    case 'insertCode': return assert.deepEqual(commands, [`insert:${(m.code as string).length}`]);
    case 'runCommand': return assert.deepEqual(commands, [`run:${String(m.command)}`]);
    case 'stop': case 'scrolled': return assert.deepEqual(types, [], `${String(m.type)} posted ${types.join(', ')}`);
  }
}

describe('chat protocol fuzz: the host accepts exactly the valid messages and drops the rest', () => {
  it('for any value: a valid message has its effect, anything else is dropped with a log line and no effect', async () => {
    const seen = { accepted: new Set<string>(), rejected: 0 };
    // Half the runs are valid by construction, so both branches are exercised every time.
    await fc.assert(fc.asyncProperty(fc.oneof(anything, nearlyValid.filter(shouldAccept)), async (m) => {
      const { ctl, posted, logger, commands } = harness();
      await ctl.handle({ type: 'ready' });
      posted.length = 0;
      await ctl.handle(m);
      await ctl.whenIdle();
      const dropped = logger.lines.some((l) => l.includes('dropped a malformed message'));
      if (shouldAccept(m)) {
        seen.accepted.add(String((m as { type: unknown }).type));
        assert.ok(!dropped, `a valid message was dropped: ${JSON.stringify(m)}`);
        assertHandled(m as Record<string, unknown>, posted, commands, logger);
      } else {
        seen.rejected++;
        assert.ok(dropped, `an invalid message was not refused: ${JSON.stringify(m)}`);
        assert.deepEqual(posted, [], 'a dropped message caused a post');
        assert.deepEqual(commands, [], 'a dropped message ran something');
      }
      // The handler's safety net must never be what kept it alive: no action failed inside it.
      assert.deepEqual(logger.lines.filter((l) => /^error chat: handling/.test(l)), []);
      for (const message of ctl.session.messages) if (message.role === 'assistant') assert.notEqual(message.status, 'streaming');
    }), { numRuns: 600 });
    assert.ok(seen.accepted.size >= 16 && seen.rejected >= 100, `too few cases: ${[...seen.accepted].join(',')} accepted, ${seen.rejected} rejected`);
  });

  it('valid messages of every type, in any order, are all handled (none dropped, none failing)', async () => {
    const valid = nearlyValid.filter(shouldAccept);
    await fc.assert(fc.asyncProperty(fc.array(valid, { minLength: 1, maxLength: 10 }), async (messages) => {
      const { ctl, logger } = harness();
      await ctl.handle({ type: 'ready' });
      for (const m of messages) await ctl.handle(m);
      await ctl.whenIdle();
      assert.deepEqual(logger.lines.filter((l) => l.includes('dropped a malformed message') || /^error /.test(l)), []);
    }), { numRuns: 200 });
  });

  it('concurrent sends and stops (as a fast double-click would produce) leave a consistent session', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom({ type: 'send', text: 'q', model: 'sonnet' }, { type: 'stop' }, { type: 'newChat' }, { type: 'retry', messageId: 'm_1' }), { maxLength: 8 }), async (burst) => {
      const { ctl, logger } = harness();
      await ctl.handle({ type: 'ready' });
      await Promise.all(burst.map((m) => ctl.handle(m)));
      await ctl.whenIdle();
      const roles = ctl.session.messages.map((m) => m.role);
      for (let i = 1; i < roles.length; i++) if (roles[i] === 'assistant') assert.equal(roles[i - 1], 'user');
      assert.deepEqual(logger.lines.filter((l) => /^error /.test(l)), []);
    }), { numRuns: 200 });
  });
});
