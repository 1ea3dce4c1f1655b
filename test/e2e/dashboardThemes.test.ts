import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAnthropicEmulator } from '../emulators/anthropic';
import type { AnthropicEmulator } from '../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../emulators/bedrock';
import type { BedrockEmulator } from '../emulators/bedrock';
import { catalogByName } from '../../src/core/models/catalog';
import { contrastViolations, describeViolations, frameOf } from './contrast';
import { DASHBOARD_THEMES, dashboardFrame, openTab, pickDashboardTheme, typeInto } from './dashboardPage';
import { cutOffTexts } from './textFit';
import { reportFailure, runCommand, screenshot, startWorkbench } from './workbench';
import type { Workbench } from './workbench';

// The Overview, Configure and Migrate tabs in the four themes, each with the states that carry
// their own colours on screen: a Test Connection result, both answers of the side-by-side test, a
// field's error, a value pinned by the environment, a passing, a failing (with fix buttons) and a
// warning checklist item. Every text must reach its contrast ratio and no button label be cut off.
describe('Dashboard in the four themes: every text readable (contrast ≥ 4.5:1), no button cut off', () => {
  let workbench: Workbench;
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;

  before(async () => {
    anthropic = await startAnthropicEmulator();
    // Bedrock denies the model `opus` names (whatever that is today), so the Migrate tab has a failing item with fixes.
    bedrock = await startBedrockEmulator({ region: 'us-east-1', deniedModels: [catalogByName('opus')!.bedrockId!] });
    const isolated = mkdtempSync(join(tmpdir(), 'switchboard-e2e-aws-'));
    writeFileSync(join(isolated, 'config'), '');
    workbench = await startWorkbench({
      env: {
        SWITCHBOARD_PROVIDER: undefined, CLAUDE_CODE_USE_BEDROCK: undefined, ANTHROPIC_BASE_URL: undefined, AWS_PROFILE: undefined, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined,
        AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_SESSION_TOKEN: undefined,
        // A pin, so the lock's colours are on screen.
        SWITCHBOARD_FIRST_TOKEN_TIMEOUT: '25',
        AWS_CONFIG_FILE: join(isolated, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(isolated, 'config'),
        ANTHROPIC_API_KEY: 'sk-ant-test-key',
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      },
      userSettings: {
        'workbench.colorTheme': 'Default Dark Modern',
        // Room for each tab on one screen: no chat beside it.
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'switchboard.modelProvider.anthropic.baseUrl': anthropic.url,
        'switchboard.modelProvider.bedrock.endpoint': bedrock.url,
        'switchboard.modelProvider.bedrock.awsRegion': 'us-east-1',
        'switchboard.health.intervalSeconds': 0,
      },
    });
    const { page } = workbench;
    // Room for each tab on one screen: no side bar, a tall window.
    await runCommand(page, 'View: Close Primary Side Bar');
    await page.setViewportSize({ width: 1280, height: 1900 });
    await runCommand(page, 'Switchboard: Open Dashboard');
    const frame = dashboardFrame(page);
    await frame.locator('.provider[data-provider="bedrock"]').waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('.provider[data-provider="anthropic"] vscode-button[data-action="testConnection"]').click();
    await frame.locator('.provider[data-provider="anthropic"] .test.ok').waitFor({ state: 'visible', timeout: 20_000 });
    await frame.locator('vscode-textarea[data-key="overview-prompt"] textarea').fill('Say **bold**, `code` and [a link](https://example.com).');
    await frame.locator('#compare vscode-button[data-action="compare"]').click();
    await frame.locator('#compare .answer[data-provider="bedrock"] .markdown').waitFor({ state: 'visible', timeout: 30_000 });
    await openTab(frame, 'configure');
    await typeInto(frame, 'timeouts.idleSeconds', 'soon');
    await frame.locator('.field[data-field="timeouts.idleSeconds"] .field-error').waitFor({ state: 'visible', timeout: 10_000 });
    await openTab(frame, 'migrate');
    await frame.locator('vscode-button[data-action="migrateCheckAll"]').click();
    await frame.locator('li.check[data-item="compare"]:not(.check-pending)').waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('li.check[data-item="model:opus"].check-fail').waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'dashboard-themes');
  });

  after(async () => {
    await workbench?.close();
    await anthropic?.close();
    await bedrock?.close();
  });

  const TABS = [
    { tab: 'overview', parts: ['.role', '.test.ok', '.health', 'code.model-id', '.answer .markdown strong', '.answer .markdown a', '.answer-meta'] },
    { tab: 'configure', parts: ['.field-error', '.lock', '.help', '.field-detail', 'vscode-textfield', 'vscode-single-select'] },
    { tab: 'migrate', parts: ['li.check.check-pass', 'li.check.check-fail .fixes vscode-button', 'li.check.check-warn', 'table.migrate-models code.model-id'] },
  ] as const;

  for (const theme of DASHBOARD_THEMES) {
    it(`${theme.label}: Overview, Configure and Migrate — no text below its contrast ratio, no button text cut off`, async () => {
      const { page } = workbench;
      await pickDashboardTheme(page, theme);
      const locator = dashboardFrame(page);
      for (const { tab, parts } of TABS) {
        await openTab(locator, tab);
        for (const part of parts) assert.ok(await locator.locator(`#tab-${tab} ${part}`).count() > 0, `${tab}: ${part} is not on the page`);
        await locator.locator('body').evaluate((body) => body.ownerDocument.defaultView?.scrollTo(0, 0));
        await screenshot(page, `dashboard-theme-${theme.label}-${tab}`);
        const frame = await frameOf(locator);
        const violations = await contrastViolations(frame);
        assert.deepEqual(violations, [], `contrast in ${theme.label}, ${tab}:\n${describeViolations(violations)}`);
        assert.deepEqual(await cutOffTexts(frame, `#tab-${tab} vscode-button, vscode-tab-header, #tab-${tab} .role`), [], `${theme.label}, ${tab}: a label is cut off`);
      }
    });
  }
});
