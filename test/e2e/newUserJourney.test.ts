// Issue 14, "what must show it": a new user's journey in one window, walked as a person walks it —
// first start, the walkthrough, an API key typed into the input box, a chat answer, Bedrock set up
// as the walkthrough says and switched to, a budget. Switchboard is installed as a user has it
// (notifications show), and there is no key anywhere: no ANTHROPIC_API_KEY, no stored key, no AWS
// credentials or config files until a step adds them.
//
// What is not real, and why: a newcomer here cannot reach the real Anthropic API or Bedrock, so the
// local emulators stand in (Anthropic, Bedrock, and STS for Bedrock's identity call), answering
// with the sandbox's labelled demo answers. Their URLs are set as the sandbox sets them — the base
// URL and endpoint as machine settings (what a remote window reads), the AWS SDK's STS endpoint in
// the environment — and that is the only setup a real user would not do.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { catalogByName } from '../../src/core/models/catalog';
import { startAnthropicEmulator } from '../emulators/anthropic';
import type { AnthropicEmulator } from '../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../emulators/bedrock';
import type { BedrockEmulator } from '../emulators/bedrock';
import { startStsEmulator } from '../emulators/sts';
import type { StsEmulator } from '../emulators/sts';
import { openTab } from './dashboardPage';
import { clearToasts, readToast, toast, clickToastButton } from './notifications';
import { quickInput, reportFailure, runCommandRetrying, screenshot, selectQuickPickItem, startWorkbench, statusBarItem } from './workbench';
import type { Workbench } from './workbench';

/** The key the newcomer pastes (the Anthropic emulator accepts only this one). */
const ANTHROPIC_KEY = 'sk-ant-api03-newcomer-journey-key-0000000000000000000000jrny';
/** The region the newcomer's company uses; its Bedrock IDs differ from the default us-east-1's. */
const REGION = 'eu-west-1';
const CALLER_ARN = 'arn:aws:iam::111122223333:user/newcomer';
/** What the default `sonnet` names today (the catalog's alias), on each provider. */
const SONNET = catalogByName('sonnet')!;
const SONNET_EU = `eu.${SONNET.bedrockId!}`;
const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The chat view's document (the walkthrough's step pages are webviews too, so pick the view). */
function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview[src*="purpose=webviewView"]').frameLocator('iframe#active-frame');
}

/** The dashboard's document: the editor webview on screen (the walkthrough's page is hidden behind it). */
function dashboardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview:not([src*="purpose=webviewView"]):visible').frameLocator('iframe#active-frame');
}

function step(page: Page, id: string): Locator {
  return page.locator(`.getting-started-step[data-step-id$="#switchboard.gettingStarted#${id}"]`);
}

/** Resolves once VS Code shows the step as done (its checkbox ticked). */
async function stepDone(page: Page, id: string): Promise<void> {
  await page.locator(`.getting-started-step[aria-checked="true"][data-step-id$="#switchboard.gettingStarted#${id}"]`).waitFor({ state: 'attached', timeout: 15_000 });
}

/** Opens a step (clicking its title) and clicks one of its buttons by label. */
async function clickStepButton(page: Page, id: string, label: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await showWalkthrough(page);
    // VS Code can swap the walkthrough for its Welcome page just after showing it (its steps are then disabled): go back again.
    if (await step(page, id).locator('.step-title').click({ timeout: 5_000 }).then(() => true, () => false)) break;
    if (attempt === 3) throw new Error(`the walkthrough's "${id}" step could not be opened`);
  }
  const button = step(page, id).locator('.button-link, a', { hasText: label }).first();
  await button.waitFor({ state: 'visible', timeout: 10_000 });
  await button.click();
}

/**
 * To the walkthrough as a person goes back: its tab ("Welcome", or "Walkthrough: Switchboard").
 * VS Code may show its Welcome page there instead, whose Walkthroughs list then has "Get started
 * with Switchboard" to click (or, once the walkthrough is mostly done, its "More..." list).
 */
async function showWalkthrough(page: Page): Promise<void> {
  const details = page.locator('.gettingStarted.showDetails', { has: step(page, 'chat') });
  const categories = page.locator('.gettingStarted.showCategories');
  if (!(await details.or(categories).first().isVisible())) {
    await page.locator('.tabs-container .tab', { hasText: /^(Welcome|Walkthrough: Switchboard)/ }).first().click();
    await details.or(categories).first().waitFor({ state: 'visible', timeout: 15_000 });
  }
  if (await categories.isVisible()) {
    const listed = categories.locator('button.getting-started-category', { hasText: 'Get started with Sw' });
    if (await listed.isVisible()) {
      await listed.click();
    } else {
      await categories.getByText('More...', { exact: true }).click();
      await selectQuickPickItem(page, /Get started with Switchboard/);
    }
  }
  await details.waitFor({ state: 'visible', timeout: 15_000 });
}

