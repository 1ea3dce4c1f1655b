// The profile's region, read without the AWS SDK (src/core/auth/awsProfileRegion.ts), against real
// shared files in a throw-away AWS home — and, for every case, against the SDK's own region
// loader (@smithy/core/config loadConfig with NODE_REGION_CONFIG_OPTIONS and
// NODE_REGION_CONFIG_FILE_OPTIONS, exactly as the Bedrock Runtime client sets up its `region`),
// so the two cannot drift apart unnoticed.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS, loadConfig } from '@smithy/core/config';
import { readProfileRegion } from '../../../src/core/auth/awsProfileRegion';
import { resolveBedrockRegion } from '../../../src/core/auth/region';
import { createAwsSandbox } from './awsSandbox';
import type { AwsSandbox } from './awsSandbox';

const run = promisify(execFile);

/** The region the AWS SDK's client would take from the shared files for `profile` (no environment, no instance metadata). */
async function sdkRegion(sb: AwsSandbox, profile: string): Promise<string | undefined> {
  const provider = loadConfig<string | undefined>(
    { environmentVariableSelector: () => undefined, configFileSelector: NODE_REGION_CONFIG_OPTIONS.configFileSelector, default: () => undefined },
    { ...NODE_REGION_CONFIG_FILE_OPTIONS, profile, filepath: sb.credentialsFile, configFilepath: sb.configFile, ignoreCache: true },
  );
  return provider();
}

