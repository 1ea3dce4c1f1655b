import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ExtensionLogger } from '../../../src/extension/log';
import { SwitchboardState } from '../../../src/extension/state';
import { statusText } from '../../../src/extension/statusBar';
import { switchTo } from '../../../src/extension/switchProvider';
import { cfg, getApi, resetUserSettings } from './helpers';

// A second state over the real settings and SecretStorage, with an environment of our choosing
// (the extension host's own process.env can't be changed after start).
describe('Environment overrides inside VS Code', () => {
  let state: SwitchboardState;
  let logger: ExtensionLogger;

  before(async () => {
    const api = await getApi();
    const memento = new Map<string, unknown>();
    const context = {
      workspaceState: { get: (k: string, d?: unknown) => memento.get(k) ?? d, update: async (k: string, v: unknown) => { memento.set(k, v); }, keys: () => [...memento.keys()] },
      globalStorageUri: vscode.Uri.file('/tmp/switchboard-env-pin-test'),
    } as unknown as vscode.ExtensionContext;
    logger = new ExtensionLogger(vscode.window.createOutputChannel('Switchboard env test', { log: true }));
    state = new SwitchboardState(context, logger, api.secrets, { SWITCHBOARD_PROVIDER: 'bedrock', AWS_REGION: 'eu-west-3' });
    await state.initialize();
  });

  after(async () => {
    state.dispose();
    logger.dispose();
    await resetUserSettings(['modelProvider.type']);
  });

  it('SWITCHBOARD_PROVIDER and AWS_REGION win over settings and are shown as the source', async () => {
    await cfg().update('modelProvider.type', 'anthropic', vscode.ConfigurationTarget.Global);
    assert.equal(await state.reload('test'), true);
    assert.equal(state.config.provider.value, 'bedrock');
    assert.equal(state.config.provider.envVar, 'SWITCHBOARD_PROVIDER');
    assert.equal(state.config.bedrock.region.value, 'eu-west-3');
    assert.match(statusText(state), /^Bedrock · /);
    assert.match(state.resolvedModel('bedrock').modelId ?? '', /^eu\./);
  });

  it('Switch Provider refuses a provider the environment overrides instead of silently writing a setting that has no effect', async () => {
    await cfg().update('modelProvider.type', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(await switchTo(state, 'anthropic'), false);
    assert.equal(cfg().inspect('modelProvider.type')?.globalValue, undefined);
    assert.equal(state.config.provider.value, 'bedrock');
  });
});
