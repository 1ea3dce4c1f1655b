import * as assert from 'node:assert/strict';
import { EMULATOR_CALLER_ARN, EMULATOR_ROLE_ARN, awsEndpointEnvironment, startLocalEmulators } from '../../../scripts/localEmulators';
import type { LocalEmulators } from '../../../scripts/localEmulators';
import { emulatorEngine } from '../client/engineHelpers';

// The emulators npm run sandbox starts, as its extension host sees them: the product's engine with
// the sandbox's AWS endpoint environment. Bedrock's identity call and role assumption stay local.
describe('npm run sandbox emulators (scripts/localEmulators.ts) through the product engine', () => {
  let emulators: LocalEmulators;
  before(async () => {
    emulators = await startLocalEmulators({ answers: 'demo' });
    assert.deepEqual(emulators.problems, {});
  });
  after(() => emulators?.close());

  const env = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(awsEndpointEnvironment(emulators)).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  const actions = (): string[] => emulators.sts!.requests().map((r) => (r.body as { Action?: string }).Action ?? '?');

  it('Test Connection on Bedrock with the test keys names the STS emulator\'s caller ARN', async () => {
    const t = await emulatorEngine(emulators.anthropic!, emulators.bedrock!, {}, { env: env() });
    try {
      const before = actions().length;
      assert.equal((await t.engine.testConnection('bedrock')).identity, EMULATOR_CALLER_ARN);
      assert.deepEqual(actions().slice(before), ['GetCallerIdentity']);
    } finally {
      await t.cleanup();
    }
  });

  it('the sandbox role can be assumed, and Bedrock accepts the role\'s credentials', async () => {
    const t = await emulatorEngine(emulators.anthropic!, emulators.bedrock!, {}, { env: env() });
    const config = t.engine.config;
    await t.cleanup();
    const role = await emulatorEngine(emulators.anthropic!, emulators.bedrock!, { bedrock: { ...config.bedrock, authMethod: 'assumeRole', roleArn: EMULATOR_ROLE_ARN } }, { env: env() });
    try {
      const before = actions().length;
      const info = await role.engine.testConnection('bedrock');
      assert.match(info.identity, /^arn:aws:sts::111122223333:assumed-role\/SwitchboardSandbox\/switchboard-\d+$/);
      assert.deepEqual(actions().slice(before), ['AssumeRole', 'GetCallerIdentity']);
      const converse = emulators.bedrock!.requests().filter((r) => /\/converse/.test(r.path)).at(-1)!;
      assert.equal(converse.status, 200);
      assert.match(converse.auth ?? '', /^sigv4:ASIA/);
    } finally {
      await role.cleanup();
    }
  });
});
