import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi } from './helpers';

interface Step { id: string; description: string; media: { markdown: string }; completionEvents: string[] }

describe('First-run walkthrough', () => {
  it('every step links and completes on registered commands, and its page ships with the extension', async () => {
    await getApi();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthroughs = (ext.packageJSON as { contributes: { walkthroughs: Array<{ id: string; steps: Step[] }> } }).contributes.walkthroughs;
    const steps = walkthroughs.find((w) => w.id === 'switchboard.gettingStarted')?.steps ?? [];
    assert.ok(steps.length >= 4);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!);
      assert.ok(linked.length > 0, `${step.id} has no command link`);
      for (const c of [...linked, ...step.completionEvents.map((e) => e.replace(/^onCommand:/, ''))]) assert.ok(registered.has(c), `${step.id}: ${c} is not a registered command`);
      assert.ok(existsSync(join(ext.extensionPath, step.media.markdown)), `${step.media.markdown} missing`);
    }
  });
});
