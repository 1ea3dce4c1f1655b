import * as vscode from 'vscode';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { SwitchboardExtensionApi } from '../../../src/extension/extension';

export const EXTENSION_ID = 'switchboard-dev.switchboard';

export async function getApi(): Promise<SwitchboardExtensionApi> {
  const extension = vscode.extensions.getExtension<SwitchboardExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Poll (event-driven code settles within a few ticks) until `check` is truthy; fails with `what`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function cfg(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('switchboard');
}

/** Reset the settings a test touched (user scope). */
export async function resetUserSettings(keys: string[]): Promise<void> {
  for (const key of keys) await cfg().update(key, undefined, vscode.ConfigurationTarget.Global);
}

/**
 * An Anthropic emulator inside the extension host that accepts exactly `key`, with the user's base
 * URL pointed at it for the enclosing describe; the key and the setting are cleared afterwards.
 * Returns a holder whose `emulator` is set once `before` ran.
 */
export function useAnthropicEmulator(key: string): { emulator: AnthropicEmulator } {
  const holder = {} as { emulator: AnthropicEmulator };
  before(async function () {
    holder.emulator = await startAnthropicEmulator({ apiKeys: [key] });
    await cfg().update('modelProvider.anthropic.baseUrl', holder.emulator.url, vscode.ConfigurationTarget.Global);
    const api = await getApi();
    await waitFor('base URL applied', () => api.host.config.anthropic.baseUrl.value === holder.emulator.url);
  });
  after(async () => {
    await vscode.commands.executeCommand('switchboard.clearAnthropicApiKey');
    await resetUserSettings(['modelProvider.anthropic.baseUrl']);
    await holder.emulator?.close();
  });
  return holder;
}

/** After a suite that stored keys and changed settings: both stored keys cleared, `touched` reset, the emulators closed. */
export async function restoreAfterSuite(touched: string[], ...emulators: Array<{ close(): Promise<void> } | undefined>): Promise<void> {
  await vscode.commands.executeCommand('switchboard.clearAnthropicApiKey');
  await vscode.commands.executeCommand('switchboard.clearAwsAccessKeys');
  await resetUserSettings(touched);
  for (const e of emulators) await e?.close();
}
