// Issue 14 item 7 in a real window: Switchboard's settings in the Settings editor read like a native
// extension's — categories, the Bedrock region as a choice with what each gives, description links
// that go to the setting, machine-scoped settings under Remote (not greyed out under User), and a
// settings.json hover without raw `#setting#` syntax.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { regionChoices } from '../../src/extension/settings/regionChoices';
import { reportFailure, runCommand, screenshot, startWorkbench, statusBarItem } from './workbench';
import type { Workbench } from './workbench';

const EMULATOR_ENDPOINT = 'http://127.0.0.1:9/bedrock';

function settingsEditor(page: Page): Locator {
  return page.locator('.settings-editor');
}

/** A setting's row in the Settings editor's list, by its key. */
function settingRow(page: Page, key: string): Locator {
  return settingsEditor(page).locator(`.setting-item-contents[data-key="${key}"]`);
}

async function openSettingsFor(page: Page, query: string): Promise<void> {
  await runCommand(page, 'Preferences: Open Settings (UI)');
  await settingsEditor(page).waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(query);
  await settingsEditor(page).locator('.settings-count-widget', { hasText: /Settings? Found/ }).waitFor({ state: 'visible', timeout: 15_000 });
}

function tocEntry(page: Page, text: RegExp): Locator {
  return settingsEditor(page).locator('.settings-toc-container .settings-toc-entry', { hasText: text }).first();
}

/** Text of each TOC entry and whether the TOC cut it off. */
async function tocEntries(page: Page): Promise<Array<{ text: string; truncated: boolean }>> {
  const labels = settingsEditor(page).locator('.settings-toc-container .monaco-list-row .settings-toc-entry');
  await labels.first().waitFor({ state: 'visible', timeout: 10_000 });
  return labels.evaluateAll((els) => els.map((el) => {
    const e = el as unknown as { innerText: string; scrollWidth: number; clientWidth: number };
    return { text: e.innerText.trim(), truncated: e.scrollWidth > e.clientWidth + 1 };
  }));
}

