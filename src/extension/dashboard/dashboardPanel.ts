import * as vscode from 'vscode';
import { DashboardController } from '../../presenters/dashboard/dashboardController';
import type { DashboardBackend } from '../../presenters/dashboard/dashboardController';
import type { ProviderHealth } from '../../core/routing/healthMonitor';
import { PROVIDER_IDS } from '../../core/types';
import type { ProviderId } from '../../core/types';
import type { DashboardHostMessage } from '../../shared/dashboardProtocol';
import type { ExtensionClient } from '../coreBridge';
import type { ExtensionLogger } from '../log';
import type { Reliability } from '../reliability';
import type { SwitchboardState } from '../state';
import type { UsageService } from '../usage';
import { webviewHtml, webviewResourceRoots } from '../webviewHtml';

export const DASHBOARD_VIEW_TYPE = 'switchboard.dashboard';

/**
 * "Switchboard: Open Dashboard": one editor panel, restored after a reload by its serializer.
 * Editor glue only: validation, tests and the view model are in core/dashboard.
 */
export class DashboardPanel implements vscode.Disposable {
  readonly controller: DashboardController;
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** The health monitor's latest window per provider, from the client the panel watches. */
  private readonly snapshots = new Map<ProviderId, ProviderHealth>();
  private watchedClient: ExtensionClient | undefined;
  private clientSubscription: { dispose(): void } | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly state: SwitchboardState, usage: UsageService, reliability: Reliability, logger: ExtensionLogger) {
    const backend: DashboardBackend = {
      snapshot: async () => {
        const config = state.config;
        const client = this.watchClient();
        // The monitor's window (restored from the persisted history after a reload) beats the last event seen.
        for (const snapshot of client?.healthSnapshots?.() ?? []) this.snapshots.set(snapshot.provider, snapshot);
        const report = await usage.usageReport().catch(() => undefined);
        const enabled = vscode.workspace.getConfiguration('switchboard.cache').get<boolean>('enabled', true);
        return {
          model: config.model.value,
          primary: config.provider.value,
          fallback: config.fallbackProvider.value,
          autoFallback: config.autoFallback.value,
          ...(state.failover ? { failover: state.failover } : {}),
          providers: PROVIDER_IDS.map((id) => {
            const health = state.healthOf(id);
            const snapshot = this.snapshots.get(id);
            return {
              id,
              auth: state.authDescription(id),
              ...(id === 'bedrock' ? { region: config.bedrock.region.value } : {}),
              resolved: state.resolvedModel(id),
              ...(health ? { health } : {}),
              ...(snapshot ? { snapshot } : {}),
            };
          }),
          ...(report ? { report } : {}),
          cache: { ...reliability.responseCache.stats(), enabled },
        };
      },
      testConnection: (provider) => state.getClient().testConnection(provider),
      recordTest: (provider, outcome) => state.recordHealth(outcome.ok
        ? { ok: true, provider, latencyMs: outcome.latencyMs, checkedAt: Date.now() }
        : { ok: false, provider, latencyMs: 0, checkedAt: Date.now(), error: { type: outcome.errorType, message: outcome.message } }),
      stream: (request, options) => state.getClient().stream(request, options),
      switchProvider: async (provider) => {
        await vscode.commands.executeCommand('switchboard.switchProvider', provider);
      },
      openSettings: async (provider) => {
        await vscode.commands.executeCommand('workbench.action.openSettings', provider ? `switchboard.modelProvider.${provider}` : 'switchboard');
      },
      clearCache: async () => {
        await vscode.commands.executeCommand('switchboard.clearCache');
      },
      showUsage: async () => {
        await vscode.commands.executeCommand('switchboard.showUsage');
      },
    };
    this.controller = new DashboardController(backend, logger);
    this.disposables.push(state.onDidChange(() => this.scheduleRefresh()));
  }

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('switchboard.openDashboard', () => this.open()),
      vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => this.attach(panel),
      }),
      this,
    ];
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  open(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    // retainContextWhenHidden stays off: the page keeps its state with getState/setState.
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Switchboard Dashboard', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: webviewResourceRoots(this.context.extensionUri) });
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: webviewResourceRoots(this.context.extensionUri) };
    // Attach before setting the HTML: the page's `ready` may arrive right away.
    this.controller.attachView((message: DashboardHostMessage) => void webview.postMessage(message));
    this.panelDisposables = [
      webview.onDidReceiveMessage((message: unknown) => void this.controller.handle(message)),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.controller.detachView();
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
        this.unwatchClient();
      }),
    ];
    webview.html = webviewHtml(webview, this.context.extensionUri, { title: 'Switchboard Dashboard', script: 'dashboard.js' });
  }

  /** Health events and settings changes come in bursts: one rebuild per burst. */
  private scheduleRefresh(): void {
    if (!this.panel || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.controller.refresh();
    }, 150);
  }

  /** Follow the current client's health monitor (the client is rebuilt when settings change). */
  private watchClient(): ExtensionClient | undefined {
    if (!this.panel) return undefined;
    let client: ExtensionClient;
    try {
      client = this.state.getClient();
    } catch {
      // No client for this configuration: the panel still shows config, usage and cache.
      return undefined;
    }
    if (client === this.watchedClient) return client;
    this.unwatchClient();
    this.watchedClient = client;
    this.clientSubscription = client.onDidChangeHealth((change) => {
      if (change.snapshot) this.snapshots.set(change.provider, change.snapshot);
      this.scheduleRefresh();
    });
    return client;
  }

  private unwatchClient(): void {
    this.clientSubscription?.dispose();
    this.clientSubscription = undefined;
    this.watchedClient = undefined;
    this.snapshots.clear();
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.unwatchClient();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
