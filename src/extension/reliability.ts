import * as vscode from 'vscode';
import { BreakerRegistry, ResponseCache } from './coreBridge';
import type { ClientReliability, ExtensionClient } from './coreBridge';
import type { ExtensionLogger } from './log';
import type { SwitchboardState } from './state';

const HISTORY_KEY = 'switchboard.healthHistory';

interface CacheSettings { enabled: boolean; ttlSeconds: number; maxEntries: number; maxBytes: number; onlyDeterministic: boolean }

function cacheSettings(): CacheSettings {
  const c = vscode.workspace.getConfiguration('switchboard.cache');
  return {
    enabled: c.get<boolean>('enabled', true),
    ttlSeconds: c.get<number>('ttlSeconds', 86_400),
    maxEntries: c.get<number>('maxEntries', 1000),
    maxBytes: c.get<number>('maxBytes', 20 * 1024 * 1024),
    onlyDeterministic: c.get<boolean>('onlyDeterministic', true),
  };
}

/** 0 turns the periodic checks off (passive health from real requests remains). */
function healthIntervalSeconds(): number {
  return vscode.workspace.getConfiguration('switchboard').get<number>('health.intervalSeconds', 60);
}

/**
 * Failover, health and the response cache in VS Code: gives every client the shared breakers,
 * the cache (in global storage) and the persisted health history; runs the periodic health
 * checks only while a window is focused; Clear / Export / Import Cache.
 */
export class Reliability implements vscode.Disposable {
  readonly breakers = new BreakerRegistry();
  private cache: ResponseCache;
  private client: ExtensionClient | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly state: SwitchboardState, private readonly logger: ExtensionLogger) {
    this.cache = this.openCache();
    state.clientHooks = { options: () => this.clientOptions(), created: (client) => this.adopt(client) };
    this.disposables.push(
      vscode.window.onDidChangeWindowState((w) => {
        if (w.focused) this.client?.resumeHealthChecks?.();
        else this.client?.pauseHealthChecks?.();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('switchboard.cache') && !e.affectsConfiguration('switchboard.health') && !e.affectsConfiguration('switchboard.modelProvider.continueOnFallback')) return;
        if (e.affectsConfiguration('switchboard.cache')) {
          void this.cache.flush();
          this.cache = this.openCache();
        }
        void state.reload('reliability settings changed');
      }),
    );
  }

  get cacheFile(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.globalStorageUri, 'cache', 'responses.json');
  }

  get responseCache(): ResponseCache {
    return this.cache;
  }

  private openCache(): ResponseCache {
    const s = cacheSettings();
    return new ResponseCache({ file: this.cacheFile.fsPath, ttlMs: s.ttlSeconds * 1000, maxEntries: s.maxEntries, maxBytes: s.maxBytes, logger: this.logger });
  }

  private clientOptions(): ClientReliability {
    const s = cacheSettings();
    const cfg = vscode.workspace.getConfiguration('switchboard');
    return {
      ...(s.enabled ? { responseCache: this.cache } : {}),
      cacheOnlyDeterministic: s.onlyDeterministic,
      continueAfterPartial: cfg.get<boolean>('modelProvider.continueOnFallback', false),
      breakers: this.breakers,
      healthIntervalMs: Math.max(10, healthIntervalSeconds()) * 1000,
      healthHistory: this.context.globalState.get(HISTORY_KEY),
    };
  }

  /** A new client (settings changed, first use): start its checks, unless no window is focused. */
  private adopt(client: ExtensionClient): void {
    this.client = client;
    // A new client has not failed over: a label from the previous configuration would be stale.
    this.state.failover = undefined;
    if (healthIntervalSeconds() > 0) client.startHealthChecks?.();
    if (!vscode.window.state.focused) client.pauseHealthChecks?.();
    client.onDidChangeHealth(() => this.scheduleSave(client));
  }

  /** Persist the health history at most every few seconds (the dashboard reads it after a reload). */
  private scheduleSave(client: ExtensionClient): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.context.globalState.update(HISTORY_KEY, client.healthHistory?.());
    }, 5_000);
  }

  registerCommands(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('switchboard.clearCache', async () => {
        const before = this.cache.stats();
        await this.cache.clear();
        this.logger.info(`response cache cleared (${before.entries} entries, ${before.bytes} bytes)`);
        void vscode.window.showInformationMessage(`Switchboard: cleared ${before.entries} cached answer(s).`);
        return before;
      }),
      vscode.commands.registerCommand('switchboard.exportCache', async (uriArg?: unknown) => {
        const uri = uriArg instanceof vscode.Uri ? uriArg : await vscode.window.showSaveDialog({ title: 'Switchboard: Export Cache', filters: { JSON: ['json'] }, saveLabel: 'Export' });
        if (!uri) return undefined;
        const data = await this.cache.exportData();
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(data)));
        this.logger.info(`exported ${data.entries.length} cached answer(s) to ${uri.fsPath}`);
        void vscode.window.showInformationMessage(`Switchboard: exported ${data.entries.length} cached answer(s).`);
        return { entries: data.entries.length };
      }),
      vscode.commands.registerCommand('switchboard.importCache', async (uriArg?: unknown) => {
        const uri = uriArg instanceof vscode.Uri ? uriArg : (await vscode.window.showOpenDialog({ title: 'Switchboard: Import Cache', canSelectMany: false, filters: { JSON: ['json'] }, openLabel: 'Import' }))?.[0];
        if (!uri) return undefined;
        try {
          const data = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as unknown;
          const result = await this.cache.importData(data);
          this.logger.info(`imported ${result.added} cached answer(s) from ${uri.fsPath} (${result.skipped} skipped)`);
          void vscode.window.showInformationMessage(`Switchboard: imported ${result.added} cached answer(s)${result.skipped ? `, skipped ${result.skipped} (expired, invalid or older)` : ''}.`);
          return result;
        } catch (e) {
          const message = (e as Error).message;
          this.logger.error(`cache import failed: ${message}`);
          void vscode.window.showErrorMessage(`Switchboard: cache import failed, cache unchanged. ${message}`);
          return { error: message };
        }
      }),
    ];
  }

  dispose(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const history = this.client?.healthHistory?.();
    if (history) void this.context.globalState.update(HISTORY_KEY, history);
    void this.cache.flush();
    if (this.state.clientHooks?.created) this.state.clientHooks = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
