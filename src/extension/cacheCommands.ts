import * as vscode from 'vscode';
import type { EngineHost } from './engine/engineHost';
import type { ExtensionLogger } from './log';

/** Clear / Export / Import Cache over the engine host's response cache (in global storage). */
export function registerCacheCommands(host: EngineHost, logger: ExtensionLogger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('switchboard.clearCache', async () => {
      const cache = host.responseCache;
      const before = cache.stats();
      await cache.clear();
      logger.info(`response cache cleared (${before.entries} entries, ${before.bytes} bytes)`);
      void vscode.window.showInformationMessage(`Switchboard: cleared ${before.entries} cached answer(s).`);
      return before;
    }),
    vscode.commands.registerCommand('switchboard.exportCache', async (uriArg?: unknown) => {
      const uri = uriArg instanceof vscode.Uri ? uriArg : await vscode.window.showSaveDialog({ title: 'Switchboard: Export Cache', filters: { JSON: ['json'] }, saveLabel: 'Export' });
      if (!uri) return undefined;
      const data = await host.responseCache.exportData();
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(data)));
      logger.info(`exported ${data.entries.length} cached answer(s) to ${uri.fsPath}`);
      void vscode.window.showInformationMessage(`Switchboard: exported ${data.entries.length} cached answer(s).`);
      return { entries: data.entries.length };
    }),
    vscode.commands.registerCommand('switchboard.importCache', async (uriArg?: unknown) => {
      const uri = uriArg instanceof vscode.Uri ? uriArg : (await vscode.window.showOpenDialog({ title: 'Switchboard: Import Cache', canSelectMany: false, filters: { JSON: ['json'] }, openLabel: 'Import' }))?.[0];
      if (!uri) return undefined;
      try {
        const data = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as unknown;
        const result = await host.responseCache.importData(data);
        logger.info(`imported ${result.added} cached answer(s) from ${uri.fsPath} (${result.skipped} skipped)`);
        void vscode.window.showInformationMessage(`Switchboard: imported ${result.added} cached answer(s)${result.skipped ? `, skipped ${result.skipped} (expired, invalid or older)` : ''}.`);
        return result;
      } catch (e) {
        const message = (e as Error).message;
        logger.error(`cache import failed: ${message}`);
        void vscode.window.showErrorMessage(`Switchboard: cache import failed, cache unchanged. ${message}`);
        return { error: message };
      }
    }),
  ];
}
