import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, FIELDS, getConfigValue } from '../../../src/core/config/schema';
import { CONFIG_KEYS, SETTINGS, SETTING_KEYS } from '../../../src/extension/settings/settingsTable';
import type { SettingKey } from '../../../src/extension/settings/settingsTable';

interface Contributed { type: string | string[]; default?: unknown; scope?: string }
const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: Array<{ properties: Record<string, Contributed> }> } };
const contributed = new Map<string, Contributed>(pkg.contributes.configuration.flatMap((c) => Object.entries(c.properties)).map(([k, v]) => [k.replace(/^switchboard\./, ''), v]));

describe('settings table (src/extension/settings/settingsTable.ts)', () => {
  it('lists exactly the keys package.json contributes', () => {
    assert.deepEqual([...SETTING_KEYS].sort(), [...contributed.keys()].sort());
  });

  it('gives each key the JSON type package.json declares', () => {
    for (const key of SETTING_KEYS) {
      const t = contributed.get(key)!.type;
      assert.equal(SETTINGS[key].kind, Array.isArray(t) ? t.join('|') : t, key);
    }
  });

  it('every credential-redirecting key is machine-scoped in package.json (a workspace cannot set it)', () => {
    const redirecting = SETTING_KEYS.filter((k) => 'redirecting' in SETTINGS[k]);
    assert.ok(redirecting.length >= 6);
    for (const k of redirecting) assert.equal(contributed.get(k)!.scope, 'machine', k);
  });

  it('its configuration keys are the settings paths core parses (FIELDS), plus configFile', () => {
    const core = FIELDS.map((f) => f.settings.join('.')).sort();
    assert.deepEqual(CONFIG_KEYS.filter((k) => k !== 'configFile').sort(), core);
  });

  it('package.json defaults of configuration keys agree with core DEFAULT_CONFIG ("" / "none" / null mean unset)', () => {
    const unset = new Set<unknown>(['', 'none', null]);
    for (const field of FIELDS) {
      const key = field.settings.join('.') as SettingKey;
      const shown = contributed.get(key)!.default;
      const core = getConfigValue(DEFAULT_CONFIG, field.key);
      if (unset.has(shown)) {
        // Unset in the UI: core either has no value, null, or its built-in endpoint.
        assert.ok(core === undefined || core === null || key === 'modelProvider.anthropic.baseUrl', `${key}: package.json says unset, core says ${JSON.stringify(core)}`);
      } else if (core !== undefined) {
        assert.deepEqual(shown, core, key);
      }
    }
  });
});
