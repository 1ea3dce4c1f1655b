import * as assert from 'node:assert/strict';
import { resolveBedrockAuth } from '../../../src/core/auth/bedrockAuth';
import type { BedrockAuth } from '../../../src/core/auth/bedrockAuth';
import { SwitchboardError } from '../../../src/core/errors';
import { startSsoEmulator } from '../../emulators/sso';
import type { SsoEmulator } from '../../emulators/sso';
import { createAwsSandbox } from './awsSandbox';
import type { AwsSandbox } from './awsSandbox';

const TOKEN = 'sso-access-token-for-tests-0001';

function sigv4(auth: BedrockAuth): Extract<BedrockAuth, { kind: 'sigv4' }> {
  assert.equal(auth.kind, 'sigv4');
  return auth as Extract<BedrockAuth, { kind: 'sigv4' }>;
}

describe('Bedrock auth: SSO profiles against an emulated IAM Identity Center portal', () => {
  let sso: SsoEmulator;
  let sb: AwsSandbox;
  before(async () => {
    sso = await startSsoEmulator({ grants: [{ accessToken: TOKEN, accountId: '111122223333', roleNames: ['BedrockUser'] }] });
  });
  after(() => sso.close());
  beforeEach(() => {
    sb = createAwsSandbox();
    sso.reset();
    process.env.AWS_ENDPOINT_URL_SSO = sso.url;
    sb.writeConfig(
      '[profile corp]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = BedrockUser\n\n' +
        '[profile other-role]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-central-1\n',
    );
  });
  afterEach(() => sb.restore());

  it('exchanges a valid cached SSO token for role credentials', async () => {
    sb.writeSsoToken('corp', { startUrl: 'https://corp.awsapps.com/start', region: 'eu-central-1', accessToken: TOKEN, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const auth = sigv4(await resolveBedrockAuth({ method: 'profile', profile: 'corp' }));
    const c = await auth.credentials();
    assert.equal(c.accessKeyId, sso.issued.at(-1)!.accessKeyId);
    assert.ok(c.expiration instanceof Date);
    assert.deepEqual(sso.requests.map((r) => [r.path, r.body, r.auth]), [['/federation/credentials', { account_id: '111122223333', role_name: 'BedrockUser' }, 'sso-token']]);
  });

  it('asks for `aws sso login` when the portal no longer accepts the cached token', async () => {
    sb.writeSsoToken('corp', { startUrl: 'https://corp.awsapps.com/start', region: 'eu-central-1', accessToken: 'revoked-token-000000000', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const auth = sigv4(await resolveBedrockAuth({ method: 'profile', profile: 'corp' }));
    const e = await auth.credentials().then(
      () => assert.fail('expected a rejection'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof SwitchboardError);
    assert.equal(e.code, 'expired_sso_session');
    assert.match(e.hint ?? '', /aws sso login --profile corp/);
  });

  it('reports a role the SSO user may not use as a permission error', async () => {
    sb.writeSsoToken('corp', { startUrl: 'https://corp.awsapps.com/start', region: 'eu-central-1', accessToken: TOKEN, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const auth = sigv4(await resolveBedrockAuth({ method: 'profile', profile: 'other-role' }));
    const e = await auth.credentials().then(
      () => assert.fail('expected a rejection'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof SwitchboardError);
    assert.equal(e.type, 'permission');
    assert.match(e.message, /Admin/);
  });
});
