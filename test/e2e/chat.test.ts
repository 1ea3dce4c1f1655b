import * as assert from 'node:assert/strict';
import { openLocalStore } from '../../src/core/storage/localStore';
import type { AnthropicEmulator } from '../emulators/anthropic';
import type { BedrockEmulator } from '../emulators/bedrock';
import { ask, chatFrame, command, pickTheme, startChatWorkbench } from './chatWorkbench';
import type { ChatWorkbench } from './chatWorkbench';
import { screenshot, selectQuickPickItem, statusBarItem, waitForWorkbench, reportFailure } from './workbench';
import type { Workbench } from './workbench';
import { catalogByName } from '../../src/core/models/catalog';

/** The model the default `sonnet` alias names today (the assertions follow the alias). */
const SONNET = catalogByName('sonnet')!;

const ANSWER = [
  'Here is a **TypeScript** example:',
  '',
  '```typescript',
  'export function greet(name: string): string {',
  '  return `Hello, ${name}!`;',
  '}',
  '```',
  '',
  '- it is *typed*',
  '- it uses a template literal',
  '',
  Array.from({ length: 120 }, (_, i) => `word${i}`).join(' '),
].join('\n');

/** Resolves once the product has written `scrollTop` into a saved chat session (its debounced save) in the
 * local store the extension host uses (as another window or the CLI would read it), or fails after `timeoutMs`. */
