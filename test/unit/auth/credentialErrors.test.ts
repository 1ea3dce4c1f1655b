import * as assert from 'node:assert/strict';
import { resolveBedrockAuth } from '../../../src/core/auth/bedrockAuth';
import type { BedrockAuth } from '../../../src/core/auth/bedrockAuth';
import { toCredentialError } from '../../../src/core/auth/credentialErrors';
import { SwitchboardError } from '../../../src/core/errors';
import { fixActionsFor } from '../../../src/core/errorFixes';
import { shouldFailOver } from '../../../src/core/client';
import { startSsoEmulator } from '../../emulators/sso';
import { createAwsSandbox } from './awsSandbox';
import type { AwsSandbox } from './awsSandbox';

/**
 * The credential chain's real texts. The SSO ones come from the real @aws-sdk credential
 * providers reading a sandboxed ~/.aws (their source: @aws-sdk/token-providers
 * `Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.`
 * and `The SSO session token associated with profile=… was not found or is invalid. …`;
 * @aws-sdk/credential-provider-sso `The SSO session associated with this profile has expired. …`).
 */
async function credentialFailure(auth: BedrockAuth): Promise<SwitchboardError> {
  assert.equal(auth.kind, 'sigv4');
  const e = await (auth as Extract<BedrockAuth, { kind: 'sigv4' }>).credentials().then(
    () => assert.fail('expected a rejection'),
    (err: unknown) => err,
  );
  assert.ok(e instanceof SwitchboardError, `not a SwitchboardError: ${String(e)}`);
  return e;
}

describe('credential errors from the AWS SDK credential chain', () => {
  let sb: AwsSandbox;
  beforeEach(() => {
    sb = createAwsSandbox();
    sb.writeConfig(
      '[profile corp]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = BedrockUser\n\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-central-1\n\n' +
        '[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = eu-central-1\nsso_account_id = 111122223333\nsso_role_name = BedrockUser\n',
    );
  });
  afterEach(() => sb.restore());

  it('an expired SSO token ("Token is expired. To refresh this SSO session run \'aws sso login\'…") → expired_sso_session, fix: run aws sso login --profile corp', async () => {
    sb.writeSsoToken('corp', { startUrl: 'https://corp.awsapps.com/start', region: 'eu-central-1', accessToken: 'expired-token-00000001', expiresAt: new Date(Date.now() - 60_000).toISOString() });
    const e = await credentialFailure(await resolveBedrockAuth({ method: 'profile', profile: 'corp' }));
    assert.equal(e.type, 'authentication');
    assert.equal(e.code, 'expired_sso_session');
    assert.equal(e.retryable, false);
    const fixes = fixActionsFor(e);
    assert.deepEqual(fixes[0], { kind: 'runInTerminal', argv: ['aws', 'sso', 'login', '--profile', 'corp'], command: 'aws sso login --profile corp', label: 'Run aws sso login' });
    assert.deepEqual(fixes.map((f) => f.kind), ['runInTerminal', 'retry']);
  });

  it('after the fix (`aws sso login` writes a fresh token), Retry on the same auth succeeds without a reload', async () => {
    const sso = await startSsoEmulator({ grants: [{ accessToken: 'fresh-token-000000000001', accountId: '111122223333', roleNames: ['BedrockUser'] }] });
    process.env.AWS_ENDPOINT_URL_SSO = sso.url;
    try {
      sb.writeSsoToken('corp', { startUrl: 'https://corp.awsapps.com/start', region: 'eu-central-1', accessToken: 'expired-token-00000003', expiresAt: new Date(Date.now() - 60_000).toISOString() });
      const auth = await resolveBedrockAuth({ method: 'profile', profile: 'corp' });
      const e = await credentialFailure(auth);
      assert.deepEqual(fixActionsFor(e).map((f) => f.kind), ['runInTerminal', 'retry']);
      // What `aws sso login --profile corp` leaves behind:
      sb.writeSsoToken('corp', { startUrl: 'https://corp.awsapps.com/start', region: 'eu-central-1', accessToken: 'fresh-token-000000000001', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
      const c = await (auth as Extract<BedrockAuth, { kind: 'sigv4' }>).credentials();
      assert.equal(c.accessKeyId, sso.issued.at(-1)!.accessKeyId);
    } finally {
      await sso.close();
    }
  });

  it('no cached SSO token at all ("…was not found or is invalid…") → expired_sso_session too (the same fix: log in)', async () => {
    const e = await credentialFailure(await resolveBedrockAuth({ method: 'profile', profile: 'corp' }));
    assert.equal(e.code, 'expired_sso_session');
    assert.equal(fixActionsFor(e)[0]?.kind, 'runInTerminal');
  });

  it('a legacy SSO profile with an expired token ("The SSO session associated with this profile has expired…") → expired_sso_session for that profile', async () => {
    sb.writeSsoToken('https://legacy.awsapps.com/start', { startUrl: 'https://legacy.awsapps.com/start', region: 'eu-central-1', accessToken: 'expired-token-00000002', expiresAt: new Date(Date.now() - 60_000).toISOString() });
    const e = await credentialFailure(await resolveBedrockAuth({ method: 'profile', profile: 'legacy' }));
    assert.equal(e.code, 'expired_sso_session');
    assert.equal((fixActionsFor(e)[0] as { command?: string }).command, 'aws sso login --profile legacy');
  });

  it('a profile name with shell characters stays one argv element (the extension quotes each)', () => {
    const sdk = Object.assign(new Error("Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile."), { name: 'TokenProviderError' });
    const e = toCredentialError(sdk, { method: 'profile', profile: 'dev $(touch x)' });
    assert.equal(e.code, 'expired_sso_session');
    assert.deepEqual((fixActionsFor(e)[0] as { argv?: string[] }).argv, ['aws', 'sso', 'login', '--profile', 'dev $(touch x)']);
  });

  it('STS ExpiredToken ("The security token included in the request is expired", aws/aws-cli#5971) while assuming a role → expired_credentials, which fails over', () => {
    const sts = Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken', Code: 'ExpiredToken', $metadata: { httpStatusCode: 403 } });
    const e = toCredentialError(sts, { method: 'assumeRole', roleArn: 'arn:aws:iam::111122223333:role/Bedrock', profile: 'corp' });
    assert.equal(e.type, 'authentication');
    assert.equal(e.code, 'expired_credentials');
    assert.deepEqual(fixActionsFor(e).map((f) => f.kind), ['runInTerminal', 'retry']);
    assert.equal(shouldFailOver(e), true);
  });

  it('"Could not load credentials from any providers" (tinovyatkin/amazon-bedrock-copilot-chat#134) → missing_aws_credentials with set-up fixes, no retry', () => {
    const e = toCredentialError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), { method: 'auto' });
    assert.equal(e.code, 'missing_aws_credentials');
    assert.equal(e.retryable, false);
    const kinds = fixActionsFor(e, { bedrockAuthMethod: 'auto' }).map((f) => f.kind);
    assert.equal(kinds[0], 'setAwsAccessKeys');
    assert.ok(!kinds.includes('retry'));
  });
});
