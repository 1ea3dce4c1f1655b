import * as assert from 'node:assert/strict';
import { MemoryLogger } from '../../../../src/core/logger';
import { resolveModel } from '../../../../src/core/models/resolve';
import { ConfigureSection } from '../../../../src/presenters/dashboard/configureSection';
import type { ConfigureBackend } from '../../../../src/presenters/dashboard/configureSection';
import { configureView, regionOptions } from '../../../../src/presenters/dashboard/configureView';
import type { ConfigFieldInput, ConfigureInput } from '../../../../src/presenters/dashboard/configureView';
import { usdPerMTok } from '../../../../src/presenters/dashboard/format';
import { PRICE_TABLE } from '../../../../src/core/usage/prices';
import { ALIAS } from '../../client/clientHelpers';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const NO_ERRORS = { fields: new Map<string, string>(), handled: 0 };

function f(key: string, over: Partial<ConfigFieldInput> = {}): ConfigFieldInput {
  return { key, group: 'g', label: key, control: 'text', redirecting: false, ...over };
}

function input(fields: ConfigFieldInput[], over: Partial<ConfigureInput> = {}): ConfigureInput {
  return {
    trusted: true,
    groups: [{ id: 'g', title: 'G' }],
    fields,
    secrets: [],
    resolution: { model: 'sonnet', region: 'us-east-1', inferenceProfile: null, mapping: {} },
    mapping: {},
    ...over,
  };
}

const one = (view: ReturnType<typeof configureView>): ReturnType<typeof configureView>['groups'][number]['fields'][number] => view.groups[0]!.fields[0]!;

describe('dashboard Configure view', () => {
  it('a value pinned by the environment is locked, naming the variable and the value in effect', () => {
    const view = configureView(input([f('modelProvider.bedrock.awsRegion', { control: 'select', resolverOptions: 'region', user: 'us-east-1', effective: { value: 'eu-west-3', source: 'environment', origin: 'AWS_REGION' } })]), NO_ERRORS);
    const field = one(view);
    assert.equal(field.locked?.kind, 'environment');
    assert.match(field.locked?.message ?? '', /^Pinned by AWS_REGION in the environment \("eu-west-3"\)/);
    assert.equal(field.value, 'us-east-1', 'the user setting is still shown (greyed), not replaced by the pin');
  });

  it('Restricted Mode locks only the fields that redirect credentials, and says why once at the top', () => {
    const view = configureView(input([f('modelProvider.bedrock.endpoint', { redirecting: true }), f('timeouts.idleSeconds', { control: 'number' })], { trusted: false }), NO_ERRORS);
    const [endpoint, idle] = view.groups[0]!.fields;
    assert.equal(endpoint!.locked?.kind, 'untrusted');
    assert.equal(idle!.locked, undefined);
    assert.match(view.trustNote ?? '', /Restricted Mode/);
    assert.equal(configureView(input([f('modelProvider.bedrock.endpoint', { redirecting: true })]), NO_ERRORS).groups[0]!.fields[0]!.locked, undefined);
  });

  it('a workspace value is named: it wins over the user value, except for a redirecting field where it is ignored', () => {
    const wins = one(configureView(input([f('timeouts.idleSeconds', { user: 30, workspace: 5 })]), NO_ERRORS));
    assert.match(wins.note ?? '', /The workspace sets 5, which wins over your user setting/);
    const ignored = one(configureView(input([f('modelProvider.anthropic.baseUrl', { redirecting: true, workspace: 'http://evil.example' })]), NO_ERRORS));
    assert.match(ignored.note ?? '', /is ignored: this field is read from your user settings only/);
  });

  it('shows the last refusal beside its field, and a value from elsewhere (the AWS profile) as what is in effect', () => {
    const errors = { fields: new Map([['modelProvider.bedrock.awsRegion', 'switchboard.modelProvider.bedrock.awsRegion: "x" is not a region']]), handled: 3 };
    const view = configureView(input([f('modelProvider.bedrock.awsRegion', { control: 'select', resolverOptions: 'region', effective: { value: 'eu-west-1', source: 'profile', origin: 'profile "team" in ~/.aws/config' } })]), errors);
    const field = one(view);
    assert.equal(field.error, 'switchboard.modelProvider.bedrock.awsRegion: "x" is not a region');
    assert.equal(field.effective, 'In effect: eu-west-1 (from profile "team" in ~/.aws/config)');
    assert.equal(view.handled, 3);
  });

  it('each region option carries the ID the resolver picks for the default model there, and its price', () => {
    const resolution = { model: 'sonnet', region: 'us-east-1', inferenceProfile: null, mapping: {} };
    const options = regionOptions(resolution, undefined);
    assert.equal(options[0]!.value, '', 'no "not set" option');
    for (const region of ['eu-west-1', 'ap-south-1', 'us-gov-west-1', 'ap-northeast-1']) {
      const option = options.find((o) => o.value === region)!;
      const expected = resolveModel({ provider: 'bedrock', model: 'sonnet', region }).modelId;
      assert.equal(option.label, `${region} — ${expected}`);
      assert.match(option.detail ?? '', new RegExp(`is sent as ${expected.replace(/\./g, '\\.')}`));
    }
    // Prices of the model `sonnet` names today (its list price in the table): a region with no geo
    // profile is sent global. at the list price; GovCloud costs 1.2× (AWS's GovCloud rows).
    const list = PRICE_TABLE[ALIAS.sonnet.name]!;
    const perMTok = (factor: number): string => escape(`${usdPerMTok(list.input * factor)} / ${usdPerMTok(list.output * factor)} per million tokens`);
    assert.match(options.find((o) => o.value === 'me-central-1')!.detail ?? '', new RegExp(`${perMTok(1)} .*global price`));
    assert.match(options.find((o) => o.value === 'us-gov-west-1')!.detail ?? '', new RegExp(perMTok(list.bedrockGovCloudFactor ?? 1.2)));
    // A model without the region's geo profile (Sonnet 4.6 has no apac.; pinned, as the alias's model has one) is sent global. at the global price.
    const sonnet46 = regionOptions({ ...resolution, model: 'sonnet-4.6' }, undefined);
    assert.match(sonnet46.find((o) => o.value === 'ap-south-1')!.label, /global\.anthropic\.claude-sonnet-4-6$/);
    assert.match(sonnet46.find((o) => o.value === 'ap-south-1')!.detail ?? '', /\$3 \/ \$15 per million tokens .*global price/);
    assert.match(sonnet46.find((o) => o.value === 'us-gov-west-1')!.detail ?? '', /\$3\.60 \/ \$18 per million tokens/);
    // A pinned inference profile changes what each region gives.
    const pinned = regionOptions({ ...resolution, inferenceProfile: 'global' }, undefined);
    assert.equal(pinned.find((o) => o.value === 'eu-west-1')!.label, `eu-west-1 — global.${ALIAS.sonnet.bedrockId}`);
    // A region outside the list the user already set stays selectable.
    assert.ok(regionOptions(resolution, 'cn-north-1').some((o) => o.value === 'cn-north-1'));
  });

  it('the mapping editor shows the user\'s rows and the IDs the resolver sends for each, or why not', () => {
    const mapping = { fast: { anthropic: 'claude-haiku-4-5-20251001', bedrock: 'haiku' }, odd: { anthropic: 'claude-nonexistent-9' } };
    const view = configureView(input([], { resolution: { model: 'sonnet', region: 'eu-west-1', inferenceProfile: null, mapping }, mapping: { user: mapping } }), NO_ERRORS);
    const fast = view.mapping.rows.find((r) => r.name === 'fast')!;
    assert.deepEqual([fast.anthropic, fast.bedrock], ['claude-haiku-4-5-20251001', 'haiku']);
    assert.equal(fast.resolved.bedrock, resolveModel({ provider: 'bedrock', model: 'fast', region: 'eu-west-1', mapping }).modelId);
    assert.equal(fast.resolved.bedrock, `eu.${ALIAS.haiku.bedrockId}`, 'the row\'s "haiku" is the alias, sent with the region\'s eu. profile');
    assert.ok(view.mapping.builtIn.includes('sonnet'));
  });
});

