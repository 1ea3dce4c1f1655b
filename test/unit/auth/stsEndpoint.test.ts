import * as assert from 'node:assert/strict';
import { resolveBedrockAuth } from '../../../src/core/auth/bedrockAuth';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { startStsEmulator } from '../../emulators/sts';
import type { StsEmulator } from '../../emulators/sts';
import { emulatorEngine } from '../client/engineHelpers';
import { createAwsSandbox } from './awsSandbox';
import type { AwsSandbox } from './awsSandbox';

// Test Connection on Bedrock asks STS who the credentials belong to. The STS endpoint comes from
// the engine's environment (the AWS SDK's own variables), so a sandbox, a VPC without the public
// STS endpoint or a local emulator keep that call where they want it.
const ARN = 'arn:aws:iam::111122223333:user/sandbox-demo';

describe('Bedrock Test Connection: the STS endpoint from the environment', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let sts: StsEmulator;
  let sb: AwsSandbox;

  before(async () => {
    anthropic = await startAnthropicEmulator();
    bedrock = await startBedrockEmulator({ region: 'us-east-1' });
    sts = await startStsEmulator({ users: [{ ...TEST_CREDENTIALS, arn: ARN }] });
  });
  after(async () => {
    await Promise.all([anthropic?.close(), bedrock?.close(), sts?.close()]);
  });
  beforeEach(() => {
    sb = createAwsSandbox();
    sts.reset();
  });
  afterEach(() => sb.restore());

  for (const variable of ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL'] as const) {
    it(`shows the caller ARN from the STS endpoint in the engine's ${variable}, with static keys`, async () => {
      // Only the engine's env carries the variable; the process (where the SDK would look) does not.
      assert.equal(process.env[variable], undefined);
      const t = await emulatorEngine(anthropic, bedrock, {}, { env: { [variable]: sts.url } });
      try {
        const info = await t.engine.testConnection('bedrock');
        assert.equal(info.identity, ARN);
        assert.deepEqual(sts.requests.map((r) => [(r.body as Record<string, string>).Action, r.auth]), [['GetCallerIdentity', `sigv4:${TEST_CREDENTIALS.accessKeyId}`]]);
      } finally {
        await t.cleanup();
      }
    });
  }

  it('AWS_ENDPOINT_URL_STS wins over AWS_ENDPOINT_URL; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns both off, as in the SDK', async () => {
    const keys = { method: 'accessKeys' as const, region: 'us-east-1', ...TEST_CREDENTIALS };
    const both = await resolveBedrockAuth(keys, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1', AWS_ENDPOINT_URL: 'http://127.0.0.1:2' });
    assert.equal(both.kind === 'sigv4' ? both.stsEndpoint : 'bearer', 'http://127.0.0.1:1');
    const ignored = await resolveBedrockAuth(keys, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
    assert.equal(ignored.kind === 'sigv4' ? ignored.stsEndpoint : 'bearer', undefined);
  });

  it('the log says where STS calls go', async () => {
    const lines: string[] = [];
    const logger = { debug: () => undefined, info: (m: string) => void lines.push(m), warn: () => undefined, error: () => undefined };
    await resolveBedrockAuth({ method: 'auto', region: 'us-east-1' }, { AWS_ENDPOINT_URL_STS: sts.url }, logger as never);
    assert.ok(lines.includes(`Bedrock auth: STS endpoint ${sts.url} (AWS_ENDPOINT_URL_STS)`), lines.join('\n'));
  });
});
