// Reads a fix action back from untrusted JSON (a session file): only the kinds and fields that
// src/core/errorFixes defines survive, so a forged file cannot make the host open a URL it never offered
// in a form it never computed (an unknown kind or a malformed field drops the action).
import type { FixAction } from '../errorFixes';
import type { SettingRef } from '../errors';
import type { ProviderId } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 2000;
const provider = (v: unknown): v is ProviderId => v === 'anthropic' || v === 'bedrock';
const SIMPLE = new Set(['retry', 'pickModel', 'setAwsAccessKeys', 'allowOverBudget', 'newChat', 'showUsage', 'showLog']);

function settingRefOf(v: unknown): SettingRef | undefined {
  return isObj(v) && str(v.id) && /^switchboard\.[A-Za-z0-9.]+$/.test(v.id) && str(v.label) ? { id: v.id, label: v.label } : undefined;
}

export function parseFixAction(v: unknown): FixAction | undefined {
  if (!isObj(v) || !str(v.kind) || !str(v.label)) return undefined;
  const label = v.label;
  if (SIMPLE.has(v.kind)) return { kind: v.kind, label } as FixAction;
  switch (v.kind) {
    case 'switchProvider':
    case 'setApiKey':
    case 'clearStoredKey':
      return provider(v.provider) ? { kind: v.kind, provider: v.provider, label } : undefined;
    case 'runInTerminal':
      return Array.isArray(v.argv) && v.argv.length > 0 && v.argv.every(str) && v.argv[0] === 'aws' && str(v.command) ? { kind: 'runInTerminal', argv: v.argv as string[], command: v.command, label } : undefined;
    case 'openSetting': {
      const setting = settingRefOf(v.setting);
      return setting ? { kind: 'openSetting', setting, label } : undefined;
    }
    case 'openUrl':
      return str(v.url) && /^https:\/\/[a-z0-9.-]+\.(anthropic\.com|aws\.amazon\.com|amazonaws-us-gov\.com)\//.test(v.url) ? { kind: 'openUrl', url: v.url, label } : undefined;
  }
  return undefined;
}

export function parseSettingLinks(v: unknown): SettingRef[] {
  return Array.isArray(v) ? v.map(settingRefOf).filter((s): s is SettingRef => Boolean(s)) : [];
}
