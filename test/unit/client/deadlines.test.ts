// The deadlines the PRODUCT sets (engine/deadlines DEFAULT_DEADLINES: first token 20 s, idle 30 s):
// nothing here sets a timeout, so these tests take as long as the defaults say.
import * as assert from 'node:assert/strict';
import { DEFAULT_DEADLINES } from '../../../src/core/engine/deadlines';
import { PartialAnswerError, resultOf } from '../../../src/core/engine/requestErrors';
import type { ClientEvent } from '../../../src/core/engine/types';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { useEmulators } from './clientHelpers';
import { emulatorEngine } from './engineHelpers';
import type { TestEngine } from './engineHelpers';

const ask = { model: 'sonnet', maxTokens: 64, messages: [{ role: 'user' as const, content: 'deadline check' }] };

describe('default deadlines (no timeout set by the test)', function () {
  this.timeout(DEFAULT_DEADLINES.idleMs + DEFAULT_DEADLINES.firstTokenMs + 20_000);
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let t: TestEngine | undefined;

  useEmulators({ region: 'eu-west-1' }, (e) => ({ anthropic, bedrock } = e));
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  async function collect(engine: TestEngine['engine']): Promise<ClientEvent[]> {
    const events: ClientEvent[] = [];
    for await (const e of engine.stream(ask)) events.push(e);
    return events;
  }

  it('a stream that stalls before the first token fails over within the first-token deadline', async () => {
    bedrock.faults.push({ kind: 'stall-mid-stream', afterEvents: 0 });
    t = await emulatorEngine(anthropic, bedrock, { provider: 'bedrock', fallbackProvider: 'anthropic', autoFallback: true });
    const events = await collect(t.engine);
    const failover = events.find((e) => e.type === 'failover');
    assert.ok(failover && failover.type === 'failover');
    assert.match(failover.failover.reason, /timeout: Bedrock sent no answer within 20 s \(first-token deadline\)/);
    assert.equal(bedrock.modelRequests().length, 1, 'failed over at once, not retried on the slow provider');
    const done = events.find((e) => e.type === 'done');
    assert.ok(done && done.type === 'done');
    assert.equal(done.result.provider, 'anthropic');
    assert.ok(done.result.latencyMs >= DEFAULT_DEADLINES.firstTokenMs);
    const records = await t.records();
    assert.deepEqual(records.map((r) => [r.provider, r.outcome, r.errorType]), [['bedrock', 'error', 'timeout'], ['anthropic', 'ok', undefined]]);
  });

  it('a slow first token (25 s, over the 20 s deadline) is treated as slow and fails over', async () => {
    anthropic.faults.push({ kind: 'slow-first-token', delayMs: 25_000 });
    t = await emulatorEngine(anthropic, bedrock, { fallbackProvider: 'bedrock', autoFallback: true });
    const events = await collect(t.engine);
    assert.ok(events.some((e) => e.type === 'failover'));
    const done = events.find((e) => e.type === 'done');
    assert.equal(done?.type === 'done' && done.result.provider, 'bedrock');
    const entry = anthropic.requestsTo('/v1/messages')[0]!;
    assert.equal(entry.clientClosed, true, 'the slow request was closed, not left running');
  });

  it('a stall after content keeps the partial answer, ends with a clear timeout and writes a ledger record', async () => {
    bedrock.faults.push({ kind: 'stall-mid-stream', afterEvents: 2 });
    t = await emulatorEngine(anthropic, bedrock, { provider: 'bedrock' });
    let text = '';
    let caught: unknown;
    try {
      for await (const e of t.engine.stream(ask)) if (e.type === 'text_delta') text += e.text;
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof PartialAnswerError, String(caught));
    assert.equal(caught.type, 'timeout');
    assert.match(caught.message, /Bedrock stopped sending: no event for 30 s after the answer started \(idle timeout\)/);
    assert.ok(text.length > 0);
    assert.equal(caught.partial.text, text);
    const records = await t.records();
    assert.equal(records.length, 1);
    assert.equal(records[0]!.outcome, 'partial');
    assert.equal(records[0]!.errorType, 'timeout');
    assert.equal(resultOf(caught)?.outcome, 'partial');
  });
});
