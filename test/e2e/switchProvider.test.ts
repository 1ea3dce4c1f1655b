import * as assert from 'node:assert/strict';
import { quickPickItems, runCommand, screenshot, selectQuickPickItem, startWorkbench, statusBarItem, statusBarText } from './workbench';
import type { Workbench } from './workbench';

describe('Switchboard status bar and Switch Provider (real UI)', () => {
  let workbench: Workbench;

  before(async () => {
    // Env overrides would pin the provider; this window starts from a clean slate.
    workbench = await startWorkbench({ env: { SWITCHBOARD_PROVIDER: undefined, CLAUDE_CODE_USE_BEDROCK: undefined } });
  });

  after(async () => {
    await workbench?.close();
  });

  it('the status bar shows "Anthropic · sonnet" after startup', async () => {
    const { page } = workbench;
    const item = statusBarItem(page, /^Anthropic · sonnet/);
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'statusbar-anthropic');
    assert.match(await statusBarText(page), /Anthropic · sonnet/);
  });

  it('F1 → "Switchboard: Switch Provider" lists both providers with their auth state, and picking Bedrock updates the status bar', async () => {
    const { page } = workbench;
    await runCommand(page, 'Switchboard: Switch Provider');
    const items = await quickPickItems(page);
    await screenshot(page, 'switch-provider-quickpick');
    assert.ok(items.some((i) => /Anthropic/.test(i) && /no API key|API key/.test(i)), `Anthropic row: ${JSON.stringify(items)}`);
    assert.ok(items.some((i) => /Bedrock/.test(i) && /us-east-1|[a-z]{2}-[a-z]+-\d/.test(i)), `Bedrock row: ${JSON.stringify(items)}`);
    await selectQuickPickItem(page, /Bedrock/);
    await statusBarItem(page, /^Bedrock · sonnet/).waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'statusbar-bedrock');
    assert.match(await statusBarText(page), /Bedrock · sonnet/);
    assert.doesNotMatch(await statusBarText(page), /Anthropic · sonnet/);
  });

  it('clicking the status bar item opens Switch Provider; going back to Anthropic works the same way', async () => {
    const { page } = workbench;
    await statusBarItem(page, /^Bedrock · /).click();
    await quickPickItems(page);
    await selectQuickPickItem(page, /Anthropic/);
    await statusBarItem(page, /^Anthropic · sonnet/).waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'statusbar-back-to-anthropic');
  });
});
