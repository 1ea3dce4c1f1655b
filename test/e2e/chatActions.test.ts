import * as assert from 'node:assert/strict';
import { CONTINUE_PROMPT } from '../../src/core/chat/requestBuilder';
import { ask, chatFrame, startChatWorkbench } from './chatWorkbench';
import type { ChatWorkbench } from './chatWorkbench';
import { reportFailure, screenshot } from './workbench';

// Page globals the evaluated callbacks use (this tsconfig has no DOM library).
declare const getComputedStyle: (el: unknown) => { lineHeight: string; overflowY: string };
declare const innerHeight: number;

type Body = { messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }> };
const textOf = (m: Body['messages'][number]): string => (typeof m.content === 'string' ? m.content : m.content.map((b) => b.text ?? '').join(''));
const LONG = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');

// The conversation and its per-message actions in a real window, as a person uses them: the
// emulator's log shows what the product sent. Tests share the window and run in order.
describe('Chat conversation actions (real UI, emulators behind it)', () => {
  let chat: ChatWorkbench;
  let answered = 0;

  before(async () => {
    chat = await startChatWorkbench({
      // No automatic failover here: Retry must be the way a failed question gets answered.
      settings: { 'switchboard.modelProvider.autoFallback': false },
      respond: (body) => {
        const last = textOf((body as unknown as Body).messages.at(-1)!);
        if (last === CONTINUE_PROMPT) return { content: [{ type: 'text', text: ' …and the rest.' }] };
        if (last.includes('long answer')) return { content: [{ type: 'text', text: LONG }] };
        return { content: [{ type: 'text', text: `Answer ${++answered} to: ${last.split('\n')[0]}` }] };
      },
    });
    await chat.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await chat.page.keyboard.press('Control+Shift+Alt+KeyS'); // Open Chat
    await chatFrame(chat.page).locator('textarea.prompt').waitFor({ state: 'visible', timeout: 30_000 });
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, chat?.workbench, 'chat-actions');
  });

  after(async () => {
    await chat?.close();
  });

  const frame = () => chatFrame(chat.page);
  const lastBody = (): Body => chat.anthropic.requestsTo('/v1/messages').at(-1)!.body as unknown as Body;
  const answers = () => frame().locator('.message.assistant');
  /** Asks, and waits until the new answer has ended (done or not). */
  const askAndWait = async (question: string): Promise<void> => {
    const before = await answers().count();
    await ask(chat.page, question);
    await answers().nth(before).and(frame().locator('.status-done, .status-error, .status-partial, .status-stopped')).waitFor({ state: 'visible', timeout: 30_000 });
  };
  /** The clipboard once it holds what `wanted` accepts (VS Code writes it a moment after the click). */
  const clipboardWhen = async (wanted: (text: string) => boolean): Promise<string> => {
    const read = (): Promise<string> => chat.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    for (const deadline = Date.now() + 10_000; ;) {
      const text = await read();
      if (wanted(text)) return text;
      if (Date.now() > deadline) throw new Error(`the clipboard holds ${JSON.stringify(text.slice(0, 80))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('the message box grows with its text (8 lines are taller than 1) up to a limit, then scrolls', async () => {
    const input = frame().locator('textarea.prompt');
    await input.click();
    await input.pressSequentially('line 1');
    const one = await input.evaluate((el) => el.getBoundingClientRect().height);
    for (let i = 2; i <= 8; i++) {
      await input.press('Shift+Enter');
      await input.pressSequentially(`line ${i}`);
    }
    const eight = await input.evaluate((el) => ({ height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) }));
    assert.ok(eight.height >= one + 5 * eight.lineHeight, `8 lines: ${eight.height} px, 1 line: ${one} px`);
    const box = await input.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    assert.ok(box.scroll <= box.client + 1, 'all 8 lines are shown without scrolling');
    await screenshot(chat.page, 'chat-composer-8-lines');
    for (let i = 9; i <= 60; i++) await input.press('Shift+Enter');
    const full = await input.evaluate((el) => ({ height: el.getBoundingClientRect().height, scroll: el.scrollHeight, client: el.clientHeight, limit: innerHeight * 0.4, overflow: getComputedStyle(el).overflowY }));
    assert.ok(full.height <= full.limit + 1, `60 lines: ${full.height} px, limit ${full.limit} px`);
    assert.ok(full.scroll > full.client && full.overflow === 'auto', 'past the limit the box scrolls');
    await input.fill('');
    assert.ok(Math.abs((await input.evaluate((el) => el.getBoundingClientRect().height)) - one) <= 1, 'an empty box shrinks back');
  });

  it('a long question is collapsed behind "Show more", which expands it', async () => {
    const question = Array.from({ length: 20 }, (_, i) => `question line ${i + 1}`).join('\n');
    await askAndWait(question);
    const user = frame().locator('.message.user').last();
    const text = user.locator('.user-text');
    const clipped = await text.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    assert.ok(clipped.scroll > clipped.client + 20, `the question is not collapsed (${JSON.stringify(clipped)})`);
    const more = user.locator('.show-more');
    assert.equal((await more.innerText()).trim(), 'Show more');
    await more.click();
    const open = await text.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    assert.ok(open.scroll <= open.client + 1, 'Show more did not expand the question');
    assert.equal((await more.innerText()).trim(), 'Show less');
  });

  it('Copy on a question and on an answer puts their text on the clipboard', async () => {
    const question = frame().locator('.message.user').last();
    await question.hover();
    await question.locator('[data-action="copy-message"]').click();
    const copied = await clipboardWhen((t) => t.startsWith('question line 1\n'));
    assert.equal(copied, Array.from({ length: 20 }, (_, i) => `question line ${i + 1}`).join('\n'));
    const answer = answers().last();
    await answer.locator('[data-action="copy-message"]').click();
    assert.equal(await clipboardWhen((t) => t.startsWith('Answer ')), await answer.locator('.answer-text').innerText());
  });

  it('Edit and Resend: the edited question is sent and answered in place of the old one', async () => {
    await askAndWait('What is 2+2?');
    const before = await frame().locator('.message.user').count();
    const question = frame().locator('.message.user').last();
    await question.hover();
    await question.locator('[data-action="edit-message"]').click();
    const box = question.locator('textarea.edit-box');
    assert.equal(await box.inputValue(), 'What is 2+2?');
    await box.fill('What is 3+3?');
    await box.press('Enter');
    await answers().last().locator('.answer-text', { hasText: 'to: What is 3+3?' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(textOf(lastBody().messages.at(-1)!), 'What is 3+3?');
    assert.ok(!lastBody().messages.some((m) => textOf(m).includes('2+2')), 'the old question was sent too');
    assert.equal(await frame().locator('.message.user').count(), before, 'the edited question replaced the old one');
    assert.equal(await frame().locator('.message.user .user-text').last().innerText(), 'What is 3+3?');
  });

  it('Regenerate answers the last question again with a new answer', async () => {
    // The answer before is whole (its footer is up) before it is read: a text still streaming would
    // differ from itself a moment later without any regeneration.
    await answers().last().locator('.answer-footer').waitFor({ state: 'visible', timeout: 30_000 });
    const calls = chat.anthropic.requestsTo('/v1/messages').length;
    const count = await answers().count();
    const questions = await frame().locator('.message.user').count();
    const old = await answers().last().locator('.answer-text').innerText();
    // The emulator numbers its answers, so the new one's text is known: wait for it, whole. (A
    // `:not(:text-is(old))` filter on .answer-text never matched — the text sits in a <p>, the
    // smallest element holding it — so the old answer passed and the checks raced the request.)
    const expected = `Answer ${answered + 1} to: What is 3+3?`;
    await answers().last().locator('[data-action="regenerate"]').click();
    await answers().last().and(frame().locator('.status-done')).locator('.answer-text', { hasText: expected }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(chat.anthropic.requestsTo('/v1/messages').length, calls + 1);
    assert.equal(await answers().count(), count, 'the new answer replaced the old one');
    assert.equal(await frame().locator('.message.user').count(), questions, 'the question is shown twice');
    assert.equal(await answers().last().locator('.answer-text').innerText(), expected);
    assert.notEqual(expected, old);
  });

  it('Stop, then Continue: the same answer goes on where it stopped', async () => {
    chat.anthropic.faults.push({ kind: 'stall-mid-stream', afterEvents: 6 });
    await ask(chat.page, 'A long answer please');
    const answer = answers().last();
    await answer.locator('.md-tail').waitFor({ state: 'visible', timeout: 30_000 });
    await frame().locator('vscode-button[data-action="stop"]').click();
    const resume = answer.locator('.answer-continue vscode-button');
    await resume.waitFor({ state: 'visible', timeout: 15_000 });
    const partial = await answer.locator('.answer-text').innerText();
    await resume.click();
    await answer.and(frame().locator('.status-done')).waitFor({ state: 'visible', timeout: 30_000 });
    const body = lastBody();
    // The text so far as the assistant's turn (the screen trims its trailing space), then the request to go on.
    assert.deepEqual(body.messages.slice(-2).map((m) => [m.role, textOf(m).trimEnd()]), [['assistant', partial], ['user', CONTINUE_PROMPT]]);
    assert.equal((await answer.locator('.answer-text').innerText()).replace(/\s+/g, ' '), `${partial} …and the rest.`);
    assert.equal(await answer.locator('.badge-stopped').count(), 0, 'the continued answer is no longer marked stopped');
    await screenshot(chat.page, 'chat-continued');
  });

  it('Retry answers a failed question, and the next question is sent on its own (not merged into it)', async () => {
    chat.anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: 4 });
    await ask(chat.page, 'Is anyone there?');
    const failed = answers().last();
    const retry = failed.locator('.error-actions vscode-button[data-fix-kind="retry"]');
    await retry.waitFor({ state: 'visible', timeout: 60_000 });
    const input = frame().locator('textarea.prompt');
    assert.equal(await input.inputValue(), 'Is anyone there?', 'the failed question was not given back');
    await retry.click();
    await answers().last().locator('.answer-text', { hasText: 'to: Is anyone there?' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await input.inputValue(), '', 'the question answered by Retry is still in the message box');
    assert.equal(await frame().locator('.message.user .user-text', { hasText: 'Is anyone there?' }).count(), 1, 'the retried question is shown twice');
    await input.click();
    await input.pressSequentially('And the next one?');
    await input.press('Enter');
    await answers().last().locator('.answer-text', { hasText: 'to: And the next one?' }).waitFor({ state: 'visible', timeout: 30_000 });
    const users = lastBody().messages.filter((m) => m.role === 'user').map(textOf);
    assert.deepEqual(users.slice(-2), ['Is anyone there?', 'And the next one?']);
    assert.equal(await frame().locator('.message.user .user-text').last().innerText(), 'And the next one?');
  });

  it('a setting an error names is a link that opens it in the Settings editor', async () => {
    chat.anthropic.faults.push({ kind: 'error', status: 404, errorType: 'not_found_error', message: 'Not Found' });
    await ask(chat.page, 'Will this fail?');
    const link = answers().last().locator('.error-hint .setting-link');
    await link.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await link.innerText(), 'Anthropic Base URL');
    assert.doesNotMatch(await answers().last().locator('.answer-error').innerText(), /switchboard\.|#/, 'a raw setting id is shown');
    await link.click();
    const search = chat.page.locator('.settings-editor .settings-header .suggest-input-container .view-lines');
    await search.waitFor({ state: 'visible', timeout: 15_000 });
    // A machine setting: in this remote window it is listed on the Remote tab, which the link opens.
    await chat.page.locator('.settings-editor .setting-item-contents', { hasText: 'Base Url' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await search.innerText(), /switchboard\.modelProvider\.anthropic\.baseUrl/);
    await screenshot(chat.page, 'chat-setting-link');
    await chat.page.keyboard.press('Control+Shift+Alt+KeyS'); // back to the chat
  });

  it('a reopened chat labels each answer with the model it was asked with', async () => {
    await frame().locator('vscode-single-select.model-picker').click();
    await frame().getByRole('option', { name: /^haiku — / }).click();
    await ask(chat.page, 'Now with haiku');
    await answers().last().locator('.answer-text', { hasText: 'to: Now with haiku' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Another chat, then this one again from the history.
    await chat.page.locator('.pane-header, .composite.title').locator('[aria-label^="New Chat"]').first().click();
    await frame().locator('.empty-state').waitFor({ state: 'visible', timeout: 15_000 });
    await frame().locator('vscode-toolbar-button[data-action="toggle-history"]').click();
    await frame().locator('.history-item').first().click();
    await frame().locator('.message.user').first().waitFor({ state: 'visible', timeout: 15_000 });
    const labels = await frame().locator('.message.assistant .answer-model').allInnerTexts();
    assert.equal(labels.at(-2), 'Switchboard · sonnet', 'the failed answer (asked with sonnet) was relabelled');
    assert.equal(labels.at(-1), 'Switchboard · haiku');
  });

  it('the history search finds a chat by a word in its messages', async () => {
    await chat.page.keyboard.press('Control+Shift+Alt+KeyD'); // New Chat
    await frame().locator('.empty-state').waitFor({ state: 'visible', timeout: 15_000 });
    await askAndWait('A recipe for bread');
    await frame().locator('vscode-toolbar-button[data-action="toggle-history"]').click();
    const items = frame().locator('.history-item-title');
    await items.nth(1).waitFor({ state: 'visible', timeout: 10_000 });
    const search = frame().locator('input.history-search');
    await search.fill('haiku');
    await frame().locator('.history-title', { hasText: 'Matching chats' }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.deepEqual(await items.allInnerTexts(), ['question line 1']);
    await search.fill('bread');
    await frame().locator('.history-item-title', { hasText: 'A recipe for bread' }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await items.count(), 1);
    await search.fill('no such words here');
    await frame().locator('.history-empty', { hasText: 'No chats match "no such words here".' }).waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(chat.page, 'chat-history-search');
  });
});
