import * as vscode from 'vscode';
import { exportConfigYaml, fileConfigToSettingsEntries, parseConfigYaml, resolveConfig } from './engine/configView';
import type { EngineHost } from './engine/engineHost';
import type { ExtensionLogger } from './log';
import type { Settings } from './settings/settings';
import { SETTING_KEYS, toSettingsObject } from './settings/settingsTable';
import type { SettingKey, SettingValues } from './settings/settingsTable';

/** Validate YAML text and write it to user settings. Nothing is written when anything is wrong. */
export async function importConfigText(text: string, sourceName: string, host: EngineHost, settings: Settings): Promise<{ ok: true; keys: SettingKey[] } | { ok: false; message: string }> {
  const parsed = await parseConfigYaml(text, sourceName);
  if (!parsed.ok) return { ok: false, message: parsed.errors.map((e) => e.message).join('; ') };
  const entries: Array<[string, unknown]> = fileConfigToSettingsEntries(parsed.config).map((e) => [e.key, e.value]);
  const unknown = entries.filter(([k]) => !SETTING_KEYS.includes(k as SettingKey)).map(([k]) => k);
  if (unknown.length) return { ok: false, message: `${sourceName}: unknown field(s) ${unknown.join(', ')}` };
  // Check the merged result too, before touching settings.
  const merged = { ...settings.explicit().explicit, ...Object.fromEntries(entries) } as Partial<SettingValues>;
  const check = resolveConfig({ settings: toSettingsObject(merged), environment: {} });
  if (!check.ok) return { ok: false, message: check.errors.map((e) => e.message).join('; ') };
  for (const [key, value] of entries) {
    const v = key === 'modelProvider.fallbackProvider' && value === null ? 'none' : value;
    await settings.update(key as SettingKey, v as never, vscode.ConfigurationTarget.Global);
  }
  await host.reload(`imported ${sourceName}`);
  return { ok: true, keys: entries.map(([k]) => k as SettingKey) };
}

/**
 * The user's explicit settings as `model_provider` YAML; secrets are never in settings.
 * `overrides` replace settings (the dashboard's Migrate tab exports the configuration it checked).
 */
export async function exportConfigText(settings: Settings, overrides: Partial<SettingValues> = {}): Promise<string> {
  const { configFile: _omit, ...explicit } = { ...settings.explicit().explicit, ...overrides };
  return exportConfigYaml(toSettingsObject(explicit));
}

export function registerConfigImportExport(host: EngineHost, settings: Settings, logger: ExtensionLogger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('switchboard.importConfig', async (uriArg?: unknown) => {
      const uri = uriArg instanceof vscode.Uri ? uriArg : (await vscode.window.showOpenDialog({
        title: 'Switchboard: Import Config', canSelectMany: false, filters: { YAML: ['yml', 'yaml'] }, openLabel: 'Import',
      }))?.[0];
      if (!uri) return undefined;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const result = await importConfigText(text, vscode.workspace.asRelativePath(uri), host, settings);
      if (!result.ok) {
        logger.error(`import failed: ${result.message}`);
        void vscode.window.showErrorMessage(`Switchboard: import failed, settings unchanged. ${result.message}`);
      } else {
        logger.info(`imported ${uri.fsPath}: ${result.keys.join(', ')}`);
        void vscode.window.showInformationMessage(`Switchboard: imported ${result.keys.length} setting(s) into user settings.`);
      }
      return result;
    }),
    vscode.commands.registerCommand('switchboard.exportConfig', async (uriArg?: unknown) => {
      const text = await exportConfigText(settings);
      const uri = uriArg instanceof vscode.Uri ? uriArg : await vscode.window.showSaveDialog({
        title: 'Switchboard: Export Config', filters: { YAML: ['yml', 'yaml'] }, saveLabel: 'Export',
        ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'switchboard.config.yml') } : {}),
      });
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      logger.info(`exported settings to ${uri.fsPath}`);
      if (!(uriArg instanceof vscode.Uri)) void vscode.window.showInformationMessage(`Switchboard: exported to ${vscode.workspace.asRelativePath(uri)} (no secrets).`);
      return uri;
    }),
  ];
}
