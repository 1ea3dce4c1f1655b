import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAnthropicEmulator } from '../emulators/anthropic';
import type { AnthropicEmulator } from '../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../emulators/bedrock';
import { catalogByName } from '../../src/core/models/catalog';
import { PRICE_TABLE, regionalPrice } from '../../src/core/usage/prices';
import { usdPerMTok } from '../../src/presenters/dashboard/format';
import type { BedrockEmulator } from '../emulators/bedrock';
import { choose, dashboardFrame, field, openTab, typeInto, userSetting, waitForUserSetting } from './dashboardPage';
import { reportFailure, runCommand, screenshot, startWorkbench, statusBarItem } from './workbench';
import type { Workbench } from './workbench';

const REGION_KEY = 'modelProvider.bedrock.awsRegion';
/** The model the default `sonnet` alias names today (the assertions follow the alias), and its list price. */
const SONNET = catalogByName('sonnet')!;
const LIST = PRICE_TABLE[SONNET.name]!;
const price = (p: { input: number; output: number }): string => `${usdPerMTok(p.input)} in · ${usdPerMTok(p.output)} out`;
/** The region the form chooses: no geo profile there for any model, so global. at the list price. */
const GLOBAL_REGION = 'me-central-1';

describe('Dashboard Configure tab (real UI, emulators behind it)', () => {
  let workbench: Workbench;
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;

  before(async () => {
    anthropic = await startAnthropicEmulator();
    // The region the form will choose: the emulator checks that requests are signed for it.
    bedrock = await startBedrockEmulator({ region: GLOBAL_REGION });
    const isolated = mkdtempSync(join(tmpdir(), 'switchboard-e2e-aws-'));
    writeFileSync(join(isolated, 'config'), '');
    workbench = await startWorkbench({
      env: {
        // Pinned by the environment: the form must show it and not offer to change it.
        SWITCHBOARD_PROVIDER: 'bedrock',
        CLAUDE_CODE_USE_BEDROCK: undefined, ANTHROPIC_BASE_URL: undefined, AWS_PROFILE: undefined, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined,
        AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_SESSION_TOKEN: undefined, SWITCHBOARD_FIRST_TOKEN_TIMEOUT: undefined,
        AWS_CONFIG_FILE: join(isolated, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(isolated, 'config'),
        ANTHROPIC_API_KEY: 'sk-ant-test-key',
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      },
      userSettings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'switchboard.modelProvider.anthropic.baseUrl': anthropic.url,
        'switchboard.modelProvider.bedrock.endpoint': bedrock.url,
        'switchboard.modelProvider.bedrock.awsRegion': 'us-east-1',
        'switchboard.modelProvider.fallbackProvider': 'anthropic',
        'switchboard.health.intervalSeconds': 0,
      },
    });
    await runCommand(workbench.page, 'Switchboard: Open Dashboard');
    await dashboardFrame(workbench.page).locator('.provider[data-provider="bedrock"]').waitFor({ state: 'visible', timeout: 30_000 });
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'dashboard-configure');
  });

  after(async () => {
    await workbench?.close();
    await anthropic?.close();
    await bedrock?.close();
  });

  it('each region option names the inference profile the default model gets there; choosing one writes user settings and the status bar, model IDs and prices follow', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    const card = frame.locator('.provider[data-provider="bedrock"]');
    assert.ok((await card.innerText()).includes(`us.${SONNET.bedrockId}`), await card.innerText());
    assert.ok((await card.innerText()).includes(price(regionalPrice(LIST))), `not the us. profile's regional price ${price(regionalPrice(LIST))}: ${await card.innerText()}`);
    await openTab(frame, 'configure');
    const region = field(frame, REGION_KEY);
    await region.waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok((await region.locator('.field-detail').innerText()).includes(`In us-east-1, sonnet is sent as us.${SONNET.bedrockId}`), await region.locator('.field-detail').innerText());
    await screenshot(page, 'dashboard-configure-dark');
    await choose(frame, REGION_KEY, `${GLOBAL_REGION} — global.${SONNET.bedrockId}`);
    // Written to the user's settings file, as a person would find it.
    await waitForUserSetting(workbench, `switchboard.${REGION_KEY}`, GLOBAL_REGION);
    await openTab(frame, 'overview');
    await card.locator('code.model-id', { hasText: `global.${SONNET.bedrockId}` }).first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await card.innerText(), new RegExp(`Region\\s+${GLOBAL_REGION}`));
    assert.ok((await card.innerText()).includes(price(LIST)), `the price did not follow the profile (global. is list price, ${price(LIST)})`);
    // The status bar's tooltip shows the region and the ID a request is sent as.
    await statusBarItem(page, /Bedrock/).hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const tip = await hover.innerText();
    assert.ok(tip.includes(GLOBAL_REGION), tip);
    assert.ok(tip.includes(`global.${SONNET.bedrockId}`), tip);
    await page.mouse.move(5, 5);
    // And a real request goes there with that ID.
    bedrock.reset();
    await card.locator('vscode-button[data-action="testConnection"]').click();
    await card.locator('.test.ok').waitFor({ state: 'visible', timeout: 20_000 });
    assert.ok(bedrock.modelRequests().every((r) => /^global\./.test(r.modelId ?? '')), JSON.stringify(bedrock.modelRequests().map((r) => r.modelId)));
    assert.ok(bedrock.modelRequests().length > 0);
  });

  it('an invalid value shows the validator\'s error beside its field and writes nothing', async () => {
    const { page } = workbench;
    const frame = dashboardFrame(page);
    await openTab(frame, 'configure');
    const key = 'timeouts.firstTokenSeconds';
    await typeInto(frame, key, 'soon');
    const error = field(frame, key).locator('.field-error');
    await error.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal((await error.innerText()).trim(), 'switchboard.timeouts.firstTokenSeconds: must be a whole number (got "soon"). Nothing was written.');
    assert.equal(await field(frame, key).locator('vscode-textfield input').inputValue(), 'soon', 'the typed text was thrown away');
    await typeInto(frame, key, '99999');
    await error.filter({ hasText: 'must be between 0 and 3600 (got 99999)' }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(userSetting(workbench, `switchboard.${key}`), undefined, 'an invalid value reached the settings file');
    // A valid value clears the error and is written.
    await typeInto(frame, key, '25');
    await error.waitFor({ state: 'hidden', timeout: 10_000 });
    await waitForUserSetting(workbench, `switchboard.${key}`, 25);
  });

  it('a value pinned by the environment is shown pinned, with the variable, and cannot be changed', async () => {
    const frame = dashboardFrame(workbench.page);
    await openTab(frame, 'configure');
    const provider = field(frame, 'modelProvider.type');
    assert.match(await provider.locator('.lock').innerText(), /Pinned by SWITCHBOARD_PROVIDER in the environment \("bedrock"\)/);
    assert.equal(await provider.locator('vscode-single-select').getAttribute('disabled'), '');
    // A click does not open it.
    await provider.locator('vscode-single-select').click({ force: true });
    assert.equal(await provider.locator('li[role="option"]').first().isVisible().catch(() => false), false);
  });
});
