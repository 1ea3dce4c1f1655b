import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveBedrockAuth } from '../../../src/core/auth/bedrockAuth';
import { BedrockProvider } from '../../../src/core/providers/bedrock/bedrockProvider';
import type { BedrockAuth } from '../../../src/core/auth/bedrockAuth';
import { startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { DEFAULT_STS_USER, startStsEmulator } from '../../emulators/sts';
import type { StsEmulator } from '../../emulators/sts';
import { createAwsSandbox } from './awsSandbox';
import type { AwsSandbox } from './awsSandbox';

const ROLE = 'arn:aws:iam::444455556666:role/BedrockAccess';
const MODEL = 'amazon.nova-lite-v1:0';

/** The resolved auth handed to the product's Bedrock provider exactly as providerFactory hands it over. */
async function converse(auth: BedrockAuth, endpoint: string): Promise<string | undefined> {
  const provider = new BedrockProvider({ region: auth.region, endpoint, ...(auth.kind === 'sigv4' ? { credentials: auth.credentials } : { token: auth.token }) });
  try {
    return (await provider.send({ model: MODEL, maxTokens: 32, messages: [{ role: 'user', content: 'hi' }] })).text;
  } finally {
    await provider.dispose();
  }
}

describe('Bedrock auth end to end: resolved credentials sign real Converse calls', () => {
  let bedrock: BedrockEmulator;
  let sts: StsEmulator;
  let sb: AwsSandbox;

  before(async () => {
    bedrock = await startBedrockEmulator({ region: 'eu-west-1', credentials: [], apiKeys: ['ABSKend2endkey000001'] });
    sts = await startStsEmulator({
      roles: [{ arn: ROLE, externalId: 'ext-1' }],
      credentialStore: { add: (c) => bedrock.addCredentials({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken }) },
    });
  });
  after(async () => {
    await sts.close();
    await bedrock.close();
  });
  beforeEach(() => {
    sb = createAwsSandbox();
    bedrock.reset();
    sts.reset();
  });
  afterEach(() => sb.restore());

  it('signs with credentials from a credential_process profile, and with fresh ones after they expire', async () => {
    const issued = [
      { accessKeyId: 'ASIAPROCESSE2E000001', secretAccessKey: 'proc-e2e-secret-1', sessionToken: 'proc-e2e-token-1' },
      { accessKeyId: 'ASIAPROCESSE2E000002', secretAccessKey: 'proc-e2e-secret-2', sessionToken: 'proc-e2e-token-2' },
    ];
    for (const c of issued) bedrock.addCredentials(c);
    const counter = path.join(sb.dir, 'n.txt');
    fs.writeFileSync(counter, '0');
    const command = sb.writeScript(
      'proc.js',
      `const fs = require('fs'); const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')); fs.writeFileSync(${JSON.stringify(counter)}, String(n + 1));
const c = ${JSON.stringify(issued)}[n];
process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: new Date(Date.now() + 20 * 60000).toISOString() }));`,
    );
    sb.writeConfig(`[profile proc]\ncredential_process = ${command}\nregion = eu-west-1\n`);
    // A 30-minute refresh window makes the 20-minute credentials due for refresh at every use.
    const auth = await resolveBedrockAuth({ method: 'profile', profile: 'proc', refreshWindowMs: 30 * 60_000 });
    assert.equal(auth.region, 'eu-west-1');
    assert.ok(await converse(auth, bedrock.url));
    assert.ok(await converse(auth, bedrock.url));
    assert.deepEqual(
      bedrock.modelRequests().map((r) => [r.auth, r.status]),
      [
        ['sigv4:ASIAPROCESSE2E000001', 200],
        ['sigv4:ASIAPROCESSE2E000002', 200],
      ],
    );
  });

  it('signs with the credentials of an assumed role that the STS emulator issued', async () => {
    const auth = await resolveBedrockAuth({
      method: 'assumeRole',
      region: 'eu-west-1',
      roleArn: ROLE,
      externalId: 'ext-1',
      stsEndpoint: sts.url,
      accessKeyId: DEFAULT_STS_USER.accessKeyId,
      secretAccessKey: DEFAULT_STS_USER.secretAccessKey,
    });
    assert.ok(await converse(auth, bedrock.url));
    const issued = sts.issued.at(-1)!;
    assert.equal(bedrock.modelRequests()[0]!.auth, `sigv4:${issued.accessKeyId}`);
    assert.equal(bedrock.modelRequests()[0]!.status, 200);
  });

  it('authenticates with a Bedrock API key from AWS_BEARER_TOKEN_BEDROCK as a bearer token', async () => {
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKend2endkey000001';
    const auth = await resolveBedrockAuth({ method: 'auto', region: 'eu-west-1' });
    assert.ok(await converse(auth, bedrock.url));
    assert.equal(bedrock.modelRequests()[0]!.auth, 'bearer');
  });

  it('is refused by the emulator when the secret is wrong (the checks above can fail)', async () => {
    bedrock.addCredentials({ accessKeyId: 'AKIAGUARD00000000001', secretAccessKey: 'right-secret' });
    const auth = await resolveBedrockAuth({ method: 'accessKeys', region: 'eu-west-1', accessKeyId: 'AKIAGUARD00000000001', secretAccessKey: 'wrong-secret' });
    await assert.rejects(converse(auth, bedrock.url), (e: Error & { cause?: Error }) => e.cause?.name === 'InvalidSignatureException');
  });
});
