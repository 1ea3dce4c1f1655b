import * as assert from 'node:assert/strict';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';

const MODEL = 'claude-haiku-4-5';

describe('Anthropic emulator wire rules', () => {
  let emu: AnthropicEmulator;
  before(async () => {
    emu = await startAnthropicEmulator({ minCacheableTokens: 50 });
  });
  after(async () => {
    await emu.close();
  });
  beforeEach(() => emu.reset());

  async function post(path: string, body: unknown, headers: Record<string, string> = { 'x-api-key': 'sk-ant-test-key', 'anthropic-version': '2023-06-01' }): Promise<{ status: number; json: { type: string; error?: { type: string; message: string }; usage?: Record<string, number>; input_tokens?: number }; requestId: string | null }> {
    const res = await fetch(`${emu.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as never, requestId: res.headers.get('request-id') };
  }
  const msg = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }], ...extra });

  it('accepts the older x-api-key + 2023-06-01 style and logs it', async () => {
    const r = await post('/v1/messages', msg());
    assert.equal(r.status, 200);
    assert.equal(emu.requests[0]?.auth, 'x-api-key');
    assert.match(r.requestId ?? '', /^req_/);
  });

  it('accepts Authorization: Bearer + 2026-10-21', async () => {
    const r = await post('/v1/messages', msg(), { authorization: 'Bearer sk-ant-test-key', 'anthropic-version': '2026-10-21' });
    assert.equal(r.status, 200);
    assert.equal(emu.requests[0]?.auth, 'bearer');
  });

  it('requires a key, a valid key and a version', async () => {
    assert.deepEqual((await post('/v1/messages', msg(), { 'anthropic-version': '2023-06-01' })).json.error?.type, 'authentication_error');
    const wrong = await post('/v1/messages', msg(), { 'x-api-key': 'sk-ant-other', 'anthropic-version': '2023-06-01' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.type, 'error');
    assert.equal((await post('/v1/messages', msg(), { 'x-api-key': 'sk-ant-test-key' })).status, 400);
  });

  const invalid: Array<[string, Record<string, unknown>]> = [
    ['missing max_tokens', { model: MODEL, messages: [{ role: 'user', content: 'hi' }] }],
    ['empty messages', msg({ messages: [] })],
    ['a system role inside messages', msg({ messages: [{ role: 'system', content: 'x' }] })],
    ['two user turns in a row', msg({ messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] })],
    ['temperature above 1', msg({ temperature: 1.5 })],
    ['thinking budget below 1024', msg({ max_tokens: 5000, thinking: { type: 'enabled', budget_tokens: 1000 } })],
    ['thinking budget not below max_tokens', msg({ max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 2000 } })],
    ['a tool_result without a matching tool_use', msg({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'r' }] }] })],
    ['five cache breakpoints', msg({ system: [1, 2, 3, 4, 5].map((i) => ({ type: 'text', text: `s${i}`, cache_control: { type: 'ephemeral' } })) })],
  ];
  for (const [what, body] of invalid) {
    it(`refuses ${what} with 400 invalid_request_error`, async () => {
      const r = await post('/v1/messages', body);
      assert.equal(r.status, 400);
      assert.equal(r.json.error?.type, 'invalid_request_error');
    });
  }

  it('answers an unknown model with 404 not_found_error', async () => {
    const r = await post('/v1/messages', msg({ model: 'claude-unknown' }));
    assert.equal(r.status, 404);
    assert.equal(r.json.error?.type, 'not_found_error');
  });

  it('caches only prefixes of at least minCacheableTokens, and reads them back', async () => {
    const small = msg({ system: [{ type: 'text', text: 'short', cache_control: { type: 'ephemeral' } }] });
    assert.equal((await post('/v1/messages', small)).json.usage?.cache_creation_input_tokens, 0);
    const big = msg({ system: [{ type: 'text', text: 'long system prompt '.repeat(30), cache_control: { type: 'ephemeral' } }] });
    const first = (await post('/v1/messages', big)).json.usage!;
    const second = (await post('/v1/messages', { ...big, messages: [{ role: 'user', content: 'another question' }] })).json.usage!;
    assert.ok(first.cache_creation_input_tokens! >= 50);
    assert.equal(second.cache_read_input_tokens, first.cache_creation_input_tokens);
    assert.equal(emu.cacheEntries().length, 1);
    assert.equal(emu.cacheEntries()[0]?.reads, 1);
  });

  it('counts tokens without max_tokens', async () => {
    const r = await post('/v1/messages/count_tokens', { model: MODEL, messages: [{ role: 'user', content: 'count these words' }] });
    assert.equal(r.status, 200);
    assert.ok((r.json.input_tokens ?? 0) > 0);
  });

  it('lists models and leaves list calls alone unless a fault targets them', async () => {
    emu.faults.push({ kind: 'error', status: 500, errorType: 'api_error' });
    const list = await fetch(`${emu.url}/v1/models?limit=2`, { headers: { 'x-api-key': 'sk-ant-test-key', 'anthropic-version': '2023-06-01' } });
    assert.equal(list.status, 200);
    const body = (await list.json()) as { data: Array<{ id: string }>; has_more: boolean };
    assert.equal(body.data.length, 2);
    assert.equal(body.has_more, true);
    assert.equal(emu.faults.size, 1, 'the fault waits for a model call');
  });
});
