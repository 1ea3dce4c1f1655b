import * as vscode from 'vscode';
import type { ProviderId } from '../core/types';

/** Keys under `switchboard.` exactly as contributed in package.json. */
export interface SettingValues {
  'modelProvider.type': ProviderId;
  'modelProvider.anthropic.apiKeyEnv': string;
  'modelProvider.anthropic.baseUrl': string;
  'modelProvider.bedrock.awsRegion': string;
  'modelProvider.bedrock.awsProfile': string;
  'modelProvider.bedrock.authMethod': 'auto' | 'profile' | 'accessKeys' | 'assumeRole' | 'apiKey';
  'modelProvider.bedrock.useBedrockApiKey': boolean;
  'modelProvider.bedrock.inferenceProfile': string | null;
  'modelProvider.bedrock.roleArn': string;
  'modelProvider.bedrock.externalId': string;
  'modelProvider.bedrock.endpoint': string;
  'modelProvider.modelMapping': Record<string, { anthropic?: string; bedrock?: string; fallback?: string }>;
  'modelProvider.fallbackProvider': 'none' | ProviderId;
  'modelProvider.autoFallback': boolean;
  model: string;
  maxOutputTokens: number;
  thinkingBudget: number;
  configFile: string;
}
export type SettingKey = keyof SettingValues;

export const SETTING_KEYS: readonly SettingKey[] = [
  'modelProvider.type', 'modelProvider.anthropic.apiKeyEnv', 'modelProvider.anthropic.baseUrl',
  'modelProvider.bedrock.awsRegion', 'modelProvider.bedrock.awsProfile', 'modelProvider.bedrock.authMethod',
  'modelProvider.bedrock.useBedrockApiKey', 'modelProvider.bedrock.inferenceProfile', 'modelProvider.bedrock.roleArn',
  'modelProvider.bedrock.externalId', 'modelProvider.bedrock.endpoint', 'modelProvider.modelMapping',
  'modelProvider.fallbackProvider', 'modelProvider.autoFallback', 'model', 'maxOutputTokens', 'thinkingBudget', 'configFile',
];

/**
 * Settings that decide where credentials are sent. They are `machine`-scoped and restricted in
 * untrusted workspaces in package.json; we also read them from user settings only, so no
 * workspace (trusted or not, whatever VS Code version) can redirect a key.
 */
export const CREDENTIAL_REDIRECTING_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>([
  'modelProvider.anthropic.baseUrl', 'modelProvider.anthropic.apiKeyEnv', 'modelProvider.bedrock.endpoint',
  'modelProvider.bedrock.awsProfile', 'modelProvider.bedrock.roleArn', 'modelProvider.bedrock.externalId',
]);

export interface SettingsSnapshot {
  /** Only the values the user actually set, so defaults keep source `default` downstream. */
  explicit: Partial<SettingValues>;
  /** Where each explicit value came from, for the log. */
  scopes: Partial<Record<SettingKey, 'user' | 'workspace' | 'folder'>>;
  /** Workspace values of credential-redirecting settings that were ignored. */
  ignoredWorkspaceValues: SettingKey[];
}

export function readSettings(): SettingsSnapshot {
  const cfg = vscode.workspace.getConfiguration('switchboard');
  const explicit: Record<string, unknown> = {};
  const scopes: SettingsSnapshot['scopes'] = {};
  const ignored: SettingKey[] = [];
  for (const key of SETTING_KEYS) {
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

/** The setting keys a configuration change touched. */
export function changedSettingKeys(e: vscode.ConfigurationChangeEvent): SettingKey[] {
  if (!e.affectsConfiguration('switchboard')) return [];
  return SETTING_KEYS.filter((k) => e.affectsConfiguration(`switchboard.${k}`));
}

/**
 * Where an update of `key` should go: the workspace when the workspace already defines it
 * (otherwise the workspace value would shadow the change), else user settings.
 */
export function updateTargetFor(key: SettingKey): vscode.ConfigurationTarget {
  const info = vscode.workspace.getConfiguration('switchboard').inspect(key);
  if (info?.workspaceFolderValue !== undefined) return vscode.ConfigurationTarget.WorkspaceFolder;
  if (info?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}

export async function updateSetting<K extends SettingKey>(key: K, value: SettingValues[K] | undefined, target?: vscode.ConfigurationTarget): Promise<void> {
  await vscode.workspace.getConfiguration('switchboard').update(key, value, target ?? updateTargetFor(key));
}

/** Nested camelCase object (settings notation) from the flat keys, for the config parser. */
export function toSettingsObject(values: Partial<SettingValues>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(values)) {
    // '' / null are how a person clears a setting in settings.json: treat them as unset.
    if (raw === undefined || raw === null || raw === '') continue;
    // The settings UI needs a word for "no failover"; the schema says null.
    const value = key === 'modelProvider.fallbackProvider' && raw === 'none' ? null : raw;
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] = (node[part] as Record<string, unknown> | undefined) ?? {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return root;
}
