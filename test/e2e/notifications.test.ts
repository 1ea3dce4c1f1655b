// Issue 14 items 1 (notifications) and 6: every notification that reports an error or an alert
// offers the fixes for its cause, primary first, with no button or message cut off; clicking the
// primary fix fixes the cause. Real VS Code (the test server + Chromium), the local emulators.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnthropicEmulator } from '../emulators/anthropic';
import type { BedrockEmulator } from '../emulators/bedrock';
import type { StsEmulator } from '../emulators/sts';
import { catalogByName } from '../../src/core/models/catalog';
import { openLocalStore } from '../../src/core/storage/localStore';
import { askInChat, chatFrame } from './chatView';
import { dashboardFrame } from './dashboardPage';
import { startEmulatorWindow } from './emulatorWindow';
import { clearToasts, clickToastButton, readToast, toast } from './notifications';
import type { ToastView } from './notifications';
import { setRemoteSettings } from './userSettings';
import { quickInput, quickPickItems, reportFailure, runCommand, screenshot, selectQuickPickItem, statusBarItem } from './workbench';
import type { Workbench } from './workbench';

/** The models the `sonnet` and `haiku` aliases name today (the assertions follow the aliases). */
const SONNET = catalogByName('sonnet')!;
const HAIKU = catalogByName('haiku')!;
const re = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const GOOD_KEY = 'sk-ant-api03-e2e-good-key-000000000000000000000good';
const STALE_KEY = 'sk-ant-api03-e2e-stale-key-00000000000000000000stale';

/** Nothing on the toast is cut off, and the buttons are the fixes in this order (primary first). */
function assertWhole(view: ToastView, labels: string[]): void {
  assert.equal(view.messageTruncated, false, `message cut off: ${view.message}`);
  assert.equal(view.sourceTruncated, false, `the source line ("Source: Switchboard") is cut off: buttons ${view.buttons.map((b) => `${b.label} ${b.width}px`).join(', ')} in a ${view.rowWidth}px row`);
  assert.deepEqual(view.buttons.map((b) => b.label), labels);
  for (const b of view.buttons) assert.equal(b.truncated, false, `button cut off: ${b.label}`);
  if (labels.length) assert.deepEqual(view.buttons.map((b) => b.primary), labels.map((_, i) => i === 0), 'the first fix is not the primary button');
}

