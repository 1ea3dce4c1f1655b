import * as assert from 'node:assert/strict';
import { openCommandPalette, quickPickItems, runCommand, screenshot, startWorkbench, statusBarText } from './workbench';
import type { Workbench } from './workbench';

describe('VS Code window with Switchboard loaded', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await startWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows a status bar and opens the command palette with F1', async () => {
    const { page } = workbench;
    assert.notEqual(await statusBarText(page), '', 'the status bar has no items');
    const input = await openCommandPalette(page);
    await input.fill('>Switchboard');
    const items = await quickPickItems(page);
    await screenshot(page, 'command-palette');
    // Every Switchboard command is in the "Switchboard" category, so the palette finds them by it.
    assert.ok(items.some((item) => item.startsWith('Switchboard: ')), `no "Switchboard: …" command in ${JSON.stringify(items)}`);
    await page.keyboard.press('Escape');
  });

  it('runs a command by its title', async () => {
    const { page } = workbench;
    // A built-in command with a visible effect: the Output panel opens.
    await runCommand(page, 'View: Toggle Output');
    await page.locator('.part.panel .composite.title', { hasText: /output/i }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'output-panel');
  });
});
