import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveBedrockAuth } from '../../../src/core/auth/bedrockAuth';
import type { BedrockAuth } from '../../../src/core/auth/bedrockAuth';
import { SwitchboardError } from '../../../src/core/errors';
import { MemoryLogger } from '../../../src/core/logger';
import { createAwsSandbox } from './awsSandbox';
import type { AwsSandbox } from './awsSandbox';

function sigv4(auth: BedrockAuth): Extract<BedrockAuth, { kind: 'sigv4' }> {
  assert.equal(auth.kind, 'sigv4');
  return auth as Extract<BedrockAuth, { kind: 'sigv4' }>;
}

async function rejection(p: Promise<unknown>): Promise<SwitchboardError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SwitchboardError, `expected SwitchboardError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

/** Everything a user or a log could see of an error. */
function visible(e: SwitchboardError): string {
  return [e.message, e.hint ?? '', JSON.stringify(e.toJSON()), JSON.stringify(e.details ?? {}), String(e.cause ?? ''), e.stack ?? ''].join('\n');
}

/** A credential_process script that counts its runs and prints credentials expiring in `ttlMs`. */
function processScript(sb: AwsSandbox, ttlMs: number): { command: string; runs: () => number } {
  const counter = path.join(sb.dir, 'runs.txt');
  fs.writeFileSync(counter, '0');
  const command = sb.writeScript(
    'creds.js',
    `const fs = require('fs');
