import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../../../src/core/config/loadConfigFile';
import type { ParseResult } from '../../../src/core/config/parse';
import { formatConfigIssue, parseConfigObject, parseConfigYaml } from '../../../src/core/config/parse';

function errorsOf(r: ParseResult): string[] {
  assert.equal(r.ok, false, 'expected validation errors');
  return r.ok ? [] : r.errors.map(formatConfigIssue);
}

describe('config parsing', () => {
  it('reads the SPEC §2 YAML into camelCase config', () => {
    const r = parseConfigYaml(`
model_provider:
  type: bedrock
  anthropic: { api_key_env: MY_KEY, base_url: https://api.anthropic.com }
  bedrock:   { aws_region: eu-west-1, aws_profile: work, use_bedrock_api_key: false, inference_profile: null,
               auth_method: assumeRole, role_arn: "arn:aws:iam::123456789012:role/dev", external_id: ext-1 }
  model_mapping:
    sonnet: { anthropic: claude-sonnet-4-6, bedrock: eu.anthropic.claude-sonnet-4-6 }
  fallback_provider: anthropic
  auto_fallback: true
model: sonnet
max_output_tokens: 4096
thinking_budget: 1024
`, 'config.yml');
    assert.ok(r.ok);
    assert.deepEqual(r.config, {
      provider: 'bedrock',
      anthropic: { apiKeyEnv: 'MY_KEY', baseUrl: 'https://api.anthropic.com' },
      bedrock: { awsRegion: 'eu-west-1', awsProfile: 'work', useBedrockApiKey: false, inferenceProfile: null, authMethod: 'assumeRole', roleArn: 'arn:aws:iam::123456789012:role/dev', externalId: 'ext-1' },
      modelMapping: { sonnet: { anthropic: 'claude-sonnet-4-6', bedrock: 'eu.anthropic.claude-sonnet-4-6' } },
      fallbackProvider: 'anthropic',
      autoFallback: true,
      model: 'sonnet',
      maxOutputTokens: 4096,
      thinkingBudget: 1024,
    });
  });

  it('reports a bad region with its path, line and a suggestion', () => {
    const errors = errorsOf(parseConfigYaml('model_provider:\n  bedrock:\n    aws_region: us-east-9\n', 'config.yml'));
    assert.deepEqual(errors, ['config.yml:3:17: model_provider.bedrock.aws_region: "us-east-9" is not a region (did you mean "us-east-1"?)']);
  });

  it('reports every bad field at once: enum, URL, boolean, ARN, number', () => {
    const errors = errorsOf(parseConfigYaml(`model_provider:
  type: azure
  anthropic: { base_url: "ftp://files.example.com" }
  bedrock: { use_bedrock_api_key: "yes", role_arn: "arn:aws:iam::12:role/x", auth_method: sso }
max_output_tokens: -5
`, 'c.yml'));
    assert.equal(errors.length, 6);
    assert.ok(errors.some((e) => e.includes('model_provider.type: "azure" is not one of anthropic, bedrock')));
    assert.ok(errors.some((e) => e.includes('model_provider.anthropic.base_url: "ftp://…" is not an http(s) URL')));
    assert.ok(errors.some((e) => e.includes('model_provider.bedrock.use_bedrock_api_key: must be true or false')));
    assert.ok(errors.some((e) => e.includes('model_provider.bedrock.role_arn: "arn:aws:iam::12:role/x" is not an IAM role ARN')));
    assert.ok(errors.some((e) => e.includes('model_provider.bedrock.auth_method: "sso" is not one of auto, profile, accessKeys, assumeRole, apiKey')));
    assert.ok(errors.some((e) => e.startsWith('c.yml:5:') && e.includes('max_output_tokens: must be between 1')));
  });

  it('reports malformed mapping entries', () => {
    const errors = errorsOf(parseConfigYaml(`model_provider:
  model_mapping:
    sonnet: claude-sonnet-4-6
    fast: { anthropic: anthropic.claude-3-haiku-20240307-v1:0 }
    odd: { bedrock: gpt-4 }
    empty: {}
    loop: { fallback: loop, anthropic: claude-opus-4-6 }
`, 'c.yml'));
    assert.ok(errors.some((e) => e.includes('model_provider.model_mapping.sonnet: must be a mapping with "anthropic" and / or "bedrock" model IDs')));
    assert.ok(errors.some((e) => e.includes('model_provider.model_mapping.fast.anthropic: "anthropic.claude-3-haiku-20240307-v1:0" is a Bedrock model ID')));
    assert.ok(errors.some((e) => e.includes('model_provider.model_mapping.odd.bedrock: "gpt-4" is neither a bedrock model ID nor a known model name')));
    assert.ok(errors.some((e) => e.includes('model_provider.model_mapping.empty: must set')));
    assert.ok(errors.some((e) => e.includes('model_provider.model_mapping.loop.fallback: a model cannot fall back to itself')));
  });

  it('reports a YAML syntax error with line and column, never a stack trace', () => {
    const errors = errorsOf(parseConfigYaml('model_provider:\n  type: [bedrock\n  bedrock: {}\n', 'broken.yml'));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^broken\.yml:\d+:\d+: YAML syntax error at line \d+, column \d+: /);
    assert.ok(!errors[0]!.includes('    at '));
  });

  it('warns about unknown keys with a did-you-mean, and about secrets put in the file', () => {
    const r = parseConfigYaml('model_provider:\n  bedrock:\n    aws_profil: dev\n  anthropic:\n    api_key: sk-ant-api03-abcdefghijklmnop\nagents: {}\n', 'c.yml');
    assert.ok(r.ok, 'unknown keys are warnings');
    const warnings = r.warnings.map(formatConfigIssue);
    assert.ok(warnings.some((w) => w.includes('model_provider.bedrock.aws_profil: unknown setting (did you mean "aws_profile"?)')));
    assert.ok(warnings.some((w) => w.includes('model_provider.anthropic.api_key: keys and secrets never go in configuration')));
    assert.ok(warnings.every((w) => !w.includes('sk-ant-api03')));
    // Other applications' sections of a shared config.yml are left alone.
    assert.ok(!warnings.some((w) => w.includes('agents')));
  });

  it('refuses an API key pasted where the variable name belongs, without echoing it', () => {
    const errors = errorsOf(parseConfigYaml('model_provider:\n  anthropic:\n    api_key_env: sk-ant-api03-abcdefghijklmnop\n', 'c.yml'));
    assert.match(errors[0]!, /looks like a key itself/);
    assert.ok(!errors[0]!.includes('abcdefghijklmnop'));
  });

  it('reads VS Code settings in nested or flat dotted form and reports settings paths', () => {
    const nested = parseConfigObject({ modelProvider: { type: 'bedrock', bedrock: { awsRegion: 'eu-central-1', useBedrockApiKey: true } }, model: 'haiku' }, 'User settings', 'settings');
    assert.ok(nested.ok);
    assert.deepEqual(nested.config, { provider: 'bedrock', bedrock: { awsRegion: 'eu-central-1', useBedrockApiKey: true }, model: 'haiku' });
    const flat = parseConfigObject({ 'switchboard.modelProvider.type': 'bedrock', 'switchboard.modelProvider.bedrock.awsRegion': 'eu-central-1', 'switchboard.modelProvider.bedrock.useBedrockApiKey': true, 'switchboard.model': 'haiku' }, 'User settings', 'settings');
    assert.deepEqual(flat.ok && flat.config, nested.ok && nested.config);
    const bad = parseConfigObject({ modelProvider: { bedrock: { awsRegion: 'us-east-9' } }, thinkingBudget: 'lots' }, 'Workspace settings', 'settings');
    assert.deepEqual(errorsOf(bad).sort(), [
      'Workspace settings: switchboard.modelProvider.bedrock.awsRegion: "us-east-9" is not a region (did you mean "us-east-1"?)',
      'Workspace settings: switchboard.thinkingBudget: must be a whole number (got "lots")',
    ]);
  });

  it('accepts inference-profile prefixes, IDs and ARNs and rejects anything else', () => {
    for (const v of ['global', 'eu', 'none', 'us.anthropic.claude-sonnet-4-6', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc']) {
      assert.ok(parseConfigObject({ model_provider: { bedrock: { inference_profile: v } } }, 'x', 'yaml').ok, v);
    }
    assert.match(errorsOf(parseConfigObject({ model_provider: { bedrock: { inference_profile: 'europe' } } }, 'x', 'yaml'))[0]!, /is not an inference-profile prefix/);
  });

  it('loads a file and reports a missing one in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-config-'));
    try {
      const file = join(dir, 'config.yml');
      writeFileSync(file, 'model_provider:\n  type: bedrock\n');
      const ok = await loadConfigFile(file);
      assert.ok(ok.ok && ok.config.provider === 'bedrock');
      const missing = await loadConfigFile(join(dir, 'nope.yml'));
      assert.deepEqual(errorsOf(missing), [`${join(dir, 'nope.yml')}: cannot read the config file: file not found`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