/** Types into the input box VS Code shows for a command (its title says which one), then Enter. */
async function answerInputBox(page: Page, title: string | RegExp, text: string): Promise<void> {
  const widget = quickInput(page);
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 15_000 });
  const input = widget.locator('input');
  await input.fill(text);
  await input.press('Enter');
}

/** A setting's control in the Settings editor (opened by a walkthrough button on that setting). */
function settingRow(page: Page, key: string): Locator {
  return page.locator(`.settings-editor .setting-item-contents[data-key="${key}"]`);
}

/** Waits until the Settings editor marks the setting as set (it has written it), then closes the editor (Escape, as a person would). */
async function settingWritten(page: Page, key: string): Promise<void> {
  await page.locator(`.settings-editor .setting-item-contents.is-configured[data-key="${key}"]`).waitFor({ state: 'attached', timeout: 10_000 });
  await page.keyboard.press('Escape');
  await page.locator('.settings-editor').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Sends a question from the chat's composer. */
async function ask(page: Page, question: string): Promise<void> {
  const input = chatFrame(page).locator('textarea.prompt');
  await input.click();
  await input.fill(question);
  await input.press('Enter');
}

describe('A new user\'s journey: first start → walkthrough → chat → Bedrock → budget (real UI)', () => {
  let workbench: Workbench;
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let sts: StsEmulator;
  let awsDir: string;

  before(async () => {
    anthropic = await startAnthropicEmulator({ apiKeys: [ANTHROPIC_KEY], answers: 'demo' });
    bedrock = await startBedrockEmulator({ region: REGION, answers: 'demo' });
    sts = await startStsEmulator({ users: [{ ...TEST_CREDENTIALS, arn: CALLER_ARN }] });
    // No AWS config or credentials files of the developer's: empty ones.
    awsDir = mkdtempSync(join(tmpdir(), 'switchboard-journey-aws-'));
    writeFileSync(join(awsDir, 'config'), '');
    workbench = await startWorkbench({
      installExtension: true,
      // The window opens as a first start does, on its startup editor.
      skipWelcome: false,
      env: {
        SWITCHBOARD_PROVIDER: undefined, CLAUDE_CODE_USE_BEDROCK: undefined, ANTHROPIC_BASE_URL: undefined, ANTHROPIC_API_KEY: undefined, ANTHROPIC_AUTH_TOKEN: undefined,
        AWS_PROFILE: undefined, AWS_DEFAULT_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined,
        AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_ROLE_ARN: undefined, AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined, AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
        AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined,
        AWS_CONFIG_FILE: join(awsDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(awsDir, 'config'),
        // Keep the AWS SDK's identity call on this machine (as `npm run sandbox` does).
        AWS_ENDPOINT_URL_STS: sts.url, AWS_EC2_METADATA_DISABLED: 'true',
      },
      userSettings: { 'workbench.colorTheme': 'Default Dark Modern' },
      machineSettings: {
        'switchboard.modelProvider.anthropic.baseUrl': anthropic.url,
        'switchboard.modelProvider.bedrock.endpoint': bedrock.url,
      },
    });
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'journey');
  });

  after(async () => {
    await workbench?.close();
    await Promise.all([anthropic?.close(), bedrock?.close(), sts?.close()]);
    if (awsDir) rmSync(awsDir, { recursive: true, force: true });
  });

  it('1. first start: the walkthrough is reachable and says no credentials were found', async () => {
    const { page } = workbench;
    await statusBarItem(page, /^Anthropic · /).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'journey-1-first-start');
    // The status bar's tooltip says what is missing.
    await statusBarItem(page, /^Anthropic · /).hover();
    await page.locator('.monaco-hover, .workbench-hover', { hasText: 'Auth: no API key' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'journey-1-status-tooltip');
    await page.keyboard.press('Escape');
    // Help → Welcome, as the README's Quick start says (in a browser window the menu is behind ☰).
    const listed = page.locator('.gettingStartedContainer button.getting-started-category', { hasText: 'Get started with Sw' });
    for (let attempt = 1; ; attempt++) {
      await page.locator('.menubar .menubar-menu-button').first().click();
      await page.locator('.monaco-menu .action-item', { hasText: /^Help/ }).first().hover();
      const welcome = page.locator('.monaco-menu .action-item', { hasText: /^Welcome$/ }).first();
      await welcome.hover();
      await welcome.click();
      // A click while the submenu is still being laid out can miss (the menu stays open): open it again.
      if (await listed.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false)) break;
      if (attempt === 3) throw new Error('Help → Welcome did not open the Welcome page');
      await page.keyboard.press('Escape');
    }
    await screenshot(page, 'journey-1-welcome');
    assert.equal((await listed.locator('.category-title').innerText()).trim(), 'Get started with Switchboard');
    await listed.click();
    await step(page, 'credentials').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await step(page, 'credentialsFound').count(), 0, 'the walkthrough says credentials were found although there are none');
    await step(page, 'credentials').locator('.step-title').click();
    const text = await step(page, 'credentials').innerText();
    await screenshot(page, 'journey-1-walkthrough');
    assert.match(text, /No credentials found yet/, text);
  });

  it('2. Set Anthropic API Key from the walkthrough: the key is tested, the toast says it works and where it is stored, the step ticks', async () => {
    const { page } = workbench;
    await clickStepButton(page, 'credentials', 'Set Anthropic API Key');
    await answerInputBox(page, 'Set Anthropic API Key', ANTHROPIC_KEY);
    const ok = await toast(page, /Anthropic API key …jrny works/);
    const view = await readToast(ok);
    await screenshot(page, 'journey-2-key-works');
    assert.match(view.message, new RegExp(`Anthropic API key …jrny works — ${escapeRe(SONNET.anthropicId!)}, \\d+ ms\\. Stored in `));
    assert.equal(view.messageTruncated, false, view.message);
    // The emulator accepts only the newcomer's key: an answered request is the key tested for real.
    assert.ok(anthropic.requests.some((r) => [r.headers['x-api-key'], r.headers.authorization].some((h) => h === ANTHROPIC_KEY || h === `Bearer ${ANTHROPIC_KEY}`) && r.status === 200), 'the key was not tested against the API');
    await stepDone(page, 'credentialsFound');
    assert.match(await step(page, 'credentialsFound').innerText(), /Credentials found/);
    // The key was tested by a real call, so "Test the connection" is done too.
    await stepDone(page, 'test');
    await clearToasts(page);
    await screenshot(page, 'journey-2-credentials-found');
  });

  it('3. Open Chat from the walkthrough, ask: a streamed answer with provider · model ID · tokens · cost · latency', async () => {
    const { page } = workbench;
    await clickStepButton(page, 'chat', 'Open Chat');
    const chat = chatFrame(page);
    await chat.locator('textarea.prompt').waitFor({ state: 'visible', timeout: 30_000 });
    await ask(page, 'How do I write a debounce function in TypeScript?');
    // Streamed: part of the answer is on screen before it has ended.
    await chat.locator('.message.assistant:not(.status-done) em', { hasText: 'Demo answer from the local Anthropic API emulator' }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'journey-3-streaming');
    const answer = chat.locator('.message.assistant.status-done').first();
    await answer.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await answer.locator('.answer-footer').innerText(), new RegExp(`^Anthropic · ${escapeRe(SONNET.anthropicId!)} · \\d+ in · \\d+ out · \\$[\\d.]+ · [\\d.]+ (ms|s)$`));
    await screenshot(page, 'journey-3-answer');
  });

  it('4. Bedrock as the fallback step says: access keys, region, then Switch Provider → Bedrock answers with the region\'s ID', async () => {
    const { page } = workbench;
    await showWalkthrough(page);
    await clickStepButton(page, 'fallback', 'Set AWS Access Keys');
    await answerInputBox(page, /Set AWS Access Keys \(1\/3\)/, TEST_CREDENTIALS.accessKeyId);
    await answerInputBox(page, /Set AWS Access Keys \(2\/3\)/, TEST_CREDENTIALS.secretAccessKey);
    await answerInputBox(page, /Set AWS Access Keys \(3\/3\)/, '');
    const stored = await toast(page, /AWS access keys stored/);
    await screenshot(page, 'journey-4-aws-keys-stored');
    const storedView = await readToast(stored);
    assert.equal(storedView.messageTruncated, false, storedView.message);
    await clickToastButton(stored, 'Use Access Keys for Bedrock');
    await clearToasts(page);

    await showWalkthrough(page);
    await clickStepButton(page, 'fallback', 'Set AWS Region');
    const region = settingRow(page, 'switchboard.modelProvider.bedrock.awsRegion').locator('select');
    await region.waitFor({ state: 'visible', timeout: 15_000 });
    await region.selectOption(REGION);
    await settingWritten(page, 'switchboard.modelProvider.bedrock.awsRegion');

    await showWalkthrough(page);
    await clickStepButton(page, 'fallback', 'Set Fallback Provider');
    const fallback = settingRow(page, 'switchboard.modelProvider.fallbackProvider').locator('select');
    await fallback.waitFor({ state: 'visible', timeout: 15_000 });
    await fallback.selectOption('bedrock');
    await settingWritten(page, 'switchboard.modelProvider.fallbackProvider');
    await showWalkthrough(page);
    await stepDone(page, 'fallback');
    await screenshot(page, 'journey-4-fallback-done');

    await runCommandRetrying(page, 'Switchboard: Switch Provider');
    await selectQuickPickItem(page, /Bedrock/);
    const switchedToast = await toast(page, /switched to Bedrock/);
    const switched = await readToast(switchedToast);
    // The health check ran: the status bar shows Bedrock's health, not "unknown".
    await page.locator('#workbench\\.parts\\.statusbar .statusbar-item[aria-label*="health ok"]', { hasText: /^Bedrock · sonnet/ }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'journey-4-switched');
    // Bedrock was the fallback just set, so the switch left none: the toast says so, and its primary button fixes it.
    assert.equal(switched.message, `Switchboard: switched to Bedrock in ${REGION}: sonnet is ${SONNET_EU}. Bedrock was the fallback provider, so there is none now.`);
    assert.equal(switched.messageTruncated, false, switched.message);
    assert.deepEqual(switched.buttons.map((b) => [b.label, b.primary, b.truncated]), [['Use Anthropic as Fallback', true, false], ['Test Connection', false, false]]);
    await clickToastButton(switchedToast, 'Use Anthropic as Fallback');
    await statusBarItem(page, /^Bedrock · /).hover();
    const tip = page.locator('.monaco-hover, .workbench-hover', { hasText: `Fallback: Anthropic (${SONNET.anthropicId!})` }).first();
    await tip.waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'journey-4-fallback-anthropic');
    await clearToasts(page);

    // Test Connection from the same tooltip: the toast says who the keys sign in as (STS's caller ARN).
    await tip.locator('a', { hasText: 'Test Connection' }).click();
    const tested = await readToast(await toast(page, /Bedrock OK/));
    await page.mouse.move(700, 300);
    // The progress notice ("testing Bedrock…") goes once the result is told.
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'testing Bedrock' }).waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(page, 'journey-4-test-bedrock');
    assert.match(tested.message, new RegExp(`^Switchboard: Bedrock OK — ${escapeRe(SONNET_EU)}, \\d+ ms\\. Signed in as ${escapeRe(CALLER_ARN)}\\.$`));
    assert.equal(tested.messageTruncated, false, tested.message);
    assert.ok(sts.requests.some((r) => r.auth === `sigv4:${TEST_CREDENTIALS.accessKeyId}`), 'the identity did not come from STS with the stored keys');
    await clearToasts(page);

    await runCommandRetrying(page, 'Switchboard: Open Chat');
    await ask(page, 'Anthropic API vs Bedrock?');
    const answer = chatFrame(page).locator('.message.assistant').nth(1);
    await answer.locator('.answer-footer').waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await answer.locator('.answer-footer').innerText(), new RegExp(`^Bedrock · ${escapeRe(SONNET_EU)} · \\d+ in · \\d+ out · \\$[\\d.]+ · `));
    // The demo's comparison names the IDs the footers show (it reads the catalog, as they do).
    const ids = await answer.locator('table tr', { hasText: 'Model IDs' }).innerText();
    assert.ok(ids.includes(SONNET.anthropicId!) && ids.includes(`us.${SONNET.bedrockId!}`), ids);
    await screenshot(page, 'journey-4-bedrock-answer');
  });

  it('5. the budget step: a monthly budget set from its button shows as spend against the budget', async () => {
    const { page } = workbench;
    await showWalkthrough(page);
    await clickStepButton(page, 'budget', 'Set Monthly Budget');
    const input = settingRow(page, 'switchboard.budget.monthlyUsd').locator('input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('20');
    await input.press('Enter');
    await settingWritten(page, 'switchboard.budget.monthlyUsd');
    await showWalkthrough(page);
    await stepDone(page, 'budget');
    await screenshot(page, 'journey-5-budget-step');

    await statusBarItem(page, /^Bedrock · /).hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const tip = await hover.innerText();
    await screenshot(page, 'journey-5-status-tooltip');
    // The two answers so far, against the budget just set.
    assert.match(tip, /This month: \$[\d.]+ of the \$20\.00 budget \(\d+ %\) over 2 requests/, tip);
    await page.keyboard.press('Escape');

    await clickStepButton(page, 'budget', 'Show Usage');
    const frame = dashboardFrame(page);
    await openTab(frame, 'usage');
    const usage = await frame.locator('#tab-usage').innerText();
    await screenshot(page, 'journey-5-usage');
    assert.match(usage, /Budget\s*\d+ % of \$20\.00/, usage);
  });
});
