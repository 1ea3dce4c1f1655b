import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { SANDBOX_README_TITLE } from '../../scripts/sandboxReadme';
import { catalogByName } from '../../src/core/models/catalog';
import { startSandbox } from '../../scripts/sandboxStart';
import { machineScopedKeys } from '../vscode/host/server';
import type { Sandbox } from '../../scripts/sandboxStart';
import { launchBrowser, openWorkbenchPage } from '../vscode/host/browser';
import { clickToastButton, toast } from './notifications';
import { quickPickItems, reportFailure, runCommandRetrying, screenshot, selectQuickPickItem, statusBarItem, switchboardLogTail, waitForCommandsOf, waitForWorkbench } from './workbench';
import type { Workbench } from './workbench';

// `npm run sandbox` as a newcomer meets it: started by the same function the script calls, opened
// in Chromium. Every connection the server's Node processes make to another machine is recorded
// by a preloaded guard (offlineGuard.cjs) — the one thing added to what the script starts.

/** The Switchboard chat view's document (a webview view; the README preview is a webview too). */
function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview[src*="purpose=webviewView"]').frameLocator('iframe#active-frame');
}

function readmeFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview[src*="markdown-language-features"]').frameLocator('iframe#active-frame');
}

async function ask(page: Page, question: string): Promise<void> {
  const input = chatFrame(page).locator('textarea.prompt');
  await input.click();
  await input.fill(question);
  await input.press('Enter');
}

interface GuardEntry { pid: number; role: string; kind: 'loaded' | 'connect' | 'lookup'; host?: string }

/** The model the default `sonnet` names today (the catalog's alias). */
const SONNET = catalogByName('sonnet')!;

