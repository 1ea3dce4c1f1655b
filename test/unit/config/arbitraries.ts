// fast-check generators of valid configuration values, shared by the config property tests.
import fc from 'fast-check';
import type { ConfigKey, PartialSwitchboardConfig } from '../../../src/core/config/schema';
import { setConfigValue } from '../../../src/core/config/schema';

export const valueArbitraries: Record<Exclude<ConfigKey, 'modelMapping'>, fc.Arbitrary<unknown>> = {
  provider: fc.constantFrom('anthropic', 'bedrock'),
  'anthropic.apiKeyEnv': fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/),
  'anthropic.baseUrl': fc.constantFrom('https://api.anthropic.com', 'http://127.0.0.1:8080', 'https://proxy.example.com/anthropic'),
  'bedrock.awsRegion': fc.constantFrom('us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'ap-southeast-2', 'ca-central-1', 'us-gov-west-1'),
  'bedrock.awsProfile': fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
  'bedrock.authMethod': fc.constantFrom('auto', 'profile', 'accessKeys', 'assumeRole', 'apiKey'),
  'bedrock.useBedrockApiKey': fc.boolean(),
  'bedrock.inferenceProfile': fc.constantFrom(null, 'global', 'eu', 'us.anthropic.claude-sonnet-4-6', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc'),
  'bedrock.roleArn': fc.constantFrom('arn:aws:iam::123456789012:role/dev', 'arn:aws-us-gov:iam::210987654321:role/path/ops'),
  'bedrock.externalId': fc.stringMatching(/^[A-Za-z0-9]{2,12}$/),
  'bedrock.endpoint': fc.constantFrom('http://127.0.0.1:4566', 'https://bedrock-runtime.eu-west-1.amazonaws.com'),
  'bedrock.httpVersion': fc.constantFrom('http2', 'http1.1'),
  fallbackProvider: fc.constantFrom(null, 'anthropic', 'bedrock'),
  autoFallback: fc.boolean(),
  model: fc.constantFrom('sonnet', 'opus', 'haiku', 'claude-sonnet-4-6', 'eu.anthropic.claude-haiku-4-5-20251001-v1:0'),
  // Up to the largest output limit of any model (128K); a thinking budget is off (0) or at least 1024.
  maxOutputTokens: fc.integer({ min: 1, max: 128_000 }),
  thinkingBudget: fc.oneof(fc.constant(0), fc.integer({ min: 1024, max: 127_999 })),
  'timeouts.firstTokenSeconds': fc.integer({ min: 0, max: 3600 }),
  'timeouts.idleSeconds': fc.integer({ min: 0, max: 3600 }),
  'timeouts.totalSeconds': fc.integer({ min: 0, max: 86_400 }),
  'retention.usageDays': fc.integer({ min: 35, max: 3650 }),
  'retention.healthDays': fc.integer({ min: 1, max: 365 }),
};

const mappingEntry = fc
  .record(
    {
      anthropic: fc.constantFrom('claude-sonnet-4-6', 'claude-opus-4-6', 'claude-3-5-haiku-20241022', 'haiku'),
      bedrock: fc.constantFrom('eu.anthropic.claude-sonnet-4-6', 'anthropic.claude-opus-4-6-v1', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc', 'sonnet'),
      fallback: fc.constantFrom('sonnet', 'haiku', 'opus-4.6'),
      baseModel: fc.constantFrom('haiku', 'anthropic.claude-sonnet-4-6'),
    },
    { requiredKeys: [] },
  )
  .filter((e) => e.anthropic !== undefined || e.bedrock !== undefined || e.fallback !== undefined);

export const mappingArbitrary = fc
  .dictionary(fc.stringMatching(/^m-[a-z0-9]{1,6}$/), mappingEntry, { maxKeys: 3 })
  .map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, { ...v }])));

/** A valid partial config with an arbitrary subset of fields. */
export const partialConfigArbitrary: fc.Arbitrary<PartialSwitchboardConfig> = fc
  .record({ ...valueArbitraries, modelMapping: mappingArbitrary }, { requiredKeys: [] })
  .map((flat) => {
    const config: PartialSwitchboardConfig = {};
    for (const [key, value] of Object.entries(flat)) setConfigValue(config, key as ConfigKey, value);
    return config;
  });
