// What the real extension host has loaded of Switchboard's dist/ after activation, read from
// Node's module cache in the extension host (the suites share its process): the dashboard's host
// side, the chat controller, the usage report and the AWS SDK's credentials chunk wait for their
// first use (esbuild.mjs LAZY_MODULES); opening the dashboard loads its chunk and the panel works,
// the chat's controller loads its chunk when first read. Runs right after activation.test.ts (files
// run in name order), before any suite uses them; it leaves no view or editor open.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as BootModule from '../../../src/extension/boot';
import { EXTENSION_ID, getApi, waitFor } from './helpers';

/** What boot.ts's code cache did (its codeCacheState()), read from the module the host loaded. */
function codeCacheState(): ReturnType<typeof BootModule.codeCacheState> {
  const file = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'boot.js');
  return (require.cache[file]!.exports as typeof BootModule).codeCacheState();
}

/** Whether the extension host has loaded `dist/<chunk>` of the extension under test. */
function loaded(chunk: string): boolean {
  const file = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', chunk);
  return require.cache[file] !== undefined;
}

describe('What activation loads (the rest waits for its first use)', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('after activation the engine runs, but the dashboard, chat, usage-report and AWS credentials chunks are not loaded', async () => {
    const api = await getApi();
    await api.host.whenReady();
    assert.ok(loaded('extension.js'), 'the test reads the wrong module cache');
    // The configuration is resolved, the Bedrock region included (a profile's region is read without the SDK).
    assert.ok(api.host.resolved.bedrock.region.region);
    assert.deepEqual(['lazy/dashboard.js', 'lazy/chat.js', 'lazy/usage-reports.js', 'sdk/aws-credentials.js'].filter(loaded), []);
  });

  it('the extension is loaded by boot.js through V8\'s code cache, which the first start writes into the extension\'s global storage', async () => {
    const api = await getApi();
    await api.host.whenReady();
    assert.ok(loaded('boot.js'), 'package.json main is dist/boot.js');
    const state = codeCacheState();
    // This window's user data folder is new, so there was no cache to use.
    assert.equal(state?.status, 'absent');
    const storage = `${path.sep}globalStorage${path.sep}${EXTENSION_ID.toLowerCase()}${path.sep}code-cache${path.sep}`;
    assert.ok(state.cacheFile.includes(storage) && /extension\.[0-9a-f]{16}\.v8cache$/.test(state.cacheFile), state.cacheFile);
    assert.equal(state.bundles.extension, 'absent');
    await waitFor('the code cache file', () => existsSync(state.cacheFile), 20_000);
  });

  it('Open Dashboard loads the dashboard\'s chunk, and its page completes the handshake with every tab\'s data', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('switchboard.openDashboard');
    await waitFor('the dashboard panel', () => api.dashboard.isOpen);
    assert.ok(loaded('lazy/dashboard.js'));
    // The chunk came through the code cache too, which it now has for the next start.
    const state = codeCacheState()!;
    assert.equal(state.bundles['lazy-dashboard'], 'absent');
    await waitFor('the dashboard chunk\'s code cache file', () => readdirSync(path.dirname(state.cacheFile)).some((f) => /^lazy-dashboard\.[0-9a-f]{16}\.v8cache$/.test(f)), 20_000);
    await waitFor('the ready handshake', () => api.dashboard.controller.isReady, 30_000);
    const model = await waitFor('the first view model', () => api.dashboard.controller.lastModel);
    assert.deepEqual(model.providers.map((p) => p.id), ['anthropic', 'bedrock']);
    assert.ok(model.usage, 'the Usage tab\'s figures');
    assert.ok(loaded('lazy/usage-reports.js'), 'the Usage tab reads the usage report');
  });

  it('the chat\'s controller is built on first use: reading it loads the chat\'s chunk', async () => {
    // Not through Open Chat: that would leave the view resolved for chat.test.ts, which opens it
    // itself (and the e2e chat tests open it in fresh windows, the controller built as it resolves).
    const api = await getApi();
    assert.ok(!loaded('lazy/chat.js'));
    assert.equal(api.chat.isResolved, false);
    const session = api.chat.controller.session;
    assert.ok(loaded('lazy/chat.js'));
    assert.ok(session.id);
  });
});
