// The Usage tab's data and actions in the editor: the month's report and charts from the store's
// sums, and the response cache.
import * as vscode from 'vscode';
import type { UsageBackend } from '../../presenters/dashboard/usageSection';
import type { EngineHost } from '../engine/engineHost';
import type { ExtensionLogger } from '../log';
import type { Settings } from '../settings/settings';
import type { UsageService } from '../usage';

export function usageBackend(host: EngineHost, settings: Settings, usage: UsageService, logger?: ExtensionLogger): UsageBackend {
  return {
    // The store's month sums (the usage roll-up): the whole tab, as fast with any number of records.
    usage: async () => {
      const now = new Date();
      const warn = (what: string) => (e: Error): undefined => {
        logger?.warn(`dashboard: ${what}: ${e.message}`);
        return undefined;
      };
      const tab = await usage.usageTab(now).catch(warn('usage totals and charts'));
      return {
        ...(tab ? { report: tab.report, charts: tab.charts } : {}),
        // The stats of the store's one cache (every window's and the CLI's lookups): the engine's.
        cache: { ...host.responseCache.stats(), enabled: settings.get('cache.enabled'), onlyDeterministic: settings.get('cache.onlyDeterministic') },
      };
    },
    clearCache: async () => {
      await vscode.commands.executeCommand('switchboard.clearCache');
    },
    showUsage: async () => {
      await vscode.commands.executeCommand('switchboard.showUsage');
    },
  };
}
