import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeSources, resolveEffectiveConfig } from '../../../src/core/config/effective';
import type { ConfigKey, ConfigSource, PartialSwitchboardConfig } from '../../../src/core/config/schema';
import { DEFAULT_CONFIG, FIELDS, getConfigValue, setConfigValue } from '../../../src/core/config/schema';
import { valueArbitraries } from './arbitraries';

const effective = (env: NodeJS.ProcessEnv, layers: { explicit?: PartialSwitchboardConfig; settings?: PartialSwitchboardConfig; file?: PartialSwitchboardConfig } = {}): ReturnType<typeof resolveEffectiveConfig> =>
  resolveEffectiveConfig({ environment: env, ...layers, fileName: 'config.yml' });

describe('environment overrides', () => {
  it('SWITCHBOARD_PROVIDER forces the provider, and wins over CLAUDE_CODE_USE_BEDROCK', () => {
    const e = effective({ SWITCHBOARD_PROVIDER: 'anthropic', CLAUDE_CODE_USE_BEDROCK: '1' }, { settings: { provider: 'bedrock' } });
    assert.deepEqual(e.sources.provider, { value: 'anthropic', source: 'environment', origin: 'SWITCHBOARD_PROVIDER' });
  });

  it('CLAUDE_CODE_USE_BEDROCK=1 selects Bedrock over settings and file; =0 does nothing', () => {
    assert.equal(effective({ CLAUDE_CODE_USE_BEDROCK: '1' }, { settings: { provider: 'anthropic' } }).config.provider, 'bedrock');
    assert.deepEqual(effective({ CLAUDE_CODE_USE_BEDROCK: '0' }, { file: { provider: 'bedrock' } }).sources.provider, { value: 'bedrock', source: 'file', origin: 'config.yml: model_provider.type' });
  });

  it('an invalid SWITCHBOARD_PROVIDER is reported, not thrown, and the next layer applies', () => {
    const e = effective({ SWITCHBOARD_PROVIDER: 'azure' }, { file: { provider: 'bedrock' } });
    assert.equal(e.config.provider, 'bedrock');
    assert.equal(e.issues.length, 1);
    assert.match(e.issues[0]!.message, /^SWITCHBOARD_PROVIDER: "azure" is not one of anthropic, bedrock/);
  });

  it('AWS_REGION beats AWS_DEFAULT_REGION, which beats settings', () => {
    assert.equal(effective({ AWS_REGION: 'eu-west-3', AWS_DEFAULT_REGION: 'us-west-2' }).sources['bedrock.awsRegion']!.origin, 'AWS_REGION');
    const e = effective({ AWS_DEFAULT_REGION: 'us-west-2' }, { settings: { bedrock: { awsRegion: 'eu-west-1' } } });
    assert.deepEqual(e.sources['bedrock.awsRegion'], { value: 'us-west-2', source: 'environment', origin: 'AWS_DEFAULT_REGION' });
    const bad = effective({ AWS_REGION: 'mars-1', AWS_DEFAULT_REGION: 'eu-north-1' });
    assert.equal(bad.config.bedrock.awsRegion, 'eu-north-1');
    assert.match(bad.issues[0]!.message, /^AWS_REGION: "mars-1" is not a region/);
  });

  it('reads AWS_PROFILE, ANTHROPIC_BASE_URL, CLAUDE_CODE_MAX_OUTPUT_TOKENS and MAX_THINKING_TOKENS', () => {
    const e = effective({ AWS_PROFILE: 'sso-dev', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999', CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096', MAX_THINKING_TOKENS: '1024' });
    assert.equal(e.config.bedrock.awsProfile, 'sso-dev');
    assert.equal(e.config.anthropic.baseUrl, 'http://127.0.0.1:9999');
    assert.equal(e.config.maxOutputTokens, 4096);
    assert.equal(e.config.thinkingBudget, 1024);
    const bad = effective({ CLAUDE_CODE_MAX_OUTPUT_TOKENS: 'lots', ANTHROPIC_BASE_URL: 'file:///etc/passwd' });
    assert.equal(bad.config.maxOutputTokens, DEFAULT_CONFIG.maxOutputTokens);
    assert.equal(bad.config.anthropic.baseUrl, DEFAULT_CONFIG.anthropic.baseUrl);
    assert.equal(bad.issues.length, 2);
  });

  it('reports the API key variable named by api_key_env as set, never its value', () => {
    const secret = 'sk-ant-api03-0123456789abcdef';
    const e = effective({ TEAM_KEY: secret, ANTHROPIC_API_KEY: '' }, { file: { anthropic: { apiKeyEnv: 'TEAM_KEY' } } });
    assert.deepEqual(e.secrets.anthropicApiKey, { set: true, from: 'TEAM_KEY', envVar: 'TEAM_KEY' });
    const lines = describeSources(e).join('\n');
    assert.match(lines, /anthropic API key \(TEAM_KEY\) = set \(environment: TEAM_KEY\)/);
    assert.ok(!lines.includes(secret) && !JSON.stringify(e).includes(secret));
    assert.equal(effective({ ANTHROPIC_API_KEY: secret }, { file: { anthropic: { apiKeyEnv: 'TEAM_KEY' } } }).secrets.anthropicApiKey.set, false);
  });

  it('AWS_BEARER_TOKEN_BEDROCK switches Bedrock to API-key auth and stays secret', () => {
    const token = 'ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQ=';
    const e = effective({ AWS_BEARER_TOKEN_BEDROCK: token }, { settings: { bedrock: { authMethod: 'profile' } } });
    assert.equal(e.config.bedrock.authMethod, 'apiKey');
    assert.equal(e.config.bedrock.useBedrockApiKey, true);
    assert.deepEqual(e.secrets.bedrockApiKey, { set: true, from: 'AWS_BEARER_TOKEN_BEDROCK' });
    assert.ok(!JSON.stringify(e).includes(token) && !describeSources(e).join('\n').includes(token));
  });

  it('SWITCHBOARD_CONFIG names the YAML file to load', () => {
    assert.equal(effective({ SWITCHBOARD_CONFIG: '/etc/switchboard.yml' }).configFile, '/etc/switchboard.yml');
  });

  it('logs each value with its source', () => {
    const lines = describeSources(effective({ CLAUDE_CODE_USE_BEDROCK: '1' }, { explicit: { model: 'opus' }, settings: { bedrock: { awsRegion: 'eu-west-1' } } }));
    assert.ok(lines.includes('provider = bedrock (environment: CLAUDE_CODE_USE_BEDROCK)'));
    assert.ok(lines.includes('bedrock.awsRegion = eu-west-1 (settings: switchboard.modelProvider.bedrock.awsRegion)'));
    assert.ok(lines.includes('model = opus (explicit)'));
    assert.ok(lines.includes('thinkingBudget = 0 (default)'));
  });

  it('merges model mappings field by field, higher layers winning', () => {
    const e = effective({}, {
      file: { modelMapping: { sonnet: { anthropic: 'claude-sonnet-4-5', bedrock: 'anthropic.claude-sonnet-4-5-20250929-v1:0' } } },
      settings: { modelMapping: { sonnet: { bedrock: 'eu.anthropic.claude-sonnet-4-6' }, fast: { anthropic: 'haiku' } } },
    });
    assert.deepEqual(e.config.modelMapping, { sonnet: { anthropic: 'claude-sonnet-4-5', bedrock: 'eu.anthropic.claude-sonnet-4-6' }, fast: { anthropic: 'haiku' } });
    assert.deepEqual(e.mappingSources, { sonnet: 'settings', fast: 'settings' });
  });
});

