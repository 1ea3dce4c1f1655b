import * as vscode from 'vscode';
import { registerCacheCommands } from './cacheCommands';
import { registerChat } from './chat/chatCommands';
import type { ChatViewProvider } from './chat/chatViewProvider';
import { registerConfigImportExport } from './configImportExport';
import { DashboardPanel } from './dashboard/dashboardPanel';
import { EngineHost } from './engine/engineHost';
import { openExtensionStore } from './localStore';
import { registerLanguageModels } from './lm/registerLm';
import type { LazyLmProvider } from './lm/registerLm';
import { ExtensionLogger, registerShowLog } from './log';
import { registerPickModel } from './modelPicker';
import { SecretStore, registerSecretCommands } from './secrets';
import { Settings } from './settings/settings';
import { StatusBar } from './statusBar';
import { registerSwitchProvider } from './switchProvider';
import { checkStoredKey, registerTestConnection } from './testConnection';
import { UsageService } from './usage';
import { registerVerifyModelMapping } from './verifyModelMapping';
import { registerWalkthroughContext } from './walkthroughContext';

/** What activate() returns: read by the in-host tests; not a public API. */
export interface SwitchboardExtensionApi {
  /** The engine host: the engine (from createSwitchboard), its resolved view, state and one change event. */
  readonly host: EngineHost;
  readonly settings: Settings;
  readonly secrets: SecretStore;
  readonly usage: UsageService;
  /** The chat view provider (its controller holds the open session). */
  readonly chat: ChatViewProvider;
  /** The dashboard panel host (its controller holds the last view model). */
  readonly dashboard: DashboardPanel;
  readonly statusBar: StatusBar;
  /** Fires once the Switch Provider QuickPick is on screen. */
  readonly onDidShowProviderPicker: vscode.Event<void>;
  /** Switchboard's vscode.lm provider (undefined on a VS Code without the API). */
  readonly lm: LazyLmProvider | undefined;
  statusBarText(): string;
}

// Thin on purpose: build the services, register each feature, hand every disposable to VS Code.
// No SDK is loaded here; the engine imports them on first use.
export async function activate(context: vscode.ExtensionContext): Promise<SwitchboardExtensionApi> {
  const logger = new ExtensionLogger();
  const settings = new Settings();
  const secrets = new SecretStore(context.secrets, logger);
  const store = openExtensionStore(context.globalStorageUri.fsPath, logger, process.env, context.globalState);
  const usage = new UsageService(store, settings, logger);
  const host = new EngineHost({ context, settings, secrets, logger, usage });
  context.subscriptions.push(logger, settings, secrets, usage, host, { dispose: () => store.close() });
  await host.start();

  const statusBar = new StatusBar(host, { monthlyUsd: () => usage.tracker.budget.monthlyUsd, onDidChange: usage.onDidChangeBudget });
  const chat = registerChat(context, host, logger);
  const dashboard = new DashboardPanel(context, host, settings, usage, logger, secrets);
  const switchProvider = registerSwitchProvider(host, settings);
  context.subscriptions.push(
    statusBar,
    registerShowLog(logger),
    ...registerSecretCommands(secrets, settings, (name, tail, where) => checkStoredKey(host, settings, logger, name === 'anthropicApiKey' ? 'anthropic' : 'bedrock', tail, where)),
    ...usage.registerCommands(),
    ...registerCacheCommands(host, logger),
    ...switchProvider.disposables,
    registerTestConnection(host, logger),
    registerVerifyModelMapping(host, settings, logger),
    registerPickModel(host, settings),
    registerWalkthroughContext(host, settings),
    ...registerConfigImportExport(host, settings, logger),
    ...chat.disposables,
    ...dashboard.register(),
    ...watchConfigFile(host),
  );
  // VS Code's Chat picker and every vscode.lm caller (Copilot Chat, Cline, Roo Code) get the same engine.
  const lm = registerLanguageModels(host, logger);
  context.subscriptions.push(...lm.disposables);
  return { host, settings, secrets, usage, chat: chat.provider, dashboard, statusBar, lm: lm.provider, onDidShowProviderPicker: switchProvider.onDidShowPicker, statusBarText: () => statusBar.item.text };
}

/** A workspace config.yml edited by hand, or a workspace newly trusted, takes effect like a settings change. */
function watchConfigFile(host: EngineHost): vscode.Disposable[] {
  const watcher = vscode.workspace.createFileSystemWatcher('**/.switchboard/config.yml');
  const onFile = (): void => void host.reload('.switchboard/config.yml changed');
  // A .switchboard folder created or removed together with its config.yml (a checkout, `mkdir -p`
  // and a write, a script): VS Code's watcher reports the folder but often not the file inside it
  // (measured on 1.139: 8 of 11 such files missed, 0 of 4 when the folder was there first), so the
  // folder's own creation or removal reads the file again too.
  const folder = vscode.workspace.createFileSystemWatcher('**/.switchboard', false, true, false);
  const onFolder = (): void => void host.reload('.switchboard folder created or removed');
  return [
    watcher, watcher.onDidChange(onFile), watcher.onDidCreate(onFile), watcher.onDidDelete(onFile),
    folder, folder.onDidCreate(onFolder), folder.onDidDelete(onFolder),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void host.reload('workspace trusted')),
  ];
}

export function deactivate(): void {}
