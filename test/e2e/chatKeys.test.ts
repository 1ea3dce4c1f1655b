import * as assert from 'node:assert/strict';
import { CHAT_KEYBINDINGS, keyLabel } from '../../src/shared/chatKeybindings';
import { ask, chatFrame, command, openFile, startChatWorkbench } from './chatWorkbench';
import type { ChatWorkbench } from './chatWorkbench';
import { reportFailure, screenshot } from './workbench';

const README = ['line one', 'line two', 'line three', 'line four', 'line five', ''].join('\n');

/** A chord as Playwright presses it: "ctrl+shift+alt+s" → "Control+Shift+Alt+KeyS". */
const press = (key: string): string => key.split('+').map((k) => ({ ctrl: 'Control', shift: 'Shift', alt: 'Alt', cmd: 'Meta' })[k] ?? `Key${k.toUpperCase()}`).join('+');

// The chat's keybindings, pressed as a person presses them (Linux chords: the test browser runs on
// Linux), Add Selection to Chat's line range, and the view's one New Chat button.
describe('Chat keybindings and Add Selection to Chat (real UI)', () => {
  let chat: ChatWorkbench;

  before(async () => {
    chat = await startChatWorkbench({ workspaceFiles: { 'README.md': README } });
    await chat.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, chat?.workbench, 'chat-keys');
  });

  after(async () => {
    await chat?.close();
  });

  const frame = () => chatFrame(chat.page);

  it('no chat keybinding is already bound by VS Code (its default keybindings, read from the running workbench)', async () => {
    const { page } = chat;
    await command(page, 'Preferences: Open Default Keyboard Shortcuts (JSON)');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').waitFor({ state: 'visible', timeout: 30_000 });
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    const text = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    const defaults = JSON.parse(text.split('\n').filter((line) => !/^\s*\/\//.test(line)).join('\n')) as Array<{ key: string; command: string }>;
    assert.ok(defaults.length > 300, `only ${defaults.length} default keybindings read`);
    const ours = new Set<string>(Object.values(CHAT_KEYBINDINGS).map((k) => k.command));
    for (const binding of Object.values(CHAT_KEYBINDINGS)) {
      const taken = defaults.filter((d) => d.key === binding.key && !ours.has(d.command));
      assert.deepEqual(taken, [], `${binding.key} is VS Code's for ${taken.map((t) => t.command).join(', ')}`);
      // Ours is listed there too: VS Code registered the contributed binding.
      assert.ok(defaults.some((d) => d.key === binding.key && d.command === binding.command), `${binding.command} is not bound to ${binding.key}`);
    }
    await page.keyboard.press('Control+W');
  });

  it(`${keyLabel(CHAT_KEYBINDINGS.addSelection, false)} adds the selection; one that ends at column 1 of line 4 is README.md:1-3`, async () => {
    const { page } = chat;
    await openFile(page, 'README.md');
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.locator('.statusbar-item', { hasText: /Ln 4, Col 1 \(\d+ selected\)/ }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press(press(CHAT_KEYBINDINGS.addSelection.key));
    const chip = frame().locator('.composer .chip');
    await chip.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await chip.innerText()).trim(), 'README.md:1-3');
    await screenshot(page, 'chat-add-selection');
    // What the model gets: lines 1 to 3, named so.
    await ask(page, 'What do these lines say?');
    await frame().locator('.message.assistant.status-done').waitFor({ state: 'visible', timeout: 30_000 });
    const sent = JSON.stringify(chat.anthropic.requestsTo('/v1/messages').at(-1)!.body);
    assert.match(sent, /README\.md \(lines 1-3\)/);
    assert.match(sent, /line three/);
    assert.doesNotMatch(sent, /line four/);
  });

  it(`${keyLabel(CHAT_KEYBINDINGS.openChat, false)} from the editor opens the chat with the cursor in the message box`, async () => {
    const { page } = chat;
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press(press(CHAT_KEYBINDINGS.openChat.key));
    const input = frame().locator('textarea.prompt');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document;
      return doc.activeElement?.tagName === 'IFRAME';
    });
    // As a user does: type once the cursor shows in the message box.
    await frame().locator('textarea.prompt:focus').waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type('typed after the shortcut');
    assert.equal(await input.inputValue(), 'typed after the shortcut');
    await input.fill('');
  });

  it(`${keyLabel(CHAT_KEYBINDINGS.newChat, false)} starts a new chat; the old one is in the history`, async () => {
    const { page } = chat;
    assert.ok(await frame().locator('.message.user').count() > 0);
    await page.keyboard.press(press(CHAT_KEYBINDINGS.newChat.key));
    await frame().locator('.empty-state').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await frame().locator('.message').count(), 0);
    await frame().locator('vscode-toolbar-button[data-action="toggle-history"]').click();
    await frame().locator('.history-item-title', { hasText: 'What do these lines say?' }).waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('New Chat is one button, the view\'s title action, and its tooltip names the keybinding', async () => {
    const { page } = chat;
    const titleActions = page.locator('#workbench\\.parts\\.sidebar [aria-label^="New Chat"]:visible');
    assert.equal(await titleActions.count(), 1);
    assert.equal(await titleActions.getAttribute('aria-label'), `New Chat (${keyLabel(CHAT_KEYBINDINGS.newChat, false)})`);
    await titleActions.hover();
    await page.locator('.workbench-hover, .monaco-hover', { hasText: `New Chat (${keyLabel(CHAT_KEYBINDINGS.newChat, false)})` }).first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await frame().locator('[aria-label^="New Chat"], [title^="New Chat"]').count(), 0, 'the chat view has a second New Chat button');
    // The empty chat names all three shortcuts.
    const hints = await frame().locator('.empty-state kbd').allInnerTexts();
    assert.deepEqual(hints, [CHAT_KEYBINDINGS.addSelection, CHAT_KEYBINDINGS.openChat, CHAT_KEYBINDINGS.newChat].map((k) => keyLabel(k, false)));
  });
});
