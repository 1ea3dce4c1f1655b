import * as vscode from 'vscode';
import { providerItems } from '../presenters/engineViews';
import { PROVIDER_LABELS, isProviderId } from '../shared/providers';
import type { ProviderId } from '../shared/providers';
import type { EngineHost } from './engine/engineHost';
import type { Settings } from './settings/settings';

/** Apply a provider choice; returns false when the environment pins the provider. */
export async function switchTo(host: EngineHost, settings: Settings, provider: ProviderId, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const current = host.config.provider;
  if (current.source === 'environment' && current.value !== provider) {
    void vscode.window.showWarningMessage(
      `Switchboard: ${current.envVar}=${env[current.envVar ?? ''] ?? ''} in the environment overrides the provider setting, so ${PROVIDER_LABELS[provider]} can't be selected here. Unset ${current.envVar} and restart VS Code to switch.`,
    );
    return false;
  }
  // Writes to the workspace when it defines the setting (else it would shadow the change), user settings otherwise.
  await settings.update('modelProvider.type', provider);
  // The settings listener reloads too; reloading here makes the change visible before this command returns.
  await host.reload(`switched to ${provider}`);
  return true;
}

export function registerSwitchProvider(host: EngineHost, settings: Settings): vscode.Disposable {
  return vscode.commands.registerCommand('switchboard.switchProvider', async (arg?: unknown): Promise<boolean> => {
    if (isProviderId(arg)) return switchTo(host, settings, arg);
    const pin = host.config.provider;
    const pick = await vscode.window.showQuickPick(providerItems(host.view()), {
      title: 'Switchboard: Switch Provider',
      placeHolder: `Current: ${PROVIDER_LABELS[pin.value]}${pin.source === 'environment' ? ` (pinned by ${pin.envVar})` : ''}`,
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!pick) return false;
    if (pick.provider === pin.value) return true;
    return switchTo(host, settings, pick.provider);
  });
}
