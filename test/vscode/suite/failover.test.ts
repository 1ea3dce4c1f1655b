import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { tmpdir } from 'node:os';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { cfg, getApi, resetUserSettings, waitFor } from './helpers';
import { catalogByName } from '../../../src/core/models/catalog';

/** The model the default `sonnet` alias names today (the assertions follow the alias). */
const SONNET = catalogByName('sonnet')!;

const KEY = 'sk-ant-api03-inhost-failover-test-00000000000000abcd';
const TOUCHED = [
  'modelProvider.type', 'modelProvider.anthropic.baseUrl', 'modelProvider.fallbackProvider', 'modelProvider.autoFallback',
  'modelProvider.bedrock.awsRegion', 'modelProvider.bedrock.authMethod', 'modelProvider.bedrock.endpoint', 'health.intervalSeconds',
];

describe('Failover in the extension host (Anthropic down, Bedrock as fallback)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;

  before(async function () {
    anthropic = await startAnthropicEmulator({ apiKeys: [KEY] });
    bedrock = await startBedrockEmulator({ region: 'eu-west-1' });
    const c = cfg();
    const G = vscode.ConfigurationTarget.Global;
    await c.update('health.intervalSeconds', 0, G);
    await c.update('modelProvider.type', 'anthropic', G);
    await c.update('modelProvider.anthropic.baseUrl', anthropic.url, G);
    await c.update('modelProvider.fallbackProvider', 'bedrock', G);
    await c.update('modelProvider.autoFallback', true, G);
    await c.update('modelProvider.bedrock.awsRegion', 'eu-west-1', G);
    await c.update('modelProvider.bedrock.authMethod', 'accessKeys', G);
    await c.update('modelProvider.bedrock.endpoint', bedrock.url, G);
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', KEY);
    await vscode.commands.executeCommand('switchboard.setAwsAccessKeys', { accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: TEST_CREDENTIALS.secretAccessKey });
    const api = await getApi();
    await waitFor('settings applied', () => api.host.config.bedrock.endpoint.value === bedrock.url && api.host.config.anthropic.baseUrl.value === anthropic.url && api.host.config.fallbackProvider.value === 'bedrock');
  });

  after(async () => {
    await vscode.commands.executeCommand('switchboard.clearAnthropicApiKey');
    await vscode.commands.executeCommand('switchboard.clearAwsAccessKeys');
    await resetUserSettings(TOUCHED);
    await anthropic?.close();
    await bedrock?.close();
  });

  it('Test Connection of the fallback succeeds while the primary is down', async () => {
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const info = await vscode.commands.executeCommand<{ provider: string; modelId: string; error?: unknown }>('switchboard.testConnection', 'bedrock');
    assert.equal(info.error, undefined, JSON.stringify(info));
    assert.equal(info.provider, 'bedrock');
    assert.ok(info.modelId.startsWith(`eu.${SONNET.bedrockId}`), info.modelId);
    assert.ok(bedrock.modelRequests().length > 0);
  });

  it('a request through the extension\'s client is answered by Bedrock, the status bar shows the failover, and fails back when Anthropic recovers', async () => {
    const api = await getApi();
    anthropic.reset();
    bedrock.reset();
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    let result: { provider: string; failover: { from: string; to: string } | null; text: string } | undefined;
    for await (const e of api.host.stream({ model: 'sonnet', messages: [{ role: 'user', content: 'hello from the failover test' }] })) {
      if (e.type === 'done') result = e.result;
    }
    assert.ok(result);
    assert.equal(result.provider, 'bedrock');
    assert.deepEqual(result.failover && { from: result.failover.from, to: result.failover.to }, { from: 'anthropic', to: 'bedrock' });
    assert.ok(result.text.length > 0);
    assert.ok(anthropic.requests.filter((r) => r.path === '/v1/messages').length > 0, 'the primary was not tried');
    assert.equal(bedrock.modelRequests().length, 1);
    await waitFor('status bar shows the failover', () => /^Bedrock \(failover\)/.test(api.statusBarText()));
    assert.equal(api.host.state.failover?.to, 'bedrock');

    // Anthropic recovers: the next request goes back to it and the status bar follows.
    anthropic.faults.clear();
    let back: { provider: string } | undefined;
    for await (const e of api.host.stream({ model: 'sonnet', messages: [{ role: 'user', content: 'are you back' }] })) {
      if (e.type === 'done') back = e.result;
    }
    assert.equal(back?.provider, 'anthropic');
    await waitFor('status bar back on Anthropic', () => /^Anthropic · /.test(api.statusBarText()));
    assert.equal(api.host.state.failover, null);
  });

  it('Clear / Export / Import Cache round-trip through global storage', async () => {
    const api = await getApi();
    anthropic.reset();
    const ask = { model: 'sonnet', temperature: 0, messages: [{ role: 'user' as const, content: 'cache me in the host' }] };
    const run = async (): Promise<boolean> => {
      for await (const e of api.host.stream(ask)) if (e.type === 'done') return e.result.cached;
      throw new Error('no result');
    };
    await vscode.commands.executeCommand('switchboard.clearCache');
    assert.equal(await run(), false);
    assert.equal(await run(), true);
    const file = vscode.Uri.joinPath(vscode.Uri.file(tmpdir()), `sb-cache-export-${Date.now()}.json`);
    assert.deepEqual(await vscode.commands.executeCommand('switchboard.exportCache', file), { entries: 1 });
    const cleared = await vscode.commands.executeCommand<{ entries: number }>('switchboard.clearCache');
    assert.equal(cleared.entries, 1);
    assert.deepEqual(await vscode.commands.executeCommand('switchboard.importCache', file), { added: 1, skipped: 0 });
    assert.equal(await run(), true);
    assert.equal(anthropic.requests.filter((r) => r.path === '/v1/messages').length, 1);
    await vscode.workspace.fs.delete(file);
  });
});
