import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAnthropicEmulator } from '../emulators/anthropic';
import type { AnthropicEmulator } from '../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../emulators/bedrock';
import type { BedrockEmulator } from '../emulators/bedrock';
import { catalogByName } from '../../src/core/models/catalog';
import { PRICE_TABLE, regionalPrice } from '../../src/core/usage/prices';
import { usdPerMTok } from '../../src/presenters/dashboard/format';
import { startStsEmulator } from '../emulators/sts';
import type { StsEmulator } from '../emulators/sts';
import { dashboardFrame, openTab, userSetting, waitForUserSetting } from './dashboardPage';
import { quickPickItems, reportFailure, runCommand, screenshot, selectQuickPickItem, startWorkbench, statusBarItem } from './workbench';
import type { Workbench } from './workbench';

const CALLER = 'arn:aws:iam::111122223333:user/migrator';
/** The models the `sonnet` and `opus` aliases name today (the assertions follow the aliases). */
const SONNET = catalogByName('sonnet')!;
const OPUS = catalogByName('opus')!;
const price = (p: { input: number; output: number }): string => `${usdPerMTok(p.input)} / ${usdPerMTok(p.output)}`;

describe('Dashboard Migrate wizard, Anthropic → Bedrock (real UI, emulators behind it)', () => {
  let workbench: Workbench;
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let sts: StsEmulator;

  before(async () => {
    anthropic = await startAnthropicEmulator();
    // This account has no access to the model `opus` names on Bedrock: the wizard must find it and offer a fix that works.
    bedrock = await startBedrockEmulator({ region: 'us-east-1', deniedModels: [OPUS.bedrockId!] });
    sts = await startStsEmulator({ users: [{ ...TEST_CREDENTIALS, arn: CALLER }] });
    const isolated = mkdtempSync(join(tmpdir(), 'switchboard-e2e-aws-'));
    writeFileSync(join(isolated, 'config'), '');
    workbench = await startWorkbench({
      env: {
        SWITCHBOARD_PROVIDER: undefined, CLAUDE_CODE_USE_BEDROCK: undefined, ANTHROPIC_BASE_URL: undefined, AWS_PROFILE: undefined, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined,
        AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_SESSION_TOKEN: undefined,
        AWS_CONFIG_FILE: join(isolated, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(isolated, 'config'),
        AWS_ENDPOINT_URL_STS: sts.url,
        ANTHROPIC_API_KEY: 'sk-ant-test-key',
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      },
      userSettings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'switchboard.modelProvider.anthropic.baseUrl': anthropic.url,
        'switchboard.modelProvider.bedrock.endpoint': bedrock.url,
        'switchboard.modelProvider.bedrock.awsRegion': 'us-east-1',
        'switchboard.health.intervalSeconds': 0,
      },
    });
    await runCommand(workbench.page, 'Switchboard: Open Dashboard');
    const frame = dashboardFrame(workbench.page);
    await frame.locator('.provider[data-provider="bedrock"]').waitFor({ state: 'visible', timeout: 30_000 });
    await openTab(frame, 'migrate');
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'dashboard-migrate');
  });

  after(async () => {
    await workbench?.close();
    await anthropic?.close();
    await bedrock?.close();
    await sts?.close();
  });

  it('shows the region and the profile each logical model gets on Bedrock, with both prices, before any call', async () => {
    const frame = dashboardFrame(workbench.page);
    assert.match(await frame.locator('.direction').innerText(), /From Anthropic to Amazon Bedrock/);
    const sonnet = frame.locator('table.migrate-models tr[data-model="sonnet"]');
    const text = (await sonnet.innerText()).replace(/\s+/g, ' ');
    // Anthropic's list price, then the us. profile's regional price.
    const list = PRICE_TABLE[SONNET.name]!;
    const expected = `${SONNET.anthropicId} us.${SONNET.bedrockId} ${price(list)} ${price(regionalPrice(list))} not checked`;
    assert.ok(text.includes(expected), `${text} | expected ${expected}`);
    assert.match(await frame.locator('#migrate-models').innerText(), /Bedrock region: us-east-1 \(settings\)/);
    assert.equal(bedrock.modelRequests().length, 0, 'the wizard called Bedrock before being asked');
  });

  it('Run All Checks: the caller ARN, each model\'s access (one that is denied fails with fixes), both answers side by side', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    await frame.locator('vscode-button[data-action="migrateCheckAll"]').click();
    // Done when no item that a check decides is still to do.
    for (const id of ['credentials', 'model:sonnet', 'model:haiku', 'model:opus', 'compare']) {
      await frame.locator(`li.check[data-item="${id}"]:not(.check-pending)`).waitFor({ state: 'visible', timeout: 60_000 });
    }
    assert.match(await frame.locator('#migrate-credentials').innerText(), new RegExp(CALLER.replace(/[/.]/g, '\\$&')));
    const item = (id: string) => frame.locator(`li.check[data-item="${id}"]`);
    assert.match(await item('credentials').getAttribute('class') ?? '', /check-pass/);
    for (const name of ['sonnet', 'haiku']) assert.match(await item(`model:${name}`).getAttribute('class') ?? '', /check-pass/, name);
    const opus = item('model:opus');
    assert.match(await opus.getAttribute('class') ?? '', /check-fail/);
    assert.match(await opus.innerText(), /permission: .*access to the model/i);
    const fixes = (await opus.locator('vscode-button').allInnerTexts()).map((t) => t.trim());
    assert.ok(fixes.includes('Pick Another Model'), fixes.join(', '));
    assert.ok(!fixes.some((f) => /Use Anthropic/.test(f)), 'a fix that undoes the migration was offered');
    assert.match(await item('compare').getAttribute('class') ?? '', /check-pass/);
    for (const provider of ['anthropic', 'bedrock']) await frame.locator(`#migrate-compare .answer[data-provider="${provider}"] .markdown`).waitFor({ state: 'visible' });
    // Every wizard call is forced onto its provider: Bedrock saw the probes, each with a us. profile.
    assert.ok(bedrock.modelRequests().every((r) => /^us\./.test(r.modelId ?? '')), JSON.stringify(bedrock.modelRequests().map((r) => r.modelId)));
    await screenshot(page, 'dashboard-migrate-dark');
  });

  it('the failing model\'s fix works: Pick Another Model maps opus on Bedrock to a model that answered, and the item passes', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    const opus = frame.locator('li.check[data-item="model:opus"]');
    await opus.locator('vscode-button', { hasText: 'Pick Another Model' }).click();
    const items = await quickPickItems(page);
    assert.ok(items.some((i) => /^sonnet/.test(i)) && items.every((i) => !/^opus/.test(i)), items.join(' | '));
    await selectQuickPickItem(page, /^sonnet/);
    await opus.and(frame.locator('.check-pass')).waitFor({ state: 'visible', timeout: 30_000 });
    await waitForUserSetting(workbench, 'switchboard.modelProvider.modelMapping', { opus: { bedrock: 'sonnet' } });
    assert.ok((await frame.locator('table.migrate-models tr[data-model="opus"]').innerText()).includes(`us.${SONNET.bedrockId}`));
  });

  it('the fallback and the switch: Keep Anthropic as Fallback, then Make Amazon Bedrock Primary', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    const fallback = frame.locator('li.check[data-item="fallback"]');
    assert.match(await fallback.getAttribute('class') ?? '', /check-warn/);
    await fallback.locator('vscode-button', { hasText: 'Keep Anthropic as Fallback' }).click();
    await fallback.and(frame.locator('.check-pass')).waitFor({ state: 'visible', timeout: 20_000 });
    await waitForUserSetting(workbench, 'switchboard.modelProvider.fallbackProvider', 'anthropic');
    const primary = frame.locator('li.check[data-item="primary"]');
    await primary.locator('vscode-button', { hasText: 'Make Amazon Bedrock Primary' }).click();
    await primary.and(frame.locator('.check-pass')).waitFor({ state: 'visible', timeout: 20_000 });
    await statusBarItem(page, /^Bedrock/).waitFor({ state: 'visible', timeout: 20_000 });
    // The wizard keeps its direction after the switch.
    assert.match(await frame.locator('.direction').innerText(), /From Anthropic to Amazon Bedrock/);
  });

  it('Export as YAML opens the configuration after the migration as the YAML config, without secrets', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    await frame.locator('vscode-button[data-action="migrateExport"]').click();
    const editor = page.locator('.editor-instance .view-lines').first();
    await page.locator('.tabs-container .tab', { hasText: /Untitled/ }).waitFor({ state: 'visible', timeout: 20_000 });
    await editor.waitFor({ state: 'visible' });
    const yaml = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(yaml, /model_provider:/);
    assert.match(yaml, /type: bedrock/);
    assert.match(yaml, /fallback_provider: anthropic/);
    assert.match(yaml, /aws_region: us-east-1/);
    assert.match(yaml, /opus:\s+bedrock: sonnet/);
    assert.doesNotMatch(yaml, /sk-ant-test-key|wJalr|emulator\+bedrock/, 'a secret is in the export');
    assert.equal(userSetting(workbench, 'switchboard.modelProvider.type'), 'bedrock');
    await screenshot(page, 'dashboard-migrate-export');
  });
});
