import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { providerItems } from '../../../src/presenters/engineViews';
import { chatModelOptions } from '../../../src/presenters/modelChoices';
import type { HostMessage } from '../../../src/shared/protocol';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { cfg, getApi, resetUserSettings, waitFor } from './helpers';
import { catalogByName } from '../../../src/core/models/catalog';

/** The model the default `sonnet` alias names today (the assertions follow the alias). */
const SONNET = catalogByName('sonnet')!;

const TOUCHED = ['modelProvider.type', 'modelProvider.bedrock.awsProfile', 'modelProvider.bedrock.authMethod', 'modelProvider.bedrock.endpoint', 'health.intervalSeconds'];

// A new user's setup: AWS profile "team" with `region = eu-west-1` in ~/.aws/config, no region
// setting. Every surface must show the region and model ID the request is signed and sent with.
describe('Profile-only region (AWS profile with region = eu-west-1, no region setting)', () => {
  let bedrock: BedrockEmulator;
  let previousConfigFile: string | undefined;

  before(async () => {
    bedrock = await startBedrockEmulator({ region: 'eu-west-1' });
    const dir = mkdtempSync(join(tmpdir(), 'sb-inhost-profile-'));
    writeFileSync(join(dir, 'config'), '[profile team]\nregion = eu-west-1\n');
    previousConfigFile = process.env.AWS_CONFIG_FILE;
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    const G = vscode.ConfigurationTarget.Global;
    await cfg().update('health.intervalSeconds', 0, G);
    await cfg().update('modelProvider.type', 'bedrock', G);
    await cfg().update('modelProvider.bedrock.awsProfile', 'team', G);
    await cfg().update('modelProvider.bedrock.authMethod', 'accessKeys', G);
    await cfg().update('modelProvider.bedrock.endpoint', bedrock.url, G);
    await vscode.commands.executeCommand('switchboard.setAwsAccessKeys', { accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: TEST_CREDENTIALS.secretAccessKey });
    const api = await getApi();
    await api.host.reload('test: profile-only region');
    await waitFor('the engine on the profile', () => api.host.config.bedrock.endpoint.value === bedrock.url && api.host.config.bedrock.profile.value === 'team');
  });

  after(async () => {
    process.env.AWS_CONFIG_FILE = previousConfigFile;
    await vscode.commands.executeCommand('switchboard.clearAwsAccessKeys');
    await resetUserSettings(TOUCHED);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await bedrock?.close();
  });

  it('status bar tooltip, Switch Provider, Verify Model Mapping, the chat picker and the dashboard show eu-west-1 and the eu. ID, and the request uses exactly them', async () => {
    const api = await getApi();
    const resolved = api.host.resolved;
    assert.deepEqual([resolved.bedrock.region.region, resolved.bedrock.region.source], ['eu-west-1', 'profile']);
    const shownId = resolved.models.sonnet?.bedrock.modelId ?? '';
    assert.ok(shownId.startsWith(`eu.${SONNET.bedrockId}`), shownId);

    api.statusBar.render();
    const tooltip = api.statusBar.tooltipText().replace(/\\(.)/g, '$1');
    assert.match(tooltip, /Region: eu-west-1 \(profile "team"/);
    assert.ok(tooltip.includes(`Model ID: \`${shownId}\``), tooltip);

    const item = providerItems(api.host.view()).find((i) => i.provider === 'bedrock')!;
    assert.match(item.description, /eu-west-1/);
    assert.ok(item.detail.includes(shownId), item.detail);

    const rows = await vscode.commands.executeCommand<Array<{ name: string; bedrock: string }>>('switchboard.verifyModelMapping', { quiet: true });
    assert.equal(rows.find((r) => r.name === 'sonnet')?.bedrock, shownId);

    // The chat view gets its picker from the same view on every rebuild.
    const models = new Promise<Extract<HostMessage, { type: 'models' }>>((resolve) => {
      const sub = api.chat.controller.onDidPost((m) => { if (m.type === 'models') { sub.dispose(); resolve(m); } });
    });
    await api.host.reload('test: chat picker');
    const sonnet = (await models).models.find((m) => m.name === 'sonnet');
    assert.deepEqual([sonnet?.provider, sonnet?.modelId], ['bedrock', shownId]);
    assert.deepEqual(chatModelOptions(api.host.view()).find((m) => m.name === 'sonnet')?.modelId, shownId);

    await vscode.commands.executeCommand('switchboard.openDashboard');
    await waitFor('the dashboard handshake', () => api.dashboard.controller.isReady, 30_000);
    await api.dashboard.controller.refresh();
    const card = api.dashboard.controller.lastModel?.providers.find((p) => p.id === 'bedrock');
    assert.deepEqual([card?.region, card?.modelId], ['eu-west-1', shownId]);

    // The emulator refuses a signature scoped to any other region.
    bedrock.reset();
    const result = await api.host.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello from eu-west-1' }] });
    assert.equal(result.modelId, shownId);
    assert.deepEqual(bedrock.requests.filter((r) => r.modelId).map((r) => r.modelId), [shownId]);
  });
});
