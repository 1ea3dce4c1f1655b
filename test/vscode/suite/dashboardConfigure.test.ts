import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FieldView } from '../../../src/shared/dashboard/configure';
import { catalogByName } from '../../../src/core/models/catalog';
import { PRICE_TABLE, regionalPrice } from '../../../src/core/usage/prices';
import { resolveConfig } from '../../../src/extension/engine/configView';
import { usdPerMTok } from '../../../src/presenters/dashboard/format';
import { toSettingsObject } from '../../../src/extension/settings/settingsTable';
import { cfg, getApi, resetUserSettings, waitFor } from './helpers';

/** The models the `sonnet` and `haiku` aliases name today (the assertions follow the aliases), and sonnet's list price. */
const SONNET = catalogByName('sonnet')!;
const HAIKU = catalogByName('haiku')!;
const LIST = PRICE_TABLE[SONNET.name]!;
const price = (p: { input: number; output: number }): string => `${usdPerMTok(p.input)} in · ${usdPerMTok(p.output)} out per million tokens`;

const TOUCHED = [
  'modelProvider.type', 'modelProvider.bedrock.awsRegion', 'modelProvider.bedrock.authMethod', 'modelProvider.modelMapping',
  'timeouts.firstTokenSeconds', 'budget.alertThresholds',
];

/** The dashboard's Configure field for `key`, from the view model the page was last sent. */
async function formField(key: string): Promise<FieldView | undefined> {
  const api = await getApi();
  await api.dashboard.controller.refresh();
  return api.dashboard.controller.lastModel?.configure?.groups.flatMap((g) => g.fields).find((f) => f.key === key);
}

/** What the page sends when the user commits a value in a field. */
async function commit(key: string, value: string | boolean, seq: number): Promise<void> {
  await (await getApi()).dashboard.controller.handle({ type: 'setSetting', key, value, seq });
}

