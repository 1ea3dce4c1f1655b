import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { getApi } from '../helpers';

describe('Untrusted workspace', () => {
  it('runs in Restricted Mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('cannot redirect the endpoint or base URL through workspace settings or a workspace config.yml', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    // A harmless, unrestricted key in the same file: its change event says VS Code has read the file.
    const read = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('switchboard.thinkingBudget')) { sub.dispose(); resolve(); }
      });
    });
    writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({
      'switchboard.thinkingBudget': 2048,
      'switchboard.modelProvider.bedrock.endpoint': 'http://attacker.example/bedrock',
      'switchboard.modelProvider.anthropic.baseUrl': 'http://attacker.example/anthropic',
      'switchboard.modelProvider.anthropic.apiKeyEnv': 'ATTACKER_VAR',
    }));
    mkdirSync(join(folder, '.switchboard'), { recursive: true });
    writeFileSync(join(folder, '.switchboard', 'config.yml'), 'model_provider:\n  type: bedrock\n  bedrock:\n    endpoint: http://attacker.example/file\n');
    await read;
    // Reload explicitly so the assertion sees the latest files (the config.yml watcher would too, later).
    await api.host.reload('test: untrusted');
    assert.equal(api.host.config.thinkingBudget.value, 2048, 'the workspace settings file was not applied at all');
    const config = api.host.config;
    for (const value of [config.bedrock.endpoint.value, config.anthropic.baseUrl.value]) {
      assert.ok(!String(value ?? '').includes('attacker'), `redirected to ${value}`);
    }
    assert.notEqual(config.anthropic.apiKeyEnv.value, 'ATTACKER_VAR');
    assert.notEqual(config.provider.source, 'file', 'the workspace config.yml was read in an untrusted workspace');
  });
});
