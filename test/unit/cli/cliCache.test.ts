import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { cli, isolatedEnv } from './cliHelpers';

const KEY = 'sk-ant-test-key';

describe('CLI response cache', () => {
  let anthropic: AnthropicEmulator;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  before(async () => {
    anthropic = await startAnthropicEmulator();
  });
  after(async () => anthropic.close());
  beforeEach(async () => {
    anthropic.reset();
    ({ env, cleanup } = await isolatedEnv({ ANTHROPIC_API_KEY: KEY }));
  });
  afterEach(async () => cleanup());

  const chat = (...extra: string[]): string[] => ['chat', '--provider', 'anthropic', '--anthropic-base-url', anthropic.url, '--temperature', '0', '--json', ...extra, 'what is a cache'];
  const messagesCalls = (): number => anthropic.requests.filter((r) => r.path === '/v1/messages').length;

  it('answers a repeated --temperature 0 request from the local store in $SWITCHBOARD_HOME with cached: true and no request', async () => {
    const first = await cli(chat(), env);
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.equal(first.json().cached, false);
    const store = openLocalStore(env.SWITCHBOARD_HOME!);
    assert.equal(store.responseCache.stats().entries, 1, 'the answer was stored before exit');
    store.close();
    const second = await cli(chat(), env);
    assert.equal(second.code, 0, second.stderr);
    const out = second.json();
    assert.equal(out.cached, true);
    assert.equal(out.costUsd, 0);
    assert.equal(out.text, first.json().text);
    assert.equal(messagesCalls(), 1);
    const usage = await cli(['usage', '--json'], env);
    assert.equal(usage.json().requests, 2, 'the hit is in the ledger');
  });

  it('--no-cache neither reads nor writes the cache', async () => {
    await cli(chat(), env);
    const r = await cli(chat('--no-cache'), env);
    assert.equal(r.json().cached, false);
    assert.equal(messagesCalls(), 2);
  });

  it('does not cache without --temperature 0 (the default temperature is not reproducible)', async () => {
    const args = ['chat', '--provider', 'anthropic', '--anthropic-base-url', anthropic.url, '--json', 'hello'];
    await cli(args, env);
    assert.equal((await cli(args, env)).json().cached, false);
    assert.equal(messagesCalls(), 2);
  });

  it('a damaged store never breaks a request: the answer comes, and the lost record is said once', async () => {
    await fs.mkdir(env.SWITCHBOARD_HOME!, { recursive: true });
    await fs.writeFile(path.join(env.SWITCHBOARD_HOME!, 'switchboard.db'), '\u0000garbage{ not a database '.repeat(200));
    const r = await cli(chat(), env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.ok(r.json().text.length > 0);
    assert.equal(r.stderr.split('\n').filter((l) => /Usage could not be recorded/.test(l)).length, 1, r.stderr);
  });
});
