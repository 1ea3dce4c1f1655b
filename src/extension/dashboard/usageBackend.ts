// The Usage tab's data and actions in the editor: the ledger's month report and the response cache.
import * as vscode from 'vscode';
import type { UsageBackend } from '../../presenters/dashboard/usageSection';
import type { EngineHost } from '../engine/engineHost';
import type { Settings } from '../settings/settings';
import type { UsageService } from '../usage';

export function usageBackend(host: EngineHost, settings: Settings, usage: UsageService): UsageBackend {
  return {
    usage: async () => {
      const report = await usage.usageReport().catch(() => undefined);
      return {
        ...(report ? { report } : {}),
        cache: { ...host.responseCache.stats(), enabled: settings.get('cache.enabled') },
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
