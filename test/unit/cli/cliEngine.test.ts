import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { cli, useCliFixture } from './cliHelpers';
import { ALIAS } from '../client/clientHelpers';

describe('CLI through the engine (createSwitchboard)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  useCliFixture({ env: () => ({ ANTHROPIC_API_KEY: 'sk-ant-test-key' }), awsProfile: 'team' }, (f) => ({ anthropic, bedrock, env, dir } = f));
  // A profile with its own region and no region setting anywhere: the case of the issue.
  beforeEach(() => fs.writeFile(env.AWS_CONFIG_FILE!, '[profile team]\nregion = eu-west-1\n'));

  it('with a profile-only region, models --json, config show and chat agree on the region and IDs', async () => {
    const m = await cli(['models', '--provider', 'bedrock', '--aws-profile', 'team', '--json'], env);
    assert.equal(m.code, 0, m.stderr);
    const models = m.json();
    assert.equal(models.region, 'eu-west-1');
    assert.equal(models.regionSource, 'profile');
    const sonnet = models.models.find((r: { name: string }) => r.name === 'sonnet');
    assert.equal(sonnet.bedrock, `eu.${ALIAS.sonnet.bedrockId}`);

    const shown = await cli(['config', 'show', '--provider', 'bedrock', '--aws-profile', 'team', '--json'], env);
    assert.equal(shown.code, 0, shown.stderr);
    const cfg = shown.json();
    assert.equal(cfg.config.bedrock.awsRegion, 'eu-west-1');
    assert.equal(cfg.sources['bedrock.awsRegion'].source, 'profile');
    assert.match(cfg.sources['bedrock.awsRegion'].origin, /profile "team"/);
    assert.equal(cfg.resolved.models.sonnet.bedrock.modelId, `eu.${ALIAS.sonnet.bedrockId}`);
    const text = await cli(['config', 'show', '--provider', 'bedrock', '--aws-profile', 'team'], env);
    assert.match(text.stdout, /bedrock\.awsRegion = eu-west-1 \(profile: profile "team"/);

    const chat = await cli(['chat', '--provider', 'bedrock', '--aws-profile', 'team', '--bedrock-endpoint', bedrock.url, '--json', 'hi'], env);
    assert.equal(chat.code, 0, chat.stderr);
    assert.equal(chat.json().modelId, sonnet.bedrock);
    assert.equal(bedrock.modelRequests()[0]!.modelId, sonnet.bedrock);
  });

  it('models lists a default model given as a model ID with the IDs it is sent as, and says why a name does not resolve', async () => {
    const r = await cli(['models', '--model', 'claude-haiku-4-5-20251001', '--provider', 'bedrock', '--aws-profile', 'team'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^claude-haiku-4-5-20251001\s+claude-haiku-4-5-20251001\s+eu\.anthropic\.claude-haiku-4-5-20251001-v1:0$/m);
    assert.match(r.stdout, /^nova-pro\s+\(model_not_found\)\s+eu\.amazon\.nova-pro-v1:0$/m);
    assert.match(r.stdout, /^nova-pro on anthropic: Amazon Nova Pro \("nova-pro"\) is only available on Amazon Bedrock\.$/m);
    const shown = await cli(['config', 'show', '--model', 'claude-haiku-4-5-20251001', '--provider', 'bedrock', '--aws-profile', 'team', '--json'], env);
    const row = shown.json().resolved.models['claude-haiku-4-5-20251001'];
    assert.equal(row.bedrock.modelId, 'eu.anthropic.claude-haiku-4-5-20251001-v1:0');
    const chat = await cli(['chat', '--model', 'claude-haiku-4-5-20251001', '--provider', 'bedrock', '--aws-profile', 'team', '--bedrock-endpoint', bedrock.url, '--json', 'hi'], env);
    assert.equal(chat.code, 0, chat.stderr);
    assert.equal(bedrock.modelRequests()[0]!.modelId, row.bedrock.modelId);
  });

  it('with the key only in ANTHROPIC_API_KEY, config show, the log and test-connection all say "from ANTHROPIC_API_KEY", and that key is sent', async () => {
    const shown = await cli(['config', 'show'], env);
    assert.match(shown.stdout, /^anthropic API key \(ANTHROPIC_API_KEY\) = set \(environment: ANTHROPIC_API_KEY\)$/m);
    const t = await cli(['test-connection', '--anthropic-base-url', anthropic.url, '--json', '--verbose'], env);
    assert.equal(t.code, 0, t.stderr);
    assert.equal(t.json().identity, `API key …${env.ANTHROPIC_API_KEY!.slice(-4)} from ANTHROPIC_API_KEY`);
    assert.match(t.stderr, /anthropic: API key from ANTHROPIC_API_KEY/);
    assert.deepEqual(anthropic.requests.map((e) => e.headers?.['x-api-key'] ?? String(e.headers?.authorization).replace(/^Bearer /, '')), [env.ANTHROPIC_API_KEY]);
  });

  it('--no-stream reaches Bedrock Converse and a non-streamed Messages request (emulator logs)', async () => {
    const b = await cli(['chat', '--no-stream', '--provider', 'bedrock', '--aws-profile', 'team', '--bedrock-endpoint', bedrock.url, 'whole answer please'], env);
    assert.equal(b.code, 0, b.stderr);
    assert.ok(b.stdout.trim().length > 0);
    const paths = bedrock.modelRequests().map((e) => e.path);
    assert.equal(paths.length, 1);
    assert.match(paths[0]!, /\/converse$/);
    const a = await cli(['chat', '--no-stream', '--anthropic-base-url', anthropic.url, 'whole answer please'], env);
    assert.equal(a.code, 0, a.stderr);
    const sent = anthropic.requestsTo('/v1/messages');
    assert.equal(sent.length, 1);
    assert.notEqual((sent[0]!.body as { stream?: unknown }).stream, true);
  });

  it('a usage ledger that cannot be written is said once on stderr; the answer still comes (exit 0)', async () => {
    // SWITCHBOARD_HOME under a regular file: no folder can be made there (read-only homes fail the same way).
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    const r = await cli(['chat', '--anthropic-base-url', anthropic.url, '--no-cache', 'hello'], { ...env, SWITCHBOARD_HOME: path.join(blocker, 'home') });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.trim().length > 0);
    const said = r.stderr.split('\n').filter((l) => /Usage could not be recorded/.test(l));
    assert.equal(said.length, 1, r.stderr);
  });

  it('a hard-stop budget refuses, with a clear message and nothing sent, when the spend cannot be read', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    const budget = { SWITCHBOARD_BUDGET_USD: '5', SWITCHBOARD_BUDGET_HARD_STOP: '1', SWITCHBOARD_HOME: path.join(blocker, 'home') };
    const r = await cli(['chat', '--anthropic-base-url', anthropic.url, 'hello'], { ...env, ...budget });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /budget_exceeded: .*spend could not be read/);
    assert.equal(anthropic.requestsTo('/v1/messages').length, 0, 'nothing was sent');
  });

  it('deadlines from flags, YAML and the environment reach the engine; --first-token-timeout 0 turns it off', async () => {
    const r = await cli(['config', 'show', '--first-token-timeout', '0', '--idle-timeout', '45', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json().resolved.deadlines, { firstTokenMs: 0, idleMs: 45_000, totalMs: 900_000 });
    const file = path.join(dir, 'config.yml');
    await fs.writeFile(file, 'timeouts:\n  first_token_seconds: 12\n  total_seconds: 600\n');
    const layered = await cli(['config', 'show', '--config', file, '--json'], { ...env, SWITCHBOARD_IDLE_TIMEOUT: '40' });
    assert.equal(layered.code, 0, layered.stderr);
    assert.deepEqual(layered.json().resolved.deadlines, { firstTokenMs: 12_000, idleMs: 40_000, totalMs: 600_000 }, 'YAML and environment reach the engine');
    const bad = await cli(['chat', '--idle-timeout', 'soon', 'x'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--idle-timeout: "soon" is not a whole number of seconds/);
  });
});