describe('ConfigureSection', () => {
  function backend(outcomes: Array<{ ok: true } | { ok: false; error: string }>, calls: string[]): ConfigureBackend {
    return {
      configure: async () => input([]),
      writeSetting: async (key, value) => { calls.push(`write ${key}=${String(value)}`); return outcomes.shift()!; },
      resetSetting: async (key) => { calls.push(`reset ${key}`); return outcomes.shift()!; },
      writeMapping: async (rows) => { calls.push(`mapping ${rows.length}`); return outcomes.shift()!; },
      setSecret: async (target) => void calls.push(`set ${target}`),
      clearSecret: async (target) => void calls.push(`clear ${target}`),
    };
  }

  it('keeps a refusal beside its field until that field is written, and reports which change it answered', async () => {
    const calls: string[] = [];
    let refreshed = 0;
    const section = new ConfigureSection(backend([{ ok: false, error: 'bad' }, { ok: true }, { ok: false, error: 'dup' }], calls), { refresh: async () => void refreshed++, logger: new MemoryLogger(), now: () => 0, show: () => undefined });
    await section.handle({ type: 'setSetting', key: 'timeouts.idleSeconds', value: 'soon', seq: 1 });
    assert.equal(section.errors().fields.get('timeouts.idleSeconds'), 'bad');
    assert.equal(section.errors().handled, 1);
    await section.handle({ type: 'setSetting', key: 'timeouts.idleSeconds', value: '30', seq: 2 });
    assert.equal(section.errors().fields.has('timeouts.idleSeconds'), false);
    await section.handle({ type: 'setMapping', rows: [], seq: 3 });
    assert.equal(section.errors().mapping, 'dup');
    await section.handle({ type: 'setSecret', target: 'bedrockApiKey' });
    assert.deepEqual(calls, ['write timeouts.idleSeconds=soon', 'write timeouts.idleSeconds=30', 'mapping 0', 'set bedrockApiKey']);
    assert.equal(section.errors().handled, 3);
    assert.equal(refreshed, 4);
  });
});
