import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveEffectiveConfig } from '../../../src/core/config/effective';
import { parseConfigObject, parseConfigYaml } from '../../../src/core/config/parse';
import { exportConfigYaml, toSettingsEntries } from '../../../src/core/config/yamlExport';
import { partialConfigArbitrary } from './arbitraries';

describe('config export', () => {
  it('parse(export(x)) == x for any valid configuration (YAML)', () => {
    fc.assert(
      fc.property(partialConfigArbitrary, (config) => {
        const parsed = parseConfigYaml(exportConfigYaml(config), 'export.yml');
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.map((e) => e.message).join('\n'));
        assert.deepEqual(parsed.config, config);
      }),
      { numRuns: 200 },
    );
  });

  it('settings entries read back as the same configuration', () => {
    fc.assert(
      fc.property(partialConfigArbitrary, (config) => {
        const flat = Object.fromEntries(toSettingsEntries(config).map((e) => [`switchboard.${e.key}`, e.value]));
        const parsed = parseConfigObject(flat, 'settings', 'settings');
        assert.ok(parsed.ok);
        assert.deepEqual(parsed.config, config);
      }),
      { numRuns: 100 },
    );
  });

  it('exports the effective config in the SPEC §2 layout without secrets', () => {
    const env = { ANTHROPIC_API_KEY: 'sk-ant-api03-supersecretvalue', AWS_BEARER_TOKEN_BEDROCK: 'ABSKc2VjcmV0dG9rZW4xMjM0NQ==', AWS_REGION: 'eu-west-1' };
    const yaml = exportConfigYaml(resolveEffectiveConfig({ environment: env, settings: { provider: 'bedrock' } }), { header: 'exported by Switchboard' });
    assert.ok(yaml.startsWith('# exported by Switchboard\nmodel_provider:\n  type: bedrock\n'));
    assert.match(yaml, /aws_region: eu-west-1/);
    assert.match(yaml, /api_key_env: ANTHROPIC_API_KEY/);
    assert.ok(!yaml.includes('supersecret') && !yaml.includes('ABSK'));
    assert.ok(parseConfigYaml(yaml, 'x').ok);
  });
});
