import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSession, serializeSession } from '../../../src/core/chat/persistence';
import { CONTINUE_PROMPT, buildContinueRequest, buildModelRequest } from '../../../src/core/chat/requestBuilder';
import { deriveTitle, newSession } from '../../../src/core/chat/session';
import { FileSessionStore } from '../../../src/core/chat/sessionStore';
import type { AssistantChatMessage, ChatSession, UserChatMessage } from '../../../src/shared/chatTypes';
import { failoverText, footerLine, formatCost, formatTokens } from '../../../src/shared/chatFormat';

const user = (text: string, extra: Partial<UserChatMessage> = {}): UserChatMessage => ({ id: `u${text.length}`, role: 'user', text, attachments: [], at: 1, ...extra });
const answer = (text: string, status: AssistantChatMessage['status'] = 'done'): AssistantChatMessage => ({ id: `a${text.length}`, role: 'assistant', text, thinking: '', toolCalls: [], status, at: 2 });

describe('chat sessions', () => {
  describe('deriveTitle', () => {
    it('takes the first non-empty line without markdown markers', () => {
      assert.equal(deriveTitle('\n\n## How do I **parse** `yaml`?\nmore'), 'How do I parse yaml?');
    });
    it('cuts long titles at a word boundary with an ellipsis', () => {
      const title = deriveTitle('Explain why the circuit breaker opens after five failures in a row even when the fallback provider is healthy');
      assert.ok(title.length <= 60, title);
      assert.match(title, /…$/);
      assert.doesNotMatch(title, / …$/);
    });
    it('falls back to the attachment name, then to "New Chat"', () => {
      assert.equal(deriveTitle('   ', 'src/a.ts'), 'About src/a.ts');
      assert.equal(deriveTitle(''), 'New Chat');
    });
  });

  describe('persistence format', () => {
    it('round-trips a session', () => {
      const s: ChatSession = { ...newSession('haiku', 5), messages: [user('hi', { attachments: [{ id: 'a1', fileName: 'x.ts', lines: { start: 2, end: 3 }, languageId: 'typescript', text: 'let x' }] }), answer('hello')], scrollTop: 120 };
      assert.deepEqual(parseSession(serializeSession(s)), s);
    });
    it('turns an answer saved mid-stream into a stopped one', () => {
      const s: ChatSession = { ...newSession('sonnet'), messages: [user('q'), answer('half', 'streaming')] };
      const loaded = parseSession(serializeSession(s))!;
      assert.equal((loaded.messages[1] as AssistantChatMessage).status, 'stopped');
    });
    it('rejects files that are not sessions (bad JSON, other version, unsafe id)', () => {
      assert.equal(parseSession('{oops'), undefined);
      assert.equal(parseSession(JSON.stringify({ version: 2, id: 'x', messages: [] })), undefined);
      assert.equal(parseSession(JSON.stringify({ version: 1, id: '../../etc/passwd', messages: [] })), undefined);
    });
    it('drops malformed messages and keeps the rest', () => {
      const loaded = parseSession(JSON.stringify({ version: 1, id: 's1', messages: [{ role: 'user', id: 'u', text: 'ok' }, { role: 'system', id: 'x' }, 42] }))!;
      assert.equal(loaded.messages.length, 1);
    });
  });

  describe('FileSessionStore', () => {
    let dir: string;
    beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'sb-chat-')); });
    afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

    it('lists saved sessions newest first, remembers the open one and deletes', async () => {
      const store = new FileSessionStore(dir);
      const a = { ...newSession('sonnet', 1), title: 'A', updatedAt: 10, messages: [user('a')] };
      const b = { ...newSession('haiku', 2), title: 'B', updatedAt: 20, messages: [user('b')] };
      await store.save(a);
      await store.save(b);
      await store.setOpenSessionId(a.id);
      const again = new FileSessionStore(dir);
      assert.deepEqual((await again.list()).map((s) => [s.title, s.model]), [['B', 'haiku'], ['A', 'sonnet']]);
      assert.equal(await again.openSessionId(), a.id);
      await again.delete(a.id);
      assert.deepEqual((await again.list()).map((s) => s.title), ['B']);
      assert.equal(await again.openSessionId(), undefined);
    });
    it('skips a damaged file instead of failing the list', async () => {
      const store = new FileSessionStore(dir);
      await store.save({ ...newSession('sonnet'), messages: [user('x')] });
      await writeFile(join(dir, 'broken.json'), '{"version":1,');
      assert.equal((await store.list()).length, 1);
    });
    it('never writes outside its folder for a hostile id', async () => {
      const store = new FileSessionStore(dir);
      await assert.rejects(store.save({ ...newSession('sonnet'), id: '../escape' }));
      assert.equal(await store.load('../escape'), undefined);
    });
    it('keeps the last of rapid saves', async () => {
      const store = new FileSessionStore(dir);
      const s = newSession('sonnet');
      await Promise.all([1, 2, 3, 4, 5].map((i) => store.save({ ...s, title: `t${i}`, messages: [user('x')] })));
      assert.equal(JSON.parse(await readFile(join(dir, `${s.id}.json`), 'utf8')).title, 't5');
    });
  });

  describe('buildModelRequest', () => {
    it('replays the conversation with attachments as fenced code naming the file', () => {
      const s: ChatSession = { ...newSession('opus'), messages: [
        user('what does this do?', { attachments: [{ id: 'a', fileName: 'src/x.ts', lines: { start: 3, end: 4 }, languageId: 'typescript', text: 'const a = "```";' }] }),
        answer('It assigns.'),
        user('and now?'),
      ] };
      const req = buildModelRequest(s);
      assert.equal(req.model, 'opus');
      assert.equal(req.messages.length, 3);
      const first = req.messages[0]!.content as string;
      assert.match(first, /^src\/x\.ts \(lines 3-4\):\n````typescript\nconst a = "```";\n````\n\nwhat does this do\?$/);
      assert.deepEqual(req.messages.slice(1), [{ role: 'assistant', content: 'It assigns.' }, { role: 'user', content: 'and now?' }]);
    });
    it('leaves a question out together with its failed answer instead of merging it into the next question', () => {
      const s: ChatSession = { ...newSession('sonnet'), messages: [user('one'), answer('', 'error'), user('two')] };
      assert.deepEqual(buildModelRequest(s).messages, [{ role: 'user', content: 'two' }]);
      const later: ChatSession = { ...newSession('sonnet'), messages: [user('q'), answer('a'), user('failed'), answer(' \n', 'stopped'), user('failed, edited'), answer('fine'), user('next')] };
      assert.deepEqual(buildModelRequest(later).messages.map((m) => m.content), ['q', 'a', 'failed, edited', 'fine', 'next']);
    });
    it('continues a stopped answer: its text as the assistant turn, then a user turn asking to go on (no trailing prefill)', () => {
      const stopped = { ...answer('half an ans ', 'stopped'), id: 'a_stop' };
      const s: ChatSession = { ...newSession('sonnet'), messages: [user('one'), answer('first'), user('two'), stopped] };
      const req = buildContinueRequest(s, 'a_stop');
      assert.deepEqual(req.messages.map((m) => m.role), ['user', 'assistant', 'user', 'assistant', 'user']);
      assert.equal(req.messages[3]!.content, 'half an ans ');
      assert.equal(req.messages[4]!.content, CONTINUE_PROMPT);
      assert.throws(() => buildContinueRequest({ ...s, messages: [user('one'), { ...answer('  ', 'stopped'), id: 'a_ws' }] }, 'a_ws'), /no text/);
    });
    it('keeps partial and stopped text as context', () => {
      const s: ChatSession = { ...newSession('sonnet'), messages: [user('one'), answer('half an answer', 'partial'), user('go on')] };
      assert.equal(buildModelRequest(s).messages[1]!.content, 'half an answer');
    });
    it('refuses a conversation without a question', () => {
      assert.throws(() => buildModelRequest(newSession('sonnet')), /no question/);
    });
  });

  describe('footer wording', () => {
    it('says "unknown" for an unpriced answer, never $0', () => {
      assert.equal(formatCost(null), 'cost unknown');
      assert.equal(formatCost(0.01234), '$0.012');
    });
    it('shows cache read and write only when present', () => {
      assert.equal(formatTokens({ inputTokens: 12, outputTokens: 30, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }), '12 in · 30 out');
      assert.equal(formatTokens({ inputTokens: 12, outputTokens: 30, cacheReadInputTokens: 2048, cacheWriteInputTokens: 5 }), '12 in · 30 out · 2048 cache read · 5 cache write');
    });
    it('names both providers in the failover badge', () => {
      assert.equal(failoverText({ from: 'anthropic', to: 'bedrock', reason: 'overloaded: Overloaded' }), 'answered by Bedrock after Anthropic overloaded');
    });
    it('puts provider, model ID, tokens, cost and latency on one line', () => {
      assert.equal(footerLine({ provider: 'bedrock', model: 'sonnet', modelId: 'us.anthropic.claude-sonnet-4-6', usage: { inputTokens: 1, outputTokens: 2, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }, costUsd: null, latencyMs: 1500, cacheHit: false, failover: null }),
        'Bedrock · us.anthropic.claude-sonnet-4-6 · 1 in · 2 out · cost unknown · 1.5 s');
    });
  });
});
