// Turns what a form control sent into a setting value and checks it with the validation the
// extension applies to settings.json (core's parser for the configuration keys, the budget parser
// for budget.*), plus the contributed schema's enum and bounds. The message is the one the
// extension shows for a bad settings.json value. No vscode import (unit-tested in plain Node).
import { parseBudgetSettings } from '../../core/usage/budget';
import { show } from '../../core/config/validate';
import { resolveConfig } from '../engine/configView';
import type { MappingRowInput } from '../../shared/dashboard/configure';
import { SETTINGS, toSettingsObject } from '../settings/settingsTable';
import type { ModelMappingSetting, SettingKey, SettingValues } from '../settings/settingsTable';

/** The part of a contributed setting's JSON schema the form checks (package.json). */
export interface ContributedSchema {
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
}

export type WriteCheck = { ok: true; value: unknown } | { ok: false; error: string };

export interface WriteCheckInput {
  key: SettingKey;
  /** What the control sent (text, a checkbox's state, a select's value) or, for the mapping, the object. */
  raw: unknown;
  /** The explicit values the engine reads now (every scope, as Settings.explicit() gives them), for checks across fields. */
  current: Partial<SettingValues>;
  /** The budget settings in effect (defaults included). */
  budget: { monthlyUsd: unknown; alertThresholds: unknown; hardStop: unknown };
  schema?: ContributedSchema;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The control's text as the setting's type. `undefined` = remove the user value (an emptied
 * field). Text that is not a number stays text, so the validator names it ("must be a whole number
 * (got "abc")") instead of the form guessing.
 */
export function coerce(key: SettingKey, raw: unknown): unknown {
  const kind = SETTINGS[key].kind;
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  if (text === '') return kind === 'number|null' ? null : undefined;
  switch (kind) {
    case 'integer':
    case 'number':
    case 'number|null':
      return NUMBER.test(text) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'array': {
      const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
      return parts.every((p) => NUMBER.test(p)) ? parts.map(Number) : text;
    }
    default:
      return text;
  }
}

function checkSchema(key: SettingKey, value: unknown, schema: ContributedSchema | undefined): string | undefined {
  if (!schema || value === undefined || value === null) return undefined;
  if (schema.enum && !schema.enum.includes(value)) return `switchboard.${key}: ${show(value)} is not one of ${schema.enum.join(', ')}`;
  if (typeof value === 'number' && ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum))) {
    return `switchboard.${key}: must be between ${schema.minimum ?? '-∞'} and ${schema.maximum ?? '∞'} (got ${value})`;
  }
  return undefined;
}

/** The value to write, or the validator's words for why not (then nothing is written). */
export function checkSettingWrite(input: WriteCheckInput): WriteCheck {
  const { key } = input;
  const value = coerce(key, input.raw);
  const spec = SETTINGS[key];
  if (spec.role === 'config') {
    const errorsOf = (values: Partial<SettingValues>): string[] => {
      const r = resolveConfig({ settings: toSettingsObject(values), environment: {} });
      return r.ok ? [] : r.errors.map((e) => e.message);
    };
    const before = new Set(errorsOf(input.current));
    const candidate = { ...input.current, [key]: value } as Partial<SettingValues>;
    if (value === undefined) delete candidate[key];
    const introduced = errorsOf(candidate).filter((m) => !before.has(m));
    if (introduced.length > 0) return { ok: false, error: introduced[0]! };
  } else if (spec.role === 'budget' && value !== undefined) {
    const field = key.slice('budget.'.length) as 'monthlyUsd' | 'alertThresholds' | 'hardStop';
    const issue = parseBudgetSettings({ ...input.budget, [field]: value }).issues.find((i) => i.startsWith(`${key}:`));
    if (issue) return { ok: false, error: `switchboard.${issue}` };
  }
  const schemaProblem = checkSchema(key, value, input.schema);
  if (schemaProblem) return { ok: false, error: schemaProblem };
  return { ok: true, value };
}

/**
 * The editor's rows as the mapping setting: blank rows dropped, blank cells left out, and the
 * `baseModel` of a name that stays kept (the editor does not show it). A name given twice is refused.
 */
export function mappingFromRows(rows: readonly MappingRowInput[], previous: ModelMappingSetting | undefined): { ok: true; value: ModelMappingSetting } | { ok: false; error: string } {
  const out: ModelMappingSetting = {};
  for (const row of rows) {
    const name = row.name.trim();
    const cells = { anthropic: row.anthropic.trim(), bedrock: row.bedrock.trim(), fallback: row.fallback.trim() };
    if (!name && !cells.anthropic && !cells.bedrock && !cells.fallback) continue;
    if (Object.prototype.hasOwnProperty.call(out, name)) return { ok: false, error: `switchboard.modelProvider.modelMapping: "${name}" is listed twice` };
    const base = previous && Object.prototype.hasOwnProperty.call(previous, name) ? previous[name]?.baseModel : undefined;
    const entry = {
      ...(cells.anthropic ? { anthropic: cells.anthropic } : {}),
      ...(cells.bedrock ? { bedrock: cells.bedrock } : {}),
      ...(cells.fallback ? { fallback: cells.fallback } : {}),
      ...(base ? { baseModel: base } : {}),
    };
    // Defined, not assigned: a row named "__proto__" must reach the validator as a name, not change the object.
    Object.defineProperty(out, name, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  return { ok: true, value: out };
}
