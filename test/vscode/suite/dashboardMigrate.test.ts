import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseConfigYaml } from '../../../src/core/config/parse';
import { catalogByName } from '../../../src/core/models/catalog';
import type { MigrateView } from '../../../src/shared/dashboard/migrate';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { cfg, getApi, resetUserSettings, useAnthropicEmulator, waitFor } from './helpers';

/** The models the `sonnet` and `opus` aliases name today (the assertions follow the aliases). */
const SONNET = catalogByName('sonnet')!;
const OPUS = catalogByName('opus')!;

const KEY = 'sk-ant-api03-inhost-migrate-test-00000000000000abcd';
const TOUCHED = ['modelProvider.type', 'modelProvider.bedrock.authMethod', 'modelProvider.bedrock.endpoint', 'modelProvider.bedrock.awsRegion', 'modelProvider.fallbackProvider', 'health.intervalSeconds'];

async function wizard(): Promise<MigrateView> {
  const api = await getApi();
  await api.dashboard.controller.refresh();
  const view = api.dashboard.controller.lastModel?.migrate;
  assert.ok(view, 'no Migrate view');
  return view;
}

const item = (v: MigrateView, id: string): MigrateView['checklist'][number] | undefined => v.checklist.find((i) => i.id === id);

// The Migrate tab through the real extension: the engine host's own engine, the emulators behind it
// (Bedrock in us-east-1 without access to the model `opus` names for this account), the commands the fixes run.
// Pick Another Model's QuickPick is driven in the e2e test (test/e2e/dashboardMigrate.test.ts).
describe('Dashboard Migrate tab in VS Code (Anthropic → Bedrock)', () => {
  useAnthropicEmulator(KEY);
  let bedrock: BedrockEmulator;

  before(async () => {
    bedrock = await startBedrockEmulator({ region: 'us-east-1', deniedModels: [OPUS.bedrockId!] });
    const G = vscode.ConfigurationTarget.Global;
    await cfg().update('health.intervalSeconds', 0, G);
    await cfg().update('modelProvider.type', 'anthropic', G);
    await cfg().update('modelProvider.bedrock.authMethod', 'accessKeys', G);
    await cfg().update('modelProvider.bedrock.endpoint', bedrock.url, G);
    await cfg().update('modelProvider.bedrock.awsRegion', 'us-east-1', G);
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', KEY);
    await vscode.commands.executeCommand('switchboard.setAwsAccessKeys', { accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: TEST_CREDENTIALS.secretAccessKey });
    const api = await getApi();
    await api.host.reload('test: migrate');
    await waitFor('the engine on the emulators', () => api.host.config.bedrock.endpoint.value === bedrock.url && api.host.resolved.provider === 'anthropic');
    await vscode.commands.executeCommand('switchboard.openDashboard', 'migrate');
    await waitFor('the dashboard handshake', () => api.dashboard.controller.isReady, 30_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('switchboard.clearAwsAccessKeys');
    await resetUserSettings(TOUCHED);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await bedrock?.close();
  });

  it('Run All Checks calls Bedrock through the engine host: credentials, one probe per model (Opus denied), both answers', async () => {
    const api = await getApi();
    bedrock.reset();
    await api.dashboard.controller.handle({ type: 'migrateCheck', step: 'all' });
    const v = await wizard();
    assert.deepEqual([v.from, v.to], ['anthropic', 'bedrock']);
    assert.equal(item(v, 'credentials')?.state, 'pass', item(v, 'credentials')?.detail);
    assert.deepEqual(['model:sonnet', 'model:haiku', 'model:opus', 'compare'].map((id) => item(v, id)?.state), ['pass', 'pass', 'fail', 'pass']);
    assert.match(item(v, 'model:opus')?.detail ?? '', /^permission: /);
    const probes = bedrock.modelRequests().map((r) => r.modelId ?? '');
    assert.ok(probes.includes(`us.${OPUS.bedrockId}`), probes.join());
    // The probes are real requests: the ledger has them, under the wizard's surface.
    const records = await api.usage.store.ledger.read({ surface: 'vscode:migrate' });
    assert.ok(records.some((r) => r.modelId === `us.${SONNET.bedrockId}` && r.provider === 'bedrock'), JSON.stringify(records.map((r) => [r.provider, r.modelId])));
  });

  it('Keep Anthropic as Fallback and Make Amazon Bedrock Primary change the settings; the export is the YAML config of that result', async () => {
    const api = await getApi();
    let v = await wizard();
    await api.dashboard.controller.handle({ type: 'migrateFix', item: 'fallback', fixIndex: 0 });
    assert.equal(cfg().inspect('modelProvider.fallbackProvider')?.globalValue, 'anthropic');
    v = await wizard();
    assert.equal(item(v, 'fallback')?.state, 'pass');
    await api.dashboard.controller.handle({ type: 'migrateFix', item: 'primary', fixIndex: 0 });
    await waitFor('Bedrock primary', () => api.host.resolved.provider === 'bedrock');
    v = await wizard();
    assert.equal(item(v, 'primary')?.state, 'pass');
    assert.equal(api.host.resolved.fallback, 'anthropic');

    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const sub = vscode.workspace.onDidOpenTextDocument((d) => { if (d.languageId === 'yaml' && d.isUntitled) { sub.dispose(); resolve(d); } });
    });
    await api.dashboard.controller.handle({ type: 'migrateExport' });
    const doc = await opened;
    const parsed = parseConfigYaml(doc.getText(), 'export');
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.deepEqual([parsed.config.provider, parsed.config.fallbackProvider, parsed.config.bedrock?.awsRegion], ['bedrock', 'anthropic', 'us-east-1']);
    assert.ok(!doc.getText().includes(KEY) && !doc.getText().includes(TEST_CREDENTIALS.secretAccessKey), 'a secret is in the export');
  });
});
