import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { cli, useCliFixture } from './cliHelpers';
import { ALIAS } from '../client/clientHelpers';
import { PRICE_TABLE } from '../../../src/core/usage/prices';

const KEY = 'sk-ant-test-key';

describe('CLI', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  // Bedrock credentials the way a developer has them: a profile in the shared credentials file.
  useCliFixture({ env: () => ({ ANTHROPIC_API_KEY: KEY }), awsProfile: 'default' }, (f) => ({ anthropic, bedrock, env, dir } = f));

  it('answers through Anthropic and reports text, usage, cost and attempts as --json', async () => {
    const r = await cli(['chat', '--provider', 'anthropic', '--anthropic-base-url', anthropic.url, '--model', 'sonnet', '--json', 'hi there'], env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = r.json();
    assert.equal(out.provider, 'anthropic');
    assert.equal(out.model, 'sonnet');
    assert.equal(out.modelId, ALIAS.sonnet.anthropicId);
    assert.match(out.text, /hi there/);
    assert.ok(out.usage.inputTokens > 0 && out.usage.outputTokens > 0);
    assert.deepEqual(Object.keys(out.usage).sort(), ['cacheReadInputTokens', 'cacheWriteInputTokens', 'inputTokens', 'outputTokens']);
    const list = PRICE_TABLE[ALIAS.sonnet.name]!; // the list price of the model `sonnet` names today
    const expected = (out.usage.inputTokens * list.input + out.usage.outputTokens * list.output) / 1e6;
    assert.ok(Math.abs(out.costUsd - expected) < 1e-12, `cost ${out.costUsd} vs ${expected}`);
    assert.equal(out.attempts, 1);
    assert.equal(out.cached, false);
    assert.equal(out.failover, null);
    assert.equal(anthropic.requests.filter((q) => q.path === '/v1/messages').length, 1);
  });

  it('answers through Bedrock in eu-west-1 with the eu. inference profile', async () => {
    const r = await cli(['chat', '--provider', 'bedrock', '--bedrock-endpoint', bedrock.url, '--aws-region', 'eu-west-1', '--model', 'sonnet', '--json', 'hi'], env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = r.json();
    assert.equal(out.provider, 'bedrock');
    assert.equal(out.modelId, `eu.${ALIAS.sonnet.bedrockId}`);
    assert.match(out.text, /hi/);
    assert.ok(out.usage.inputTokens > 0);
    assert.equal(typeof out.costUsd, 'number');
    const call = bedrock.requests.find((q) => q.path.includes('/converse'));
    assert.equal(call?.modelId, `eu.${ALIAS.sonnet.bedrockId}`);
    assert.equal(call?.auth, `sigv4:${TEST_CREDENTIALS.accessKeyId}`);
  });

  it('streams text to stdout without --json', async () => {
    const r = await cli(['chat', '--anthropic-base-url', anthropic.url, 'stream me'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /stream me/);
    assert.equal(anthropic.requests.find((q) => q.path === '/v1/messages')?.body && (anthropic.requests.find((q) => q.path === '/v1/messages')!.body as any).stream, true);
  });

  it('reads the prompt from stdin when none is given', async () => {
    const r = await cli(['chat', '--anthropic-base-url', anthropic.url, '--json'], env, 'from stdin\n');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.json().text, /from stdin/);
  });

  it('CLAUDE_CODE_USE_BEDROCK=1 selects Bedrock; --provider beats it', async () => {
    const both = { ...env, CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'eu-west-1' };
    const viaEnv = await cli(['chat', '--bedrock-endpoint', bedrock.url, '--json', 'x'], both);
    assert.equal(viaEnv.code, 0, viaEnv.stderr + viaEnv.stdout);
    assert.equal(viaEnv.json().provider, 'bedrock');
    const viaFlag = await cli(['chat', '--provider', 'anthropic', '--anthropic-base-url', anthropic.url, '--json', 'x'], both);
    assert.equal(viaFlag.json().provider, 'anthropic');
  });

  it('records every request so usage --json totals equal the sum of their costs', async () => {
    const costs: number[] = [];
    for (const prompt of ['one', 'two two', 'three three three']) {
      const r = await cli(['chat', '--anthropic-base-url', anthropic.url, '--json', prompt], env);
      costs.push(r.json().costUsd);
    }
    const b = await cli(['chat', '--provider', 'bedrock', '--bedrock-endpoint', bedrock.url, '--aws-region', 'eu-west-1', '--json', 'four'], env);
    costs.push(b.json().costUsd);
    const u = await cli(['usage', '--json'], env);
    assert.equal(u.code, 0, u.stderr);
    const usage = u.json();
    assert.equal(typeof usage.totalCostUsd, 'number');
    assert.ok(Math.abs(usage.totalCostUsd - costs.reduce((a, c) => a + c, 0)) < 1e-12);
    assert.equal(usage.requests, 4);
    assert.deepEqual(usage.breakdown.map((x: any) => [x.key, x.requests]), [['anthropic', 3], ['bedrock', 1]]);
    // The local store (database and its write-ahead log) never holds a key.
    for (const f of await fs.readdir(env.SWITCHBOARD_HOME!)) {
      if (!f.startsWith('switchboard.db')) continue;
      const bytes = await fs.readFile(path.join(env.SWITCHBOARD_HOME!, f));
      assert.ok(!bytes.includes(KEY), `${f} holds the key`);
    }
  });

  describe('bad input: documented exit code and a one-line message', () => {
    it('unknown model → exit 5 naming the known models', async () => {
      const r = await cli(['chat', '--anthropic-base-url', anthropic.url, '--model', 'sonet', 'x'], env);
      assert.equal(r.code, 5);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.match(r.stderr, /model_not_found/);
      assert.match(r.stderr, /sonnet/);
      assert.equal(anthropic.requests.length, 0);
    });

    it('unknown model with --json → the error object', async () => {
      const r = await cli(['chat', '--anthropic-base-url', anthropic.url, '--model', 'sonet', '--json', 'x'], env);
      assert.equal(r.code, 5);
      const { error } = r.json();
      assert.equal(error.type, 'model_not_found');
      assert.equal(typeof error.message, 'string');
      assert.ok('provider' in error && 'hint' in error);
    });

    it('invalid YAML → exit 2 with the line', async () => {
      const file = path.join(dir, 'bad.yml');
      await fs.writeFile(file, 'model_provider:\n  type: anthropic\n  bedrock: [unclosed\n');
      const r = await cli(['chat', '--config', file, 'x'], env);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /invalid_config/);
      assert.match(r.stderr, /line \d+/);
    });

    it('a bad region in YAML → exit 2 naming the field', async () => {
      const file = path.join(dir, 'region.yml');
      await fs.writeFile(file, 'model_provider:\n  type: bedrock\n  bedrock:\n    aws_region: us-east-9\n');
      const r = await cli(['config', 'validate', file], env);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /model_provider\.bedrock\.aws_region: "us-east-9" is not a region/);
    });

    it('missing Anthropic key → exit 3 telling how to set it, and no request is sent', async () => {
      const noKey = { ...env };
      delete noKey.ANTHROPIC_API_KEY;
      const r = await cli(['chat', '--anthropic-base-url', anthropic.url, '--json', 'x'], noKey);
      assert.equal(r.code, 3);
      const { error } = r.json();
      assert.equal(error.type, 'authentication');
      assert.match(error.hint, /ANTHROPIC_API_KEY/);
      assert.equal(anthropic.requests.filter((q) => q.path === '/v1/messages').length, 0);
    });

    it('a rejected key → exit 3 and the key is not printed', async () => {
      const r = await cli(['chat', '--anthropic-base-url', anthropic.url, 'x'], { ...env, ANTHROPIC_API_KEY: 'sk-ant-wrong-key-123456' });
      assert.equal(r.code, 3);
      assert.ok(!r.stderr.includes('sk-ant-wrong-key-123456'));
    });

    it('rate limited after retries → exit 4', async () => {
      anthropic.faults.push({ kind: 'error', status: 429, errorType: 'rate_limit_error', retryAfterMs: 1 }, { times: Infinity });
      const r = await cli(['chat', '--anthropic-base-url', anthropic.url, '--json', 'x'], env);
      assert.equal(r.code, 4);
      assert.equal(r.json().error.type, 'rate_limit');
      assert.equal(anthropic.requests.filter((q) => q.path === '/v1/messages').length, 4, 'default policy: 4 attempts');
    });

    it('unknown flag or command → exit 2', async () => {
      assert.equal((await cli(['chat', '--frobnicate'], env)).code, 2);
      assert.equal((await cli(['frobnicate'], env)).code, 2);
      assert.equal((await cli(['chat', '--provider', 'azure', 'x'], env)).code, 2);
      assert.equal((await cli(['chat', '--aws-region', 'us-east-9', 'x'], env)).code, 2);
    });

    it('an invalid SWITCHBOARD_PROVIDER is an error, not a silent default', async () => {
      const r = await cli(['chat', '--anthropic-base-url', anthropic.url, 'x'], { ...env, SWITCHBOARD_PROVIDER: 'azure' });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /SWITCHBOARD_PROVIDER/);
    });
  });

  it('models lists logical names with both providers\' IDs for the region', async () => {
    const r = await cli(['models', '--aws-region', 'ap-northeast-1', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const { region, models } = r.json();
    assert.equal(region, 'ap-northeast-1');
    const sonnet = models.find((m: any) => m.name === 'sonnet');
    assert.equal(sonnet.anthropic, ALIAS.sonnet.anthropicId);
    assert.match(sonnet.bedrock, new RegExp(`^(jp|apac)\\.${ALIAS.sonnet.bedrockId}$`));
  });

  it('config show reports each value with its source, and no secret', async () => {
    const r = await cli(['config', 'show', '--provider', 'bedrock'], { ...env, AWS_REGION: 'eu-central-1' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /provider = bedrock \(explicit: --provider\)/);
    assert.match(r.stdout, /bedrock\.awsRegion = eu-central-1 \(environment: AWS_REGION\)/);
    assert.ok(!r.stdout.includes(KEY));
  });

  it('test-connection on Bedrock proves the model and says who we are without printing the secret', async () => {
    const r = await cli(['test-connection', '--provider', 'bedrock', '--bedrock-endpoint', bedrock.url, '--aws-region', 'eu-west-1', '--json'], { ...env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const info = r.json();
    assert.equal(info.provider, 'bedrock');
    assert.equal(info.region, 'eu-west-1');
    assert.equal(info.modelId, `eu.${ALIAS.sonnet.bedrockId}`);
    assert.match(info.identity, new RegExp(TEST_CREDENTIALS.accessKeyId.slice(-4)));
    assert.ok(!r.stdout.includes(TEST_CREDENTIALS.secretAccessKey));
    assert.ok(bedrock.requests.some((q) => q.modelId === `eu.${ALIAS.sonnet.bedrockId}`));
  });

  it('test-connection reports identity, model and latency', async () => {
    const r = await cli(['test-connection', '--anthropic-base-url', anthropic.url, '--json'], env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const info = r.json();
    assert.equal(info.provider, 'anthropic');
    assert.match(info.identity, /…/);
    assert.ok(!info.identity.includes(KEY));
    assert.equal(typeof info.latencyMs, 'number');
  });
});
