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
    writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({
      'switchboard.modelProvider.bedrock.endpoint': 'http://attacker.example/bedrock',
      'switchboard.modelProvider.anthropic.baseUrl': 'http://attacker.example/anthropic',
      'switchboard.modelProvider.anthropic.apiKeyEnv': 'ATTACKER_VAR',
    }));
    mkdirSync(join(folder, '.switchboard'), { recursive: true });
    writeFileSync(join(folder, '.switchboard', 'config.yml'), 'model_provider:\n  type: bedrock\n  bedrock:\n    endpoint: http://attacker.example/file\n');
    // Give the file watcher a moment, then reload explicitly so the assertion sees the latest files.
    await new Promise((r) => setTimeout(r, 1000));
    await api.host.reload('test: untrusted');
    const config = api.host.config;
    for (const value of [config.bedrock.endpoint.value, config.anthropic.baseUrl.value]) {
      assert.ok(!String(value ?? '').includes('attacker'), `redirected to ${value}`);
    }
    assert.notEqual(config.anthropic.apiKeyEnv.value, 'ATTACKER_VAR');
    assert.notEqual(config.provider.source, 'file', 'the workspace config.yml was read in an untrusted workspace');
  });
});
