import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { AnthropicProvider } from '../../../src/core/providers/anthropic/anthropicProvider';
import { API_KEY_HINT } from '../../../src/core/providers/anthropic/anthropicErrors';
import type { ModelRequest } from '../../../src/core/types';
import { collect, providerFor, rejection, textOf } from './helpers';

const MODEL = 'claude-sonnet-4-6';
const hello: ModelRequest = { model: MODEL, messages: [{ role: 'user', content: 'hello there, this answer streams in several pieces' }] };

describe('AnthropicProvider errors', () => {
  let emu: AnthropicEmulator;
  before(async () => {
    emu = await startAnthropicEmulator({ contextWindow: 5_000 });
  });
  after(async () => {
    await emu.close();
  });
  beforeEach(() => emu.reset());

  it('fails with missing_api_key before any request when no key is set', async () => {
    const err = await rejection(new AnthropicProvider({ baseUrl: emu.url }).send(hello));
    assert.equal(err.type, 'authentication');
    assert.equal(err.code, 'missing_api_key');
    assert.equal(err.hint, API_KEY_HINT);
    assert.equal(emu.requests.length, 0);
  });

  it('reports a rejected key as invalid_api_key with the set-key hint and no key in the text', async () => {
    const err = await rejection(providerFor(emu, { apiKey: 'sk-ant-api03-wrongwrongwrong' }).send(hello));
    assert.equal(err.type, 'authentication');
    assert.equal(err.code, 'invalid_api_key');
    assert.equal(err.status, 401);
    assert.equal(err.hint, API_KEY_HINT);
    assert.match(err.requestId ?? '', /^req_emu_/);
    assert.ok(!JSON.stringify(err.toJSON()).includes('wrongwrong'));
  });

  const statusCases: Array<{ status: number; errorType: string; message?: string; type: string; hint: RegExp }> = [
    { status: 403, errorType: 'permission_error', type: 'permission', hint: /access|workspace/i },
    { status: 413, errorType: 'request_too_large', type: 'invalid_request', hint: /smaller|fewer/i },
    { status: 529, errorType: 'overloaded_error', type: 'overloaded', hint: /Bedrock/ },
    { status: 500, errorType: 'api_error', type: 'unavailable', hint: /retry/i },
    { status: 503, errorType: 'api_error', type: 'unavailable', hint: /retry/i },
    { status: 400, errorType: 'invalid_request_error', message: 'messages.0: something odd', type: 'invalid_request', hint: /parameter/i },
  ];
  for (const c of statusCases) {
    it(`maps HTTP ${c.status} ${c.errorType} to ${c.type} with a hint, in one request`, async () => {
      emu.faults.push({ kind: 'error', status: c.status, errorType: c.errorType, ...(c.message ? { message: c.message } : {}) });
      const err = await rejection(providerFor(emu).send(hello));
      assert.equal(err.type, c.type);
      assert.equal(err.status, c.status);
      assert.match(err.hint ?? '', c.hint);
      assert.equal(emu.requestsTo('/v1/messages').length, 1, 'SDK retries are off');
    });
  }

  it('takes retryAfterMs from retry-after on a 429, with one request', async () => {
    emu.faults.push({ kind: 'error', status: 429, errorType: 'rate_limit_error', retryAfterSeconds: 7 });
    const err = await rejection(providerFor(emu).send(hello));
    assert.equal(err.type, 'rate_limit');
    assert.equal(err.retryAfterMs, 7000);
    assert.equal(err.retryable, true);
    assert.match(err.hint ?? '', /7 s/);
    assert.equal(emu.requestsTo('/v1/messages').length, 1);
  });

  it('prefers retry-after-ms over retry-after on a 529', async () => {
    emu.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error', retryAfterSeconds: 9, retryAfterMs: 1234 });
    const { error, events } = await collect(providerFor(emu).stream(hello));
    assert.equal(error?.type, 'overloaded');
    assert.equal(error?.retryAfterMs, 1234);
    assert.equal(events.length, 0);
    assert.equal(emu.requestsTo('/v1/messages').length, 1);
  });

  it('maps an unknown model to model_not_found naming the model', async () => {
    const err = await rejection(providerFor(emu).send({ ...hello, model: 'claude-nonexistent-9' }));
    assert.equal(err.type, 'model_not_found');
    assert.match(err.message, /claude-nonexistent-9/);
    assert.match(err.hint ?? '', /sonnet/);
  });

  it('maps "prompt is too long" to context_length', async () => {
    const err = await rejection(providerFor(emu).send({ model: MODEL, messages: [{ role: 'user', content: 'word '.repeat(6_000) }] }));
    assert.equal(err.type, 'context_length');
    assert.match(err.hint ?? '', /Shorten/);
  });

  it('surfaces the service validation (thinking budget below 1024) as invalid_request', async () => {
    const err = await rejection(providerFor(emu).send({ ...hello, thinkingBudget: 500 }));
    assert.equal(err.type, 'invalid_request');
    assert.match(err.message, /budget_tokens/);
  });

  it('reports connection refused as network / connection_refused', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const err = await rejection(new AnthropicProvider({ apiKey: 'sk-ant-test-key', baseUrl: `http://127.0.0.1:${port}` }).send(hello));
    assert.equal(err.type, 'network');
    assert.equal(err.code, 'connection_refused');
    assert.equal(err.retryable, true);
  });

  it('reports a dropped connection as a network error', async () => {
    emu.faults.push({ kind: 'drop-connection' });
    const err = await rejection(providerFor(emu).send(hello));
    assert.equal(err.type, 'network');
    assert.equal(emu.requestsTo('/v1/messages')[0]?.fault, 'drop-connection');
  });

  it('times out on a slow first byte', async () => {
    emu.faults.push({ kind: 'slow-first-byte', delayMs: 2_000 });
    const err = await rejection(providerFor(emu, { timeoutMs: 150 }).send(hello));
    assert.equal(err.type, 'timeout');
    assert.equal(err.retryable, true);
  });

  describe('mid-stream failures arrive after the text already yielded', () => {
    it('reset → network / connection_reset', async () => {
      emu.faults.push({ kind: 'reset-mid-stream', afterEvents: 2 });
      const { events, error } = await collect(providerFor(emu).stream(hello));
      assert.ok(textOf(events).length > 0, 'some text first');
      assert.equal(error?.type, 'network');
      assert.equal(error?.code, 'connection_reset');
      assert.equal(error?.details?.midStream, true);
    });

    it('stall → timeout', async () => {
      emu.faults.push({ kind: 'stall-mid-stream', afterEvents: 2 });
      const { events, error } = await collect(providerFor(emu, { timeoutMs: 200 }).stream(hello));
      assert.ok(textOf(events).length > 0);
      assert.equal(error?.type, 'timeout');
      assert.equal(error?.details?.midStream, true);
    });

    it('malformed frame → network / stream_interrupted', async () => {
      emu.faults.push({ kind: 'malformed-frame', afterEvents: 2 });
      const { events, error } = await collect(providerFor(emu).stream(hello));
      assert.ok(textOf(events).length > 0);
      assert.equal(error?.type, 'network');
      assert.equal(error?.code, 'stream_interrupted');
    });

    it('error event → the matching type with stream_interrupted', async () => {
      emu.faults.push({ kind: 'error-event', afterEvents: 2, errorType: 'overloaded_error' });
      const { events, error } = await collect(providerFor(emu).stream(hello));
      assert.ok(textOf(events).length > 0);
      assert.equal(error?.type, 'overloaded');
      assert.equal(error?.code, 'stream_interrupted');
      assert.equal(emu.requestsTo('/v1/messages').length, 1);
    });
  });

  it('abort mid-stream → cancelled, and the emulator sees the client close', async () => {
    emu.faults.push({ kind: 'stall-mid-stream', afterEvents: 2 });
    const controller = new AbortController();
    const events: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const e of providerFor(emu).stream(hello, { signal: controller.signal })) {
          events.push(e.type);
          if (e.type === 'text_delta') controller.abort();
        }
      })(),
    );
    assert.equal(err.type, 'cancelled');
    assert.ok(events.includes('text_delta'));
    await waitFor(() => emu.requestsTo('/v1/messages')[0]?.clientClosed === true);
  });

  it('falls back to a local estimate when count_tokens is missing (proxy 404)', async () => {
    const proxy = await startAnthropicEmulator({ disableCountTokens: true });
    try {
      const count = await providerFor(proxy).countTokens(hello);
      assert.equal(count.exact, false);
      assert.ok(count.inputTokens > 5);
      assert.equal(proxy.requestsTo('/v1/messages/count_tokens')[0]?.status, 404);
      // an unknown model on a real count_tokens is still an error, not an estimate
      const err = await rejection(providerFor(emu).countTokens({ ...hello, model: 'claude-nope' }));
      assert.equal(err.type, 'model_not_found');
    } finally {
      await proxy.close();
    }
  });

  it('health check reports failure without throwing', async () => {
    const health = await providerFor(emu, { apiKey: 'sk-ant-bad-key-1234' }).healthCheck();
    assert.equal(health.ok, false);
    assert.equal(health.error?.type, 'authentication');
  });

  it('validateAuth fails with permission when the key may not use the model', async () => {
    emu.faults.push({ kind: 'error', status: 403, errorType: 'permission_error' });
    const err = await rejection(providerFor(emu).validateAuth());
    assert.equal(err.type, 'permission');
  });
});

async function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
}
