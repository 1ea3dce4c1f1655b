// The extension's entry point (package.json "main": dist/boot.js). It loads the activation bundle,
// dist/extension.js, and later the chunks it requires, through V8's code cache kept in the
// extension's global storage (codeCache.ts), and hands activate() / deactivate() to it. Kept tiny:
// VS Code counts this file's loading and the activate() call below as Switchboard's activation time.
import type * as vscode from 'vscode';
import { join } from 'node:path';
import { CodeCacheLoader } from './codeCache';
import type { CodeCacheLoad, CodeCacheStatus } from './codeCache';

interface ExtensionModule {
  activate(context: vscode.ExtensionContext): Promise<unknown>;
  deactivate?(): unknown;
}

let extension: ExtensionModule | undefined;
let codeCache: (Pick<CodeCacheLoad, 'status' | 'cacheFile'> & { loader: CodeCacheLoader }) | undefined;

/**
 * What the code cache did at this activation, its file, and what it did for each bundle loaded so
 * far (the chunks included). Read by the in-host tests and bench:activation.
 */
export function codeCacheState(): (Pick<CodeCacheLoad, 'status' | 'cacheFile'> & { bundles: Record<string, CodeCacheStatus> }) | undefined {
  return codeCache && { status: codeCache.status, cacheFile: codeCache.cacheFile, bundles: Object.fromEntries(codeCache.loader.statuses) };
}

export function activate(context: vscode.ExtensionContext): Promise<unknown> {
  // The chunks extension.js loads later (dist/lazy, dist/sdk) go through the same cache.
  const loader = new CodeCacheLoader(__dirname, join(context.globalStorageUri.fsPath, 'code-cache'), (message) => console.warn(message));
  const loaded = loader.load(join(__dirname, 'extension.js'));
  codeCache = { status: loaded.status, cacheFile: loaded.cacheFile, loader };
  extension = loaded.exports as ExtensionModule;
  const activated = extension.activate(context);
  activated.then(() => loader.saveLater(loaded), () => undefined);
  return activated;
}

export function deactivate(): unknown {
  return extension?.deactivate?.();
}
