import * as assert from 'node:assert/strict';
import { contrastViolations, describeViolations, frameOf } from './contrast';
import { ask, chatFrame, command, openFile, pickTheme, startChatWorkbench, THEMES } from './chatWorkbench';
import type { ChatWorkbench } from './chatWorkbench';
import { cutOffTexts } from './textFit';
import { reportFailure, screenshot } from './workbench';

// Every part of the chat that shows text, in each of the four themes VS Code ships: markdown with
// inline code, links, a quote, a table and a highlighted code block; a stopped answer; an error
// box with a setting link and its fix buttons; footers; attachment chips; the history list.
const RICH = [
  '## Reading a config file',
  '',
  'Call `loadConfig()` with a path; it returns `null` when the file is missing. See [the docs](https://example.com/docs).',
  '',
  '> Paths are relative to the **workspace** root.',
  '',
  '| option | default |',
  '| --- | --- |',
  '| `strict` | `true` |',
  '',
  '```typescript',
  '// Reads and validates the file',
  'export async function loadConfig(path: string, retries = 3): Promise<Config | null> {',
  '  const text = await readFile(path, { encoding: "utf8" });',
  '  return text ? { ...parse(text), strict: true, retries } : null;',
  '}',
  '```',
  '',
  '- first *point*',
  '- second point with `code`',
].join('\n');
const LONG = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');

describe('Chat view in the four themes: every text readable (contrast ≥ 4.5:1), no button cut off', () => {
  let chat: ChatWorkbench;

  before(async () => {
    chat = await startChatWorkbench({
      respond: (body) => JSON.stringify(body.messages).includes('long answer') ? { content: [{ type: 'text', text: LONG }] } : { content: [{ type: 'text', text: RICH }] },
      workspaceFiles: { 'README.md': '# Sample\n\nA file to attach.\n' },
    });
    const { page, anthropic } = chat;
    const frame = chatFrame(page);
    await openFile(page, 'README.md');
    await command(page, 'Switchboard: Add File to Chat');
    await frame.locator('.composer .chip', { hasText: 'README.md' }).waitFor({ state: 'visible', timeout: 30_000 });
    await ask(page, 'How do I read the config?');
    await frame.locator('.message.assistant.status-done').first().waitFor({ state: 'visible', timeout: 30_000 });
    // A stopped answer (badge and Continue button).
    anthropic.faults.push({ kind: 'stall-mid-stream', afterEvents: 6 });
    await ask(page, 'A long answer please');
    await frame.locator('.message.assistant').nth(1).locator('.md-tail').waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('vscode-button[data-action="stop"]').click();
    await frame.locator('.message.assistant.status-stopped .answer-continue vscode-button').waitFor({ state: 'visible', timeout: 15_000 });
    // An error with a setting link in its hint and fix buttons.
    anthropic.faults.push({ kind: 'error', status: 404, errorType: 'not_found_error', message: 'Not Found' });
    await ask(page, 'And now?');
    await frame.locator('.answer-error .setting-link').waitFor({ state: 'visible', timeout: 30_000 });
    // A chip waiting in the message box, and the history list open.
    await command(page, 'Switchboard: Add File to Chat');
    await frame.locator('.composer .chip').waitFor({ state: 'visible', timeout: 15_000 });
    await frame.locator('vscode-toolbar-button[data-action="toggle-history"]').click();
    await frame.locator('.history-item').first().waitFor({ state: 'visible', timeout: 10_000 });
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, chat?.workbench, 'chat-themes');
  });

  after(async () => {
    await chat?.close();
  });

  for (const theme of THEMES) {
    it(`${theme.label}: no text below its contrast ratio, no button text cut off`, async () => {
      const { page } = chat;
      await pickTheme(page, theme.label);
      const frame = await frameOf(chatFrame(page));
      // Everything the check needs is on screen: the parts this theme pass must see.
      for (const part of ['.markdown :not(pre) > code', '.code-block .hljs-keyword', '.code-block .hljs-string', '.code-block .hljs-comment', '.code-block .hljs-number', '.badge-stopped', '.answer-error .error-message', '.answer-error .setting-link', '.answer-footer', '.history-item-title', '.composer .chip']) {
        assert.ok(await frame.locator(part).count() > 0, `${part} is not in the chat view`);
      }
      // Two screenshots to look at: the top of the conversation (markdown, code) and its end (error box, composer).
      await frame.locator('.transcript').evaluate((el) => { el.scrollTop = 0; });
      await screenshot(page, `chat-theme-${theme.label}-top`);
      await frame.locator('.transcript').evaluate((el) => { el.scrollTop = el.scrollHeight; });
      await screenshot(page, `chat-theme-${theme.label}-end`);
      const violations = await contrastViolations(frame);
      assert.deepEqual(violations, [], `contrast in ${theme.label}:\n${describeViolations(violations)}`);
      assert.deepEqual(await cutOffTexts(frame, 'vscode-button, button, vscode-toolbar-button, .chip, .badge'), []);
    });
  }
});
