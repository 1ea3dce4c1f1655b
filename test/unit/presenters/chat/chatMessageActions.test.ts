import * as assert from 'node:assert/strict';
import type { AssistantChatMessage } from '../../../../src/shared/chatTypes';
import type { HostMessage } from '../../../../src/shared/protocol';
import { CONTINUE_PROMPT } from '../../../../src/core/chat/requestBuilder';
import { continuedFooter } from '../../../../src/presenters/chat/answerReducer';
import { lastAnswer, sendAndStopAfter, useChatHarness } from './chatHarness';

type Body = { messages: Array<{ role: string; content: Array<{ type: string; text?: string }> | string }> };
const texts = (body: unknown): string[] => (body as Body).messages.map((m) => (typeof m.content === 'string' ? m.content : m.content.map((b) => b.text ?? '').join('')));
const LONG = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');

// The per-message actions (Copy, Edit and resend, Regenerate, Continue after Stop, setting links)
// through the controller, the product's engine and the Anthropic emulator: what the provider
// receives is read from the emulator's log.
describe('chat per-message actions (through the real engine and the emulators)', () => {
  const h = useChatHarness((body) => {
    const last = texts(body).at(-1) ?? '';
    if (last.includes('long answer')) return { content: [{ type: 'text', text: LONG }] };
    if (last === CONTINUE_PROMPT) return { content: [{ type: 'text', text: ' …and the rest.' }] };
    return undefined; // the emulator's echo
  });

  it('Edit and resend: the edited question replaces the old one and what followed it, and is what the provider receives', async () => {
    const ctl = await h.controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'first question', model: 'sonnet' });
    await ctl.handle({ type: 'send', text: 'second question', model: 'sonnet' });
    const second = ctl.session.messages[2]!;
    await ctl.handle({ type: 'editResend', messageId: second.id, text: 'second question, edited', model: 'sonnet' });
    assert.deepEqual(ctl.session.messages.map((m) => `${m.role}:${m.role === 'user' ? m.text : (m as AssistantChatMessage).status}`),
      ['user:first question', 'assistant:done', 'user:second question, edited', 'assistant:done']);
    assert.deepEqual(texts(h.messagesCalls().at(-1)!.body).filter((_, i) => i % 2 === 0), ['first question', 'second question, edited']);
    assert.match(lastAnswer(ctl).text, /second question, edited/, 'the echo answers the edited question');
  });

  it('Regenerate answers the last question again: the done answer is replaced by a new one from a new request', async () => {
    const ctl = await h.controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'say something', model: 'sonnet' });
    const first = lastAnswer(ctl);
    await ctl.handle({ type: 'regenerate', messageId: first.id });
    assert.equal(h.messagesCalls().length, 2);
    assert.deepEqual(ctl.session.messages.map((m) => m.role), ['user', 'assistant']);
    assert.notEqual(lastAnswer(ctl).id, first.id);
    assert.equal(lastAnswer(ctl).status, 'done');
    // Only the last answer can be regenerated.
    await ctl.handle({ type: 'send', text: 'next', model: 'sonnet' });
    await ctl.handle({ type: 'regenerate', messageId: (ctl.session.messages[1] as AssistantChatMessage).id });
    assert.equal(h.messagesCalls().length, 3);
    assert.ok(h.logger.lines.some((l) => l.includes('regenerate refused')));
  });

  it('Continue after Stop: the provider gets the text so far and a request to go on; the answer grows and its footer adds both requests up', async () => {
    h.anthropic.faults.push({ kind: 'stall-mid-stream', afterEvents: 5 });
    const ctl = await h.controller();
    await ctl.handle({ type: 'ready' });
    await sendAndStopAfter(ctl, 'please give a long answer', 5);
    const answer = lastAnswer(ctl);
    const partial = answer.text;
    assert.equal(answer.status, 'stopped');
    h.posted = [];
    await ctl.handle({ type: 'continue', messageId: answer.id });
    const sent = texts(h.messagesCalls().at(-1)!.body);
    assert.deepEqual(sent, ['please give a long answer', partial, CONTINUE_PROMPT]);
    assert.deepEqual((h.messagesCalls().at(-1)!.body as Body).messages.map((m) => m.role), ['user', 'assistant', 'user'], 'no trailing assistant prefill');
    assert.equal(lastAnswer(ctl).id, answer.id, 'the same answer continues');
    assert.equal(lastAnswer(ctl).text, `${partial} …and the rest.`);
    assert.equal(lastAnswer(ctl).status, 'done');
    assert.deepEqual(h.posted.map((m) => m.type).filter((t) => t !== 'delta'), ['turnResume', 'turnEnd']);
    // The footer covers both requests as the ledger recorded them (an unknown part keeps the sum unknown, never low).
    const [stopped, continued] = (await h.engines.at(-1)!.records()).slice(-2);
    const footer = lastAnswer(ctl).footer!;
    const cost = stopped!.costUsd === null || continued!.costUsd === null ? null : stopped!.costUsd + continued!.costUsd;
    assert.equal(footer.costUsd === null ? null : Math.round(footer.costUsd * 1e9), cost === null ? null : Math.round(cost * 1e9), `footer ${footer.costUsd}, ledger ${stopped!.costUsd} + ${continued!.costUsd}`);
    assert.equal(footer.latencyMs, stopped!.latencyMs + continued!.latencyMs);
  });

  it('a continued answer\'s footer adds tokens, cost and time of both requests; an unknown part stays unknown', () => {
    const part = (outputTokens: number, costUsd: number | null, latencyMs: number) => ({ provider: 'anthropic' as const, model: 'sonnet', modelId: 'claude-sonnet-4-6', usage: { inputTokens: 10, outputTokens, cacheReadInputTokens: 0, cacheWriteInputTokens: 5 }, costUsd, latencyMs, cacheHit: false, failover: null });
    assert.deepEqual(continuedFooter(part(7, 0.25, 100), part(3, 0.5, 40)), { ...part(10, 0.75, 140), usage: { inputTokens: 20, outputTokens: 10, cacheReadInputTokens: 0, cacheWriteInputTokens: 10 } });
    assert.equal(continuedFooter(part(7, null, 100), part(3, 0.5, 40))?.costUsd, null);
    const { usage: _none, ...noUsage } = part(0, null, 5);
    assert.equal(continuedFooter(noUsage, part(3, 0.5, 40))?.usage, undefined);
  });

  it('Continue is refused for a done answer and for one without text', async () => {
    const ctl = await h.controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'hello', model: 'sonnet' });
    await ctl.handle({ type: 'continue', messageId: lastAnswer(ctl).id });
    assert.equal(h.messagesCalls().length, 1);
    assert.ok(h.logger.lines.some((l) => l.includes('continue refused')));
  });

  it('Copy puts the message as written (markdown, from the session) on the clipboard', async () => {
    const ctl = await h.controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'please give a long answer', model: 'sonnet' });
    await ctl.handle({ type: 'copyMessage', messageId: ctl.session.messages[0]!.id });
    await ctl.handle({ type: 'copyMessage', messageId: lastAnswer(ctl).id });
    assert.deepEqual(h.copied, ['please give a long answer', LONG]);
  });

  it('a question whose answer failed is not merged into the next one, after a failed Retry too', async () => {
    h.anthropic.faults.push({ kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'bad request' }, { times: 2 });
    const ctl = await h.controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'the failing one', model: 'sonnet' });
    await ctl.handle({ type: 'retry', messageId: lastAnswer(ctl).id });
    assert.equal(lastAnswer(ctl).status, 'error');
    await ctl.handle({ type: 'send', text: 'the next one', model: 'sonnet' });
    assert.deepEqual(texts(h.messagesCalls().at(-1)!.body), ['the next one']);
  });

  it('a failed turn keeps the model it was asked with when the session later switches model and is reopened', async () => {
    h.anthropic.faults.push({ kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'bad request' });
    const ctl = await h.controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'with sonnet', model: 'sonnet' });
    await ctl.handle({ type: 'send', text: 'with haiku', model: 'haiku' });
    ctl.dispose();
    h.posted = [];
    const again = await h.controller();
    await again.handle({ type: 'ready' });
    const init = h.posted[0] as Extract<HostMessage, { type: 'init' }>;
    const answers = init.session.messages.filter((m): m is AssistantChatMessage => m.role === 'assistant');
    assert.equal(init.session.model, 'haiku');
    assert.deepEqual(answers.map((a) => [a.status, a.model]), [['error', 'sonnet'], ['done', 'haiku']]);
  });

  it('a setting an error names opens through the host\'s copy of the error; an index it does not hold is refused', async () => {
    h.anthropic.faults.push({ kind: 'error', status: 404, errorType: 'not_found_error', message: 'Not Found' });
    const ctl = await h.controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'hello', model: 'sonnet' });
    const failed = lastAnswer(ctl);
    assert.deepEqual(failed.error?.settings, [{ id: 'switchboard.modelProvider.anthropic.baseUrl', label: 'Anthropic Base URL' }]);
    assert.match(failed.error?.hint ?? '', /Check Anthropic Base URL:/);
    await ctl.handle({ type: 'openSetting', messageId: failed.id, settingIndex: 0 });
    await ctl.handle({ type: 'openSetting', messageId: failed.id, settingIndex: 1 });
    assert.deepEqual(h.fixes, [{ kind: 'openSetting', setting: { id: 'switchboard.modelProvider.anthropic.baseUrl', label: 'Anthropic Base URL' }, label: 'Anthropic Base URL' }]);
    assert.ok(h.logger.lines.some((l) => l.includes('open setting refused')));
  });

  it('the history search finds chats by words in their title or messages', async () => {
    const ctl = await h.controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'about kubernetes pods', model: 'sonnet' });
    await ctl.handle({ type: 'newChat' });
    await ctl.handle({ type: 'send', text: 'a recipe for bread', model: 'sonnet' });
    await ctl.handle({ type: 'send', text: 'with sourdough starter', model: 'sonnet' });
    const search = async (query: string): Promise<string[]> => {
      await ctl.handle({ type: 'searchSessions', query });
      const reply = h.posted.filter((m): m is Extract<HostMessage, { type: 'sessions' }> => m.type === 'sessions').at(-1)!;
      assert.equal(reply.query, query);
      return reply.sessions.map((s) => s.title);
    };
    assert.deepEqual(await search('SOURDOUGH'), ['a recipe for bread']);
    assert.deepEqual(await search('pods kubernetes'), ['about kubernetes pods']);
    assert.deepEqual(await search('bread pods'), []);
    assert.deepEqual(await search(''), ['a recipe for bread', 'about kubernetes pods']);
  });
});