// Environment variables that carry each key (the first one is used by the property below).
const ENV_FOR: Partial<Record<ConfigKey, string>> = {
  provider: 'SWITCHBOARD_PROVIDER', 'bedrock.awsRegion': 'AWS_REGION', 'bedrock.awsProfile': 'AWS_PROFILE',
  'anthropic.baseUrl': 'ANTHROPIC_BASE_URL', maxOutputTokens: 'CLAUDE_CODE_MAX_OUTPUT_TOKENS', thinkingBudget: 'MAX_THINKING_TOKENS',
};
const ORDER: ConfigSource[] = ['explicit', 'environment', 'settings', 'file', 'default'];

describe('config precedence (property)', () => {
  const keys = FIELDS.map((f) => f.key).filter((k): k is Exclude<ConfigKey, 'modelMapping'> => k !== 'modelMapping');
  const layerValue = (key: (typeof keys)[number]): fc.Arbitrary<{ present: boolean; value: unknown }> =>
    fc.record({ present: fc.boolean(), value: valueArbitraries[key] });

  it('the effective value and source are those of the highest-precedence layer that has the key', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...keys).chain((key) => fc.tuple(fc.constant(key), layerValue(key), layerValue(key), layerValue(key), layerValue(key), layerValue(key))),
        ([key, explicit, env, settings, file, defaults]) => {
          const layers: Record<string, PartialSwitchboardConfig> = { explicit: {}, settings: {}, file: {}, default: {} };
          const environment: NodeJS.ProcessEnv = {};
          const envVar = ENV_FOR[key];
          const given: Partial<Record<ConfigSource, unknown>> = {};
          for (const [source, layer] of [['explicit', explicit], ['settings', settings], ['file', file], ['default', defaults]] as const) {
            if (!layer.present) continue;
            setConfigValue(layers[source]!, key, layer.value);
            given[source] = layer.value;
          }
          if (env.present && envVar) {
            environment[envVar] = String(env.value);
            given.environment = env.value;
          }
          const e = resolveEffectiveConfig({ explicit: layers.explicit, environment, settings: layers.settings, file: layers.file, defaults: layers.default });
          const winner = ORDER.find((s) => s in given);
          const expected = winner ? given[winner] : getConfigValue(DEFAULT_CONFIG, key);
          assert.deepEqual(e.sources[key]?.value, expected);
          // Keys without a default (role ARN, profile, …) have no source at all when no layer sets them.
          assert.equal(e.sources[key]?.source, winner ?? (expected === undefined ? undefined : 'default'));
          assert.deepEqual(getConfigValue(e.config, key), expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
