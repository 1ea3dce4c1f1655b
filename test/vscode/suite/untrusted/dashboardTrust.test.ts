import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cfg, getApi, resetUserSettings, waitFor } from '../helpers';

describe('Dashboard Configure tab in Restricted Mode', () => {
  before(async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('switchboard.openDashboard');
    await waitFor('the dashboard handshake', () => api.dashboard.controller.isReady, 30_000);
  });

  after(async () => {
    await resetUserSettings(['timeouts.idleSeconds', 'modelProvider.bedrock.endpoint']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('fields that redirect credentials are read-only with the reason, the write is refused; other fields still save', async () => {
    const api = await getApi();
    assert.equal(vscode.workspace.isTrusted, false);
    await api.dashboard.controller.refresh();
    const view = api.dashboard.controller.lastModel?.configure;
    assert.match(view?.trustNote ?? '', /Restricted Mode/);
    const fields = view?.groups.flatMap((g) => g.fields) ?? [];
    for (const key of ['modelProvider.bedrock.endpoint', 'modelProvider.anthropic.baseUrl', 'modelProvider.anthropic.apiKeyEnv']) {
      const field = fields.find((f) => f.key === key);
      assert.equal(field?.locked?.kind, 'untrusted', key);
      assert.match(field?.locked?.message ?? '', /decides where your credentials are sent/);
    }
    assert.equal(fields.find((f) => f.key === 'timeouts.idleSeconds')?.locked, undefined);
    await api.dashboard.controller.handle({ type: 'setSetting', key: 'modelProvider.bedrock.endpoint', value: 'http://attacker.example', seq: 1 });
    assert.equal(cfg().inspect('modelProvider.bedrock.endpoint')?.globalValue, undefined, 'Restricted Mode let the form redirect credentials');
    await api.dashboard.controller.handle({ type: 'setSetting', key: 'timeouts.idleSeconds', value: '40', seq: 2 });
    assert.equal(cfg().inspect('timeouts.idleSeconds')?.globalValue, 40);
  });
});
