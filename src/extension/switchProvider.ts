import * as vscode from 'vscode';
import type { ProviderId } from '../core/types';
import { PROVIDER_IDS } from '../core/types';
import { updateSetting } from './settings';
import type { SwitchboardState } from './state';
import { PROVIDER_LABELS } from '../shared/providers';

interface ProviderItem extends vscode.QuickPickItem { provider: ProviderId }

function healthText(state: SwitchboardState, provider: ProviderId): string {
  const h = state.healthOf(provider);
  if (!h) return 'health unknown';
  const ago = Math.max(0, Math.round((Date.now() - h.checkedAt) / 60000));
  return h.ok ? `ok, ${Math.round(h.latencyMs)} ms (${ago} min ago)` : `down: ${h.error?.message ?? 'error'} (${ago} min ago)`;
}

export function providerItems(state: SwitchboardState): ProviderItem[] {
  const config = state.config;
  return PROVIDER_IDS.map((provider) => {
    const resolved = state.resolvedModel(provider);
    const region = provider === 'bedrock' ? ` · ${config.bedrock.region.value}` : '';
    return {
      provider,
      label: `${provider === config.provider.value ? '$(check) ' : ''}${PROVIDER_LABELS[provider]}`,
      description: `${state.authDescription(provider)}${region}`,
      detail: `${config.model.value} → ${resolved.modelId ?? `⚠ ${resolved.error}`} · ${healthText(state, provider)}`,
    };
  });
}

/** Apply a provider choice; returns false when the environment pins the provider. */
export async function switchTo(state: SwitchboardState, provider: ProviderId): Promise<boolean> {
  const current = state.config.provider;
  if (current.source === 'environment' && current.value !== provider) {
    void vscode.window.showWarningMessage(
      `Switchboard: ${current.envVar}=${process.env[current.envVar ?? ''] ?? ''} in the environment overrides the provider setting, so ${PROVIDER_LABELS[provider]} can't be selected here. Unset ${current.envVar} and restart VS Code to switch.`,
    );
    return false;
  }
  // Writes to the workspace when it defines the setting (else it would shadow the change), user settings otherwise.
  await updateSetting('modelProvider.type', provider);
  // The configuration listener reloads too; reloading here makes the change visible before this command returns.
  await state.reload(`switched to ${provider}`);
  return true;
}

export function registerSwitchProvider(state: SwitchboardState): vscode.Disposable {
  return vscode.commands.registerCommand('switchboard.switchProvider', async (arg?: unknown): Promise<boolean> => {
    if (arg === 'anthropic' || arg === 'bedrock') return switchTo(state, arg);
    const items = providerItems(state);
    const pick = await vscode.window.showQuickPick(items, {
      title: 'Switchboard: Switch Provider',
      placeHolder: `Current: ${PROVIDER_LABELS[state.config.provider.value]}${state.config.provider.source === 'environment' ? ` (pinned by ${state.config.provider.envVar})` : ''}`,
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!pick) return false;
    if (pick.provider === state.config.provider.value) return true;
    return switchTo(state, pick.provider);
  });
}
