import * as vscode from 'vscode';
import type { PromptCacheOptions } from '../core/cache/promptCache';
import { BudgetTracker, parseBudgetSettings } from '../core/usage/budget';
import type { LocalStore } from '../core/storage/localStore';
import type { BudgetAlert, BudgetGuard, BudgetSettings, MonthToDate } from '../core/usage/budget';
import { parsePriceOverrides } from '../core/usage/priceOverrides';
import type { PriceOverrides } from '../core/usage/prices';
import type { UsageReport } from '../core/usage/report';
import type { loadUsageTab } from '../presenters/dashboard/usageCharts';
import { budgetAlertFixes, fixActionsFor } from '../core/errorFixes';
import { isSwitchboardError } from '../core/errors';
import type { ExtensionLogger } from './log';
import { notifyWithFixes } from './runFix';
import type { Settings } from './settings/settings';
import type * as UsageReportsModule from './usageReports';

/** The report and the Usage tab's figures: their own chunk, loaded on first use (esbuild.mjs LAZY_MODULES). */
function reports(): typeof UsageReportsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (esbuild.mjs LAZY_MODULES)
  return require('./usageReports') as typeof UsageReportsModule;
}

export interface UsageSettings {
  budget: BudgetSettings;
  prices: PriceOverrides;
  promptCache: PromptCacheOptions;
  issues: string[];
}

/** `switchboard.budget.*`, `switchboard.prices`, `switchboard.promptCache.*`, validated. */
export function readUsageSettings(settings: Settings): UsageSettings {
  const budget = parseBudgetSettings({
    monthlyUsd: settings.get('budget.monthlyUsd'),
    alertThresholds: settings.get('budget.alertThresholds'),
    hardStop: settings.get('budget.hardStop'),
  });
  const prices = parsePriceOverrides(settings.get('prices'));
  return {
    budget: budget.settings,
    prices: prices.overrides,
    promptCache: { enabled: settings.get('promptCache.enabled'), ttl: settings.get('promptCache.ttl') === '1h' ? '1h' : '5m' },
    issues: [...budget.issues.map((i) => `switchboard.${i}`), ...prices.issues],
  };
}

/** What the usage service gives each engine the host builds. */
export interface UsageEngineOptions {
  budget: BudgetGuard & { monthToDate(): Promise<MonthToDate> };
  priceOverrides: PriceOverrides;
  promptCache: PromptCacheOptions;
}

/**
 * Usage, prices and budget in VS Code: the budget guard, price overrides and prompt-cache
 * settings for the engine; threshold alerts (Open Usage, Budget Settings) and the hard-stop
 * refusal (Allow One More Request, Budget Settings) — the buttons are the fixes of
 * src/core/errorFixes, primary first; the usage report (Show Usage opens the dashboard's Usage tab).
 */
export class UsageService implements vscode.Disposable {
  private current: UsageSettings;
  readonly tracker: BudgetTracker;
  private readonly disposables: vscode.Disposable[] = [];
  /** Last alert shown, for tests and the log. */
  lastAlert: BudgetAlert | undefined;
  private readonly budgetChanged = new vscode.EventEmitter<BudgetSettings>();
  /** Fires once the budget settings changed are in effect (the status bar's tooltip shows the budget). */
  readonly onDidChangeBudget: vscode.Event<BudgetSettings> = this.budgetChanged.event;

