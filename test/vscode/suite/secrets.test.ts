import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getApi, waitFor } from './helpers';

// Test-only values that merely look like keys.
const ANTHROPIC_KEY = 'sk-ant-api03-inhost-test-0000000000000000000000wxyz';
const BEDROCK_KEY = 'ABSKQmVkcm9ja0FQSUtleS1pbmhvc3QtdGVzdA';

describe('SecretStorage round trip', () => {
  after(async () => {
    await vscode.commands.executeCommand('switchboard.clearAnthropicApiKey');
    await vscode.commands.executeCommand('switchboard.clearBedrockApiKey');
    await vscode.commands.executeCommand('switchboard.clearAwsAccessKeys');
  });

  it('Set / Clear Anthropic API Key store the trimmed key in SecretStorage and update the auth state', async () => {
    const api = await getApi();
    assert.equal(await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', `  ${ANTHROPIC_KEY}\n`), true);
    assert.equal(await api.secrets.get('anthropicApiKey'), ANTHROPIC_KEY);
    assert.equal(api.host.authDescription('anthropic'), 'API key stored (…wxyz)');
    // The engine has the stored key and says where it came from (not the environment).
    await waitFor('engine rebuilt with the stored key', () => api.host.resolved.anthropic.apiKey.from === 'SecretStorage');
    await vscode.commands.executeCommand('switchboard.clearAnthropicApiKey');
    assert.equal(await api.secrets.get('anthropicApiKey'), undefined);
    await waitFor('auth state without a stored key', () => !api.host.authDescription('anthropic').startsWith('API key stored'));
  });

  it('rejects input that is not an Anthropic key and stores nothing', async () => {
    const api = await getApi();
    assert.equal(await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', 'AKIAABCDEFGHIJKLMNOP'), false);
    assert.equal(await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', '   '), false);
    assert.equal(await api.secrets.get('anthropicApiKey'), undefined);
  });

  it('stores the Bedrock API key and AWS access keys under namespaced keys, never in settings', async () => {
    const api = await getApi();
    assert.equal(await vscode.commands.executeCommand('switchboard.setBedrockApiKey', BEDROCK_KEY), true);
    assert.equal(await vscode.commands.executeCommand('switchboard.setAwsAccessKeys', { accessKeyId: 'AKIAINHOSTTEST000001', secretAccessKey: 'inhost/test/secret/key/000000000000' }), true);
    const all = await api.secrets.getAll();
    assert.equal(all.bedrockApiKey, BEDROCK_KEY);
    assert.equal(all.awsAccessKeyId, 'AKIAINHOSTTEST000001');
    assert.equal(all.awsSessionToken, undefined);
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('switchboard'));
    assert.ok(!settingsText.includes(BEDROCK_KEY) && !settingsText.includes('inhost/test/secret'), 'a secret leaked into settings');
    await vscode.commands.executeCommand('switchboard.clearAwsAccessKeys');
    assert.equal(await api.secrets.get('awsSecretAccessKey'), undefined);
  });
});
