import * as vscode from 'vscode';
import { BudgetTracker, UsageLedger, buildUsageReport, parseBudgetSettings, parsePriceOverrides, renderUsageMarkdown } from './usageBridge';
import type { BudgetAlert, BudgetSettings, ClientUsageOptions, FiredState, FiredStore, PriceOverrides, PromptCacheOptions, UsageReport } from './usageBridge';
import type { ExtensionLogger } from './log';
import type { SwitchboardState } from './state';

const FIRED_KEY = 'switchboard.budget.fired';
export const USAGE_SCHEME = 'switchboard-usage';
export const USAGE_URI = vscode.Uri.from({ scheme: USAGE_SCHEME, path: '/Switchboard Usage.md' });

export interface UsageSettings {
  budget: BudgetSettings;
  prices: PriceOverrides;
  promptCache: PromptCacheOptions;
  issues: string[];
}

/** `switchboard.budget.*`, `switchboard.prices`, `switchboard.promptCache.*`, validated. */
export function readUsageSettings(): UsageSettings {
  const c = vscode.workspace.getConfiguration('switchboard');
  const budget = parseBudgetSettings({
    monthlyUsd: c.get<unknown>('budget.monthlyUsd'),
    alertThresholds: c.get<unknown>('budget.alertThresholds'),
    hardStop: c.get<unknown>('budget.hardStop'),
  });
  const prices = parsePriceOverrides(c.get<unknown>('prices'));
  const ttl = c.get<string>('promptCache.ttl', '5m') === '1h' ? '1h' as const : '5m' as const;
  return {
    budget: budget.settings,
    prices: prices.overrides,
    promptCache: { enabled: c.get<boolean>('promptCache.enabled', true), ttl },
    issues: [...budget.issues.map((i) => `switchboard.${i}`), ...prices.issues],
  };
}

/** Fired thresholds in globalState: one alert per threshold per month, across reloads and windows. */
class GlobalStateFiredStore implements FiredStore {
  constructor(private readonly memento: vscode.Memento) {}
  async load(): Promise<FiredState | undefined> {
    return this.memento.get<FiredState>(FIRED_KEY);
  }
  async save(state: FiredState): Promise<void> {
    await this.memento.update(FIRED_KEY, state);
  }
}

/**
 * Usage, prices and budget in VS Code: hands each new client the price overrides, the prompt-cache
 * settings and the budget guard; shows threshold alerts (with Open Usage) and the hard-stop
 * refusal (with Allow One Request Over Budget); renders the usage report as a virtual document.
 */
export class UsageService implements vscode.Disposable {
  private settings: UsageSettings;
  readonly tracker: BudgetTracker;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly reportChanged = new vscode.EventEmitter<vscode.Uri>();
  /** Last alert shown, for tests and the log. */
  lastAlert: BudgetAlert | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly state: SwitchboardState, private readonly logger: ExtensionLogger, now?: () => Date) {
    this.settings = readUsageSettings();
    for (const i of this.settings.issues) logger.warn(`usage settings: ${i}`);
    this.tracker = new BudgetTracker({
      settings: this.settings.budget,
      readLedger: () => this.ledger().readAll(),
      store: new GlobalStateFiredStore(context.globalState),
      ...(now ? { now } : {}),
      onAlert: (alert) => this.showAlert(alert),
    });
    state.usageHooks = { options: () => this.clientOptions() };
    this.disposables.push(
      this.reportChanged,
      vscode.workspace.registerTextDocumentContentProvider(USAGE_SCHEME, { onDidChange: this.reportChanged.event, provideTextDocumentContent: () => this.report() }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!['budget', 'prices', 'promptCache'].some((k) => e.affectsConfiguration(`switchboard.${k}`))) return;
        this.settings = readUsageSettings();
        for (const i of this.settings.issues) {
          logger.warn(`usage settings: ${i}`);
          void vscode.window.showWarningMessage(`Switchboard: ${i}`);
        }
        this.tracker.updateSettings(this.settings.budget);
        // Prices and prompt-cache settings are client options: rebuild it.
        void state.reload('usage settings changed');
      }),
    );
  }

  registerCommands(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('switchboard.showUsage', () => this.showUsage()),
      vscode.commands.registerCommand('switchboard.allowOverBudget', () => this.allowOneOverBudget()),
    ];
  }

  private ledger(): UsageLedger {
    return new UsageLedger(vscode.Uri.joinPath(this.context.globalStorageUri, 'usage').fsPath);
  }

  clientOptions(): ClientUsageOptions {
    return {
      priceOverrides: this.settings.prices,
      promptCache: this.settings.promptCache,
      budget: {
        beforeRequest: async () => {
          try {
            await this.tracker.beforeRequest();
          } catch (e) {
            this.showRefusal(e as Error);
            throw e;
          }
        },
        observe: async (record) => {
          await this.tracker.observe(record);
          const m = await this.tracker.monthToDate();
          this.state.setSpend({ usd: m.usd, requests: m.requests, unpriced: m.unpriced, cacheWriteUsd: m.cacheWriteUsd });
        },
      },
    };
  }

  /** This month's report (the dashboard renders it; report() as markdown). */
  async usageReport(): Promise<UsageReport> {
    const records = await this.ledger().readAll().catch(() => []);
    return buildUsageReport(records, { budget: this.settings.budget, overrides: this.settings.prices });
  }

  /** The report as markdown; also what the command returns (for tests and other surfaces). */
  async report(): Promise<string> {
    return renderUsageMarkdown(await this.usageReport());
  }

  async showUsage(): Promise<string> {
    const text = await this.report();
    this.reportChanged.fire(USAGE_URI);
    const doc = await vscode.workspace.openTextDocument(USAGE_URI);
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: true });
    return text;
  }

  allowOneOverBudget(): void {
    this.tracker.allowOneRequestOverBudget();
    this.logger.info('budget: the next request may go over the monthly budget (one-time override)');
    void vscode.window.showInformationMessage('Switchboard: the next request may go over this month\'s budget.');
  }

  private showAlert(alert: BudgetAlert): void {
    this.lastAlert = alert;
    this.logger.warn(`budget: ${alert.message}`);
    const show = alert.thresholdPercent >= 100 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(alert.message, 'Open Usage').then((choice) => {
      if (choice === 'Open Usage') void vscode.commands.executeCommand('switchboard.showUsage');
    });
  }

  private showRefusal(error: Error): void {
    this.logger.warn(`budget: ${error.message}`);
    void vscode.window.showErrorMessage(`Switchboard: ${error.message}`, 'Allow One Request Over Budget', 'Open Usage', 'Open Settings').then((choice) => {
      if (choice === 'Allow One Request Over Budget') this.allowOneOverBudget();
      else if (choice === 'Open Usage') void vscode.commands.executeCommand('switchboard.showUsage');
      else if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.budget');
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
