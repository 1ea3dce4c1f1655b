import * as assert from 'node:assert/strict';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { getCallerIdentity, resolveBedrockAuth } from '../../../src/core/auth/bedrockAuth';
import type { BedrockAuth } from '../../../src/core/auth/bedrockAuth';
import { SwitchboardError } from '../../../src/core/errors';
import { DEFAULT_STS_USER, startStsEmulator } from '../../emulators/sts';
import type { StsEmulator } from '../../emulators/sts';
import { credentialStoreFor } from '../../emulators/stsCredentials';
import type { EmulatedCredential } from '../../emulators/stsCredentials';
import { createAwsSandbox } from './awsSandbox';
import type { AwsSandbox } from './awsSandbox';

const ROLE = 'arn:aws:iam::444455556666:role/BedrockAccess';
const OPEN_ROLE = 'arn:aws:iam::444455556666:role/OpenRole';
const EXTERNAL_ID = 'switchboard-ext-7f3a';
const USER = { accessKeyId: DEFAULT_STS_USER.accessKeyId, secretAccessKey: DEFAULT_STS_USER.secretAccessKey };

async function rejection(p: Promise<unknown>): Promise<SwitchboardError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SwitchboardError, `expected SwitchboardError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

function sigv4(auth: BedrockAuth): Extract<BedrockAuth, { kind: 'sigv4' }> {
  assert.equal(auth.kind, 'sigv4');
  return auth as Extract<BedrockAuth, { kind: 'sigv4' }>;
}

describe('Bedrock auth: role assumption through STS', () => {
  let sts: StsEmulator;
  let sb: AwsSandbox;
  const accepted: EmulatedCredential[] = [];

  before(async () => {
    sts = await startStsEmulator({
      roles: [{ arn: ROLE, externalId: EXTERNAL_ID }, { arn: OPEN_ROLE }],
      credentialStore: credentialStoreFor(accepted),
    });
  });
  after(() => sts.close());
  beforeEach(() => {
    sb = createAwsSandbox();
    sts.reset();
  });
  afterEach(() => sb.restore());

  it('assumes a role with an external ID and signs AssumeRole with the base credentials', async () => {
    const auth = sigv4(
      await resolveBedrockAuth({ method: 'assumeRole', region: 'eu-west-1', roleArn: ROLE, externalId: EXTERNAL_ID, roleSessionName: 'sb-test', stsEndpoint: sts.url, ...USER }),
    );
    const c = await auth.credentials();
    assert.match(c.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.ok(c.sessionToken && c.expiration instanceof Date);
    const issued = sts.issued.at(-1)!;
    assert.equal(issued.accessKeyId, c.accessKeyId);
    assert.equal(issued.assumedRoleArn, 'arn:aws:sts::444455556666:assumed-role/BedrockAccess/sb-test');
    assert.ok(accepted.some((a) => a.accessKeyId === c.accessKeyId), 'issued credential registered with the credential store');
    const call = sts.requests.at(-1)!;
    assert.equal(call.auth, `sigv4:${USER.accessKeyId}`);
    assert.deepEqual(call.body, { Action: 'AssumeRole', Version: '2011-06-15', RoleArn: ROLE, RoleSessionName: 'sb-test', ExternalId: EXTERNAL_ID });
    assert.equal(auth.roleArn, ROLE);
  });

  it('reuses the assumed-role credentials until they near expiry', async () => {
    const auth = sigv4(await resolveBedrockAuth({ method: 'assumeRole', roleArn: OPEN_ROLE, stsEndpoint: sts.url, ...USER }));
    const [a, b] = await Promise.all([auth.credentials(), auth.credentials()]);
    await auth.credentials();
    assert.equal(a.accessKeyId, b.accessKeyId);
    assert.equal(sts.requests.length, 1);
  });

  it('assumes the role again once the temporary credentials are inside the refresh window', async () => {
    const shortLived = await startStsEmulator({ roles: [{ arn: OPEN_ROLE }], durationSeconds: 900 });
    try {
      // 15-minute credentials with a 20-minute refresh window are always due for refresh.
      const auth = sigv4(await resolveBedrockAuth({ method: 'assumeRole', roleArn: OPEN_ROLE, stsEndpoint: shortLived.url, refreshWindowMs: 20 * 60_000, ...USER }));
      const first = await auth.credentials();
      const second = await auth.credentials();
      assert.notEqual(first.accessKeyId, second.accessKeyId);
      assert.equal(shortLived.requests.filter((r) => (r.body as Record<string, string>).Action === 'AssumeRole').length, 2);
    } finally {
      await shortLived.close();
    }
  });

  it('reads the STS endpoint from AWS_ENDPOINT_URL_STS and the base credentials from a profile', async () => {
    sb.writeConfig(`[profile base]\naws_access_key_id = ${USER.accessKeyId}\naws_secret_access_key = ${USER.secretAccessKey}\n`);
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    const auth = sigv4(await resolveBedrockAuth({ method: 'assumeRole', profile: 'base', roleArn: OPEN_ROLE }));
    assert.equal(auth.stsEndpoint, sts.url);
    await auth.credentials();
    assert.equal(sts.requests.length, 1);
    assert.equal(sts.requests[0]!.auth, `sigv4:${USER.accessKeyId}`);
  });

  it('turns a wrong external ID into a permission error naming the role', async () => {
    const auth = sigv4(await resolveBedrockAuth({ method: 'assumeRole', roleArn: ROLE, externalId: 'wrong-id', stsEndpoint: sts.url, ...USER }));
    const e = await rejection(auth.credentials());
    assert.equal(e.type, 'permission');
    assert.equal(e.code, 'iam_denied');
    assert.equal(e.status, 403);
    assert.ok(e.message.includes(ROLE), e.message);
    assert.match(e.hint ?? '', /trust policy/);
    assert.equal(e.details?.roleArn, ROLE);
  });

  it('turns an unknown base key into an authentication error without the secret', async () => {
    const secret = 'unknown-secret-value-0000000000000000000';
    const auth = sigv4(await resolveBedrockAuth({ method: 'assumeRole', roleArn: OPEN_ROLE, stsEndpoint: sts.url, accessKeyId: 'AKIAUNKNOWN000000001', secretAccessKey: secret }));
    const e = await rejection(auth.credentials());
    assert.equal(e.type, 'authentication');
    assert.equal(e.code, 'invalid_aws_credentials');
    assert.match(e.message, /InvalidClientTokenId/);
    assert.ok(!JSON.stringify(e.toJSON()).includes(secret) && !(e.hint ?? '').includes(secret));
  });

  it('reports an unreachable STS as a network error', async () => {
    const dead = await startStsEmulator();
    const url = dead.url;
    await dead.close();
    const auth = sigv4(await resolveBedrockAuth({ method: 'assumeRole', roleArn: OPEN_ROLE, stsEndpoint: url, ...USER }));
    const e = await rejection(auth.credentials());
    assert.equal(e.type, 'network');
    assert.equal(e.code, 'connection_refused');
    assert.match(e.message, /STS/);
  });

  it('rejects a malformed role ARN before calling STS', async () => {
    const e = await rejection(resolveBedrockAuth({ method: 'assumeRole', roleArn: 'BedrockAccess', stsEndpoint: sts.url, ...USER }));
    assert.equal(e.type, 'invalid_config');
    assert.equal(sts.requests.length, 0);
  });
});

describe('getCallerIdentity against the STS emulator', () => {
  let sts: StsEmulator;
  let sb: AwsSandbox;
  before(async () => {
    sts = await startStsEmulator({ roles: [{ arn: OPEN_ROLE }] });
  });
  after(() => sts.close());
  beforeEach(() => {
    sb = createAwsSandbox();
    sts.reset();
  });
  afterEach(() => sb.restore());

  it('returns the IAM user behind static keys', async () => {
    const auth = await resolveBedrockAuth({ method: 'accessKeys', region: 'us-west-2', ...USER });
    assert.deepEqual(await getCallerIdentity(auth, { stsEndpoint: sts.url }), { account: '111122223333', arn: DEFAULT_STS_USER.arn });
    assert.equal(sts.requests[0]!.auth, `sigv4:${USER.accessKeyId}`);
  });

  it('returns the assumed-role ARN for role credentials, using the STS endpoint of the auth', async () => {
    const auth = await resolveBedrockAuth({ method: 'assumeRole', roleArn: OPEN_ROLE, roleSessionName: 'who', stsEndpoint: sts.url, ...USER });
    const id = await getCallerIdentity(auth);
    assert.deepEqual(id, { account: '444455556666', arn: 'arn:aws:sts::444455556666:assumed-role/OpenRole/who' });
    assert.deepEqual(
      sts.requests.map((r) => (r.body as Record<string, string>).Action),
      ['AssumeRole', 'GetCallerIdentity'],
    );
  });

  it('reports expired credentials as expired_credentials', async () => {
    const auth = await resolveBedrockAuth({ method: 'assumeRole', roleArn: OPEN_ROLE, stsEndpoint: sts.url, ...USER });
    const c = await (auth.kind === 'sigv4' ? auth.credentials() : Promise.reject(new Error('sigv4 expected')));
    sts.expire(c.accessKeyId);
    const e = await rejection(getCallerIdentity(auth));
    assert.equal(e.code, 'expired_credentials');
  });

  it('emulator answers in the exact STS wire shape the SDK parses (raw client)', async () => {
    const client = new STSClient({ region: 'us-east-1', endpoint: sts.url, credentials: USER });
    const out = await client.send(new GetCallerIdentityCommand({}));
    client.destroy();
    assert.equal(out.Arn, DEFAULT_STS_USER.arn);
    assert.equal(out.UserId, USER.accessKeyId);
    assert.ok(out.$metadata.requestId);
  });

  it('emulator rejects a request signed with the wrong secret (SignatureDoesNotMatch)', async () => {
    const client = new STSClient({ region: 'us-east-1', endpoint: sts.url, credentials: { accessKeyId: USER.accessKeyId, secretAccessKey: 'not-the-secret' }, maxAttempts: 1 });
    await assert.rejects(client.send(new GetCallerIdentityCommand({})), (e: Error) => e.name === 'SignatureDoesNotMatch');
    client.destroy();
  });

  it('describes a Bedrock API key without calling STS', async () => {
    const key = `ABSK${Buffer.from('BedrockAPIKey-abcd-at-123456789012:c2VjcmV0').toString('base64')}`;
    const auth = await resolveBedrockAuth({ method: 'apiKey', bedrockApiKey: key });
    assert.deepEqual(await getCallerIdentity(auth, { stsEndpoint: sts.url }), { account: '123456789012', arn: 'bedrock-api-key' });
    assert.equal(sts.requests.length, 0);
  });
});
