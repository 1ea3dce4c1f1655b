// Configuration → the SPEC §2 YAML (and → VS Code setting entries, for "Import Config").
// The schema holds no secrets (keys live in SecretStorage / env vars), so nothing to strip but
// the env var *name*, which is kept.
import type { ModelMapping } from '../models/catalog';
import type { EffectiveConfig } from './effective';
import type { ConfigKey, Notation, PartialSwitchboardConfig } from './schema';
import { FIELDS, MAPPING_ENTRY_KEYS, getConfigValue } from './schema';
import { yamlLib } from './yamlLib';

export interface ExportOptions {
  /** A comment written at the top of the file. */
  header?: string;
  /** For an effective config: export only values that did not come from defaults (default false = all). */
  omitDefaults?: boolean;
}

/** Build the nested object in a notation (`yaml` → snake_case, `settings` → camelCase under no root). */
export function toNotationObject(config: PartialSwitchboardConfig, notation: Notation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const value = getConfigValue(config, f.key);
    if (value === undefined) continue;
    const parts = notation === 'yaml' ? f.yaml : f.settings;
    let node = out;
    for (const p of parts.slice(0, -1)) {
      if (typeof node[p] !== 'object' || node[p] === null) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts[parts.length - 1] ?? ''] = f.kind.type === 'mapping' ? mappingIn(value as ModelMapping, notation) : value;
  }
  return out;
}

export function exportConfigYaml(config: PartialSwitchboardConfig | EffectiveConfig, options: ExportOptions = {}): string {
  const partial = isEffective(config) ? effectiveToPartial(config, options.omitDefaults ?? false) : config;
  const body = yamlLib().stringify(toNotationObject(partial, 'yaml'), { lineWidth: 0, nullStr: 'null' });
  const header = options.header ? options.header.split('\n').map((l) => `# ${l}`).join('\n') + '\n' : '';
  return header + body;
}

/** `[{ key: 'modelProvider.bedrock.awsRegion', value: 'eu-west-1' }, …]` for `WorkspaceConfiguration.update`. */
export function toSettingsEntries(config: PartialSwitchboardConfig): Array<{ key: string; value: unknown }> {
  const entries: Array<{ key: string; value: unknown }> = [];
  for (const f of FIELDS) {
    const value = getConfigValue(config, f.key);
    if (value === undefined) continue;
    entries.push({ key: f.settings.join('.'), value: f.kind.type === 'mapping' ? mappingIn(value as ModelMapping, 'settings') : value });
  }
  return entries;
}

export function effectiveToPartial(effective: EffectiveConfig, omitDefaults: boolean): PartialSwitchboardConfig {
  const out: PartialSwitchboardConfig = {};
  for (const f of FIELDS) {
    const s = effective.sources[f.key as ConfigKey];
    if (!s || (omitDefaults && s.source === 'default')) continue;
    const value = f.kind.type === 'mapping' ? effective.config.modelMapping : s.value;
    if (f.kind.type === 'mapping' && Object.keys(effective.config.modelMapping).length === 0) continue;
    setPartial(out, f.key, value);
  }
  return out;
}

function setPartial(config: PartialSwitchboardConfig, key: ConfigKey, value: unknown): void {
  const [head, tail] = key.split('.') as [string, string | undefined];
  const root = config as Record<string, unknown>;
  if (tail === undefined) root[head] = value;
  else root[head] = { ...(root[head] as object | undefined), [tail]: value };
}

function mappingIn(mapping: ModelMapping, notation: Notation): Record<string, Record<string, string>> {
  const keys = MAPPING_ENTRY_KEYS[notation];
  const out: Record<string, Record<string, string>> = {};
  for (const [name, entry] of Object.entries(mapping)) {
    const e: Record<string, string> = {};
    if (entry.anthropic !== undefined) e[keys.anthropic] = entry.anthropic;
    if (entry.bedrock !== undefined) e[keys.bedrock] = entry.bedrock;
    if (entry.fallback !== undefined) e[keys.fallback] = entry.fallback;
    if (entry.baseModel !== undefined) e[keys.baseModel] = entry.baseModel;
    out[name] = e;
  }
  return out;
}

function isEffective(c: PartialSwitchboardConfig | EffectiveConfig): c is EffectiveConfig {
  return 'sources' in c && 'config' in c;
}