describe('the AWS profile\'s region, read without the SDK', () => {
  let sb: AwsSandbox;
  beforeEach(() => {
    sb = createAwsSandbox();
  });
  afterEach(() => sb.restore());

  /** Ours and the SDK's answer agree, and are `expected`. */
  async function regionIs(profile: string, expected: string | undefined): Promise<void> {
    const ours = await readProfileRegion(process.env, profile);
    assert.equal(ours.region, expected, `our reader, profile ${profile}`);
    assert.equal(await sdkRegion(sb, profile), expected, `the AWS SDK, profile ${profile}`);
    assert.equal(ours.file, sb.configFile);
  }

  it('reads [default] and [profile x] sections of the config file', async () => {
    sb.writeConfig('[default]\nregion = us-east-2\n\n[profile team]\noutput = json\nregion = eu-west-1\n');
    await regionIs('default', 'us-east-2');
    await regionIs('team', 'eu-west-1');
    await regionIs('nobody', undefined);
  });

  it('an SSO profile gives its own region, not the SSO session\'s sso_region; an sso-session section is not a profile', async () => {
    sb.writeConfig(
      '[profile corp-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = BedrockUser\nregion = ap-southeast-2\n\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n' +
        '[profile legacy-sso]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = eu-central-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n',
    );
    await regionIs('corp-dev', 'ap-southeast-2');
    await regionIs('corp', undefined);
    // The legacy SSO form has no region of its own: sso_region is where the portal is, not Bedrock's region.
    await regionIs('legacy-sso', undefined);
  });

  it('a role profile does not inherit the region of its source_profile (as in the SDK)', async () => {
    sb.writeConfig('[profile base]\nregion = us-west-2\n\n[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = base\n\n[profile admin-eu]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = base\nregion = eu-north-1\n');
    sb.writeCredentials('[base]\naws_access_key_id = AKIABASE000000000001\naws_secret_access_key = s\n');
    await regionIs('admin', undefined);
    await regionIs('admin-eu', 'eu-north-1');
    await regionIs('base', 'us-west-2');
  });

  it('the credentials file\'s region wins over the config file\'s; [profile x] there is not profile x', async () => {
    sb.writeConfig('[profile team]\nregion = eu-west-1\n[profile other]\nregion = eu-west-2\n');
    sb.writeCredentials('[team]\naws_access_key_id = AKIATEAM000000000001\naws_secret_access_key = s\nregion = us-west-1\n[profile other]\nregion = ap-south-1\n[solo]\nregion = ca-central-1\n');
    await regionIs('team', 'us-west-1');
    await regionIs('other', 'eu-west-2');
    await regionIs('solo', 'ca-central-1');
  });

  it('[profile default] wins over [default] in the config file', async () => {
    sb.writeConfig('[default]\nregion = us-east-2\n[profile default]\nregion = sa-east-1\n');
    await regionIs('default', 'sa-east-1');
  });

  it('comments, CRLF line ends, spaces around = and quoted profile names read as the SDK reads them', async () => {
    sb.writeConfig('; a comment\r\n# another\r\n[profile dev]\r\nregion=eu-south-1 # trailing comment\r\n;region = us-east-1\r\n[profile "quoted"]\r\n  region   =   me-central-1  \r\n[profile broken]\r\nregion#=x\r\n');
    await regionIs('dev', 'eu-south-1');
    await regionIs('quoted', 'me-central-1');
    await regionIs('broken', undefined);
  });

  it('a region nested under a sub-property (s3 =) is not the profile\'s region; the next unindented key ends the nesting', async () => {
    sb.writeConfig('[profile nested]\ns3 =\n  region = eu-central-1\n  addressing_style = path\n[profile after]\ns3 =\n  max_concurrent_requests = 20\nregion = us-west-2\n');
    await regionIs('nested', undefined);
    await regionIs('after', 'us-west-2');
  });

  it('sections of another kind ([services x], [plugins]) are not profiles', async () => {
    sb.writeConfig('[services dev]\nbedrock-runtime =\n  endpoint_url = http://localhost:4566\n[plugins]\nregion = us-east-1\n[profile svc]\nservices = dev\nregion = eu-west-3\n');
    await regionIs('svc', 'eu-west-3');
    await regionIs('plugins', undefined);
    await regionIs('dev', undefined);
  });

  it('missing or unreadable files, and a file naming a __proto__ profile, count as empty', async () => {
    await regionIs('default', undefined);
    // A folder where the file should be: reading it fails (EISDIR).
    fs.mkdirSync(sb.configFile);
    await regionIs('default', undefined);
    fs.rmSync(sb.configFile, { recursive: true });
    sb.writeConfig('[default]\nregion = us-east-2\n[profile __proto__]\nregion = eu-west-1\n');
    await regionIs('default', undefined);
  });

  it('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE are honoured; without them ~/.aws under HOME', async () => {
    const elsewhere = path.join(sb.dir, 'elsewhere-config');
    fs.writeFileSync(elsewhere, '[profile team]\nregion = eu-west-1\n');
    sb.writeConfig('[profile team]\nregion = us-east-1\n');
    assert.deepEqual(await readProfileRegion({ ...process.env, AWS_CONFIG_FILE: elsewhere }, 'team'), { region: 'eu-west-1', file: elsewhere });
    const home = { HOME: sb.home };
    assert.deepEqual(await readProfileRegion(home, 'team'), { region: 'us-east-1', file: path.join(sb.home, '.aws', 'config') });
    assert.deepEqual(await readProfileRegion({ HOME: sb.home, AWS_CONFIG_FILE: '~/elsewhere' }, 'team'), { region: undefined, file: path.join(sb.home, 'elsewhere') });
  });

  it('resolveBedrockRegion takes the profile\'s region (source profile, file named) after an explicit region and the environment', async () => {
    sb.writeConfig('[profile team]\nregion = eu-west-1\n');
    assert.deepEqual(await resolveBedrockRegion({ value: undefined }, 'team', process.env), { region: 'eu-west-1', source: 'profile', origin: `profile "team" in ${sb.configFile}`, profile: 'team' });
    assert.equal((await resolveBedrockRegion({ value: undefined }, 'team', { ...process.env, AWS_REGION: 'us-west-2' })).region, 'us-west-2');
    assert.equal((await resolveBedrockRegion({ value: 'ap-northeast-1', source: 'settings' }, 'team', process.env)).region, 'ap-northeast-1');
    assert.deepEqual(await resolveBedrockRegion({ value: undefined }, 'nobody', process.env), { region: 'us-east-1', source: 'default', origin: 'default', profile: 'nobody' });
  });

  it('resolving the region loads no AWS SDK module (a fresh process)', async () => {
    sb.writeConfig('[profile team]\nregion = eu-west-1\n');
    const script = `
      const { resolveBedrockRegion } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/auth/region.ts'))});
      resolveBedrockRegion({ value: undefined }, 'team', process.env).then((r) => {
        const sdk = Object.keys(require.cache).filter((f) => /node_modules[\\\\/]@(aws-sdk|smithy)[\\\\/]/.test(f));
        console.log(JSON.stringify({ region: r.region, sdk }));
      });`;
    const { stdout } = await run(process.execPath, ['-r', 'tsx/cjs', '-e', script], { env: process.env, cwd: path.resolve(__dirname, '../../..') });
    assert.deepEqual(JSON.parse(stdout.trim().split('\n').at(-1)!), { region: 'eu-west-1', sdk: [] });
  });
});
