// Issue 14 item 9 in a real window: the walkthrough notices a key already in the environment (no
// "give it credentials" step to do), and its fallback and budget steps complete when those are set
// through their own buttons.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { reportFailure, runCommand, screenshot, selectQuickPickItem, startWorkbench, statusBarItem } from './workbench';
import type { Workbench } from './workbench';

function step(page: Page, id: string): Locator {
  return page.locator(`.getting-started-step[data-step-id$="#switchboard.gettingStarted#${id}"]`);
}

/** Resolves once VS Code shows the step as done (its checkbox ticked). */
async function stepDone(page: Page, id: string): Promise<void> {
  await page.locator(`.getting-started-step[aria-checked="true"][data-step-id$="#switchboard.gettingStarted#${id}"]`).waitFor({ state: 'attached', timeout: 15_000 });
}

describe('Walkthrough (real UI)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await startWorkbench({
      installExtension: true,
      // A developer who already has ANTHROPIC_API_KEY in their shell.
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-key', SWITCHBOARD_PROVIDER: undefined, AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_BEARER_TOKEN_BEDROCK: undefined },
      userSettings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    await statusBarItem(workbench.page, /^Anthropic · /).waitFor({ state: 'visible', timeout: 30_000 });
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'walkthrough');
  });

  after(async () => {
    await workbench?.close();
  });

  it('with ANTHROPIC_API_KEY in the environment it says the credentials are found instead of asking for them', async () => {
    const { page } = workbench;
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await selectQuickPickItem(page, /Get started with Switchboard/);
    await step(page, 'provider').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await step(page, 'credentials').count(), 0, 'the "Give it credentials" step is shown although a key is found');
    await step(page, 'credentialsFound').click();
    await step(page, 'credentialsFound').locator('.step-description-container', { hasText: 'Switchboard already has credentials' }).waitFor({ state: 'visible', timeout: 10_000 });
    await stepDone(page, 'credentialsFound');
    await screenshot(page, 'walkthrough-credentials-found');
  });

  it('the fallback step opens the setting, and choosing a fallback provider there completes it', async () => {
    const { page } = workbench;
    await step(page, 'fallback').click();
    await step(page, 'fallback').locator('.button-link, a', { hasText: 'Set Fallback Provider' }).first().click();
    const select = page.locator('.settings-editor .setting-item-contents[data-key="switchboard.modelProvider.fallbackProvider"] select');
    await select.waitFor({ state: 'visible', timeout: 15_000 });
    await select.selectOption('bedrock');
    // The Settings editor marks the setting as set once it has written it.
    await page.locator('.settings-editor .setting-item-contents.is-configured[data-key="switchboard.modelProvider.fallbackProvider"]').waitFor({ state: 'attached', timeout: 10_000 });
    await page.keyboard.press('Escape');
    await stepDone(page, 'fallback');
  });

  it('the budget step opens the monthly budget, and setting one completes it', async () => {
    const { page } = workbench;
    await page.locator('.settings-editor').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => page.keyboard.press('Escape'));
    await step(page, 'budget').click();
    await step(page, 'budget').locator('.button-link, a', { hasText: 'Set Monthly Budget' }).first().click();
    const input = page.locator('.settings-editor .setting-item-contents[data-key="switchboard.budget.monthlyUsd"] input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('20');
    await input.press('Enter');
    await page.locator('.settings-editor .setting-item-contents.is-configured[data-key="switchboard.budget.monthlyUsd"]').waitFor({ state: 'attached', timeout: 10_000 });
    await page.keyboard.press('Escape');
    await stepDone(page, 'budget');
    await screenshot(page, 'walkthrough-steps-done');
  });
});
