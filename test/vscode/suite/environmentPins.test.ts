import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EngineHost } from '../../../src/extension/engine/engineHost';
import { ExtensionLogger } from '../../../src/extension/log';
import { statusText } from '../../../src/extension/statusBar';
import { switchTo } from '../../../src/extension/switchProvider';
import { cfg, getApi, resetUserSettings } from './helpers';

// A second engine host over the real settings and SecretStorage, with an environment of our
// choosing (the extension host's own environment is the suite's; index.ts clears its pins).
describe('Environment overrides inside VS Code', () => {
  let host: EngineHost;
  let logger: ExtensionLogger;
  const env = { SWITCHBOARD_PROVIDER: 'bedrock', AWS_REGION: 'eu-west-3' };

  before(async () => {
    const api = await getApi();
    const memento = (): vscode.Memento => {
      const m = new Map<string, unknown>();
      return { get: (k: string, d?: unknown) => m.get(k) ?? d, update: async (k: string, v: unknown) => { m.set(k, v); }, keys: () => [...m.keys()] } as unknown as vscode.Memento;
    };
    const context = { workspaceState: memento(), globalState: memento(), globalStorageUri: vscode.Uri.file('/tmp/switchboard-env-pin-test') };
    logger = new ExtensionLogger(vscode.window.createOutputChannel('Switchboard env test', { log: true }));
    host = new EngineHost({ context, settings: api.settings, secrets: api.secrets, logger, usage: api.usage, env });
    await host.start();
  });

  after(async () => {
    host.dispose();
    logger.dispose();
    await resetUserSettings(['modelProvider.type']);
  });

  it('SWITCHBOARD_PROVIDER and AWS_REGION win over settings and are shown as the source', async () => {
    await cfg().update('modelProvider.type', 'anthropic', vscode.ConfigurationTarget.Global);
    assert.equal(await host.reload('test'), true);
    assert.equal(host.config.provider.value, 'bedrock');
    assert.equal(host.config.provider.envVar, 'SWITCHBOARD_PROVIDER');
    assert.deepEqual([host.resolved.bedrock.region.region, host.resolved.bedrock.region.origin], ['eu-west-3', 'AWS_REGION']);
    assert.match(statusText(host), /^Bedrock · /);
    assert.match(host.resolvedModel('bedrock').modelId ?? '', /^eu\./);
  });

  it('Switch Provider refuses a provider the environment overrides instead of silently writing a setting that has no effect', async () => {
    await cfg().update('modelProvider.type', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(await switchTo(host, (await getApi()).settings, 'anthropic', env), false);
    assert.equal(cfg().inspect('modelProvider.type')?.globalValue, undefined);
    assert.equal(host.config.provider.value, 'bedrock');
  });
});