const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
fs.writeFileSync(${JSON.stringify(counter)}, String(n));
process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCESS' + String(n).padStart(9, '0'), SecretAccessKey: 'process-secret-' + n,
  SessionToken: 'process-token-' + n, Expiration: new Date(Date.now() + ${ttlMs}).toISOString() }));`,
  );
  return { command, runs: () => Number(fs.readFileSync(counter, 'utf8')) };
}

describe('Bedrock auth: credential sources', () => {
  let sb: AwsSandbox;
  beforeEach(() => {
    sb = createAwsSandbox();
  });
  afterEach(() => sb.restore());

  it('uses static access keys with a session token as given', async () => {
    const auth = sigv4(await resolveBedrockAuth({ method: 'accessKeys', accessKeyId: 'AKIASTATIC0000000001', secretAccessKey: 'static-secret', sessionToken: 'tok' }));
    const c = await auth.credentials();
    assert.deepEqual({ id: c.accessKeyId, secret: c.secretAccessKey, token: c.sessionToken }, { id: 'AKIASTATIC0000000001', secret: 'static-secret', token: 'tok' });
    assert.equal(auth.method, 'accessKeys');
  });

  it('rejects static-key auth without a secret key, naming what is missing', async () => {
    const e = await rejection(resolveBedrockAuth({ method: 'accessKeys', accessKeyId: 'AKIASTATIC0000000001' }));
    assert.equal(e.type, 'authentication');
    assert.equal(e.code, 'missing_aws_credentials');
    assert.match(e.message, /secret access key/);
  });

  it('finds a profile that exists only in ~/.aws/config as a [profile x] section', async () => {
    sb.writeConfig('[profile cfgonly]\naws_access_key_id = AKIACONFIGONLY000001\naws_secret_access_key = cfg-secret\nregion = eu-central-1\n');
    const auth = sigv4(await resolveBedrockAuth({ method: 'profile', profile: 'cfgonly' }));
    const c = await auth.credentials();
    assert.equal(c.accessKeyId, 'AKIACONFIGONLY000001');
    assert.equal(auth.profile, 'cfgonly');
    assert.deepEqual([auth.region, auth.regionSource], ['eu-central-1', 'profile']);
  });

  it('honours AWS_PROFILE in the default chain and skips environment keys for it, like the SDK', async () => {
    sb.writeCredentials('[work]\naws_access_key_id = AKIACREDFILE00000001\naws_secret_access_key = file-secret\n');
    process.env.AWS_PROFILE = 'work';
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENVIRONMENT00001';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    const auth = sigv4(await resolveBedrockAuth({ method: 'auto' }));
    assert.equal((await auth.credentials()).accessKeyId, 'AKIACREDFILE00000001');
    assert.equal(auth.profile, 'work');
  });

  it('uses environment keys in the default chain when no profile is named', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENVIRONMENT00001';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    const auth = sigv4(await resolveBedrockAuth({ method: 'auto' }));
    assert.equal((await auth.credentials()).accessKeyId, 'AKIAENVIRONMENT00001');
  });

  it('runs a credential_process profile and caches its credentials until they near expiry', async () => {
    const proc = processScript(sb, 60 * 60_000);
    sb.writeConfig(`[profile proc]\ncredential_process = ${proc.command}\n`);
    const auth = sigv4(await resolveBedrockAuth({ method: 'profile', profile: 'proc' }));
    const [a, b] = await Promise.all([auth.credentials(), auth.credentials()]);
    const c = await auth.credentials();
    assert.equal(a.accessKeyId, 'ASIAPROCESS000000001');
    assert.equal(b.accessKeyId, a.accessKeyId);
    assert.equal(c.accessKeyId, a.accessKeyId);
    assert.equal(proc.runs(), 1);
    assert.ok(a.expiration instanceof Date);
  });

  it('re-runs credential_process when the cached credentials are inside the refresh window', async () => {
    // Credentials valid for one more minute are inside the default 5-minute refresh window.
    const proc = processScript(sb, 60_000);
    sb.writeConfig(`[profile proc]\ncredential_process = ${proc.command}\n`);
    const logger = new MemoryLogger();
    const auth = sigv4(await resolveBedrockAuth({ method: 'profile', profile: 'proc' }, process.env, logger));
    const first = await auth.credentials();
    const second = await auth.credentials();
    assert.equal(proc.runs(), 2);
    assert.equal(first.accessKeyId, 'ASIAPROCESS000000001');
    assert.equal(second.accessKeyId, 'ASIAPROCESS000000002');
    assert.equal(logger.lines.filter((l) => l.includes('AWS credentials resolved')).length, 2);
    assert.ok(!logger.lines.join('\n').includes('process-secret'), 'secrets never logged');
  });

  it('reports a failing credential_process with its error text but without the secret it printed', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYLEAKEDSECRET';
    const command = sb.writeScript(
      'broken.js',
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIALEAK000000000001', SecretAccessKey: ${JSON.stringify(secret)} }).slice(0, 40));
process.stderr.write('token refresh failed for aws_secret_access_key=${secret}\\n');
process.stderr.write('error: corporate IdP returned 401 for ${secret}\\n');
process.exit(3);`,
    );
    sb.writeConfig(`[profile broken]\ncredential_process = ${command}\n`);
    const auth = sigv4(await resolveBedrockAuth({ method: 'profile', profile: 'broken' }));
    const e = await rejection(auth.credentials());
    assert.equal(e.type, 'authentication');
    assert.match(e.message, /credential_process of AWS profile "broken" failed/);
    assert.match(e.message, /corporate IdP returned 401/);
    assert.ok(!visible(e).includes(secret), `secret leaked: ${visible(e)}`);
    assert.ok(!visible(e).includes('AKIALEAK'), 'key id leaked');
  });

  it('recognises an expired SSO session (sso-session profile) and names `aws sso login --profile X`', async () => {
    sb.writeConfig(
      '[profile corp-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = BedrockUser\nregion = eu-west-1\n\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n',
    );
    sb.writeSsoToken('corp', { startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', accessToken: 'expired-access-token', expiresAt: new Date(Date.now() - 3600_000).toISOString() });
    const auth = sigv4(await resolveBedrockAuth({ method: 'profile', profile: 'corp-dev' }));
    assert.equal(auth.region, 'eu-west-1');
    const e = await rejection(auth.credentials());
    assert.equal(e.type, 'authentication');
    assert.equal(e.code, 'expired_sso_session');
    assert.equal(e.details?.profile, 'corp-dev');
    assert.equal(e.hint, 'Run `aws sso login --profile corp-dev` and try again.');
  });

  it('recognises an expired legacy SSO profile (sso_start_url) reached through AWS_PROFILE in the default chain', async () => {
    sb.writeConfig('[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n');
    sb.writeSsoToken('https://legacy.awsapps.com/start', { startUrl: 'https://legacy.awsapps.com/start', region: 'us-east-1', accessToken: 'old', expiresAt: new Date(Date.now() - 1000).toISOString() });
    process.env.AWS_PROFILE = 'legacy';
    const auth = sigv4(await resolveBedrockAuth({ method: 'auto' }));
    const e = await rejection(auth.credentials());
    assert.equal(e.code, 'expired_sso_session');
    assert.match(e.hint ?? '', /aws sso login --profile legacy/);
  });

  it('fails an unknown profile as invalid_config naming it, the files searched and the profiles that exist', async () => {
    sb.writeConfig('[profile dev]\nregion = us-west-2\n[default]\nregion = us-east-2\n');
    sb.writeCredentials('[ci]\naws_access_key_id = AKIACI00000000000001\naws_secret_access_key = ci-secret\n');
    const e = await rejection(resolveBedrockAuth({ method: 'profile', profile: 'prod' }));
    assert.equal(e.type, 'invalid_config');
    assert.match(e.message, /"prod"/);
    assert.ok(e.message.includes(sb.configFile) && e.message.includes(sb.credentialsFile));
    assert.deepEqual(e.details?.profiles, ['ci', 'default', 'dev']);
  });

  it('fails with an actionable missing-credentials error when nothing is configured', async () => {
    const auth = sigv4(await resolveBedrockAuth({ method: 'auto' }));
    const e = await rejection(auth.credentials());
    assert.equal(e.type, 'authentication');
    assert.equal(e.code, 'missing_aws_credentials');
    assert.match(e.hint ?? '', /aws configure/);
    assert.match(e.hint ?? '', /aws sso login/);
    assert.match(e.hint ?? '', /AWS_BEARER_TOKEN_BEDROCK/);
  });

  it('retries resolution after a failure instead of caching the error', async () => {
    const auth = sigv4(await resolveBedrockAuth({ method: 'auto' }));
    await rejection(auth.credentials());
    process.env.AWS_ACCESS_KEY_ID = 'AKIALATER00000000001';
    process.env.AWS_SECRET_ACCESS_KEY = 'later-secret';
    // The SDK chain itself is built once; a fresh resolution sees the new environment.
    assert.equal((await auth.credentials()).accessKeyId, 'AKIALATER00000000001');
  });
});

