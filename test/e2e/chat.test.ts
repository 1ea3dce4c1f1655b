import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openLocalStore } from '../../src/core/storage/localStore';
import { startAnthropicEmulator } from '../emulators/anthropic';
import type { AnthropicEmulator } from '../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../emulators/bedrock';
import type { BedrockEmulator } from '../emulators/bedrock';
import { quickInput, runCommand, screenshot, selectQuickPickItem, startWorkbench, statusBarItem, waitForWorkbench, reportFailure } from './workbench';
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

/** The chat webview's document: VS Code nests it in two iframes. */
function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}

async function ask(page: Page, question: string): Promise<void> {
  const input = chatFrame(page).locator('textarea.prompt');
  await input.click();
  await input.fill(question);
  await input.press('Enter');
}

/**
 * runCommand, tolerant of the palette still showing the previous QuickPick's rows for a moment
 * (the shared helper then sees two label rows and Playwright's strict mode refuses): retry.
 */
async function command(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => page.keyboard.press('Escape'));
    try {
      return await runCommand(page, title);
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 });
    }
  }
}

/** The class VS Code puts on a webview's body for each kind of theme. */
const THEME_KIND: Record<string, string> = { 'Light Modern': 'vscode-light', 'Dark High Contrast': 'vscode-high-contrast', 'Dark Modern': 'vscode-dark' };

/** Runs "Preferences: Color Theme", picks a theme by its label like a person would, and waits until the chat view has it. */
async function pickTheme(page: Page, theme: string): Promise<void> {
  await command(page, 'Preferences: Color Theme');
  const input = quickInput(page).locator('input');
  await input.fill(theme);
  await selectQuickPickItem(page, new RegExp(`^${theme}`));
  await chatFrame(page).locator(`body.${THEME_KIND[theme]}`).waitFor({ state: 'attached', timeout: 15_000 });
}

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

  before(async () => {
    anthropic = await startAnthropicEmulator({ respond: () => ({ content: [{ type: 'text', text: ANSWER }] }) });
    bedrock = await startBedrockEmulator({ region: 'us-east-1' });
    const isolated = mkdtempSync(join(tmpdir(), 'switchboard-e2e-aws-'));
    writeFileSync(join(isolated, 'config'), '');
    const settings = {
      'switchboard.modelProvider.anthropic.baseUrl': anthropic.url,
      'switchboard.modelProvider.bedrock.endpoint': bedrock.url,
      'switchboard.modelProvider.bedrock.awsRegion': 'us-east-1',
      'switchboard.modelProvider.fallbackProvider': 'bedrock',
    };
    workbench = await startWorkbench({
      env: {
        SWITCHBOARD_PROVIDER: undefined, CLAUDE_CODE_USE_BEDROCK: undefined, ANTHROPIC_BASE_URL: undefined, AWS_PROFILE: undefined,
        AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_SESSION_TOKEN: undefined,
        AWS_CONFIG_FILE: join(isolated, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(isolated, 'config'),
        ANTHROPIC_API_KEY: 'sk-ant-test-key',
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1',
      },
      userSettings: { 'workbench.colorTheme': 'Default Dark Modern', ...settings },
    });
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'chat');
  });

  after(async () => {
    await workbench?.close();
    await anthropic?.close();
    await bedrock?.close();
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
