import * as vscode from 'vscode';
import { CONFIG_KEYS, CREDENTIAL_REDIRECTING_KEYS, SETTING_KEYS } from './settingsTable';
import type { SettingKey, SettingValues } from './settingsTable';

export interface SettingsSnapshot {
  /** Only the values the user actually set, so defaults keep source `default` downstream. */
  explicit: Partial<SettingValues>;
  /** Where each explicit value came from, for the log. */
  scopes: Partial<Record<SettingKey, 'user' | 'workspace' | 'folder'>>;
  /** Workspace values of credential-redirecting settings that were ignored. */
  ignoredWorkspaceValues: SettingKey[];
}

/**
 * The one way src/extension reads and writes `switchboard.*` (lint-enforced), and the one
 * configuration listener: `onDidChange` fires once per change with the keys it touched.
 */
export class Settings implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SettingKey[]>();
  readonly onDidChange: vscode.Event<SettingKey[]> = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      const keys = changedSettingKeys(e);
      if (keys.length > 0) this.emitter.fire(keys);
    });
  }

  /** The value in effect; unset → the default contributed in package.json (VS Code supplies it). */
  get<K extends SettingKey>(key: K): SettingValues[K] {
    return section().get<SettingValues[K]>(key) as SettingValues[K];
  }

  inspect<K extends SettingKey>(key: K): ReturnType<vscode.WorkspaceConfiguration['inspect']> {
    return section().inspect<SettingValues[K]>(key);
  }

  /** The core-configuration keys the user set; credential-redirecting ones from user settings only. */
  explicit(): SettingsSnapshot {
    const cfg = section();
    const explicit: Record<string, unknown> = {};
    const scopes: SettingsSnapshot['scopes'] = {};
    const ignored: SettingKey[] = [];
    for (const key of CONFIG_KEYS) {
      const info = cfg.inspect(key);
      if (!info) continue;
      const workspaceValue = info.workspaceFolderValue ?? info.workspaceValue;
      if (CREDENTIAL_REDIRECTING_KEYS.has(key)) {
        if (workspaceValue !== undefined && workspaceValue !== info.globalValue) ignored.push(key);
        if (info.globalValue !== undefined) { explicit[key] = info.globalValue; scopes[key] = 'user'; }
        continue;
      }
      if (info.workspaceFolderValue !== undefined) { explicit[key] = info.workspaceFolderValue; scopes[key] = 'folder'; }
      else if (info.workspaceValue !== undefined) { explicit[key] = info.workspaceValue; scopes[key] = 'workspace'; }
      else if (info.globalValue !== undefined) { explicit[key] = info.globalValue; scopes[key] = 'user'; }
    }
    return { explicit: explicit as Partial<SettingValues>, scopes, ignoredWorkspaceValues: ignored };
  }

  /** Writes to the workspace when it already defines the key (else it would shadow the change), user settings otherwise. */
  async update<K extends SettingKey>(key: K, value: SettingValues[K] | undefined, target?: vscode.ConfigurationTarget): Promise<void> {
    await section().update(key, value, target ?? updateTargetFor(key));
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('switchboard');
}

/** The setting keys a configuration change touched. */
export function changedSettingKeys(e: vscode.ConfigurationChangeEvent): SettingKey[] {
  if (!e.affectsConfiguration('switchboard')) return [];
  return SETTING_KEYS.filter((k) => e.affectsConfiguration(`switchboard.${k}`));
}

export function updateTargetFor(key: SettingKey): vscode.ConfigurationTarget {
  const info = section().inspect(key);
  if (info?.workspaceFolderValue !== undefined) return vscode.ConfigurationTarget.WorkspaceFolder;
  if (info?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}