async function sessionSavedWithScroll(switchboardHome: string, scrollTop: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const store = openLocalStore(switchboardHome);
    try {
      const sessions = await store.sessions.list().catch(() => []);
      for (const summary of sessions) {
        if ((await store.sessions.load(summary.id).catch(() => undefined))?.scrollTop === scrollTop) return;
      }
    } finally {
      store.close();
    }
    if (Date.now() > deadline) throw new Error(`no chat session in ${switchboardHome}/switchboard.db was saved with scrollTop ${scrollTop}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Chat view (real UI, emulators behind it)', () => {
  let workbench: Workbench;
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;

  let chat: ChatWorkbench;

  before(async () => {
    chat = await startChatWorkbench({ respond: () => ({ content: [{ type: 'text', text: ANSWER }] }) });
    ({ workbench, anthropic, bedrock } = chat);
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'chat');
  });

  after(async () => {
    await chat?.close();
  });

  it('F1 → "Switchboard: Open Chat" shows the view; a question streams in as markdown with a code block and the footer', async () => {
    const { page } = workbench;
    await command(page, 'Switchboard: Open Chat');
    const frame = chatFrame(page);
    await frame.locator('textarea.prompt').waitFor({ state: 'visible', timeout: 30_000 });
    await ask(page, 'Show me a TypeScript greeting function');
    const answer = frame.locator('.message.assistant.status-done').first();
    await answer.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await answer.locator('.answer-footer').innerText(), new RegExp(`^Anthropic · ${SONNET.anthropicId} · \\d+ in · \\d+ out · \\$[\\d.]+ · [\\d.]+ (ms|s)$`));
    assert.equal(await answer.locator('.code-block .code-lang').innerText(), 'typescript');
    assert.ok(await answer.locator('.code-block .hljs-keyword').count() > 0, 'the code block is not highlighted');
    assert.equal(await answer.locator('strong', { hasText: 'TypeScript' }).count(), 1);
    assert.equal(await answer.locator('li').count(), 2);
    assert.equal(await frame.locator('.message.user .user-text').first().innerText(), 'Show me a TypeScript greeting function');
    await screenshot(page, 'chat-dark');
  });

  it('Stop mid-stream cancels the request: the emulator sees the connection closed and the answer is marked stopped', async () => {
    const { page } = workbench;
    const frame = chatFrame(page);
    anthropic.reset();
    anthropic.faults.push({ kind: 'stall-mid-stream', afterEvents: 6 });
    await ask(page, 'A long answer please');
    await frame.locator('.message.assistant').nth(1).locator('.md-tail, .code-block').first().waitFor({ state: 'visible', timeout: 30_000 });
    const stop = frame.locator('vscode-button[data-action="stop"]');
    const closed = anthropic.whenClientClosed('/v1/messages');
    await stop.click();
    await frame.locator('.message.assistant.status-stopped').waitFor({ state: 'visible', timeout: 15_000 });
    // The emulator's event, not a poll: the provider request was cancelled (mocha's timeout fails the test otherwise).
    assert.equal((await closed).clientClosed, true, 'the provider request was not cancelled');
    assert.ok(await frame.locator('.message.assistant.status-stopped .badge-stopped').isVisible());
    await frame.locator('vscode-button[data-action="send"]').waitFor({ state: 'visible' });
  });

  it('Switch Provider to Bedrock and continue the same conversation: the answer comes from Bedrock with the earlier turns', async () => {
    const { page } = workbench;
    const frame = chatFrame(page);
    await command(page, 'Switchboard: Switch Provider');
    await selectQuickPickItem(page, /Bedrock/);
    await frame.locator('.model-hint', { hasText: /Bedrock answers with / }).waitFor({ state: 'visible', timeout: 15_000 });
    bedrock.reset();
    await ask(page, 'And now from Bedrock?');
    const last = frame.locator('.message.assistant').nth(2);
    await last.locator('.answer-footer', { hasText: new RegExp(`^Bedrock · us\\.${SONNET.bedrockId}`) }).waitFor({ state: 'visible', timeout: 30_000 }).catch(async (e: Error) => {
      const shown = await last.innerText().catch(() => '');
      const { execSync } = await import('node:child_process');
      const log = execSync(`find ${workbench.server.rootDir} -name 'Switchboard.log' -exec tail -n 25 {} \\;`, { encoding: 'utf8' });
      throw new Error(`${e.message}\nlog: ${log}\nanswer on screen: ${shown}\nBedrock emulator log: ${JSON.stringify(bedrock.requests.map((r) => [r.method, r.path, r.status, r.httpVersion, r.clientClosed]))}`);
    });
    const call = bedrock.requests.find((r) => /converse-stream/.test(r.path));
    assert.ok(call, `no ConverseStream call: ${bedrock.requests.map((r) => r.path).join(', ')}`);
    const messages = (call.body as { messages: Array<{ role: string }> }).messages;
    assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant', 'user', 'assistant', 'user'], 'the earlier turns were not sent');
    assert.equal(await frame.locator('.message.user').count(), 3, 'one conversation, three questions');
  });

  it('with Anthropic overloaded the answer fails over to Bedrock and carries the failover badge', async () => {
    const { page } = workbench;
    const frame = chatFrame(page);
    // Back to Anthropic through the status bar item (the other way people switch).
    await statusBarItem(page, /^Bedrock · /).click();
    await selectQuickPickItem(page, /Anthropic/);
    await frame.locator('.model-hint', { hasText: /Anthropic answers with / }).waitFor({ state: 'visible', timeout: 15_000 });
    anthropic.reset();
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: 20 });
    await ask(page, 'Is anyone there?');
    const last = frame.locator('.message.assistant').nth(3);
    const badge = last.locator('.badge-failover');
    await badge.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal((await badge.innerText()).trim(), 'answered by Bedrock after Anthropic overloaded');
    assert.match(await last.locator('.answer-footer').innerText(), /^Bedrock · /);
    // While failed over, the picker's hint says who answers now (it said "Anthropic answers with …" before).
    await frame.locator('.model-hint', { hasText: /Bedrock answers with / }).waitFor({ state: 'visible', timeout: 15_000 });
    anthropic.faults.clear();
    await screenshot(page, 'chat-failover-dark');
  });

  it('looks native in a light and a high-contrast theme', async () => {
    const { page } = workbench;
    await pickTheme(page, 'Light Modern');
    const frame = chatFrame(page);
    // The webview follows the theme through the --vscode-* variables.
    const bodyColor = await frame.locator('body').evaluate((el) => (el.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    assert.notEqual(bodyColor, 'rgba(0, 0, 0, 0)');
    await screenshot(page, 'chat-light');
    await pickTheme(page, 'Dark High Contrast');
    await screenshot(page, 'chat-high-contrast');
    await pickTheme(page, 'Dark Modern');
  });

  it('the history lists the conversation with its title and model', async () => {
    const { page } = workbench;
    const frame = chatFrame(page);
    await frame.locator('vscode-toolbar-button[data-action="toggle-history"]').click();
    const item = frame.locator('.history-item').first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await item.locator('.history-item-title').innerText(), 'Show me a TypeScript greeting function');
    assert.match(await item.locator('.history-item-meta').innerText(), /· sonnet$/);
    await screenshot(page, 'chat-history');
  });

  it('reloading the window brings back the open conversation at the same scroll position', async () => {
    const { page } = workbench;
    let frame = chatFrame(page);
    await frame.locator('vscode-toolbar-button[data-action="toggle-history"]').click(); // close the list again
    const transcript = frame.locator('.transcript');
    await transcript.evaluate((el) => { el.scrollTop = 120; el.dispatchEvent(new Event('scroll')); });
    const before = await transcript.evaluate((el) => el.scrollTop);
    // The view saves its scroll position a moment after scrolling stops: wait for that save on disk.
    await sessionSavedWithScroll(workbench.server.switchboardHome, before);
    await page.reload();
    await waitForWorkbench(page);
    await command(page, 'Switchboard: Open Chat');
    frame = chatFrame(page);
    await frame.locator('.message.user').nth(3).waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await frame.locator('.message.user').count(), 4);
    assert.equal(await frame.locator('.message.user .user-text').first().innerText(), 'Show me a TypeScript greeting function');
    // The view restores the position once its content is laid out: wait for it (up to 10 s), then compare.
    let after = -1;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      after = await frame.locator('.transcript').evaluate((el) => el.scrollTop);
      if (Math.abs(after - before) <= 2) break;
      await new Promise((r) => setImmediate(r));
    }
    assert.ok(Math.abs(after - before) <= 2, `scrollTop ${before} before the reload, ${after} after`);
    await screenshot(page, 'chat-after-reload');
  });
});