describe('Settings editor and settings.json (real UI)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await startWorkbench({
      installExtension: true,
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-key', SWITCHBOARD_PROVIDER: undefined, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined },
      userSettings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'switchboard.modelProvider.bedrock.awsRegion': 'eu-west-1',
        'switchboard.modelProvider.autoFallback': true,
        // Machine-scoped: the test server puts it in Remote settings, as the sandbox must.
        'switchboard.modelProvider.bedrock.endpoint': EMULATOR_ENDPOINT,
      },
    });
    await statusBarItem(workbench.page, /^Anthropic · /).waitFor({ state: 'visible', timeout: 30_000 });
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'settings-ui');
  });

  after(async () => {
    await workbench?.close();
  });

  it('lists the settings in titled categories, shown whole in the table of contents', async () => {
    const { page } = workbench;
    await openSettingsFor(page, '@ext:switchboard-dev.switchboard');
    const toc = await tocEntries(page);
    await screenshot(page, 'settings-categories');
    const names = toc.map((t) => t.text.replace(/\s*\(\d+\)$/, ''));
    // In a remote window the User tab leaves out machine-scoped settings (Anthropic's two are both).
    for (const c of ['General', 'Bedrock', 'Failover', 'Timeouts', 'Budget & Prices', 'Cache']) assert.ok(names.includes(c), `${c} missing from ${JSON.stringify(names)}`);
    for (const t of toc) assert.equal(t.truncated, false, `TOC entry cut off: ${t.text}`);
    // The TOC narrows the results to a category, as a person clicks it.
    await tocEntry(page, /^Bedrock/).click();
    const region = settingRow(page, 'switchboard.modelProvider.bedrock.awsRegion');
    await region.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal((await region.locator('.setting-item-label').innerText()).trim(), 'Aws Region');
    assert.match(await region.locator('.setting-item-description').innerText(), /^The AWS region Bedrock requests go to\./);
  });

  it('the Bedrock region is a choice of the regions that serve Claude, each saying which inference profile it gives', async () => {
    const { page } = workbench;
    const region = settingRow(page, 'switchboard.modelProvider.bedrock.awsRegion');
    const select = region.locator('select');
    assert.equal(await select.inputValue(), 'eu-west-1');
    const options = await select.locator('option').allInnerTexts();
    assert.ok(options.length >= 30 && options.includes('ap-northeast-1') && options.includes('us-gov-west-1'), JSON.stringify(options));
    await select.click();
    const dropdown = page.locator('.monaco-select-box-dropdown-container');
    await dropdown.waitFor({ state: 'visible', timeout: 10_000 });
    // Each description names the profile each tier's current model gets there (regionChoices.ts, which
    // package.json is held to): eu. for at least one model in Ireland, global. for all in São Paulo.
    const described = (r: string): string => regionChoices().find((c) => c.region === r)!.description;
    assert.match(described('eu-west-1'), /^Europe \(Ireland\): (.*; )?eu\. profiles/);
    assert.equal(described('sa-east-1'), 'South America (São Paulo): global. profiles');
    await dropdown.locator('.monaco-list-row', { hasText: /^eu-west-1/ }).first().hover();
    await dropdown.locator('.select-box-details-pane', { hasText: described('eu-west-1') }).waitFor({ state: 'visible', timeout: 10_000 });
    await dropdown.locator('.monaco-list-row', { hasText: /^sa-east-1/ }).first().hover();
    await dropdown.locator('.select-box-details-pane', { hasText: described('sa-east-1') }).waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'settings-region-choices');
    await page.keyboard.press('Escape');
  });

  it('a link in a description goes to the setting it names', async () => {
    const { page } = workbench;
    await tocEntry(page, /^Failover/).click();
    const auto = settingRow(page, 'switchboard.modelProvider.autoFallback');
    await auto.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await auto.locator('.setting-item-description').innerText();
    assert.doesNotMatch(text, /#switchboard\./);
    await auto.locator('.setting-item-description a', { hasText: 'Fallback Provider' }).click();
    await settingsEditor(page).locator('.monaco-list-row.focused .setting-item-contents[data-key="switchboard.modelProvider.fallbackProvider"]').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('machine-scoped settings are set and shown under Remote, not greyed out under User; the test server wrote them nowhere else', async () => {
    const { page, server } = workbench;
    assert.equal(await settingRow(page, 'switchboard.modelProvider.bedrock.endpoint').count(), 0, 'the User tab shows the machine-scoped endpoint');
    await settingsEditor(page).locator('.settings-tabs-widget .action-label', { hasText: /^Remote/ }).click();
    await settingsEditor(page).locator('.settings-header .suggest-input-container').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('@ext:switchboard-dev.switchboard endpoint');
    const endpoint = settingRow(page, 'switchboard.modelProvider.bedrock.endpoint');
    await endpoint.waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'settings-remote-machine');
    assert.equal(await endpoint.locator('input').inputValue(), EMULATOR_ENDPOINT);
    assert.equal(await endpoint.locator('input').isDisabled(), false);
    assert.match(await endpoint.locator('.setting-item-description').innerText(), /In a remote window .*set it under Remote settings/);
    const user = JSON.parse(readFileSync(join(server.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(user['switchboard.modelProvider.bedrock.endpoint'], undefined, 'a machine-scoped setting was written to User settings');
    await page.keyboard.press('Escape');
  });

  it('a settings.json hover shows the description with its link as words, never raw #setting# syntax', async () => {
    const { page } = workbench;
    await runCommand(page, 'Preferences: Open User Settings (JSON)');
    const key = page.locator('.monaco-editor .view-line span', { hasText: '"switchboard.modelProvider.autoFallback"' }).first();
    await key.waitFor({ state: 'visible', timeout: 15_000 });
    await key.hover();
    const hover = page.locator('.monaco-hover .hover-contents', { hasText: 'Fail over' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    await screenshot(page, 'settings-json-hover');
    assert.match(text, /Fail over to the Fallback Provider automatically/);
    assert.doesNotMatch(text, /#switchboard\./);
  });
});
