import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChatController } from '../../../src/core/chat/chatController';
import type { ChatBackend } from '../../../src/core/chat/chatController';
import { MemorySessionStore } from '../../../src/core/chat/sessionStore';
import type { ClientEvent } from '../../../src/core/client';
import { MemoryLogger } from '../../../src/core/logger';
import type { HostMessage } from '../../../src/shared/protocol';

// The real handler with a fake webview (a post function) and a fake backend that streams a
// short answer, so thousands of runs stay fast. Whatever the webview sends, handle() resolves.
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

const TYPES = ['ready', 'send', 'stop', 'newChat', 'selectModel', 'retry', 'openSession', 'deleteSession', 'listSessions', 'removeAttachment', 'copyCode', 'insertCode', 'runCommand', 'scrolled', 'eval', '__proto__', 'constructor', ''];

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
}, { requiredKeys: ['type'] });

const anything = fc.oneof(fc.anything(), fc.jsonValue(), nearlyValid, fc.array(nearlyValid, { maxLength: 3 }));

describe('chat protocol fuzz: malformed webview messages never throw in the host handler', () => {
  it('handle() resolves for random values and nearly-valid messages, in any order', async () => {
    await fc.assert(fc.asyncProperty(fc.array(anything, { minLength: 1, maxLength: 12 }), async (messages) => {
      const { ctl } = harness();
      await ctl.handle({ type: 'ready' });
      for (const m of messages) await ctl.handle(m); // a rejection fails the property
      await ctl.whenIdle();
      // Invariants: the transcript alternates properly and nothing is left streaming.
      for (const message of ctl.session.messages) if (message.role === 'assistant') assert.notEqual(message.status, 'streaming');
    }), { numRuns: 400 });
  });

  it('drops and logs what fails validation, and never runs an unlisted command', async () => {
    await fc.assert(fc.asyncProperty(nearlyValid, async (m) => {
      const { ctl, logger, commands } = harness();
      await ctl.handle(m);
      await ctl.whenIdle();
      for (const c of commands) assert.match(c, /^(copy|insert):\d+$|^run:(switchProvider|setApiKey|addFile|addSelection)$/);
      if (!['ready', 'send', 'stop', 'newChat', 'selectModel', 'retry', 'openSession', 'deleteSession', 'listSessions', 'removeAttachment', 'copyCode', 'insertCode', 'runCommand', 'scrolled'].includes(m.type)) {
        assert.ok(logger.lines.some((l) => l.includes('dropped a malformed message')), `not logged: ${JSON.stringify(m)}`);
      }
    }), { numRuns: 400 });
  });

  it('concurrent sends and stops (as a fast double-click would produce) leave a consistent session', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom({ type: 'send', text: 'q', model: 'sonnet' }, { type: 'stop' }, { type: 'newChat' }, { type: 'retry', messageId: 'm_1' }), { maxLength: 8 }), async (burst) => {
      const { ctl } = harness();
      await ctl.handle({ type: 'ready' });
      await Promise.all(burst.map((m) => ctl.handle(m)));
      await ctl.whenIdle();
      const roles = ctl.session.messages.map((m) => m.role);
      for (let i = 1; i < roles.length; i++) if (roles[i] === 'assistant') assert.equal(roles[i - 1], 'user');
    }), { numRuns: 200 });
  });
});
