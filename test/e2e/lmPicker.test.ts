// VS Code's own Chat view lists Switchboard's models in its model picker (dark and light theme).
// Sending from the Chat panel itself is NOT tested: VS Code asks for a GitHub Copilot sign-in
// first, which these offline machines cannot do. What a request does is proven in-host, through
// vscode.lm from another extension (test/vscode/suite/lm.test.ts).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { catalogByName } from '../../src/core/models/catalog';
import { reportFailure, runCommand, screenshot, startWorkbench } from './workbench';
import type { Workbench } from './workbench';

/** The models the `sonnet` (default) and `opus` aliases name today (the assertions follow the aliases). */
const SONNET = catalogByName('sonnet')!;
const OPUS = catalogByName('opus')!;

async function openPicker(page: Page): Promise<string[]> {
  await runCommand(page, 'Chat: Open Chat');
  const picker = page.locator('.chat-input-toolbars [aria-label*="· Switchboard"]').first();
  await picker.waitFor({ state: 'visible', timeout: 60_000 });
  await picker.click();
  const rows = page.locator('.monaco-list-row', { hasText: '· Switchboard' });
  await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
  // 1.139 shows the chosen model and folds the rest under "Other Models": open it, as a person would.
  const other = page.locator('.monaco-list-row', { hasText: 'Other Models' }).first();
  if (await other.isVisible()) {
    await other.click();
    await page.locator('.monaco-list-row', { hasText: `${SONNET.displayName} · Switchboard` }).first().waitFor({ state: 'visible', timeout: 15_000 });
  }
  return rows.allTextContents();
}

for (const theme of ['Default Dark Modern', 'Default Light Modern']) {
  describe(`VS Code Chat model picker lists the Switchboard models (${theme})`, () => {
    let workbench: Workbench;
    before(async () => {
      // A key in the environment makes the Anthropic models usable; nothing is sent in this test.
      workbench = await startWorkbench({ env: { ANTHROPIC_API_KEY: 'sk-ant-e2e-picker-key', SWITCHBOARD_PROVIDER: undefined, CLAUDE_CODE_USE_BEDROCK: undefined }, userSettings: { 'workbench.colorTheme': theme } });
    });
    afterEach(async function () {
      await reportFailure(this.currentTest, workbench, 'lm-picker');
    });
    after(async () => {
      await workbench?.close();
    });

    it('the picker shows the default model ("Claude Sonnet … · Switchboard") and the other Claude models', async () => {
      const rows = await openPicker(workbench.page);
      await screenshot(workbench.page, `lm-picker-${theme.includes('Dark') ? 'dark' : 'light'}`);
      assert.ok(rows.some((r) => r.includes(`${SONNET.displayName} · Switchboard`)), rows.join(' | '));
      assert.ok(rows.some((r) => r.includes(`${OPUS.displayName} · Switchboard`)), rows.join(' | '));
      assert.ok(!rows.some((r) => r.includes('Amazon Nova')), 'Bedrock-only models are not offered while Bedrock is not in the route');
    });
  });
}
