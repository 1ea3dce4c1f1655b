import * as assert from 'node:assert/strict';
import type { HostMessage } from '../../../../src/shared/protocol';
import { lastAnswer, sendAndStopAfter, useChatHarness } from './chatHarness';
import { ALIAS } from '../../client/clientHelpers';

describe('chat controller (through the real client and the emulators)', () => {
  const h = useChatHarness((body) => {
    const messages = body.messages as Array<{ content: unknown }>;
    const last = JSON.stringify(messages[messages.length - 1]?.content ?? '');
    if (last.includes('long answer')) return { content: [{ type: 'text', text: Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ') }] };
    return undefined;
  });
  const controller = h.controller;
  const engine = h.engine;

  it('posts nothing before the ready handshake, then a full init snapshot', async () => {
    const ctl = await controller();
    ctl.attach({ fileName: 'a.ts', text: 'x' });
    assert.equal(h.posted.length, 0);
    await ctl.handle({ type: 'ready' });
    assert.equal(h.posted[0]?.type, 'init');
    assert.equal((h.posted[0] as Extract<HostMessage, { type: 'init' }>).attachments.length, 1);
    assert.equal(h.posted[1]?.type, 'focusInput', 'the queued focus request comes after init');
  });

  it('streams an answer into the session and ends with a footer naming provider, model ID, tokens and cost', async () => {
    const ctl = await controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'please give a long answer', model: 'sonnet' });
    const answer = lastAnswer(ctl);
    assert.equal(answer.status, 'done');
    assert.match(answer.text, /^word0 word1 .* word199$/);
    const deltas = h.posted.filter((m) => m.type === 'delta');
    assert.ok(deltas.length > 5, `the answer arrived in ${deltas.length} deltas`);
    assert.equal(deltas.map((d) => (d as { text: string }).text).join(''), answer.text, 'the deltas add up to the answer');
    const end = h.posted.find((m) => m.type === 'turnEnd') as Extract<HostMessage, { type: 'turnEnd' }>;
    assert.equal(end.footer?.provider, 'anthropic');
    assert.match(end.footer!.modelId, new RegExp(`^${ALIAS.sonnet.anthropicId}`));
    assert.ok(end.footer!.usage!.outputTokens > 0);
    assert.equal(typeof end.footer!.costUsd, 'number');
    assert.equal(ctl.session.title, 'please give a long answer');
  });

  it('sends the earlier turns with the next question (multi-turn)', async () => {
    const ctl = await controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'first question', model: 'sonnet' });
    await ctl.handle({ type: 'send', text: 'second question', model: 'sonnet' });
    const calls = h.anthropic.requests.filter((r) => r.path === '/v1/messages');
    const body = calls[calls.length - 1]!.body as { messages: Array<{ role: string; content: unknown }> };
    assert.deepEqual(body.messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.match(JSON.stringify(body.messages[1]!.content), /first question/, 'the first answer (an echo) is replayed');
  });

  it('Stop aborts the provider request: the emulator sees the connection closed and the text so far is kept', async () => {
    h.anthropic.faults.push({ kind: 'stall-mid-stream', afterEvents: 5 });
    const ctl = await controller();
    await ctl.handle({ type: 'ready' });
    // Stop once five deltas are on screen (an event, not a sleep).
    const fiveDeltas = new Promise<void>((resolve) => {
      let n = 0;
      const sub = ctl.onDidPost((m) => { if (m.type === 'delta' && ++n === 5) { sub.dispose(); resolve(); } });
    });
    const sending = ctl.handle({ type: 'send', text: 'please give a long answer', model: 'sonnet' });
    await fiveDeltas;
    const closed = h.anthropic.whenClientClosed('/v1/messages');
    await ctl.handle({ type: 'stop' });
    await sending;
    const answer = lastAnswer(ctl);
    assert.equal(answer.status, 'stopped');
    assert.match(answer.text, /^word0 /);
    // The emulator reports the connection closed by the client (mocha's timeout fails the test if it never is).
    assert.equal((await closed).clientClosed, true, 'the request was not cancelled');
  });

  it('a stopped answer\'s footer and its ledger record agree (cost and latency of the whole request)', async () => {
    h.anthropic.faults.push({ kind: 'stall-mid-stream', afterEvents: 5 });
    const ctl = await controller();
    await ctl.handle({ type: 'ready' });
    await sendAndStopAfter(ctl, 'please give a long answer', 5);
    const answer = lastAnswer(ctl);
    assert.equal(answer.status, 'stopped');
    const records = await h.engines[h.engines.length - 1]!.records();
    const record = records[records.length - 1]!;
    assert.equal(record.outcome, 'cancelled');
    assert.deepEqual([answer.footer?.costUsd, answer.footer?.latencyMs], [record.costUsd, record.latencyMs], 'the footer and the ledger describe the stopped request differently');
  });

  it('keeps a partial answer marked partial when the stream breaks after content', async () => {
    h.anthropic.faults.push({ kind: 'reset-mid-stream', afterEvents: 4 });
    const ctl = await controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'please give a long answer', model: 'sonnet' });
    const answer = lastAnswer(ctl);
    assert.equal(answer.status, 'partial');
    assert.match(answer.text, /^word0 /);
    assert.ok(answer.error?.message);
    assert.equal(answer.footer?.provider, 'anthropic');
  });

  it('on an error before any text the question stays in the transcript and goes back into the input box', async () => {
    const ctl = await controller(engine({}, 'sk-ant-wrong-key-000000000000'));
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'are you there?', model: 'sonnet' });
    assert.equal(ctl.session.messages[0]?.role, 'user');
    assert.equal(lastAnswer(ctl).status, 'error');
    assert.equal(lastAnswer(ctl).error?.type, 'authentication');
    assert.ok(!JSON.stringify(h.posted).includes('wrong-key'), 'the key leaked to the webview');
    assert.deepEqual(h.posted.filter((m) => m.type === 'restoreInput'), [{ type: 'restoreInput', text: 'are you there?' }]);
  });

  it('Retry re-asks the failed question and replaces the failed answer', async () => {
    h.anthropic.faults.push({ kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'bad request' });
    const ctl = await controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'hello', model: 'sonnet' });
    const failed = lastAnswer(ctl);
    assert.equal(failed.status, 'error');
    await ctl.handle({ type: 'retry', messageId: failed.id });
    assert.deepEqual(ctl.session.messages.map((m) => m.role), ['user', 'assistant']);
    assert.equal(lastAnswer(ctl).status, 'done');
  });

  it('fails over to Bedrock when Anthropic is overloaded and says so in the footer', async () => {
    h.anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: 10 });
    const ctl = await controller(engine({ fallbackProvider: 'bedrock', autoFallback: true }));
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'hello', model: 'sonnet' });
    const answer = lastAnswer(ctl);
    assert.equal(answer.status, 'done');
    assert.equal(answer.footer?.provider, 'bedrock');
    assert.deepEqual([answer.footer?.failover?.from, answer.footer?.failover?.to], ['anthropic', 'bedrock']);
    assert.ok(h.posted.some((m) => m.type === 'failover'));
    assert.ok(h.messagesCalls().length >= 1);
  });

  it('restores the open session (and its scroll position) in a new controller on the same storage', async () => {
    const ctl = await controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'remember me', model: 'sonnet' });
    await ctl.handle({ type: 'scrolled', sessionId: ctl.session.id, scrollTop: 321 });
    // Closing the view must not lose the debounced scroll save: dispose writes it, flushSaves awaits it.
    ctl.dispose();
    await ctl.flushSaves();
    h.posted = [];
    const again = await controller();
    await again.handle({ type: 'ready' });
    const init = h.posted[0] as Extract<HostMessage, { type: 'init' }>;
    assert.equal(init.session.id, ctl.session.id);
    assert.equal(init.session.scrollTop, 321);
    assert.equal(init.session.messages.length, 2);
    assert.deepEqual(init.sessions.map((s) => s.title), ['remember me']);
  });

  it('deleting the open session starts a new chat and removes it from the list', async () => {
    const ctl = await controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'send', text: 'to be deleted', model: 'sonnet' });
    const id = ctl.session.id;
    await ctl.handle({ type: 'deleteSession', sessionId: id });
    assert.notEqual(ctl.session.id, id);
    const last = h.posted.filter((m) => m.type === 'sessions').pop() as Extract<HostMessage, { type: 'sessions' }>;
    assert.deepEqual(last.sessions, []);
  });

  it('the model picked in the view is what the next question is sent as, and the session remembers it', async () => {
    const ctl = await controller();
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'selectModel', model: 'haiku' });
    assert.deepEqual(h.posted.filter((m) => m.type === 'models').map((m) => (m as { selected: string }).selected), ['haiku']);
    await ctl.handle({ type: 'send', text: 'quick one', model: 'haiku' });
    const call = h.anthropic.requests.filter((r) => r.path === '/v1/messages').pop()!;
    assert.match(call.modelId ?? '', new RegExp(`^${ALIAS.haiku.anthropicId}`));
    assert.equal(ctl.session.model, 'haiku');
    assert.match(lastAnswer(ctl).footer?.modelId ?? '', new RegExp(`^${ALIAS.haiku.anthropicId}`));
  });
});
