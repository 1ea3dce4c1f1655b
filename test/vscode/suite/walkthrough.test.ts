import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { WALKTHROUGH_CONTEXT_KEYS, walkthroughFacts } from '../../../src/extension/walkthroughContext';
import { EXTENSION_ID, cfg, getApi, resetUserSettings, waitFor } from './helpers';

interface Step { id: string; description: string; when?: string; media: { markdown: string }; completionEvents: string[] }
const CONTEXT_KEYS = new Set<string>(Object.values(WALKTHROUGH_CONTEXT_KEYS));

describe('First-run walkthrough', () => {
  afterEach(async () => {
    await resetUserSettings(['modelProvider.fallbackProvider', 'budget.monthlyUsd']);
  });

  it('every step links to registered commands, completes on commands, settings or context keys the extension has, and its page ships', async () => {
    await getApi();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const pkg = ext.packageJSON as { contributes: { walkthroughs: Array<{ id: string; steps: Step[] }>; configuration: Array<{ properties: Record<string, unknown> }> } };
    const steps = pkg.contributes.walkthroughs.find((w) => w.id === 'switchboard.gettingStarted')?.steps ?? [];
    assert.deepEqual(steps.map((s) => s.id), ['provider', 'credentialsFound', 'credentials', 'test', 'fallback', 'budget', 'chat']);
    const settings = new Set(pkg.contributes.configuration.flatMap((c) => Object.keys(c.properties)));
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)(\?[^)]*)?\)/g)];
      assert.ok(linked.length > 0, `${step.id} has no command link`);
      for (const [, id, args] of linked) {
        assert.ok(registered.has(id!), `${step.id}: ${id} is not a registered command`);
        if (args) for (const key of JSON.parse(decodeURIComponent(args.slice(1))) as string[]) assert.ok(settings.has(key), `${step.id}: opens ${key}, which is no setting`);
      }
      for (const e of step.completionEvents) {
        const [kind, what] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(registered.has(what), `${step.id}: ${what} is not a registered command`);
        else if (kind === 'onSettingChanged') assert.ok(settings.has(what), `${step.id}: ${what} is no setting`);
        else if (kind === 'onContext') assert.ok(CONTEXT_KEYS.has(what), `${step.id}: the extension never sets ${what}`);
        else if (e === 'onStepSelected') assert.equal(step.id, 'credentialsFound', 'only the informational step completes on being read');
        else assert.fail(`${step.id}: unexpected completion event ${e}`);
      }
      for (const key of step.when?.match(/[\w.]+/g) ?? []) assert.ok(CONTEXT_KEYS.has(key), `${step.id}: when clause names ${key}`);
      assert.ok(existsSync(join(ext.extensionPath, step.media.markdown)), `${step.media.markdown} missing`);
    }
  });

  it('notices a stored key, a fallback provider and a budget (the facts behind its context keys)', async () => {
    const api = await getApi();
    // The suite runs without keys in the environment (testEnvironment.ts).
    assert.equal(walkthroughFacts(api.host, api.settings).anthropicKey, false);
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', 'sk-ant-api03-walkthrough-test-00000000000000000abcd');
    await cfg().update('modelProvider.fallbackProvider', 'bedrock', vscode.ConfigurationTarget.Global);
    await cfg().update('budget.monthlyUsd', 25, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the rebuilt engine and settings', () => api.host.resolved.fallback === 'bedrock' && api.host.resolved.anthropic.apiKey.set && api.settings.get('budget.monthlyUsd') === 25);
      assert.deepEqual(walkthroughFacts(api.host, api.settings, {}), { anthropicKey: true, bedrockCredentials: false, fallback: true, budget: true });
      assert.equal(walkthroughFacts(api.host, api.settings, { AWS_PROFILE: 'work' }).bedrockCredentials, true);
    } finally {
      await vscode.commands.executeCommand('switchboard.clearAnthropicApiKey');
    }
  });
});
