import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resolveConfig } from '../../../src/extension/engine/configView';
import { toSettingsObject } from '../../../src/extension/settings/settingsTable';
import { cfg, getApi, resetUserSettings, waitFor } from './helpers';

const TOUCHED = ['model', 'modelProvider.bedrock.awsRegion', 'modelProvider.type', 'modelProvider.modelMapping', 'modelProvider.bedrock.endpoint'];

describe('Settings → effective config', () => {
  afterEach(async () => {
    await resetUserSettings(TOUCHED);
    const api = await getApi();
    await api.host.reload('test cleanup');
  });

  it('a user setting becomes the effective value with source "settings", and unset ones stay "default"', async () => {
    const api = await getApi();
    await cfg().update('model', 'haiku', vscode.ConfigurationTarget.Global);
    await cfg().update('modelProvider.bedrock.awsRegion', 'eu-central-1', vscode.ConfigurationTarget.Global);
    await waitFor('model = haiku and the region setting applied', () => api.host.config.model.value === 'haiku'
      && (api.host.config.bedrock.region.source !== 'default'));
    const config = api.host.config;
    assert.equal(config.model.value, 'haiku');
    assert.equal(config.model.source, 'settings');
    // The suite runs without the developer's AWS_REGION / provider pins (index.ts clears them), so this always runs.
    assert.equal(config.bedrock.region.value, 'eu-central-1');
    assert.equal(config.bedrock.region.source, 'settings');
    assert.deepEqual([api.host.resolved.bedrock.region.region, api.host.resolved.bedrock.region.source], ['eu-central-1', 'explicit']);
    // The region picks the geo inference profile.
    assert.match(api.host.resolvedModel('bedrock').modelId ?? '', /^eu\.anthropic\.claude-haiku/);
    assert.equal(config.provider.source, 'default');
  });

  it('an environment override wins over the same setting and names its variable', async () => {
    await cfg().update('modelProvider.type', 'anthropic', vscode.ConfigurationTarget.Global);
    const settings = toSettingsObject((await getApi()).settings.explicit().explicit);
    const result = resolveConfig({ settings, environment: { SWITCHBOARD_PROVIDER: 'bedrock', AWS_REGION: 'ap-northeast-1' } });
    assert.ok(result.ok);
    assert.equal(result.config.provider.value, 'bedrock');
    assert.equal(result.config.provider.source, 'environment');
    assert.equal(result.config.provider.envVar, 'SWITCHBOARD_PROVIDER');
    assert.equal(result.config.bedrock.region.envVar, 'AWS_REGION');
    const without = resolveConfig({ settings, environment: {} });
    assert.ok(without.ok);
    assert.equal(without.config.provider.value, 'anthropic');
    assert.equal(without.config.provider.source, 'settings');
  });

  it('an invalid setting keeps the previous working configuration', async () => {
    const api = await getApi();
    await cfg().update('model', 'opus', vscode.ConfigurationTarget.Global);
    await waitFor('model = opus', () => api.host.config.model.value === 'opus');
    const before = api.host.config;
    await cfg().update('modelProvider.modelMapping', { broken: 'not-an-object' }, vscode.ConfigurationTarget.Global);
    const ok = await api.host.reload('test: broken mapping');
    assert.equal(ok, false);
    assert.equal(api.host.config, before, 'the effective config object was replaced');
    await cfg().update('modelProvider.bedrock.awsRegion', 'mars-north-9', vscode.ConfigurationTarget.Global);
    assert.equal(await api.host.reload('test: bad region'), false);
    assert.equal(api.host.config.model.value, 'opus');
  });

  it('reads credential-redirecting settings from user settings only', async () => {
    const api = await getApi();
    await cfg().update('modelProvider.bedrock.endpoint', 'http://127.0.0.1:9/user-endpoint', vscode.ConfigurationTarget.Global);
    await waitFor('user endpoint applied', () => api.host.config.bedrock.endpoint.value === 'http://127.0.0.1:9/user-endpoint');
    // A machine-scoped setting can't be written to the workspace at all.
    await assert.rejects(Promise.resolve(cfg().update('modelProvider.bedrock.endpoint', 'http://evil.example', vscode.ConfigurationTarget.Workspace)));
    assert.equal(api.host.config.bedrock.endpoint.value, 'http://127.0.0.1:9/user-endpoint');
  });
});
