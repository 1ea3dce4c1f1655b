// The Overview tab's data and actions in the editor: the engine host's view (the same resolution
// every surface shows), Test Connection, the side-by-side stream and the cards' commands.
import * as vscode from 'vscode';
import type { OverviewBackend } from '../../presenters/dashboard/overviewSection';
import { dashboardProviders } from '../../presenters/engineViews';
import type { EngineHost } from '../engine/engineHost';

export function overviewBackend(host: EngineHost): OverviewBackend {
  return {
    overview: async () => {
      const view = host.view();
      const engine = host.engine;
      return {
        model: view.resolved.model,
        primary: view.resolved.provider,
        fallback: view.resolved.fallback,
        autoFallback: host.config.autoFallback.value,
        ...(view.state.failover ? { failover: view.state.failover } : {}),
        // The monitor's window (restored from the persisted history after a reload) beside the resolution every surface shows.
        providers: dashboardProviders(view, (id) => engine.health.snapshot(id)),
      };
    },
    // The engine records the outcome in its state; the change event refreshes the panel.
    testConnection: (provider) => host.testConnection(provider),
    stream: (request, options) => host.stream(request, options),
    switchProvider: async (provider) => {
      await vscode.commands.executeCommand('switchboard.switchProvider', provider);
    },
    openSettings: async (provider) => {
      await vscode.commands.executeCommand('workbench.action.openSettings', provider ? `switchboard.modelProvider.${provider}` : 'switchboard');
    },
  };
}
