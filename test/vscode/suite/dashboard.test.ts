import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { getApi, useAnthropicEmulator, waitFor } from './helpers';
import { healthOf } from '../../../src/presenters/engineViews';
import { catalogByName } from '../../../src/core/models/catalog';

/** The model the default `sonnet` alias names today (the assertions follow the alias). */
const SONNET = catalogByName('sonnet')!;

// A test-only value shaped like a key; the emulator accepts exactly this one.
const KEY = 'sk-ant-api03-inhost-dashboard-test-0000000000000abcd';

describe('Dashboard panel', () => {
  const emu = useAnthropicEmulator(KEY);
  let emulator: AnthropicEmulator;
  before(() => { emulator = emu.emulator; });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Open Dashboard shows a panel whose page completes the ready handshake and lists both providers', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('switchboard.openDashboard');
    await waitFor('the dashboard panel', () => api.dashboard.isOpen);
    const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    await waitFor(`a dashboard tab among ${JSON.stringify(tabs().map((t) => t.label))}`, () => tabs().some((t) => t.label === 'Switchboard Dashboard' && t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('switchboard.dashboard')));
    await waitFor('the ready handshake', () => api.dashboard.controller.isReady, 30_000);
    const model = await waitFor('the first view model', () => api.dashboard.controller.lastModel);
    assert.deepEqual(model.providers.map((p) => p.id), ['anthropic', 'bedrock']);
    const primary = api.host.config.provider.value;
    assert.equal(model.providers.find((p) => p.id === primary)?.role, 'primary');
    assert.match(model.providers.find((p) => p.id === 'anthropic')?.modelId ?? '', new RegExp(`^${SONNET.anthropicId}`));
    assert.ok(model.cache, 'no cache section');
    assert.ok(model.usage, 'no usage section');
  });

  it('Test Connection for Anthropic reaches the emulator and shows identity and model ID inline, never the key', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', KEY);
    await waitFor('the key in the view model', () => /API key stored/.test(api.dashboard.controller.lastModel?.providers[0]?.auth ?? ''));
    emulator.reset();
    await api.dashboard.controller.handle({ type: 'testConnection', provider: 'anthropic' });
    const test = api.dashboard.controller.lastModel?.providers.find((p) => p.id === 'anthropic')?.test;
    assert.equal(test?.state, 'ok', JSON.stringify(test));
    assert.match(test.state === 'ok' ? test.modelId : '', new RegExp(`^${SONNET.anthropicId}`));
    assert.ok(emulator.requests.length > 0, 'no request reached the emulator');
    assert.ok(!JSON.stringify(api.dashboard.controller.lastModel).includes(KEY), 'the key reached the panel');
    assert.equal(healthOf(api.host.view(), 'anthropic')?.ok, true);
  });

  it('drops a malformed message from the panel and keeps working', async () => {
    const api = await getApi();
    const before = api.dashboard.controller.dropped;
    await api.dashboard.controller.handle({ type: 'switchProvider', provider: 'openai' });
    assert.equal(api.dashboard.controller.dropped, before + 1);
    await api.dashboard.controller.handle({ type: 'refresh' });
    assert.ok(api.dashboard.controller.lastModel);
  });
});
