import * as assert from 'node:assert/strict';
import { ResponseCache } from '../../../src/core/cache/responseCache';
import { DEFAULT_BREAKER_OPTIONS, BreakerRegistry } from '../../../src/core/routing/circuitBreaker';
import { resultOf } from '../../../src/core/engine/requestErrors';
import type { ClientEvent } from '../../../src/core/engine/types';
import { isSwitchboardError } from '../../../src/core/errors';
import { MemoryLogger } from '../../../src/core/logger';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { ALIAS, useEmulators } from './clientHelpers';
import { useEngines } from './engineHelpers';

const ask = { model: 'sonnet', maxTokens: 64, messages: [{ role: 'user' as const, content: 'hello there, engine' }] };

describe('engine (createSwitchboard, product defaults)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  useEmulators({ region: 'eu-west-1' }, (e) => ({ anthropic, bedrock } = e));
  const make = useEngines(() => ({ anthropic, bedrock }));

  it('logs the Anthropic key source truly: the environment variable when only it holds the key', async () => {
    const logger = new MemoryLogger();
    const { engine } = await make({}, { secrets: {}, env: { ANTHROPIC_API_KEY: 'sk-ant-test-key' }, logger });
    await engine.send(ask);
    assert.ok(logger.lines.some((l) => /anthropic: API key from ANTHROPIC_API_KEY/.test(l)), logger.lines.join('\n'));
    assert.ok(!logger.lines.some((l) => /SecretStorage/.test(l)));
  });

  it('a stored key wins over the variable: it is the key sent, and the log and resolved() say SecretStorage (the same value in both says so too)', async () => {
    const stored = new MemoryLogger();
    const t = await make({}, { secrets: { anthropicApiKey: 'sk-ant-test-key' }, secretsFrom: 'SecretStorage', env: { ANTHROPIC_API_KEY: 'sk-ant-other' }, logger: stored });
    await t.engine.send(ask);
    assert.ok(stored.lines.some((l) => /API key from SecretStorage/.test(l)), stored.lines.join('\n'));
    assert.deepEqual(anthropic.requestsTo('/v1/messages').map((e) => e.headers?.['x-api-key'] ?? String(e.headers?.authorization).replace(/^Bearer /, '')), ['sk-ant-test-key']);
    assert.deepEqual((await t.engine.resolved()).anthropic.apiKey, { set: true, from: 'SecretStorage' });
    // One decision (auth/apiKeyChoice): the stored key is used, so the store is its source, whatever the variable holds.
    const same = new MemoryLogger();
    const u = await make({}, { secrets: { anthropicApiKey: 'sk-ant-test-key' }, secretsFrom: 'SecretStorage', env: { ANTHROPIC_API_KEY: 'sk-ant-test-key' }, logger: same });
    await u.engine.send(ask);
    assert.ok(same.lines.some((l) => /API key from SecretStorage/.test(l)), same.lines.join('\n'));
    assert.deepEqual((await u.engine.resolved()).anthropic.apiKey, { set: true, from: 'SecretStorage' });
  });

  it('send() is one non-streamed call: Messages without stream, Bedrock Converse (emulator log)', async () => {
    const a = await make();
    const r = await a.engine.send(ask);
    assert.equal(r.provider, 'anthropic');
    const messages = anthropic.requestsTo('/v1/messages');
    assert.equal(messages.length, 1);
    assert.notEqual((messages[0]!.body as { stream?: unknown }).stream, true);
    const b = await make({ provider: 'bedrock' });
    const rb = await b.engine.send(ask);
    assert.equal(rb.provider, 'bedrock');
    const paths = bedrock.modelRequests().map((e) => e.path);
    assert.equal(paths.length, 1);
    assert.match(paths[0]!, /\/converse$/);
    assert.ok(rb.text.length > 0);
  });

  it('the result and the ledger describe the whole request: every attempt, both providers, total latency', async () => {
    // The primary asks to wait 0.2 s four times (the product's default policy: 4 attempts), then the fallback answers.
    anthropic.faults.push({ kind: 'error', status: 429, errorType: 'rate_limit_error', retryAfterMs: 200 }, { times: 4 });
    const t = await make({ fallbackProvider: 'bedrock', autoFallback: true });
    const events: ClientEvent[] = [];
    for await (const e of t.engine.stream(ask)) events.push(e);
    const done = events.find((e) => e.type === 'done');
    assert.ok(done && done.type === 'done');
    const result = done.result;
    const waited = events.filter((e) => e.type === 'retry').reduce((sum, e) => sum + (e.type === 'retry' ? e.delayMs : 0), 0);
    assert.equal(waited, 600);
    assert.equal(result.provider, 'bedrock');
    assert.equal(result.attempts, 5);
    assert.deepEqual(result.providersTried, ['anthropic', 'bedrock']);
    assert.ok(result.latencyMs >= waited, `latency ${result.latencyMs} ms must include the ${waited} ms waited on the primary`);
    const records = await t.records();
    const last = records[records.length - 1]!;
    assert.equal(last.provider, 'bedrock');
    assert.equal(last.latencyMs, result.latencyMs);
    assert.equal(last.costUsd, result.costUsd);
    assert.equal((last as unknown as { attempts: number }).attempts, 5);
  });

  it('a stopped answer: the error carries the same result (cost, outcome) the ledger recorded', async () => {
    const t = await make();
    const stop = new AbortController();
    let text = '';
    await assert.rejects(async () => {
      for await (const e of t.engine.stream({ ...ask, messages: [{ role: 'user', content: 'tell me a long story '.repeat(20) }] }, { signal: stop.signal })) {
        if (e.type === 'text_delta') {
          text += e.text;
          stop.abort();
        }
      }
    }, (e: unknown) => {
      assert.ok(isSwitchboardError(e));
      const result = resultOf(e);
      assert.ok(result, 'the error carries the result');
      assert.equal(result.outcome, 'cancelled');
      (globalThis as { __stopped?: unknown }).__stopped = result;
      return true;
    });
    assert.ok(text.length > 0);
    const result = (globalThis as { __stopped?: { costUsd: number | null; latencyMs: number } }).__stopped!;
    const [rec] = await t.records();
    assert.equal(rec!.outcome, 'cancelled');
    assert.equal(rec!.costUsd, result.costUsd);
    assert.equal(rec!.latencyMs, result.latencyMs);
  });

  it('a consumer that stops reading early releases the half-open breaker\'s probe slot and records the request', async () => {
    let now = 1_000_000;
    const breakers = new BreakerRegistry({ ...DEFAULT_BREAKER_OPTIONS, now: () => now });
    const t = await make({}, { breakers });
    const breaker = breakers.get('anthropic', ALIAS.sonnet.anthropicId);
    for (let i = 0; i < DEFAULT_BREAKER_OPTIONS.failureThreshold; i++) breaker.recordFailure();
    now += DEFAULT_BREAKER_OPTIONS.openMs;
    assert.equal(breaker.state, 'half-open');
    for await (const e of t.engine.stream(ask)) if (e.type === 'text_delta') break;
    assert.equal(breaker.tryAcquire(), true, 'the probe slot is free again');
    const records = await t.records();
    assert.equal(records.length, 1);
    assert.equal(records[0]!.outcome, 'cancelled');
  });

  it('with a fallback, a retry-after longer than the first-token deadline (25 s) fails over at once', async () => {
    anthropic.faults.push({ kind: 'error', status: 429, errorType: 'rate_limit_error', retryAfterSeconds: 25 });
    const t = await make({ fallbackProvider: 'bedrock', autoFallback: true });
    const events: ClientEvent[] = [];
    for await (const e of t.engine.stream(ask)) events.push(e);
    assert.equal(events.filter((e) => e.type === 'retry').length, 0, 'nothing was waited for');
    assert.ok(events.some((e) => e.type === 'failover'));
    assert.equal(anthropic.requestsTo('/v1/messages').length, 1);
    const done = events.find((e) => e.type === 'done');
    assert.equal(done?.type === 'done' && done.result.provider, 'bedrock');
  });

  it('without a fallback, a retry-after is waited out and the wait is announced (event + notice)', async () => {
    anthropic.faults.push({ kind: 'error', status: 429, errorType: 'rate_limit_error', retryAfterSeconds: 1 });
    const t = await make();
    const notices: string[] = [];
    t.engine.onDidChange((c) => c.kind === 'notice' && notices.push(c.message));
    const events: ClientEvent[] = [];
    for await (const e of t.engine.stream(ask)) events.push(e);
    const retry = events.find((e) => e.type === 'retry');
    assert.ok(retry && retry.type === 'retry');
    assert.equal(retry.delayMs, 1000);
    assert.match(retry.note ?? '', /asked to wait 1 s.*no fallback/);
    assert.equal(notices.length, 1);
    assert.ok(events.some((e) => e.type === 'done'));
  });

  it('the response cache misses across a per-provider mapping to different models, and after a mapping change', async () => {
    const cache = new ResponseCache({});
    const fast = { fast: { anthropic: 'claude-haiku-4-5', bedrock: 'amazon.nova-lite-v1:0' } };
    const t = await make({ modelMapping: fast }, { storage: { responseCache: cache } });
    const q = { ...ask, model: 'fast', temperature: 0 };
    const first = await t.engine.send(q, { provider: 'anthropic' });
    assert.equal(first.cached, false);
    assert.equal((await t.engine.send(q, { provider: 'anthropic' })).cached, true, 'same resolved model: a hit');
    const onBedrock = await t.engine.send(q, { provider: 'bedrock' });
    assert.equal(onBedrock.cached, false, 'Nova is not Claude Haiku: a miss');
    assert.equal(bedrock.modelRequests().length, 1);

    // A fresh cache: the answer above IS Claude Haiku 4.5's to this conversation, and would rightly serve it.
    const shared = new ResponseCache({});
    const before = await make({ modelMapping: { sonnet: { anthropic: 'claude-sonnet-4-6' } } }, { storage: { responseCache: shared } });
    const s = { ...ask, temperature: 0 };
    assert.equal((await before.engine.send(s)).cached, false);
    const after = await make({ modelMapping: { sonnet: { anthropic: 'claude-haiku-4-5' } } }, { storage: { responseCache: shared } });
    const changed = await after.engine.send(s);
    assert.equal(changed.cached, false, 'sonnet now maps to another model: a miss');
    assert.match(changed.modelId, /haiku/);
  });

  it('a ledger that cannot be written is reported once, clearly, and the answers still come', async () => {
    const broken = { append: async (): Promise<void> => { throw Object.assign(new Error('EROFS: read-only file system, open \'/home/u/usage/usage.jsonl\''), { code: 'EROFS' }); } };
    const t = await make({}, { storage: { ledger: broken } });
    const notices: string[] = [];
    t.engine.onDidChange((c) => c.kind === 'notice' && c.code === 'ledger_write_failed' && notices.push(c.message));
    assert.ok((await t.engine.send(ask)).text.length > 0);
    assert.ok((await t.engine.send(ask)).text.length > 0);
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /Usage could not be recorded: EROFS/);
  });

  it('resolved() is the configuration as a request uses it: region with its source, model IDs, prices, deadlines', async () => {
    const t = await make({ provider: 'bedrock' });
    const r = await t.engine.resolved();
    assert.deepEqual(r.bedrock.region, { region: 'eu-west-1', source: 'explicit', origin: 'configuration' });
    assert.equal(r.models.sonnet!.bedrock.modelId, `eu.${ALIAS.sonnet.bedrockId}`);
    assert.ok(r.models.sonnet!.anthropic.priceUsdPerMTok);
    assert.deepEqual(r.deadlines, { firstTokenMs: 20_000, idleMs: 30_000, totalMs: 900_000 });
    await t.engine.send(ask);
    assert.equal(bedrock.modelRequests()[0]!.modelId, r.models.sonnet!.bedrock.modelId);
  });

  it('resolved() lists the default model given as a provider ID, with the IDs a request that names no model is sent as', async () => {
    const t = await make({ model: 'claude-haiku-4-5-20251001', fallbackProvider: 'bedrock', autoFallback: true });
    const r = await t.engine.resolved();
    const row = r.models['claude-haiku-4-5-20251001'];
    assert.ok(row, `the default is missing from resolved().models: ${Object.keys(r.models).join(', ')}`);
    assert.equal(row.anthropic.modelId, 'claude-haiku-4-5-20251001');
    assert.equal(row.bedrock.modelId, 'eu.anthropic.claude-haiku-4-5-20251001-v1:0');
    assert.ok(row.anthropic.priceUsdPerMTok);
    // Both legs of a request without a model: the primary, then (Anthropic overloaded) the fallback.
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const result = await t.engine.send({ messages: ask.messages, maxTokens: 64 } as typeof ask);
    assert.equal(result.provider, 'bedrock');
    assert.deepEqual(anthropic.requestsTo('/v1/messages').map((e) => (e.body as { model: string }).model).slice(0, 1), [row.anthropic.modelId]);
    assert.equal(bedrock.modelRequests()[0]!.modelId, row.bedrock.modelId);
  });

  it('resolved() says why a name does not resolve on a provider: the sentence, not only the error type', async () => {
    const r = await (await make()).engine.resolved();
    const nova = r.models['nova-pro']!.anthropic;
    assert.equal(nova.modelId, null);
    assert.equal(nova.errorType, 'model_not_found');
    assert.equal(nova.error, 'Amazon Nova Pro ("nova-pro") is only available on Amazon Bedrock.');
    const arn = 'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123';
    const own = (await (await make({ model: arn, provider: 'bedrock' })).engine.resolved()).models[arn]!;
    assert.equal(own.bedrock.modelId, arn);
    assert.match(own.anthropic.error ?? '', /Bedrock model ID with no known anthropic equivalent/);
    assert.doesNotMatch(own.anthropic.error ?? '', /Known models:/);
  });

  it('resolve() answers synchronously with the ID a request sends, in the region resolved() found', async () => {
    const t = await make({ provider: 'bedrock' });
    await t.engine.resolved();
    assert.equal(t.engine.resolve('bedrock').modelId, `eu.${ALIAS.sonnet.bedrockId}`);
    assert.equal(t.engine.resolve('anthropic', 'haiku').modelId, ALIAS.haiku.anthropicId);
    assert.throws(() => t.engine.resolve('anthropic', 'nova-pro'), (e: unknown) => isSwitchboardError(e) && e.type === 'model_not_found');
    await t.engine.send(ask);
    assert.equal(bedrock.modelRequests()[0]!.modelId, t.engine.resolve('bedrock', ask.model).modelId);
  });

  it('countTokens() counts with the provider answering now: Anthropic count_tokens, then Bedrock CountTokens on the base model while failed over', async () => {
    const t = await make({ fallbackProvider: 'bedrock', autoFallback: true });
    const count = await t.engine.countTokens(ask);
    assert.equal(count.exact, true);
    const counted = anthropic.requestsTo('/v1/messages/count_tokens');
    assert.deepEqual(counted.map((e) => (e.body as { model: string }).model), [ALIAS.sonnet.anthropicId]);
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity, match: (e) => e.path === '/v1/messages' });
    assert.equal((await t.engine.send(ask)).provider, 'bedrock');
    bedrock.reset();
    assert.equal((await t.engine.countTokens(ask)).exact, true);
    assert.deepEqual(bedrock.modelRequests().map((e) => [e.path.split('/').at(-1), e.modelId]), [['count-tokens', ALIAS.sonnet.bedrockId]]);
    // An explicit provider is honoured.
    assert.equal((await t.engine.countTokens(ask, { provider: 'anthropic' })).exact, true);
    assert.equal(anthropic.requestsTo('/v1/messages/count_tokens').length, 2);
  });
});