describe('Notifications offer the fixes for their cause (real UI)', () => {
  let workbench: Workbench;
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let sts: StsEmulator;
  let close: (() => Promise<void>) | undefined;

  before(async () => {
    const window = await startEmulatorWindow({
      anthropic: { apiKeys: [GOOD_KEY] },
      anthropicKey: GOOD_KEY,
      userSettings: {
        // A $1 budget with a hard stop (only chat requests meet it; Test Connection is not a billed request).
        'switchboard.budget.monthlyUsd': 1,
        'switchboard.budget.hardStop': true,
        'switchboard.budget.alertThresholds': [100],
      },
    });
    ({ workbench, anthropic, bedrock, sts } = window);
    close = window.close;
    // $5 spent this month, as the CLI or another window would have recorded it, in the store the extension reads.
    const store = openLocalStore(workbench.server.switchboardHome);
    try {
      await store.ledger.append({
        time: new Date().toISOString(), provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', inputTokens: 1000, outputTokens: 1000,
        cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 900, costUsd: 5, outcome: 'ok', cached: false, surface: 'cli',
      });
    } finally {
      store.close();
    }
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'notifications');
    await clearToasts(workbench.page);
  });

  after(async () => {
    await close?.();
  });

  it('Test Connection: the toast shows the model and latency whole, offers Test Bedrock, and that tests Bedrock', async () => {
    const { page } = workbench;
    await statusBarItem(page, /^Anthropic · sonnet/).waitFor({ state: 'visible', timeout: 30_000 });
    await runCommand(page, 'Switchboard: Test Connection');
    const ok = await toast(page, /Anthropic OK/);
    const view = await readToast(ok);
    await screenshot(page, 'notify-test-connection');
    assert.match(view.message, new RegExp(`Anthropic OK — ${re(SONNET.anthropicId!)}, \\d+ ms\\.`));
    assertWhole(view, ['Test Bedrock', 'Show Details']);
    await clickToastButton(ok, 'Test Bedrock');
    const bedrockOk = await readToast(await toast(page, /Bedrock OK/));
    assert.match(bedrockOk.message, new RegExp(`Bedrock OK — us\\.${re(SONNET.bedrockId!)}, \\d+ ms\\.`));
    assertWhole(bedrockOk, ['Test Anthropic', 'Show Details']);
    assert.ok(bedrock.requests.some((r) => /converse/.test(r.path)), 'Bedrock was not called');
    assert.ok(sts.requests.length > 0, 'who signed in was not asked of the local STS emulator');
  });

  it('a slow Test Connection shows a cancellable progress notice until the result replaces it', async () => {
    const { page } = workbench;
    await clearToasts(page);
    // The emulator holds the answer for 3 s; a quick test shows no notice (PROGRESS_NOTICE_DELAY_MS).
    anthropic.faults.push({ kind: 'slow-first-byte', delayMs: 3_000 });
    await runCommand(page, 'Switchboard: Test Connection');
    const notice = await toast(page, /testing Anthropic…/, 10_000);
    assert.deepEqual((await readToast(notice)).buttons.map((b) => b.label), ['Cancel']);
    await toast(page, /Anthropic OK/);
    await notice.waitFor({ state: 'detached', timeout: 10_000 });
  });

  /** F1 → Set Anthropic API Key → type the key into the password box → Enter, as a person does. */
  async function typeApiKey(key: string): Promise<void> {
    const { page } = workbench;
    await runCommand(page, 'Switchboard: Set Anthropic API Key');
    const input = quickInput(page).locator('input');
    await input.fill(key);
    await input.press('Enter');
  }

  it('Set API Key tests the key it stored: a stale key (ANTHROPIC_API_KEY holds a good one) offers Clear Stored Key first, and that fixes it', async () => {
    const { page } = workbench;
    await typeApiKey(STALE_KEY);
    const failed = await toast(page, /but the test failed/);
    const view = await readToast(failed);
    await screenshot(page, 'notify-stale-key');
    // Where it is stored, truly: a browser window has no OS keychain.
    assert.match(view.message, /Anthropic API key …tale was stored in VS Code SecretStorage in this browser/);
    assert.doesNotMatch(view.message, /encrypted with your OS keychain/);
    assert.match(view.message, /clear the stored key to use ANTHROPIC_API_KEY/);
    assertWhole(view, ['Clear Stored Key', 'Set API Key']);
    const before = anthropic.requests.length;
    await clickToastButton(failed, 'Clear Stored Key');
    await toast(page, /Anthropic API key cleared/);
    await runCommand(page, 'Switchboard: Test Connection');
    assert.ok((await readToast(await toast(page, /Anthropic OK/))).message.includes(SONNET.anthropicId!));
    // The emulator accepts only GOOD_KEY: a 200 after clearing is the key from ANTHROPIC_API_KEY.
    const after = anthropic.requests.slice(before);
    assert.ok(after.some((r) => r.path === '/v1/messages/count_tokens' && r.status === 200), `no accepted call after clearing: ${after.map((r) => `${r.path} ${r.status ?? ''}`).join(', ')}`);
  });

  it('Set API Key with a good key says where it is stored and that it works, with model and latency', async () => {
    const { page } = workbench;
    await typeApiKey(GOOD_KEY);
    const works = await readToast(await toast(page, /works —/));
    await screenshot(page, 'notify-key-works');
    assert.match(works.message, new RegExp(`^Switchboard: Anthropic API key …good works — ${re(SONNET.anthropicId!)}, \\d+ ms\\. Stored in VS Code SecretStorage in this browser`));
    assertWhole(works, ['Test Bedrock', 'Show Details']);
    await runCommand(page, 'Switchboard: Clear Anthropic API Key');
    await toast(page, /Anthropic API key cleared/);
  });

  it('a model this provider does not serve: Test Connection offers Use Bedrock first, and that makes the model work', async () => {
    const { page, server } = workbench;
    setRemoteSettings(server, { 'switchboard.model': 'nova-pro' });
    await statusBarItem(page, /^Anthropic · nova-pro/).waitFor({ state: 'visible', timeout: 15_000 });
    await runCommand(page, 'Switchboard: Test Connection');
    const failed = await toast(page, /nova-pro/);
    const view = await readToast(failed);
    await screenshot(page, 'notify-model-not-on-provider');
    assertWhole(view, ['Use Bedrock', 'Pick Another Model']);
    await clickToastButton(failed, 'Use Bedrock');
    await statusBarItem(page, /^Bedrock · nova-pro/).waitFor({ state: 'visible', timeout: 15_000 });
    // Switch Provider says what it switched to, and the health check runs without a Test Connection.
    const switched = await readToast(await toast(page, /switched to Bedrock/));
    assert.match(switched.message, /switched to Bedrock in us-east-1: nova-pro is us\.amazon\.nova-pro-v1:0\./);
    assertWhole(switched, ['Test Connection']);
    await page.locator('#workbench\\.parts\\.statusbar .statusbar-item[aria-label*="health ok"]', { hasText: /^Bedrock · nova-pro/ }).waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('Pick Another Model (from the same failure on Anthropic) lists only models Anthropic serves, and the pick fixes Test Connection', async () => {
    const { page } = workbench;
    await runCommand(page, 'Switchboard: Switch Provider');
    await selectQuickPickItem(page, /Anthropic/);
    await statusBarItem(page, /^Anthropic · nova-pro/).waitFor({ state: 'visible', timeout: 15_000 });
    await clearToasts(page);
    await runCommand(page, 'Switchboard: Test Connection');
    await clickToastButton(await toast(page, /nova-pro/), 'Pick Another Model');
    const items = await quickPickItems(page);
    await screenshot(page, 'notify-pick-another-model');
    assert.ok(!items.some((i) => /nova|llama|mistral/i.test(i)), `models Anthropic cannot serve are offered: ${JSON.stringify(items)}`);
    assert.ok(items.some((i) => i.startsWith(`haiku — ${HAIKU.displayName.replace(/^Claude /, '')}`)), JSON.stringify(items));
    await selectQuickPickItem(page, /^haiku — /);
    await statusBarItem(page, /^Anthropic · haiku/).waitFor({ state: 'visible', timeout: 15_000 });
    await runCommand(page, 'Switchboard: Test Connection');
    await toast(page, new RegExp(`Anthropic OK — ${re(HAIKU.anthropicId!)}`));
  });

  it('over budget with a hard stop: the refusal offers Allow One More Request first, and that lets the next question through', async () => {
    const { page } = workbench;
    await runCommand(page, 'Switchboard: Open Chat');
    await chatFrame(page).locator('textarea.prompt').waitFor({ state: 'visible', timeout: 30_000 });
    const calls = (): number => anthropic.requests.filter((r) => r.path === '/v1/messages').length;
    const before = calls();
    await askInChat(page, 'Over budget?');
    const refusal = await toast(page, /has reached the monthly budget/);
    const view = await readToast(refusal);
    await screenshot(page, 'notify-over-budget');
    assertWhole(view, ['Allow One More Request', 'Budget Settings']);
    assert.equal(calls(), before, 'a refused request reached the provider');
    await clickToastButton(refusal, 'Allow One More Request');
    assertWhole(await readToast(await toast(page, /the next request may go over this month's budget/)), ['Budget Settings']);
    await askInChat(page, 'Now?');
    await chatFrame(page).locator('.message.assistant.status-done').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(calls(), before + 1);
    // That request was recorded: the 100 % alert (an alert, not an error) offers where the money went, then the budget.
    const alert = await toast(page, /spent this month/);
    assertWhole(await readToast(alert), ['Open Usage', 'Budget Settings']);
    await screenshot(page, 'notify-budget-alert');
    await clickToastButton(alert, 'Open Usage');
    // Open Usage is Show Usage: the dashboard on its Usage tab (not a markdown document).
    await dashboardFrame(page).locator('vscode-tab-header[data-tab="usage"][aria-selected="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await page.locator('.tabs-container .tab', { hasText: /\.md$/ }).count(), 0, 'a markdown editor opened');
  });

  it('Budget Settings (the second fix) opens the Settings editor at the monthly budget', async () => {
    const { page } = workbench;
    await clearToasts(page);
    await askInChat(page, 'And again?');
    await clickToastButton(await toast(page, /has reached the monthly budget/), 'Budget Settings');
    const row = page.locator('.settings-editor .setting-item-contents', { hasText: 'Monthly' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal((await page.locator('.settings-editor .settings-header .view-lines').first().innerText()).trim(), 'switchboard.budget.monthlyUsd');
    await screenshot(page, 'notify-budget-settings');
  });
  it('a config file with an error: the toast names file and line, and Open File puts the cursor on that line', async () => {
    const { page, server } = workbench;
    await clearToasts(page);
    // The user's own file, chosen with switchboard.configFile (a settings change reloads at once;
    // a new .switchboard/config.yml is picked up by the file watcher, whose timing a loaded machine stretches).
    const file = join(server.workspace, 'team.yml');
    // Line 3 is not YAML: an unclosed flow sequence.
    writeFileSync(file, 'model_provider:\n  provider: anthropic\n  fallback_provider: [bedrock\n');
    setRemoteSettings(server, { 'switchboard.configFile': file });
    try {
      const t = await toast(page, /team\.yml:\d+: .*The file is ignored/);
      const view = await readToast(t);
      assertWhole(view, ['Open File']);
      const line = Number(/team\.yml:(\d+):/.exec(view.message)![1]);
      await clickToastButton(t, 'Open File');
      await page.locator('.tabs-container .tab.active', { hasText: 'team.yml' }).waitFor({ state: 'visible', timeout: 15_000 });
      // The status bar's "Ln N, Col 1": the cursor is on the line the message names.
      await page.locator('#status\\.editor\\.selection', { hasText: `Ln ${line},` }).waitFor({ state: 'visible', timeout: 15_000 });
      await screenshot(page, 'notify-config-file-open');
    } finally {
      setRemoteSettings(server, { 'switchboard.configFile': undefined });
      rmSync(file, { force: true });
    }
  });
});