  /** `store` is the local store shared with the CLI (src/extension/localStore.ts). */
  constructor(readonly store: LocalStore, settings: Settings, private readonly logger: ExtensionLogger, now?: () => Date) {
    this.current = readUsageSettings(settings);
    for (const i of this.current.issues) logger.warn(`usage settings: ${i}`);
    this.tracker = new BudgetTracker({
      settings: this.current.budget,
      // Read from the store for every check (the CLI's spend counts too); an unreadable store
      // makes a hard stop refuse (fails closed), as in the CLI.
      monthToDate: (at) => store.ledger.monthToDate(at),
      store: store.budgetState,
      ...(now ? { now } : {}),
      // In words, not setting IDs: the error's Budget Settings button opens them.
      raiseHint: 'Raise the monthly budget or turn its hard stop off (Budget Settings), or allow one more request.',
      onAlert: (alert) => this.showAlert(alert),
    });
    this.disposables.push(
      settings.onDidChange((keys) => {
        if (!keys.some((k) => k.startsWith('budget.') || k === 'prices' || k.startsWith('promptCache.'))) return;
        this.current = readUsageSettings(settings);
        for (const i of this.current.issues) {
          logger.warn(`usage settings: ${i}`);
          void vscode.window.showWarningMessage(`Switchboard: ${i}`);
        }
        // The budget retunes in place; prices and prompt caching are engine options (the host rebuilds it).
        this.tracker.updateSettings(this.current.budget);
        this.budgetChanged.fire(this.current.budget);
      }),
    );
  }

  registerCommands(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('switchboard.showUsage', () => this.showUsage()),
      vscode.commands.registerCommand('switchboard.allowOverBudget', () => this.allowOneOverBudget()),
    ];
  }

  engineOptions(): UsageEngineOptions {
    const tracker = this.tracker;
    return {
      priceOverrides: this.current.prices,
      promptCache: this.current.promptCache,
      budget: {
        beforeRequest: async () => {
          try {
            await tracker.beforeRequest();
          } catch (e) {
            this.showRefusal(e as Error);
            throw e;
          }
        },
        observe: (record) => tracker.observe(record),
        monthToDate: () => tracker.monthToDate(),
      },
    };
  }

  /** This month's report from the store's sums (the dashboard renders it; report() as markdown). */
  async usageReport(now: Date = new Date()): Promise<UsageReport> {
    // The budget line from the same month-to-date the alerts and the hard stop read: one percentage everywhere.
    const { buildUsageReport, readUsageReport } = reports();
    return readUsageReport(this.store.ledger, { now, budget: this.current.budget, overrides: this.current.prices }).catch((e: Error) => {
      this.logger.warn(`usage report: ${e.message}`);
      return buildUsageReport([], { now, budget: this.current.budget, overrides: this.current.prices });
    });
  }

  /** The dashboard's Usage tab from one read of the store's month sums: the whole report and every chart. */
  usageTab(now: Date = new Date()): ReturnType<typeof loadUsageTab> {
    return reports().loadUsageTab(this.store.ledger, now, this.current.budget, this.current.prices);
  }

  /** The report as markdown (the same figures the dashboard's Usage tab shows). */
  async report(): Promise<string> {
    const report = await this.usageReport();
    return reports().renderUsageMarkdown(report);
  }

  /** "Switchboard: Show Usage": the dashboard, on its Usage tab (rendered charts and tables, not markdown source). */
  async showUsage(): Promise<void> {
    await vscode.commands.executeCommand('switchboard.openDashboard', 'usage');
  }

  allowOneOverBudget(): void {
    this.tracker.allowOneRequestOverBudget();
    this.logger.info('budget: the next request may go over the monthly budget (one-time override)');
    // With a button the toast shows whole (VS Code cuts one without buttons to a single line); raising the budget is the lasting fix.
    void notifyWithFixes('info', 'Switchboard: the next request may go over this month\'s budget.', [budgetAlertFixes()[1]!]);
  }

  private showAlert(alert: BudgetAlert): void {
    this.lastAlert = alert;
    this.logger.warn(`budget: ${alert.message}`);
    // alert.message already starts with "Switchboard:".
    void notifyWithFixes(alert.thresholdPercent >= 100 ? 'warning' : 'info', alert.message, budgetAlertFixes());
  }

  private showRefusal(error: Error): void {
    this.logger.warn(`budget: ${error.message}`);
    // The budget gate's own error (budget_exceeded) or, failing closed, an unreadable store's: each gets its own fixes.
    const fixes = isSwitchboardError(error) ? fixActionsFor(error) : [];
    void notifyWithFixes('error', `Switchboard: ${error.message}`, fixes.length ? fixes : [{ kind: 'showLog', label: 'Show Log' }]);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.budgetChanged.dispose();
  }
}