describe('npm run sandbox (real UI, local emulators with demo answers)', () => {
  let sandbox: Sandbox;
  let workbench: Workbench;
  let guardDir: string;
  const guardLog = (): GuardEntry[] => {
    const file = join(guardDir, 'connections.jsonl');
    return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as GuardEntry) : [];
  };

  before(async () => {
    guardDir = mkdtempSync(join(tmpdir(), 'switchboard-sandbox-guard-'));
    sandbox = await startSandbox({
      nodeArgs: ['--require', join(__dirname, 'offlineGuard.cjs')],
      env: { SWITCHBOARD_OFFLINE_GUARD_LOG: join(guardDir, 'connections.jsonl') },
    });
    const browser = await launchBrowser();
    const consoleLines: string[] = [];
    const page = await openWorkbenchPage(browser, sandbox.url, { onConsole: (text) => consoleLines.push(text) });
    workbench = { server: sandbox.server, browser, page, consoleLines, close: async () => { await browser.close().catch(() => undefined); await sandbox.close(); } };
    await waitForWorkbench(page);
    await waitForCommandsOf(page, 'Switchboard');
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'sandbox');
  });

  after(async () => {
    await (workbench ? workbench.close() : sandbox?.close());
    if (guardDir) rmSync(guardDir, { recursive: true, force: true });
  });

  it('opens on a README that says the providers are local emulators and lists them', async () => {
    const { page } = workbench;
    const readme = readmeFrame(page);
    await readme.locator('h1', { hasText: SANDBOX_README_TITLE }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await readme.locator('body').innerText(), /the Anthropic API and Amazon Bedrock behind it are emulators on this machine/);
    const table = await readme.locator('table').innerText();
    for (const emulator of [sandbox.emulators.anthropic, sandbox.emulators.bedrock, sandbox.emulators.sts]) assert.ok(emulator && table.includes(emulator.url), table);
    await screenshot(page, 'sandbox-first-screen');
  });

  it('a code question streams in as rendered markdown with a highlighted code block, labelled as from the Anthropic emulator', async () => {
    const { page } = workbench;
    await runCommandRetrying(page, 'Switchboard: Open Chat');
    const chat = chatFrame(page);
    await chat.locator('textarea.prompt').waitFor({ state: 'visible', timeout: 30_000 });
    await ask(page, 'How do I write a debounce function in TypeScript?');
    const answer = chat.locator('.message.assistant').first();
    // Streamed at a reading pace: the label is on screen while the answer has not ended yet.
    await chat.locator('.message.assistant:not([class*="status-"]) em', { hasText: 'Demo answer from the local Anthropic API emulator' }).waitFor({ state: 'visible', timeout: 30_000 });
    await chat.locator('.message.assistant.status-done').first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await answer.locator('em').first().innerText(), 'Demo answer from the local Anthropic API emulator — no model was called.');
    assert.equal(await answer.locator('h2').innerText(), 'A typed debounce in TypeScript');
    assert.equal(await answer.locator('.code-block .code-lang').innerText(), 'typescript');
    assert.ok(await answer.locator('.code-block .hljs-keyword').count() > 0, 'the code block is not highlighted');
    assert.equal(await answer.locator('ol > li').count(), 3);
    assert.match(await answer.locator('.answer-footer').innerText(), new RegExp(`^Anthropic · ${SONNET.anthropicId} · \\d+ in · \\d+ out · \\$[\\d.]+ · `));
    await screenshot(page, 'sandbox-chat-anthropic');
  });

  it('Bedrock Test Connection answers from the emulator, and Show Details shows the caller ARN from the local STS emulator', async () => {
    const { page } = workbench;
    const { sts, bedrock } = sandbox.emulators;
    await runCommandRetrying(page, 'Switchboard: Switch Provider');
    await quickPickItems(page);
    await selectQuickPickItem(page, /Bedrock/);
    await statusBarItem(page, /^Bedrock · sonnet/).waitFor({ state: 'visible', timeout: 15_000 });
    await runCommandRetrying(page, 'Switchboard: Test Connection');
    // The notice says what answered (model ID, latency); the identity is in the log, one click away.
    const ok = await toast(page, new RegExp(`Bedrock OK — us\\.${SONNET.bedrockId!.replace(/\./g, '\\.')}, \\d+ ms`));
    await screenshot(page, 'sandbox-test-connection-bedrock');
    await clickToastButton(ok, 'Show Details');
    await page.locator('#workbench\\.parts\\.panel .view-lines', { hasText: sts!.callerArn }).waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'sandbox-test-connection-details');
    const identity = sts!.requests().filter((r) => (r.body as { Action?: string } | undefined)?.Action === 'GetCallerIdentity');
    assert.equal(identity.length, 1, 'one GetCallerIdentity call reached the STS emulator');
    assert.equal(identity[0]!.auth, `sigv4:${bedrock!.accessKeyId}`);
  });

  it('a comparison asked on Bedrock comes back as a table, labelled as from the Bedrock emulator', async () => {
    const { page } = workbench;
    const chat = chatFrame(page);
    await ask(page, 'Anthropic API vs Bedrock?');
    const answer = chat.locator('.message.assistant').nth(1);
    await answer.locator('.answer-footer', { hasText: new RegExp(`^Bedrock · us\\.${SONNET.bedrockId!.replace(/\./g, '\\.')}`) }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await answer.locator('em').first().innerText(), 'Demo answer from the local Bedrock emulator — no model was called.');
    assert.deepEqual(await answer.locator('table th').allInnerTexts(), ['Aspect', 'Anthropic API', 'Amazon Bedrock']);
    assert.equal(await answer.locator('table tbody tr').count(), 4);
    await screenshot(page, 'sandbox-chat-bedrock');
  });

  it('the emulator URLs are machine settings, shown in the Remote tab and not greyed out in User settings', async () => {
    const { page } = workbench;
    const machine = machineScopedKeys();
    const onDisk = (scope: string): Record<string, unknown> => JSON.parse(readFileSync(join(sandbox.server.userDataDir, scope, 'settings.json'), 'utf8')) as Record<string, unknown>;
    // User settings hold no machine-scoped key (a remote window ignores and greys them out there).
    assert.deepEqual(Object.keys(onDisk('User')).filter((key) => machine.has(key)), []);
    const { anthropic, bedrock } = sandbox.emulators;
    assert.deepEqual(onDisk('Machine'), { 'switchboard.modelProvider.anthropic.baseUrl': anthropic!.url, 'switchboard.modelProvider.bedrock.endpoint': bedrock!.url });

    await runCommandRetrying(page, 'Preferences: Open Settings (UI)');
    const editor = page.locator('.settings-editor');
    await editor.waitFor({ state: 'visible', timeout: 20_000 });
    await editor.locator('.settings-tabs-widget .action-label', { hasText: 'Remote' }).click();
    const rows: Array<[string, string, string]> = [
      ['switchboard.modelProvider.anthropic.baseUrl', 'Anthropic: Base Url', anthropic!.url],
      ['switchboard.modelProvider.bedrock.endpoint', 'Bedrock: Endpoint', bedrock!.url],
    ];
    for (const [key, title, url] of rows) {
      await editor.locator('.settings-header .suggest-input-container').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(key);
      const row = editor.locator('.setting-item-contents', { has: page.locator('.setting-item-title', { hasText: title }) });
      await row.locator('input').waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await row.locator('input').inputValue(), url, title);
      assert.equal(await row.locator('input').isEditable(), true, `${title} is not editable`);
      // "(Also) modified in User" would mean a second copy in User settings, which VS Code greys out there.
      assert.doesNotMatch(await row.locator('.setting-item-title').innerText(), /modified in/i, title);
    }
    await screenshot(page, 'sandbox-settings-remote');
  });

  it('no request left the machine: the extension host connected only to the local emulators', async () => {
    const entries = guardLog();
    const host = entries.filter((e) => e.role === '--type=extensionHost');
    assert.ok(host.some((e) => e.kind === 'loaded'), `the guard did not run in the extension host: ${JSON.stringify([...new Set(entries.map((e) => e.role))])}`);
    assert.deepEqual(host.filter((e) => e.kind !== 'loaded').map((e) => `${e.kind} ${e.host}`), []);
    const log = switchboardLogTail(sandbox.server, 100_000);
    assert.ok(log.includes(`Bedrock auth: STS endpoint ${sandbox.emulators.sts!.url} (AWS_ENDPOINT_URL_STS)`), 'the log does not say STS calls go to the emulator');
    assert.doesNotMatch(log, /ENOTFOUND|EAI_AGAIN|amazonaws\.com|api\.anthropic\.com/);
    // What VS Code itself tried (its extension gallery), for the record; not the extension's calls.
    const others = [...new Set(entries.filter((e) => e.kind !== 'loaded' && e.role !== '--type=extensionHost').map((e) => `${e.role}: ${e.host}`))];
    if (others.length > 0) console.log(`      VS Code's own processes looked up: ${others.join(', ')}`);
  });
});