describe('Dashboard Configure tab in VS Code', () => {
  before(async () => {
    const api = await getApi();
    await cfg().update('modelProvider.type', 'bedrock', vscode.ConfigurationTarget.Global);
    await cfg().update('modelProvider.bedrock.awsRegion', 'us-east-1', vscode.ConfigurationTarget.Global);
    await waitFor('Bedrock primary in us-east-1', () => api.host.resolved.provider === 'bedrock' && api.host.resolved.bedrock.region.region === 'us-east-1');
    await vscode.commands.executeCommand('switchboard.openDashboard');
    await waitFor('the dashboard handshake', () => api.dashboard.controller.isReady, 30_000);
  });

  after(async () => {
    delete process.env.SWITCHBOARD_FIRST_TOKEN_TIMEOUT;
    await resetUserSettings(TOUCHED);
    await (await getApi()).host.reload('test: dashboard configure done');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a region chosen in the form is written to user settings, and the status bar, the model IDs and the prices follow', async () => {
    const api = await getApi();
    // me-central-1 has no geo profile for any model: global. at the list price; then eu-west-1: eu. at the regional price.
    await commit('modelProvider.bedrock.awsRegion', 'me-central-1', 1);
    assert.equal(cfg().inspect('modelProvider.bedrock.awsRegion')?.globalValue, 'me-central-1');
    await waitFor('the engine in me-central-1', () => api.host.resolved.bedrock.region.region === 'me-central-1');
    api.statusBar.render();
    const tooltip = api.statusBar.tooltipText().replace(/\\(.)/g, '$1');
    assert.match(tooltip, /Region: me-central-1/);
    assert.ok(tooltip.includes(`Model ID: \`global.${SONNET.bedrockId}\``), tooltip);
    await api.dashboard.controller.refresh();
    const card = api.dashboard.controller.lastModel?.providers.find((p) => p.id === 'bedrock');
    assert.deepEqual([card?.region, card?.modelId, card?.price], ['me-central-1', `global.${SONNET.bedrockId}`, price(LIST)]);
    await commit('modelProvider.bedrock.awsRegion', 'eu-west-1', 2);
    await waitFor('the engine in eu-west-1', () => api.host.resolved.bedrock.region.region === 'eu-west-1');
    await api.dashboard.controller.refresh();
    const eu = api.dashboard.controller.lastModel?.providers.find((p) => p.id === 'bedrock');
    assert.deepEqual([eu?.modelId, eu?.price], [`eu.${SONNET.bedrockId}`, price(regionalPrice(LIST))]);
    assert.notEqual(eu?.price, card?.price, 'the price did not follow the region');
    const region = await formField('modelProvider.bedrock.awsRegion');
    assert.equal(region?.value, 'eu-west-1');
    assert.equal(region?.userSet, true);
  });

  it('an invalid value gets the message settings.json would get, beside its field, and nothing is written', async () => {
    await commit('modelProvider.bedrock.awsRegion', 'eu-west-9', 3);
    const field = await formField('modelProvider.bedrock.awsRegion');
    const expected = resolveConfig({ settings: toSettingsObject({ 'modelProvider.bedrock.awsRegion': 'eu-west-9' }), environment: {} });
    assert.equal(expected.ok, false);
    assert.equal(field?.error, expected.ok ? '' : expected.errors[0]!.message);
    assert.match(field?.error ?? '', /"eu-west-9" is not a region/);
    assert.equal(cfg().inspect('modelProvider.bedrock.awsRegion')?.globalValue, 'eu-west-1', 'the bad value was written');
    await commit('budget.alertThresholds', '50, lots', 4);
    assert.match((await formField('budget.alertThresholds'))?.error ?? '', /^switchboard\.budget\.alertThresholds: expected a list of percentages/);
    assert.equal(cfg().inspect('budget.alertThresholds')?.globalValue, undefined);
    assert.equal((await getApi()).dashboard.controller.lastModel?.configure?.handled, 4);
  });

  it('a value pinned by the environment is shown pinned with its variable, and the form refuses to write it', async () => {
    const api = await getApi();
    process.env.SWITCHBOARD_FIRST_TOKEN_TIMEOUT = '45';
    await api.host.reload('test: pin the first-token deadline');
    const field = await formField('timeouts.firstTokenSeconds');
    assert.equal(field?.locked?.kind, 'environment');
    assert.match(field?.locked?.message ?? '', /^Pinned by SWITCHBOARD_FIRST_TOKEN_TIMEOUT in the environment \(45\)/);
    await commit('timeouts.firstTokenSeconds', '30', 5);
    assert.match((await formField('timeouts.firstTokenSeconds'))?.error ?? '', /pinned by SWITCHBOARD_FIRST_TOKEN_TIMEOUT/);
    assert.equal(cfg().inspect('timeouts.firstTokenSeconds')?.globalValue, undefined);
    delete process.env.SWITCHBOARD_FIRST_TOKEN_TIMEOUT;
    await api.host.reload('test: unpin');
    assert.equal((await formField('timeouts.firstTokenSeconds'))?.locked, undefined);
  });

  it("Bedrock's fields follow the auth method chosen in the form", async () => {
    const api = await getApi();
    const bedrockKeys = async (): Promise<string[]> => {
      await api.dashboard.controller.refresh();
      const group = api.dashboard.controller.lastModel?.configure?.groups.find((g) => g.id === 'bedrock');
      return [...(group?.fields.map((f) => f.key) ?? []), ...(group?.secrets.map((s) => s.id) ?? [])];
    };
    await commit('modelProvider.bedrock.authMethod', 'assumeRole', 6);
    await waitFor('assumeRole in effect', () => api.host.config.bedrock.authMethod.value === 'assumeRole');
    const role = await bedrockKeys();
    assert.ok(role.includes('modelProvider.bedrock.roleArn') && role.includes('modelProvider.bedrock.externalId'), role.join());
    await commit('modelProvider.bedrock.authMethod', 'apiKey', 7);
    await waitFor('apiKey in effect', () => api.host.config.bedrock.authMethod.value === 'apiKey');
    const key = await bedrockKeys();
    assert.ok(key.includes('bedrockApiKey') && !key.includes('modelProvider.bedrock.roleArn') && !key.includes('modelProvider.bedrock.awsProfile'), key.join());
    await api.dashboard.controller.handle({ type: 'resetSetting', key: 'modelProvider.bedrock.authMethod', seq: 8 });
    assert.equal(cfg().inspect('modelProvider.bedrock.authMethod')?.globalValue, undefined);
  });

  it('the model-mapping editor writes rows the resolver then sends, and refuses a bad row whole', async () => {
    const api = await getApi();
    await api.dashboard.controller.handle({ type: 'setMapping', rows: [{ name: 'fast', anthropic: 'claude-haiku-4-5-20251001', bedrock: 'haiku', fallback: '' }], seq: 9 });
    assert.deepEqual(cfg().inspect('modelProvider.modelMapping')?.globalValue, { fast: { anthropic: 'claude-haiku-4-5-20251001', bedrock: 'haiku' } });
    await waitFor('the mapping in effect', () => api.host.resolved.models.fast !== undefined);
    await api.dashboard.controller.refresh();
    const row = api.dashboard.controller.lastModel?.configure?.mapping.rows.find((r) => r.name === 'fast');
    assert.equal(row?.resolved.bedrock, api.host.resolved.models.fast?.bedrock.modelId);
    assert.equal(row?.resolved.bedrock, `eu.${HAIKU.bedrockId}`, 'the row\'s "haiku" is the alias, sent with eu-west-1\'s eu. profile');
    await api.dashboard.controller.handle({ type: 'setMapping', rows: [{ name: 'fast', anthropic: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', bedrock: '', fallback: '' }], seq: 10 });
    await api.dashboard.controller.refresh();
    assert.match(api.dashboard.controller.lastModel?.configure?.mapping.error ?? '', /modelMapping\.fast\.anthropic: .* is a Bedrock model ID/);
    assert.deepEqual(cfg().inspect('modelProvider.modelMapping')?.globalValue, { fast: { anthropic: 'claude-haiku-4-5-20251001', bedrock: 'haiku' } }, 'a refused mapping was written');
  });
});