describe('Bedrock auth: API keys', () => {
  let sb: AwsSandbox;
  beforeEach(() => {
    sb = createAwsSandbox();
  });
  afterEach(() => sb.restore());

  it('uses a configured Bedrock API key as a bearer token', async () => {
    const auth = await resolveBedrockAuth({ method: 'apiKey', bedrockApiKey: 'ABSKconfiguredkey0001', region: 'us-west-2' });
    assert.deepEqual(auth, { kind: 'bearer', token: 'ABSKconfiguredkey0001', region: 'us-west-2', regionSource: 'explicit', method: 'apiKey' });
  });

  it('lets AWS_BEARER_TOKEN_BEDROCK win over SigV4 credentials in auto, as the Bedrock client does', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENVIRONMENT00001';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKfromenvironment01';
    const auth = await resolveBedrockAuth({ method: 'auto' });
    assert.equal(auth.kind, 'bearer');
    assert.equal(auth.kind === 'bearer' && auth.token, 'ABSKfromenvironment01');
  });

  it('uses the configured key in auto when useBedrockApiKey is on, and ignores it otherwise', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENVIRONMENT00001';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    const on = await resolveBedrockAuth({ method: 'auto', useBedrockApiKey: true, bedrockApiKey: 'ABSKconfiguredkey0001' });
    assert.equal(on.kind === 'bearer' && on.token, 'ABSKconfiguredkey0001');
    const off = await resolveBedrockAuth({ method: 'auto', bedrockApiKey: 'ABSKconfiguredkey0001' });
    assert.equal(off.kind, 'sigv4');
  });

  it('keeps SigV4 for an explicitly chosen profile even when AWS_BEARER_TOKEN_BEDROCK is set', async () => {
    sb.writeConfig('[profile p]\naws_access_key_id = AKIAPROFILE000000001\naws_secret_access_key = s\n');
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKfromenvironment01';
    const auth = await resolveBedrockAuth({ method: 'profile', profile: 'p' });
    assert.equal(auth.kind, 'sigv4');
  });

  it('fails API-key auth without a key with a hint to set one', async () => {
    const e = await rejection(resolveBedrockAuth({ method: 'apiKey' }));
    assert.equal(e.code, 'missing_api_key');
    assert.match(e.hint ?? '', /Set Bedrock API Key/);
  });
});

describe('Bedrock auth: region precedence', () => {
  let sb: AwsSandbox;
  beforeEach(() => {
    sb = createAwsSandbox();
    sb.writeConfig('[default]\nregion = ap-southeast-2\n[profile tokyo]\nregion = ap-northeast-1\naws_access_key_id = AKIATOKYO00000000001\naws_secret_access_key = s\n');
  });
  afterEach(() => sb.restore());

  const regionOf = async (options: { region?: string; profile?: string }): Promise<[string, string]> => {
    const auth = await resolveBedrockAuth({ method: 'auto', ...options });
    return [auth.region, auth.regionSource];
  };

  it('takes the explicit region over everything', async () => {
    process.env.AWS_REGION = 'us-west-2';
    process.env.AWS_DEFAULT_REGION = 'eu-west-2';
    assert.deepEqual(await regionOf({ region: 'eu-north-1', profile: 'tokyo' }), ['eu-north-1', 'explicit']);
  });

  it('takes AWS_REGION over AWS_DEFAULT_REGION and the profile', async () => {
    process.env.AWS_REGION = 'us-west-2';
    process.env.AWS_DEFAULT_REGION = 'eu-west-2';
    assert.deepEqual(await regionOf({ profile: 'tokyo' }), ['us-west-2', 'environment']);
  });

  it('takes AWS_DEFAULT_REGION over the profile', async () => {
    process.env.AWS_DEFAULT_REGION = 'eu-west-2';
    assert.deepEqual(await regionOf({ profile: 'tokyo' }), ['eu-west-2', 'environment']);
  });

  it("takes the named profile's region, then the default profile's", async () => {
    assert.deepEqual(await regionOf({ profile: 'tokyo' }), ['ap-northeast-1', 'profile']);
    process.env.AWS_PROFILE = 'tokyo';
    assert.deepEqual(await regionOf({}), ['ap-northeast-1', 'profile']);
    delete process.env.AWS_PROFILE;
    assert.deepEqual(await regionOf({}), ['ap-southeast-2', 'profile']);
  });

  it('falls back to us-east-1 when nothing names a region', async () => {
    sb.writeConfig('');
    assert.deepEqual(await regionOf({}), ['us-east-1', 'default']);
  });
});
