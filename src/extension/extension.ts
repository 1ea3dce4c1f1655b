import * as vscode from 'vscode';
import { registerChat } from './chat/chatCommands';
import type { ChatViewProvider } from './chat/chatViewProvider';
import { DashboardPanel } from './dashboard/dashboardPanel';
import { registerConfigImportExport } from './configImportExport';
import { ExtensionLogger, registerShowLog } from './log';
import { SecretStore, registerSecretCommands } from './secrets';
import { changedSettingKeys } from './settings';
import { Reliability } from './reliability';
import { SwitchboardState } from './state';
import { UsageService } from './usage';
import { StatusBar } from './statusBar';
import { registerSwitchProvider } from './switchProvider';
import { registerTestConnection } from './testConnection';
import { registerVerifyModelMapping } from './verifyModelMapping';

/** What activate() returns: read by the in-host tests; not a public API. */
export interface SwitchboardExtensionApi {
  readonly state: SwitchboardState;
  readonly secrets: SecretStore;
  readonly usage: UsageService;
  /** The chat view provider (its controller holds the open session). */
  readonly chat: ChatViewProvider;
  /** The dashboard panel host (its controller holds the last view model). */
  readonly dashboard: DashboardPanel;
  statusBarText(): string;
}

// Thin on purpose: build services, register each feature, hand every disposable to VS Code.
// No SDK is loaded here; the client imports them on first use.
export async function activate(context: vscode.ExtensionContext): Promise<SwitchboardExtensionApi> {
  const logger = new ExtensionLogger();
  const secrets = new SecretStore(context.secrets, logger);
  const state = new SwitchboardState(context, logger, secrets);
  context.subscriptions.push(logger, secrets, state);
  await state.initialize();
  // Before the first client is built: it hands each client prices, prompt caching and the budget guard.
  const usage = new UsageService(context, state, logger);
  context.subscriptions.push(usage, ...usage.registerCommands());
  // Before the first client is built: it hands each client the cache, breakers and health history.
  const reliability = new Reliability(context, state, logger);
  context.subscriptions.push(reliability, ...reliability.registerCommands());

  const statusBar = new StatusBar(state);
  context.subscriptions.push(
    statusBar,
    registerShowLog(logger),
    ...registerSecretCommands(secrets),
    registerSwitchProvider(state),
    registerTestConnection(state, logger),
    registerVerifyModelMapping(state, logger),
    ...registerConfigImportExport(state, logger),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      const changed = changedSettingKeys(e);
      if (changed.length === 0) return;
      await state.reload(`settings changed: ${changed.join(', ')}`);
      state.explainEnvironmentPins(changed);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void state.reload('workspace trusted')),
  );
  // A workspace config.yml edited by hand takes effect like a settings change.
  const watcher = vscode.workspace.createFileSystemWatcher('**/.switchboard/config.yml');
  const onFile = (): void => void state.reload('.switchboard/config.yml changed');
  context.subscriptions.push(watcher, watcher.onDidChange(onFile), watcher.onDidCreate(onFile), watcher.onDidDelete(onFile));
  const chat = registerChat(context, state, logger);
  context.subscriptions.push(...chat.disposables);
  const dashboard = new DashboardPanel(context, state, usage, reliability, logger);
  context.subscriptions.push(...dashboard.register());
  // Off the activation path: the ledger is a file read.
  setTimeout(() => void state.refreshSpend(), 0);
  return { state, secrets, usage, chat: chat.provider, dashboard, statusBarText: () => statusBar.item.text };
}

export function deactivate(): void {}
