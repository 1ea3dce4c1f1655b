import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cfg, getApi, resetUserSettings, waitFor } from './helpers';

describe('Switch Provider', () => {
  afterEach(async () => {
    await resetUserSettings(['modelProvider.type']);
  });

  it('picking Bedrock in the QuickPick writes user settings and the status bar says Bedrock', async () => {
    const api = await getApi();
    await api.host.reload('test start');
    assert.match(api.statusBarText(), /^Anthropic · /);
    const shown = new Promise<void>((resolve) => { const sub = api.onDidShowProviderPicker(() => { sub.dispose(); resolve(); }); });
    const done = vscode.commands.executeCommand<boolean>('switchboard.switchProvider');
    // Items: Anthropic (current), Bedrock. Once the picker is up, move to the second and accept, as a person would.
    await shown;
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await done, true);
    await waitFor('status bar shows Bedrock', () => /^Bedrock · /.test(api.statusBarText()));
    assert.equal(cfg().inspect('modelProvider.type')?.globalValue, 'bedrock');
    assert.equal(api.host.config.provider.value, 'bedrock');
  });

  it('editing the setting by hand switches the status bar back without a reload', async () => {
    const api = await getApi();
    await cfg().update('modelProvider.type', 'bedrock', vscode.ConfigurationTarget.Global);
    await waitFor('Bedrock', () => /^Bedrock/.test(api.statusBarText()));
    await cfg().update('modelProvider.type', 'anthropic', vscode.ConfigurationTarget.Global);
    await waitFor('Anthropic', () => /^Anthropic/.test(api.statusBarText()));
  });
});
