import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSettingWrite, coerce, mappingFromRows } from '../../../../src/extension/dashboard/settingWrite';
import type { ContributedSchema } from '../../../../src/extension/dashboard/settingWrite';
import { resolveConfig } from '../../../../src/extension/engine/configView';
import { toSettingsObject } from '../../../../src/extension/settings/settingsTable';
import type { SettingKey, SettingValues } from '../../../../src/extension/settings/settingsTable';
import { parseBudgetSettings } from '../../../../src/core/usage/budget';

const PACKAGE = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { configuration: Array<{ properties: Record<string, ContributedSchema> }> } };
const schemaOf = (key: SettingKey): ContributedSchema | undefined => PACKAGE.contributes.configuration.flatMap((c) => Object.entries(c.properties)).find(([k]) => k === `switchboard.${key}`)?.[1];
const BUDGET = { monthlyUsd: null, alertThresholds: [50, 80, 100], hardStop: false };

function check(key: SettingKey, raw: unknown, current: Partial<SettingValues> = {}): ReturnType<typeof checkSettingWrite> {
  const schema = schemaOf(key);
  return checkSettingWrite({ key, raw, current, budget: BUDGET, ...(schema ? { schema } : {}) });
}

/** What the extension says when the same value is in settings.json (the engine host's warning text). */
function settingsJsonError(values: Partial<SettingValues>): string | undefined {
  const r = resolveConfig({ settings: toSettingsObject(values), environment: {} });
  return r.ok ? undefined : r.errors[0]!.message;
}

describe('dashboard form: validating a setting before writing it', () => {
  it('refuses a bad value with exactly the message a bad settings.json value gets', () => {
    for (const [key, raw] of [
      ['modelProvider.bedrock.awsRegion', 'us-east-9'],
      ['modelProvider.anthropic.baseUrl', 'not a url'],
      ['modelProvider.bedrock.roleArn', 'arn:aws:iam::12:role/x'],
      ['modelProvider.anthropic.apiKeyEnv', 'sk-ant-api03-abc'],
      ['modelProvider.bedrock.inferenceProfile', 'ug'],
      ['timeouts.idleSeconds', 'soon'],
    ] as Array<[SettingKey, string]>) {
      const result = check(key, raw);
      assert.equal(result.ok, false, `${key}=${raw} was accepted`);
      const value = coerce(key, raw);
      assert.equal(result.ok ? '' : result.error, settingsJsonError({ [key]: value }), key);
    }
    const region = check('modelProvider.bedrock.awsRegion', 'us-east-9');
    assert.match(region.ok ? '' : region.error, /^switchboard\.modelProvider\.bedrock\.awsRegion: "us-east-9" is not a region \(did you mean "us-east-1"\?\)$/);
  });

  it('accepts good values, typed as the setting (numbers, lists, booleans), and an emptied field removes the value', () => {
    assert.deepEqual(check('modelProvider.bedrock.awsRegion', ' eu-west-1 '), { ok: true, value: 'eu-west-1' });
    assert.deepEqual(check('timeouts.firstTokenSeconds', '25'), { ok: true, value: 25 });
    assert.deepEqual(check('budget.monthlyUsd', '12.5'), { ok: true, value: 12.5 });
    assert.deepEqual(check('budget.monthlyUsd', ''), { ok: true, value: null });
    assert.deepEqual(check('budget.alertThresholds', '50, 90,100'), { ok: true, value: [50, 90, 100] });
    assert.deepEqual(check('modelProvider.autoFallback', false), { ok: true, value: false });
    assert.deepEqual(check('modelProvider.anthropic.baseUrl', ''), { ok: true, value: undefined });
    assert.deepEqual(check('modelProvider.fallbackProvider', 'none'), { ok: true, value: 'none' });
  });

  it('budget values get the budget parser\'s message, as the extension logs for settings.json', () => {
    const r = check('budget.alertThresholds', '50, lots');
    const expected = parseBudgetSettings({ alertThresholds: '50, lots' }).issues[0];
    assert.equal(r.ok ? '' : r.error, `switchboard.${expected}`);
    const negative = check('budget.monthlyUsd', '-5');
    assert.match(negative.ok ? '' : negative.error, /^switchboard\.budget\.monthlyUsd: expected a non-negative number/);
  });

  it('applies the contributed schema where core is wider (an enum, the deadlines\' bounds)', () => {
    const total = check('timeouts.totalSeconds', '7200');
    assert.equal(total.ok ? '' : total.error, 'switchboard.timeouts.totalSeconds: must be between 0 and 3600 (got 7200)');
    const method = check('modelProvider.bedrock.authMethod', 'sso');
    assert.equal(method.ok, false);
  });

  it('checks across fields with the values the engine reads (a thinking budget not below max output tokens)', () => {
    const low = check('thinkingBudget', '500');
    assert.match(low.ok ? '' : low.error, /below the minimum thinking budget of 1024/);
    // A problem that was already there (in another field) does not block an unrelated change.
    const broken = { 'modelProvider.bedrock.awsRegion': 'us-east-9' } as Partial<SettingValues>;
    assert.deepEqual(check('timeouts.idleSeconds', '40', broken), { ok: true, value: 40 });
  });

  it('the mapping editor\'s rows: blank rows dropped, blank cells left out, a hidden baseModel kept, a name twice refused', () => {
    const rows = [
      { name: 'fast', anthropic: 'claude-haiku-4-5-20251001', bedrock: '', fallback: '' },
      { name: '', anthropic: '', bedrock: '', fallback: '' },
      { name: 'pinned', anthropic: '', bedrock: 'us.anthropic.claude-sonnet-4-6', fallback: 'fast' },
    ];
    const r = mappingFromRows(rows, { pinned: { bedrock: 'x', baseModel: 'sonnet' } });
    assert.deepEqual(r, { ok: true, value: { fast: { anthropic: 'claude-haiku-4-5-20251001' }, pinned: { bedrock: 'us.anthropic.claude-sonnet-4-6', fallback: 'fast', baseModel: 'sonnet' } } });
    assert.equal(check('modelProvider.modelMapping', r.ok ? r.value : {}).ok, true);
    const twice = mappingFromRows([rows[0]!, rows[0]!], undefined);
    assert.deepEqual(twice, { ok: false, error: 'switchboard.modelProvider.modelMapping: "fast" is listed twice' });
  });

  it('a mapping row is validated by core: a Bedrock ID under anthropic, or a name "__proto__", is refused with its path', () => {
    const wrongSide = mappingFromRows([{ name: 'fast', anthropic: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', bedrock: '', fallback: '' }], undefined);
    const r = check('modelProvider.modelMapping', wrongSide.ok ? wrongSide.value : {});
    assert.match(r.ok ? '' : r.error, /^switchboard\.modelProvider\.modelMapping\.fast\.anthropic: .* is a Bedrock model ID; put it under bedrock$/);
    const proto = mappingFromRows([{ name: '__proto__', anthropic: 'claude-haiku-4-5-20251001', bedrock: '', fallback: '' }], undefined);
    assert.ok(proto.ok && Object.keys(proto.value).includes('__proto__'));
    const refused = check('modelProvider.modelMapping', proto.ok ? proto.value : {});
    assert.match(refused.ok ? '' : refused.error, /a model name may only contain/);
  });
});
