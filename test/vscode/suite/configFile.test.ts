import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { cfg, getApi, resetUserSettings, waitFor } from './helpers';

const TOUCHED = ['model', 'modelProvider.type', 'modelProvider.bedrock.awsRegion', 'modelProvider.modelMapping', 'modelProvider.fallbackProvider', 'modelProvider.autoFallback', 'maxOutputTokens'];

describe('Import / Export Config and workspace config.yml', () => {
  const folder = (): string => vscode.workspace.workspaceFolders![0].uri.fsPath;

  afterEach(async () => {
    await resetUserSettings(TOUCHED);
    rmSync(join(folder(), '.switchboard'), { recursive: true, force: true });
    await (await getApi()).host.reload('test cleanup');
  });

  it('imports a model_provider YAML into user settings and exports it back without secrets', async () => {
    const api = await getApi();
    const file = join(folder(), 'import.yml');
    writeFileSync(file, [
      'model_provider:',
      '  type: bedrock',
      '  bedrock:',
      '    aws_region: eu-west-1',
      '  model_mapping:',
      '    fast:',
      '      anthropic: claude-haiku-4-5-20251001',
      '      bedrock: anthropic.claude-haiku-4-5-20251001-v1:0',
      '  fallback_provider: anthropic',
      'model: fast',
      '',
    ].join('\n'));
    const result = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('switchboard.importConfig', vscode.Uri.file(file));
    assert.equal(result.ok, true, result.message);
    assert.equal(cfg().inspect('modelProvider.type')?.globalValue, 'bedrock');
    assert.equal(cfg().inspect('modelProvider.bedrock.awsRegion')?.globalValue, 'eu-west-1');
    assert.equal(cfg().inspect('model')?.globalValue, 'fast');
    // The import rebuilt the engine: the request would go to eu-west-1 with the eu. profile (no env pins in this suite).
    assert.match(api.host.resolvedModel('bedrock').modelId ?? '', /^eu\.anthropic\.claude-haiku-4-5/);

    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', 'sk-ant-api03-export-must-not-contain-this-0000');
    const out = vscode.Uri.file(join(folder(), 'export.yml'));
    await vscode.commands.executeCommand('switchboard.exportConfig', out);
    const text = readFileSync(out.fsPath, 'utf8');
    await vscode.commands.executeCommand('switchboard.clearAnthropicApiKey');
    assert.match(text, /model_provider:/);
    assert.match(text, /type: bedrock/);
    assert.match(text, /aws_region: eu-west-1/);
    assert.match(text, /fast:/);
    assert.ok(!text.includes('export-must-not-contain-this'), 'a secret was exported');
  });

  it('invalid YAML leaves settings untouched and says what is wrong', async () => {
    await cfg().update('model', 'opus', vscode.ConfigurationTarget.Global);
    const file = join(folder(), 'broken.yml');
    writeFileSync(file, 'model_provider:\n  type: bedrock\n  bedrock: [unclosed\n');
    const result = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('switchboard.importConfig', vscode.Uri.file(file));
    assert.equal(result.ok, false);
    assert.match(result.message ?? '', /YAML|line/i);
    assert.equal(cfg().inspect('modelProvider.type')?.globalValue, undefined);
    assert.equal(cfg().inspect('model')?.globalValue, 'opus');

    writeFileSync(file, 'model_provider:\n  bedrock:\n    aws_region: mars-1\n');
    const bad = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('switchboard.importConfig', vscode.Uri.file(file));
    assert.equal(bad.ok, false);
    assert.match(bad.message ?? '', /aws_region/);
    assert.equal(cfg().inspect('modelProvider.bedrock.awsRegion')?.globalValue, undefined);
  });

  it('a .switchboard folder created together with its config.yml is read without a reload, and its removal is too (three times over)', async () => {
    // As a checkout, `mkdir -p && write` or a script makes it: VS Code's file watcher often reports
    // only the folder, not the file created in it a moment later, so one pass could succeed by luck.
    const api = await getApi();
    const dir = join(folder(), '.switchboard');
    const before = api.host.config.model.value;
    for (const model of ['haiku', 'opus', 'haiku']) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'config.yml'), `model: ${model}\n`);
      await waitFor(`the new config.yml's model ${model}`, () => api.host.config.model.value === model && api.host.config.model.source === 'file', 15_000);
      rmSync(dir, { recursive: true, force: true });
      await waitFor('the model from before the file', () => api.host.config.model.value === before, 15_000);
    }
  });

  it('reads .switchboard/config.yml in a trusted workspace but holds back fields that redirect credentials', async () => {
    const api = await getApi();
    mkdirSync(join(folder(), '.switchboard'), { recursive: true });
    writeFileSync(join(folder(), '.switchboard', 'config.yml'), 'model_provider:\n  bedrock:\n    endpoint: http://127.0.0.1:9/not-confirmed\nmodel: haiku\n');
    assert.equal(await api.host.reload('test: workspace file'), true);
    assert.equal(api.host.config.model.value, 'haiku');
    assert.equal(api.host.config.model.source, 'file');
    assert.ok(!String(api.host.config.bedrock.endpoint.value ?? '').includes('not-confirmed'), 'the workspace file redirected the endpoint without confirmation');
    // Settings win over the file.
    await cfg().update('model', 'opus', vscode.ConfigurationTarget.Global);
    assert.equal(await api.host.reload('test: setting over file'), true);
    assert.equal(api.host.config.model.value, 'opus');
  });
});
