import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { BUILT_CLI, REPO_ROOT, freshCliBundle } from './builtCliBundle';
import { isolatedEnv } from './cliHelpers';
import { ALIAS } from '../client/clientHelpers';

const run = promisify(execFile);
const ROOT = REPO_ROOT;
const CLI = BUILT_CLI;

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

// The bundle is what users run: lazily loaded SDK chunks, the `bin` entry. Bundling bugs (a chunk
// whose exports Node cannot see, a missing chunk) only show here, not through tsx.
describe('built CLI (dist/cli.js)', function () {
  this.timeout(60_000);
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  before(async () => {
    // Always a fresh bundle: a stale dist/ from an older checkout must not pass for this code.
    await freshCliBundle();
    anthropic = await startAnthropicEmulator();
    bedrock = await startBedrockEmulator({ region: 'eu-west-1' });
    ({ env, cleanup } = await isolatedEnv({ ANTHROPIC_API_KEY: 'sk-ant-test-key' }));
    await fs.writeFile(env.AWS_SHARED_CREDENTIALS_FILE!, `[default]\naws_access_key_id = ${TEST_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${TEST_CREDENTIALS.secretAccessKey}\n`);
  });
  after(async () => {
    await anthropic.close();
    await bedrock.close();
    await cleanup();
  });

  it('is declared as the `switchboard` bin and starts with a node shebang', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.bin.switchboard, './dist/cli.js');
    assert.match(await fs.readFile(CLI, 'utf8'), /^#!\/usr\/bin\/env node/);
  });

  it('answers through Bedrock with the eu. profile, and prints no AWS SDK notice', async () => {
    const r = await cli(['chat', '--provider', 'bedrock', '--bedrock-endpoint', bedrock.url, '--aws-region', 'eu-west-1', '--model', 'sonnet', '--json', 'hi'], env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout);
    assert.equal(out.modelId, `eu.${ALIAS.sonnet.bedrockId}`);
    assert.equal(out.text, 'Echo: hi');
    assert.equal(typeof out.costUsd, 'number');
    assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning|AWS SDK/);
  });

  it('streams an answer through Anthropic', async () => {
    const r = await cli(['chat', '--anthropic-base-url', anthropic.url, 'hello bundle'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'Echo: hello bundle');
  });

  it('validates YAML through the lazily loaded yaml chunk, naming the bad field and its line', async () => {
    const file = path.join(env.HOME!, 'bad.yml');
    await fs.writeFile(file, 'model_provider:\n  type: bedrock\n  bedrock: { aws_region: us-east-9 }\n');
    const r = await cli(['config', 'validate', file], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.yml:3:\d+: model_provider\.bedrock\.aws_region: "us-east-9" is not a region/);
  });

  it('exits 5 with one line for an unknown model', async () => {
    const r = await cli(['chat', '--model', 'sonet', 'x'], env);
    assert.equal(r.code, 5);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} mid-answer cancels the request, records it in the ledger and exits ${code}`, async () => {
      bedrock.faults.push({ kind: 'stall-mid-stream', afterEvents: 2 });
      const child = spawn(process.execPath, [CLI, 'chat', '--provider', 'bedrock', '--bedrock-endpoint', bedrock.url, '--aws-region', 'eu-west-1', 'tell me more'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // The answer has started (text on stdout): now the user presses Ctrl-C / the system stops the process.
      await once(child.stdout, 'data');
      const exited = once(child, 'exit');
      child.kill(signal);
      const [exitCode] = (await exited) as [number | null];
      assert.equal(exitCode, code, stderr);
      assert.match(stderr, new RegExp(`cancelled by ${signal}`));
      const store = openLocalStore(env.SWITCHBOARD_HOME!);
      const records = await store.ledger.readAll();
      store.close();
      const last = records[records.length - 1]!;
      assert.equal(last.provider, 'bedrock');
      assert.equal(last.outcome, 'cancelled');
      assert.equal(last.surface, 'cli');
    });
  }
});
