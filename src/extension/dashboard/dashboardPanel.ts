import * as vscode from 'vscode';
import type { DashboardController } from '../../presenters/dashboard/dashboardController';
import { isDashboardTab } from '../../shared/dashboard/protocol';
import type { DashboardHostMessage, DashboardTab } from '../../shared/dashboard/protocol';
import type { EngineHost } from '../engine/engineHost';
import type { ExtensionLogger } from '../log';
import type { SecretStore } from '../secrets';
import type { Settings } from '../settings/settings';
import type { UsageService } from '../usage';
import { webviewHtml, webviewResourceRoots } from '../webviewHtml';
import type * as DashboardBackendModule from './dashboardBackend';
import type { DashboardDeps } from './dashboardBackend';

export const DASHBOARD_VIEW_TYPE = 'switchboard.dashboard';

/**
 * "Switchboard: Open Dashboard": one editor panel, restored after a reload by its serializer.
 * Editor glue only: validation, tests and the view model are in presenters/dashboard; each tab's
 * data and actions in the editor are in this folder (overviewBackend, usageBackend, …). Those and
 * the controller are one chunk (dashboardBackend.ts), loaded when the panel is first opened or
 * restored, or `controller` is first read.
 */
export class DashboardPanel implements vscode.Disposable {
  private loaded: DashboardController | undefined;
  private readonly deps: DashboardDeps;
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly context: vscode.ExtensionContext, host: EngineHost, settings: Settings, usage: UsageService, logger: ExtensionLogger, secrets: SecretStore) {
    this.deps = { host, settings, usage, logger, secrets, packageJson: context.extension.packageJSON };
    this.disposables.push(
      host.onDidChange(() => this.scheduleRefresh()),
      // Key states and the Configure tab's locks follow SecretStorage and workspace trust.
      secrets.onDidChange(() => this.scheduleRefresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleRefresh()),
    );
  }

  /** The dashboard's controller (its view model, the tabs' handlers); loaded now if not yet. */
  get controller(): DashboardController {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (esbuild.mjs LAZY_MODULES)
      const { createDashboardController } = require('./dashboardBackend') as typeof DashboardBackendModule;
      this.loaded = createDashboardController(this.deps);
    }
    return this.loaded;
  }

  register(): vscode.Disposable[] {
    return [
      // A tab may be named (Show Usage opens the Usage tab); anything else opens the panel as it was.
      vscode.commands.registerCommand('switchboard.openDashboard', (tab?: unknown) => this.open(isDashboardTab(tab) ? tab : undefined)),
      vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => this.attach(panel),
      }),
      this,
    ];
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Opens (or reveals) the panel; `tab` brings that tab to the front. */
  open(tab?: DashboardTab): void {
    if (tab) this.controller.show(tab);
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

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
