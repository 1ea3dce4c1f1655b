import * as vscode from 'vscode';
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
