import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { getApi, useAnthropicEmulator } from './helpers';
import { healthOf } from '../../../src/presenters/engineViews';
import { catalogByName } from '../../../src/core/models/catalog';

/** The model the default `sonnet` alias names today (the assertions follow the alias). */
const SONNET = catalogByName('sonnet')!;

// A test-only value shaped like a key; the emulator accepts exactly this one.
const KEY = 'sk-ant-api03-inhost-connection-test-000000000000abcd';

describe('Test Connection (against the Anthropic emulator)', () => {
  const emu = useAnthropicEmulator(KEY);
  let emulator: AnthropicEmulator;
  before(() => { emulator = emu.emulator; });

  it('reports identity, model ID and latency with a valid key and marks the provider healthy', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', KEY);
    emulator.reset();
    const info = await vscode.commands.executeCommand<{ provider: string; identity: string; modelId: string; latencyMs: number }>('switchboard.testConnection');
    assert.equal(info.provider, 'anthropic');
    assert.ok(info.modelId.startsWith(SONNET.anthropicId!), info.modelId);
    assert.ok(!info.identity.includes(KEY), 'the identity shows the whole key');
    assert.ok(emulator.requests.length > 0, 'no request reached the emulator');
    // SDK 1.x sends the key as x-api-key or Authorization: Bearer depending on version; either proves it was used.
    assert.ok(emulator.requests.some((r) => r.auth === 'x-api-key' || r.auth === 'bearer'), `no authenticated request: ${JSON.stringify(emulator.requests.map((r) => [r.path, r.auth]))}`);
    assert.equal(healthOf(api.host.view(), 'anthropic')?.ok, true);
    assert.match(api.statusBarText(), /^Anthropic · .*\$\(pass\)$/);
  });

  it('returns the typed authentication error for a wrong key and marks the provider down', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', 'sk-ant-api03-wrong-key-for-the-emulator-0000000000');
    const result = await vscode.commands.executeCommand<{ error?: { type: string; message: string } }>('switchboard.testConnection');
    assert.equal(result.error?.type, 'authentication');
    assert.ok(!result.error.message.includes('wrong-key'), 'the key leaked into the message');
    assert.equal(healthOf(api.host.view(), 'anthropic')?.ok, false);
    assert.match(api.statusBarText(), /\$\(error\)$/);
  });
});
