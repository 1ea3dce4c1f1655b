import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startAnthropicEmulator } from '../emulators/anthropic';
import type { AnthropicEmulator } from '../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../emulators/bedrock';
import type { BedrockEmulator } from '../emulators/bedrock';
import { runCommand, screenshot, startWorkbench, waitForWorkbench, reportFailure } from './workbench';
import type { Workbench } from './workbench';
import { catalogByName } from '../../src/core/models/catalog';

/** The model the default `sonnet` alias names today (the assertions follow the alias). */
const SONNET = catalogByName('sonnet')!;

/** The dashboard's document: VS Code nests a webview in two iframes. */
function dashboardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}

describe('Dashboard (real UI, emulators behind it)', () => {
  let workbench: Workbench;
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;

  before(async () => {
    anthropic = await startAnthropicEmulator();
    bedrock = await startBedrockEmulator({ region: 'us-east-1' });
    const isolated = mkdtempSync(join(tmpdir(), 'switchboard-e2e-aws-'));
    writeFileSync(join(isolated, 'config'), '');
    workbench = await startWorkbench({
      env: {
        SWITCHBOARD_PROVIDER: undefined, CLAUDE_CODE_USE_BEDROCK: undefined, ANTHROPIC_BASE_URL: undefined, AWS_PROFILE: undefined,
        AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_SESSION_TOKEN: undefined,
        AWS_CONFIG_FILE: join(isolated, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(isolated, 'config'),
        ANTHROPIC_API_KEY: 'sk-ant-test-key',
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1',
      },
      userSettings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'switchboard.modelProvider.anthropic.baseUrl': anthropic.url,
        'switchboard.modelProvider.bedrock.endpoint': bedrock.url,
        'switchboard.modelProvider.bedrock.awsRegion': 'us-east-1',
        'switchboard.modelProvider.fallbackProvider': 'bedrock',
      },
    });
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'dashboard');
  });

  after(async () => {
    await workbench?.close();
    await anthropic?.close();
    await bedrock?.close();
  });

  it('F1 → "Switchboard: Open Dashboard" opens a panel showing both providers, usage and the cache', async () => {
    const { page } = workbench;
    await runCommand(page, 'Switchboard: Open Dashboard');
    const frame = dashboardFrame(page);
    const anthropicCard = frame.locator('.provider[data-provider="anthropic"]');
    const bedrockCard = frame.locator('.provider[data-provider="bedrock"]');
    await anthropicCard.waitFor({ state: 'visible', timeout: 30_000 });
    await bedrockCard.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await anthropicCard.locator('h3').innerText(), /Anthropic\s+primary/i);
    assert.match(await bedrockCard.locator('h3').innerText(), /Bedrock\s+fallback/i);
    assert.match(await bedrockCard.innerText(), /Region\s+us-east-1/);
    assert.match(await anthropicCard.innerText(), new RegExp(`Model ID\\s+${SONNET.anthropicId}`));
    assert.doesNotMatch(await frame.locator('body').innerText(), /sk-ant-test-key|wJalr/, 'a secret is on the page');
    // Usage and the cache live on the Usage tab.
    await frame.locator('vscode-tab-header[data-tab="usage"]').click();
    await frame.locator('#usage .total').waitFor({ state: 'visible' });
    assert.match(await frame.locator('#cache').innerText(), /Entries\s+\d+/);
    await frame.locator('vscode-tab-header[data-tab="overview"]').click();
    await anthropicCard.waitFor({ state: 'visible' });
  });

  it('Test Connection and the side-by-side test show their results inline', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    await frame.locator('.provider[data-provider="anthropic"] vscode-button[data-action="testConnection"]').click();
    const ok = frame.locator('.provider[data-provider="anthropic"] .test.ok');
    await ok.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await ok.innerText(), new RegExp(`model ${SONNET.anthropicId}.* \\d+ ms`));
    await frame.locator('vscode-button[data-action="compare"]').click();
    const rows = frame.locator('table.compare tbody tr');
    await frame.locator('table.compare tbody tr[data-provider="bedrock"] td:nth-child(5)').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await rows.count(), 2);
    for (const provider of ['anthropic', 'bedrock']) {
      const text = await frame.locator(`table.compare tbody tr[data-provider="${provider}"]`).innerText();
      assert.match(text, /\d+ ms/, `${provider}: ${text}`);
      assert.match(text, /\d+ in · \d+ out/, `${provider}: ${text}`);
      assert.match(text, /\$\d+\.\d{6}/, `${provider}: ${text}`);
    }
    assert.equal(anthropic.requests.filter((r) => r.path === '/v1/messages').length, 1);
    assert.equal(bedrock.modelRequests().length, 1);
    await screenshot(page, 'dashboard-dark');
  });

  it('Overview: cards of equal shape, buttons on one line, full model IDs, and no jump when a result arrives', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    const cards = frame.locator('.provider');
    const [a, b] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
    assert.ok(a && b);
    if (Math.abs(a.y - b.y) < 1) assert.ok(Math.abs(a.height - b.height) < 1, `cards side by side differ in height: ${a.height} vs ${b.height}`);
    for (const provider of ['anthropic', 'bedrock']) {
      const buttons = frame.locator(`.provider[data-provider="${provider}"] .card-actions vscode-button`);
      const tops = await buttons.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
      assert.equal(new Set(tops).size, 1, `${provider}: the buttons wrap onto ${new Set(tops).size} lines`);
      const id = frame.locator(`.provider[data-provider="${provider}"] code.model-id`).last();
      const full = await id.getAttribute('title');
      assert.equal((await id.innerText()).replace(/\s+/g, ''), full, 'the model ID is not shown in full');
      assert.ok(await id.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), `${provider}: the model ID is cut off`);
    }
    const button = frame.locator('.provider[data-provider="bedrock"] vscode-button[data-action="testConnection"]');
    const before = await button.boundingBox();
    await button.click();
    await frame.locator('.provider[data-provider="bedrock"] .test.ok').waitFor({ state: 'visible', timeout: 20_000 });
    const after = await button.boundingBox();
    assert.equal(Math.round(after!.y), Math.round(before!.y), 'the Test Connection result moved the buttons');
  });

  it('the side-by-side test takes a typed prompt and shows both answers, rendered, beside latency, tokens and cost', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    const before = anthropic.requests.filter((r) => r.path === '/v1/messages').length;
    await frame.locator('vscode-textarea[data-key="overview-prompt"] textarea').fill('Say **bold** and `code` <img src=x>');
    await frame.locator('vscode-button[data-action="compare"]').click();
    for (const provider of ['anthropic', 'bedrock']) {
      const answer = frame.locator(`.answer[data-provider="${provider}"]`);
      await answer.locator('.markdown strong').waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await answer.locator('.markdown strong').innerText(), 'bold');
      assert.equal(await answer.locator('.markdown code').innerText(), 'code');
      assert.equal(await answer.locator('.markdown img').count(), 0, 'raw HTML from an answer became an element');
      assert.match(await answer.innerText(), /<img src=x>/);
      assert.match(await answer.locator('.answer-meta').innerText(), /\d+ ms.*\d+ in · \d+ out.*\$\d+\.\d{6}/);
    }
    const sent = anthropic.requests.filter((r) => r.path === '/v1/messages').slice(before);
    assert.equal(sent.length, 1);
    assert.match(JSON.stringify(sent[0]!.body), /Say \*\*bold\*\*/);
    await screenshot(page, 'dashboard-side-by-side');
  });

  it('the panel comes back after a window reload without running the command again', async () => {
    const { page } = workbench;
    // Through the workbench's own reload (not the browser's): it flushes the editor layout to storage first.
    const loaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await loaded;
    await waitForWorkbench(page);
    await page.locator('.tabs-container .tab', { hasText: 'Switchboard Dashboard' }).waitFor({ state: 'visible', timeout: 30_000 });
    const frame = dashboardFrame(page);
    await frame.locator('.provider[data-provider="bedrock"]').waitFor({ state: 'visible', timeout: 30_000 });
    // The page first shows what it saved (with the earlier test result); the new host's view model,
    // which has run no test yet, replaces it after the handshake.
    await frame.locator('.provider .test').first().waitFor({ state: 'detached', timeout: 30_000 });
    assert.match(await frame.locator('.provider[data-provider="anthropic"] h3').innerText(), /Anthropic\s+primary/i);
    await screenshot(page, 'dashboard-after-reload');
  });

  it('the tabs answer the keyboard (arrows move, Enter selects) and the selected tab survives a window reload', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    const titles = await frame.locator('vscode-tab-header').allInnerTexts();
    assert.deepEqual(titles.map((t) => t.trim()), ['Overview', 'Configure', 'Usage', 'Health', 'Migrate']);
    await frame.locator('vscode-tab-header[data-tab="overview"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await frame.locator('#usage .total').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await frame.locator('.provider[data-provider="anthropic"]').isVisible(), false, 'the Overview stayed visible');
    const loaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await loaded;
    await waitForWorkbench(page);
    const after = dashboardFrame(page);
    await after.locator('#usage .total').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await after.locator('vscode-tab-header[data-tab="usage"]').getAttribute('aria-selected'), 'true');
    await after.locator('vscode-tab-header[data-tab="overview"]').click();
    await after.locator('.provider[data-provider="anthropic"]').waitFor({ state: 'visible', timeout: 10_000 });
  });
});
