import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { cli, isolatedEnv } from './cliHelpers';

const KEY = 'sk-ant-test-key';

describe('CLI usage, prices and budget', () => {
  let anthropic: AnthropicEmulator;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  before(async () => { anthropic = await startAnthropicEmulator(); });
  after(async () => { await anthropic.close(); });
  beforeEach(async () => {
    anthropic.reset();
    ({ env, cleanup } = await isolatedEnv({ ANTHROPIC_API_KEY: KEY }));
  });
  afterEach(async () => { await cleanup(); });

  const chat = (e: NodeJS.ProcessEnv, prompt = 'hello', model?: string): ReturnType<typeof cli> => cli(['chat', '--anthropic-base-url', anthropic.url, '--json', ...(model ? ['--model', model] : []), prompt], e);

  it('usage --json adds cache-write spend, comparison and advice and keeps totalCostUsd', async () => {
    const costs: number[] = [];
    for (const p of ['one', 'two']) costs.push((await chat(env, p)).json().costUsd);
    const u = (await cli(['usage', '--json'], env)).json();
    assert.ok(Math.abs(u.totalCostUsd - costs[0] - costs[1]) < 1e-12);
    assert.equal(u.cacheWriteCostUsd, 0);
    assert.deepEqual(u.byCacheWriteUsd, { anthropic: 0 });
    assert.ok(Math.abs(u.comparison.actualUsd - u.totalCostUsd) < 1e-12);
    assert.deepEqual(u.comparison.scenarios.map((s: { scenario: string }) => s.scenario), ['anthropic', 'bedrock-global', 'bedrock-regional']);
    assert.ok(Array.isArray(u.advice));
    assert.equal(u.monthToDate.requests, 2);
    const text = await cli(['usage'], env);
    assert.match(text.stdout, /^cache writes: \$0\.0000/m);
  });

  it('prices with SWITCHBOARD_HOME/prices.json overrides', async () => {
    await fs.mkdir(env.SWITCHBOARD_HOME!, { recursive: true });
    await fs.writeFile(path.join(env.SWITCHBOARD_HOME!, 'prices.json'), JSON.stringify({ sonnet: { input: 30, output: 150 } }));
    const out = (await chat(env)).json();
    const expected = (out.usage.inputTokens * 30 + out.usage.outputTokens * 150) / 1e6;
    assert.ok(Math.abs(out.costUsd - expected) < 1e-12, `${out.costUsd} vs ${expected}`);
  });

  it('warns once per threshold on stderr and, with the hard stop, refuses without a request until overridden once', async () => {
    // One 'hello' on Sonnet 4.6 (pinned: the figures are its prices) costs $0.000078: a $0.00007 budget is crossed by the first request alone (the old
    // JSONL path counted that request twice — read back from the ledger and added again — so $0.0001 used to "work").
    const budgetEnv = { ...env, SWITCHBOARD_BUDGET_USD: '0.00007', SWITCHBOARD_BUDGET_ALERTS: '100' };
    const first = await chat(budgetEnv, 'hello', 'sonnet-4.6');
    assert.equal(first.code, 0);
    assert.match(first.stderr, /spent this month, \d+ % of your \$0\.0001 budget/);
    const second = await chat(budgetEnv, 'hello', 'sonnet-4.6');
    assert.doesNotMatch(second.stderr, /spent this month/, 'the 100 % alert fires once a month');

    const stopEnv = { ...budgetEnv, SWITCHBOARD_BUDGET_HARD_STOP: '1' };
    const before = anthropic.requestsTo('/v1/messages').length;
    const refused = await chat(stopEnv, 'hello', 'sonnet-4.6');
    assert.notEqual(refused.code, 0);
    assert.match(refused.stdout, /budget/);
    assert.equal(anthropic.requestsTo('/v1/messages').length, before, 'nothing sent over budget');
    const allowed = await chat({ ...stopEnv, SWITCHBOARD_ALLOW_OVER_BUDGET: '1' }, 'hello', 'sonnet-4.6');
    assert.equal(allowed.code, 0);
    assert.equal(anthropic.requestsTo('/v1/messages').length, before + 1);
  });
});
