import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi } from './helpers';
import { catalogByName } from '../../../src/core/models/catalog';

/** The model the default `sonnet` alias names today (the assertions follow the alias). */
const SONNET = catalogByName('sonnet')!;

describe('Commands and manifest', () => {
  it('registers every contributed command, each in the Switchboard category with a title without the prefix', async () => {
    await getApi();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string; title: string; category: string }> } };
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(pkg.contributes.commands.length >= 12);
    for (const c of pkg.contributes.commands) {
      assert.ok(registered.has(c.command), `${c.command} not registered`);
      assert.equal(c.category, 'Switchboard', c.command);
      assert.ok(!c.title.startsWith('Switchboard'), `${c.command} title repeats the category`);
    }
  });

  it('lists every credential-redirecting setting as restricted in untrusted workspaces and machine-scoped', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
      contributes: { configuration: Array<{ properties: Record<string, { scope?: string }> }> };
    };
    const props = Object.fromEntries(pkg.contributes.configuration.flatMap((c) => Object.entries(c.properties)));
    for (const key of ['anthropic.baseUrl', 'anthropic.apiKeyEnv', 'bedrock.endpoint', 'bedrock.awsProfile', 'bedrock.roleArn', 'bedrock.externalId']) {
      const full = `switchboard.modelProvider.${key}`;
      assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(full), `${full} not restricted`);
      assert.equal(props[full].scope, 'machine', full);
    }
  });

  it('Verify Model Mapping resolves sonnet on both providers for the configured region', async () => {
    const rows = await vscode.commands.executeCommand<Array<{ name: string; anthropic: string; bedrock: string; ok: boolean }>>('switchboard.verifyModelMapping', { quiet: true });
    const sonnet = rows.find((r) => r.name === 'sonnet');
    assert.ok(sonnet, 'sonnet missing from the mapping');
    assert.equal(sonnet.ok, true);
    assert.match(sonnet.anthropic, new RegExp(`^${SONNET.anthropicId}`));
    assert.ok(sonnet.bedrock.includes(SONNET.bedrockId!), sonnet.bedrock);
  });
});
