// Twenty users' worth of `switchboard chat` at the same instant on ONE Switchboard home: the built
// CLI (dist/cli.js, as installed), twenty separate Node processes started together, half answered
// by Anthropic and half by Bedrock through the real SDKs against the emulators. Every request must
// be in the ledger and every answer in the response cache — counted in the database afterwards —
// and the same twenty again must all be cache hits that reach no provider.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs, readdirSync } from 'node:fs';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { freshCliBundle } from '../cli/builtCliBundle';
import { isolatedEnv } from '../cli/cliHelpers';
import { finished, skipWithoutSqlite } from './storeTestKit';

const PROCESSES = 20;

describe('20 concurrent CLI processes on one Switchboard home (built CLI, emulators)', function () {
  this.timeout(180_000);
  let cli: string;
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  before(async function () {
    skipWithoutSqlite(this);
    cli = await freshCliBundle();
    anthropic = await startAnthropicEmulator();
    bedrock = await startBedrockEmulator({ region: 'eu-west-1' });
    ({ env, cleanup } = await isolatedEnv({ ANTHROPIC_API_KEY: 'sk-ant-test-key' }));
    await fs.writeFile(env.AWS_SHARED_CREDENTIALS_FILE!, `[default]\naws_access_key_id = ${TEST_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${TEST_CREDENTIALS.secretAccessKey}\n`);
  });
  after(async () => {
    await anthropic?.close();
    await bedrock?.close();
    await cleanup?.();
  });

  /** Process i asks question i: even ones on Anthropic, odd ones on Bedrock; `--temperature 0` so the answer is cached. */
  function argsFor(i: number): string[] {
    const provider = i % 2 === 0 ? ['--provider', 'anthropic', '--anthropic-base-url', anthropic.url] : ['--provider', 'bedrock', '--bedrock-endpoint', bedrock.url, '--aws-region', 'eu-west-1'];
    return ['chat', ...provider, '--temperature', '0', '--json', `question number ${i}`];
  }

  /** All twenty started before any is awaited: they open, write and close the store at the same time. */
  async function runAll(): Promise<Array<{ cached: boolean; provider: string; text: string }>> {
    const children = Array.from({ length: PROCESSES }, (_, i) => spawn(process.execPath, [cli, ...argsFor(i)], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
    const ends = await Promise.all(children.map((c) => finished(c)));
    return ends.map((e, i) => {
      assert.equal(e.code, 0, `process ${i}: ${e.stderr}`);
      return JSON.parse(e.stdout) as { cached: boolean; provider: string; text: string };
    });
  }

  it('all 20 requests are in the ledger and all 20 answers in the cache; the same 20 again are cache hits sent nowhere', async () => {
    const first = await runAll();
    assert.deepEqual(first.map((r) => r.cached), Array(PROCESSES).fill(false));
    assert.deepEqual(first.map((r) => r.text), Array.from({ length: PROCESSES }, (_, i) => `Echo: question number ${i}`));
    const sent = { anthropic: anthropic.requestsTo('/v1/messages').length, bedrock: bedrock.modelRequests().length };
    assert.deepEqual(sent, { anthropic: PROCESSES / 2, bedrock: PROCESSES / 2 });

    let store = openLocalStore(env.SWITCHBOARD_HOME!);
    try {
      assert.equal(await store.ledger.count(), PROCESSES, 'ledger records');
      assert.equal(await store.ledger.count({ provider: 'anthropic', surface: 'cli' }), PROCESSES / 2);
      assert.equal(await store.ledger.count({ provider: 'bedrock', surface: 'cli' }), PROCESSES / 2);
      assert.equal(store.responseCache.stats().entries, PROCESSES, 'cache entries');
    } finally {
      store.close();
    }

    const again = await runAll();
    assert.deepEqual(again.map((r) => r.cached), Array(PROCESSES).fill(true), 'every repeat is answered from the shared cache');
    assert.deepEqual(again.map((r) => r.text), first.map((r) => r.text));
    assert.deepEqual({ anthropic: anthropic.requestsTo('/v1/messages').length, bedrock: bedrock.modelRequests().length }, sent, 'no repeat reached a provider');

    store = openLocalStore(env.SWITCHBOARD_HOME!);
    try {
      const records = await store.ledger.readAll();
      assert.equal(records.length, 2 * PROCESSES);
      assert.equal(records.filter((r) => r.cached).length, PROCESSES, 'the hits are recorded as cached');
      const stats = store.responseCache.stats();
      assert.deepEqual({ entries: stats.entries, hits: stats.hits }, { entries: PROCESSES, hits: PROCESSES });
    } finally {
      store.close();
    }
    assert.deepEqual(readdirSync(env.SWITCHBOARD_HOME!), ['switchboard.db'], 'nothing but the database is left in the home');
  });
});
