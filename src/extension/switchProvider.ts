import * as vscode from 'vscode';
import { errorTypeOf, fixActionsFor } from '../core/errorFixes';
import { SwitchboardError } from '../core/errors';
import { modelIdOf, providerItems } from '../presenters/engineViews';
import type { ProviderPickItem } from '../presenters/engineViews';
import { PROVIDER_LABELS, isProviderId } from '../shared/providers';
import type { ProviderId } from '../shared/providers';
import type { EngineHost } from './engine/engineHost';
import { notifyWithFixes } from './runFix';
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
  // The fallback set in settings is the provider now, so nothing is left to fail over to: offer the one just left.
  const fallback = host.config.fallbackProvider;
  const offer = fallback.value === provider && fallback.source === 'settings' && current.value !== provider ? current.value : undefined;
  void announceAndCheck(host, provider, offer && { provider: offer, use: () => settings.update('modelProvider.fallbackProvider', offer) });
  return true;
}

/**
 * "Switched to Bedrock in eu-west-1 — sonnet is eu.anthropic…", then the cheap health check, so the
 * status bar is not "unknown" until a test. `fallback`: the provider to offer as the new fallback,
 * when the one set was the provider just switched to (it says so, and the offer is the primary button).
 */
export async function announceAndCheck(host: EngineHost, provider: ProviderId, fallback?: { provider: ProviderId; use: () => Thenable<void> }): Promise<void> {
  const view = host.view();
  const id = modelIdOf(view, provider);
  const where = provider === 'bedrock' ? ` in ${view.resolved.bedrock.region.region}` : '';
  const label = PROVIDER_LABELS[provider];
  const useFallback = fallback ? `Use ${PROVIDER_LABELS[fallback.provider]} as Fallback` : undefined;
  const noFallback = fallback ? ` ${label} was the fallback provider, so there is none now.` : '';
  // A button keeps the toast expanded (VS Code collapses one without buttons to a single cut-off line).
  void vscode.window.showInformationMessage(`Switchboard: switched to ${label}${where}: ${view.resolved.model} is ${id.modelId ?? 'not available there'}.${noFallback}`, ...(useFallback ? [useFallback] : []), 'Test Connection').then((choice) => {
    if (choice === 'Test Connection') void vscode.commands.executeCommand('switchboard.testConnection', provider);
    else if (choice && choice === useFallback) void fallback?.use();
  });
  const engine = host.engine;
  await engine.health.checkNow(provider);
  const health = engine.health.state().health[provider];
  if (!health || health.ok || host.engine !== engine) return;
  const error = new SwitchboardError({ type: errorTypeOf(health.error?.type), provider, message: health.error?.message ?? 'the health check failed' });
  void notifyWithFixes('error', `Switchboard: ${PROVIDER_LABELS[provider]} does not answer: ${error.message}`, fixActionsFor(error, host.fixContext()));
}

/** The command, and an event fired once its QuickPick is on screen (the in-host test waits for it, not a sleep). */
export function registerSwitchProvider(host: EngineHost, settings: Settings): { disposables: vscode.Disposable[]; onDidShowPicker: vscode.Event<void> } {
  const shown = new vscode.EventEmitter<void>();
  const command = vscode.commands.registerCommand('switchboard.switchProvider', async (arg?: unknown): Promise<boolean> => {
    if (isProviderId(arg)) return switchTo(host, settings, arg);
    const pin = host.config.provider;
    const pick = await new Promise<ProviderPickItem | undefined>((resolve) => {
      const qp = vscode.window.createQuickPick<ProviderPickItem & vscode.QuickPickItem>();
      qp.title = 'Switchboard: Switch Provider';
      qp.placeholder = `Current: ${PROVIDER_LABELS[pin.value]}${pin.source === 'environment' ? ` (pinned by ${pin.envVar})` : ''}`;
      qp.matchOnDescription = true;
      qp.matchOnDetail = true;
      qp.items = providerItems(host.view());
      let chosen: ProviderPickItem | undefined;
      qp.onDidAccept(() => { chosen = qp.selectedItems[0]; qp.hide(); });
      qp.onDidHide(() => { qp.dispose(); resolve(chosen); });
      qp.show();
      shown.fire();
    });
    if (!pick) return false;
    if (pick.provider === pin.value) return true;
    return switchTo(host, settings, pick.provider);
  });
  return { disposables: [command, shown], onDidShowPicker: shown.event };
}
