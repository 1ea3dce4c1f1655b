import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openLocalStore } from '../../src/core/storage/localStore';
import { usd } from '../../src/presenters/dashboard/chartFormat';
import { startAnthropicEmulator } from '../emulators/anthropic';
import type { AnthropicEmulator } from '../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../emulators/bedrock';
import type { BedrockEmulator } from '../emulators/bedrock';
import { seedHealthHistory, seedUsageRecords } from '../fixtures/storeSeed';
import { quickInput, reportFailure, runCommand, screenshot, screenshotDir, selectQuickPickItem, startWorkbench, waitForWorkbench } from './workbench';
import type { Workbench } from './workbench';
import { contrastViolations, describeViolations, frameOf } from './contrast';

const RECORDS = 4000;

/** The dashboard's document: VS Code nests a webview in two iframes. */
function dashboardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}

/** runCommand, retried while the palette still shows a previous QuickPick's rows. */
async function command(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => page.keyboard.press('Escape'));
    try {
      return await runCommand(page, title);
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** The class VS Code puts on a webview's body for each theme. */
const THEMES: Array<[string, string]> = [['Dark Modern', 'vscode-dark'], ['Light Modern', 'vscode-light'], ['Dark High Contrast', 'vscode-high-contrast'], ['Light High Contrast', 'vscode-high-contrast-light']];

async function pickTheme(page: Page, theme: string, kind: string): Promise<void> {
  await command(page, 'Preferences: Color Theme');
  await quickInput(page).locator('input').fill(theme);
  await selectQuickPickItem(page, new RegExp(`^${theme}`));
  await dashboardFrame(page).locator(`body.${kind}`).waitFor({ state: 'attached', timeout: 15_000 });
}

/** Every drawn chart of a tab has its canvas, drawn with the theme's colours (`data-theme`). */
async function chartsDrawn(frame: FrameLocator, tab: 'usage' | 'health', count: number, kind: string): Promise<void> {
  const plots = frame.locator(`#tab-${tab} .chart-plot[data-theme="${kind}"] canvas`);
  await plots.nth(count - 1).waitFor({ state: 'attached', timeout: 30_000 });
  assert.equal(await frame.locator(`#tab-${tab} .chart-plot canvas`).count(), count);
}

describe('Dashboard Usage and Health tabs (real UI, a seeded store)', () => {
  let workbench: Workbench;
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let monthUsd = 0;

  before(async function () {
    this.timeout(240_000);
    anthropic = await startAnthropicEmulator();
    bedrock = await startBedrockEmulator({ region: 'us-east-1' });
    // The store the extension opens (SWITCHBOARD_HOME): 4,000 requests this month and a week of health samples.
    const home = mkdtempSync(join(tmpdir(), 'switchboard-e2e-home-'));
    const store = openLocalStore(home);
    const now = new Date();
    const records = seedUsageRecords(RECORDS, now);
    store.ledger.appendMany(records);
    monthUsd = records.reduce((n, r) => n + (r.costUsd ?? 0), 0);
    await seedHealthHistory(store.healthHistory, now.getTime(), 300_000);
    store.close();
    const isolated = mkdtempSync(join(tmpdir(), 'switchboard-e2e-aws-'));
    writeFileSync(join(isolated, 'config'), '');
    workbench = await startWorkbench({
      env: {
        SWITCHBOARD_HOME: home,
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
        'switchboard.budget.monthlyUsd': 250,
      },
    });
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'usage-health');
  });

  after(async () => {
    await workbench?.close();
    await anthropic?.close();
    await bedrock?.close();
  });

  it('F1 → "Switchboard: Show Usage" opens the dashboard on its Usage tab with five charts drawn from the store', async () => {
    const { page } = workbench;
    await command(page, 'Switchboard: Show Usage');
    const frame = dashboardFrame(page);
    await frame.locator('vscode-tab-header[data-tab="usage"][aria-selected="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    await chartsDrawn(frame, 'usage', 5, 'vscode-dark');
    const summary = await frame.locator('.chart[data-chart="usage-spend-provider"] .chart-summary').innerText();
    assert.match(summary, new RegExp(`: \\${usd(monthUsd)} in total \\(Anthropic \\$`), summary);
    assert.match(await frame.locator('.chart[data-chart="usage-budget"] .chart-summary').innerText(), / % of the \$250\.00 budget/);
    assert.equal(await frame.locator('.chart[data-chart="usage-spend-provider"] .chart-legend li').count(), 2);
    assert.match(await frame.locator('#usage-surfaces').innerText(), /Chat\s+\d+/);
    assert.equal(await page.locator('.tabs-container .tab', { hasText: /\.md$/ }).count(), 0, 'a markdown editor opened');
    // The comparison and the advice come with the charts (the store's month sums), not after them: read at once.
    assert.match(await frame.locator('#usage').innerText(), /Same tokens, other price tables/);
    const csp = workbench.consoleLines.filter((l) => /Content Security Policy|Refused to (apply|load|execute)/i.test(l));
    assert.deepEqual(csp, [], 'the page broke its CSP');
  });

  it('each chart has a table view: "Show table" reveals a captioned table with a row per day, and says it is expanded', async () => {
    const frame = dashboardFrame(workbench.page);
    const chart = frame.locator('.chart[data-chart="usage-spend-provider"]');
    const toggle = chart.locator('.chart-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await chart.locator('.chart-table').isVisible(), false);
    await toggle.click();
    await chart.locator('.chart-table table').waitFor({ state: 'visible' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await chart.locator('.chart-plot').getAttribute('role'), 'img');
    assert.match(await chart.locator('.chart-plot').getAttribute('aria-describedby') ?? '', /usage-spend-provider-summary/);
    const headers = await chart.locator('table thead th').allInnerTexts();
    assert.deepEqual(headers.map((t) => t.trim()), ['Day', 'Anthropic', 'Amazon Bedrock', 'Total']);
    const days = new Date().getDate();
    assert.equal(await chart.locator('table tbody tr').count(), days + 1, 'a row per day so far and the month');
    assert.match(await chart.locator('table tbody tr').last().innerText(), new RegExp(`^Month.*\\${usd(monthUsd)}$`));
    await screenshot(workbench.page, 'usage-tab-table-dark');
  });

  it('the Health tab draws latency, error rate and failovers from the recorded history, lists the outage, and switches to 7 days', async () => {
    const frame = dashboardFrame(workbench.page);
    await frame.locator('vscode-tab-header[data-tab="health"]').click();
    await chartsDrawn(frame, 'health', 3, 'vscode-dark');
    assert.match(await frame.locator('#health-history').innerText(), /Outages[\s\S]*Amazon Bedrock[\s\S]*1 h/);
    assert.match(await frame.locator('.chart[data-chart="health-latency-24h"] .chart-summary').innerText(), /Anthropic p50 [\d,]+ ms, p95 [\d,]+ ms/);
    await frame.locator('.range-toggle vscode-button[data-range="7d"]').click();
    await frame.locator('.chart[data-chart="health-latency-7d"] .chart-plot canvas').waitFor({ state: 'attached', timeout: 15_000 });
    assert.equal(await frame.locator('.range-toggle vscode-button[data-range="7d"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await frame.locator('#health-failover-list-7d tbody tr').count(), 2);
  });

  it('the charts come back after a window reload, on the tab and range left open, with the table left open', async () => {
    const { page } = workbench;
    const loaded = page.waitForEvent('load', { timeout: 60_000 });
    await command(page, 'Developer: Reload Window');
    await loaded;
    await waitForWorkbench(page);
    const frame = dashboardFrame(page);
    await frame.locator('vscode-tab-header[data-tab="health"][aria-selected="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    await chartsDrawn(frame, 'health', 3, 'vscode-dark');
    assert.equal(await frame.locator('.chart[data-chart="health-latency-7d"]').count(), 1, 'the 7-day range stayed selected');
    await frame.locator('vscode-tab-header[data-tab="usage"]').click();
    await chartsDrawn(frame, 'usage', 5, 'vscode-dark');
    assert.equal(await frame.locator('.chart[data-chart="usage-spend-provider"] .chart-table').isVisible(), true, 'the table stayed open');
  });

  it('follows each theme: the charts are redrawn in Dark Modern, Light Modern and both high-contrast themes, every text readable (contrast), screenshots', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    // Tall enough for a whole tab in one picture (the webview scrolls inside its iframe).
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1300, height: 3400 });
    const shoot = async (name: string): Promise<void> => {
      await page.locator('iframe.webview').first().scrollIntoViewIfNeeded();
      const box = await page.locator('iframe.webview').first().boundingBox();
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), ...(box ? { clip: box } : {}) });
    };
    for (const [theme, kind] of THEMES) {
      if (kind !== 'vscode-dark') await pickTheme(page, theme, kind);
      await frame.locator('vscode-tab-header[data-tab="usage"]').click();
      await chartsDrawn(frame, 'usage', 5, kind);
      // The legend's swatch is the theme's own chart colour.
      const [swatch, themed] = await frame.locator('.chart[data-chart="usage-spend-provider"] .chart-legend .swatch').first().evaluate((el) => {
        // Runs in the page (this file compiles without the DOM library).
        const w = globalThis as any;
        const probe = w.document.createElement('span');
        probe.style.color = w.getComputedStyle(w.document.documentElement).getPropertyValue('--vscode-charts-blue');
        w.document.body.append(probe);
        const color = w.getComputedStyle(probe).color as string;
        probe.remove();
        return [w.getComputedStyle(el).backgroundColor as string, color];
      });
      assert.equal(swatch, themed, `${theme}: the legend uses --vscode-charts-blue`);
      await shoot(`usage-${kind.replace('vscode-', '')}`);
      const usageContrast = await contrastViolations(await frameOf(frame));
      assert.deepEqual(usageContrast, [], `${theme}, Usage tab:\n${describeViolations(usageContrast)}`);
      await frame.locator('vscode-tab-header[data-tab="health"]').click();
      await chartsDrawn(frame, 'health', 3, kind);
      await shoot(`health-${kind.replace('vscode-', '')}`);
      const healthContrast = await contrastViolations(await frameOf(frame));
      assert.deepEqual(healthContrast, [], `${theme}, Health tab:\n${describeViolations(healthContrast)}`);
    }
    if (size) await page.setViewportSize(size);
  });
});
