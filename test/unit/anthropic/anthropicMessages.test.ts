import * as assert from 'node:assert/strict';
import { estimateInputTokens, fromAnthropicMessage, mapStopReason, toAnthropicParams, toCountTokensParams, toUsage } from '../../../src/core/providers/anthropic/anthropicMessages';
import { retryAfterMsFromHeaders } from '../../../src/core/providers/anthropic/anthropicErrors';
import type { ModelRequest } from '../../../src/core/types';

describe('anthropicMessages conversion', () => {
  it('puts cache_control on cached system blocks, tools, text and tool results', () => {
    const { body } = toAnthropicParams(
      {
        model: 'x',
        system: [{ text: 'rules', cache: true }, { text: 'more' }],
        tools: [{ name: 't', inputSchema: { properties: { a: { type: 'string' } } }, cache: true }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q', cache: true }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 't', input: { a: 'b' } }] },
          { role: 'user', content: [{ type: 'tool_result', toolUseId: 'toolu_1', content: 'ok', isError: true, cache: true }] },
        ],
      },
      'claude-sonnet-4-6',
    );
    assert.deepEqual(body.system, [{ type: 'text', text: 'rules', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'more' }]);
    assert.deepEqual(body.tools, [{ name: 't', input_schema: { type: 'object', properties: { a: { type: 'string' } } }, cache_control: { type: 'ephemeral' } }]);
    assert.deepEqual(body.messages[0], { role: 'user', content: [{ type: 'text', text: 'q', cache_control: { type: 'ephemeral' } }] });
    assert.deepEqual(body.messages[2], { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok', is_error: true, cache_control: { type: 'ephemeral' } }] });
  });

  it('maps tool choices', () => {
    const base: ModelRequest = { model: 'x', messages: [{ role: 'user', content: 'q' }], tools: [{ name: 't', inputSchema: { type: 'object' } }] };
    assert.deepEqual(toAnthropicParams({ ...base, toolChoice: 'any' }, 'm').body.tool_choice, { type: 'any' });
    assert.deepEqual(toAnthropicParams({ ...base, toolChoice: 'none' }, 'm').body.tool_choice, { type: 'none' });
    assert.deepEqual(toAnthropicParams({ ...base, toolChoice: { name: 't' } }, 'm').body.tool_choice, { type: 'tool', name: 't' });
    assert.equal(toAnthropicParams({ ...base, tools: [], toolChoice: 'auto' }, 'm').body.tool_choice, undefined);
  });

  it('turns a thinking budget into thinking config, makes room in max_tokens and drops sampling the API refuses', () => {
    const r = toAnthropicParams({ model: 'x', thinkingBudget: 3000, temperature: 0.3, topP: 0.5, messages: [{ role: 'user', content: 'q' }] }, 'm');
    assert.deepEqual(r.body.thinking, { type: 'enabled', budget_tokens: 3000 });
    assert.equal(r.body.max_tokens, 3000 + 4096);
    assert.equal(r.body.temperature, undefined);
    assert.equal(r.body.top_p, undefined);
    assert.equal(r.adjustments.length, 3);
    const explicit = toAnthropicParams({ model: 'x', thinkingBudget: 3000, maxTokens: 8000, messages: [{ role: 'user', content: 'q' }] }, 'm');
    assert.equal(explicit.body.max_tokens, 8000);
  });

  it('replays signed thinking and drops unsigned thinking', () => {
    const { body } = toAnthropicParams(
      { model: 'x', messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: [{ type: 'thinking', thinking: 'a', signature: 'sig' }, { type: 'thinking', thinking: 'b' }, { type: 'redacted_thinking', data: 'zz' }, { type: 'text', text: 'r' }] }] },
      'm',
    );
    assert.deepEqual(body.messages[1]?.content, [{ type: 'thinking', thinking: 'a', signature: 'sig' }, { type: 'redacted_thinking', data: 'zz' }, { type: 'text', text: 'r' }]);
  });

  it('joins betas into one anthropic-beta header and omits empty fields', () => {
    const r = toAnthropicParams({ model: 'x', system: '', stopSequences: [], anthropic: { betas: ['a', 'b', 'a'] }, messages: [{ role: 'user', content: 'q' }] }, 'm');
    assert.deepEqual(r.headers, { 'anthropic-beta': 'a,b' });
    assert.equal(r.body.system, undefined);
    assert.equal(r.body.stop_sequences, undefined);
  });

  it('builds count_tokens params without sampling fields', () => {
    const p = toCountTokensParams({ model: 'x', maxTokens: 10, temperature: 0.5, system: 's', messages: [{ role: 'user', content: 'q' }] }, 'm');
    assert.deepEqual(p, { model: 'm', system: 's', messages: [{ role: 'user', content: 'q' }] });
  });

  it('converts an answer with thinking, text and tool use', () => {
    const out = fromAnthropicMessage({
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 's' },
        { type: 'text', text: 'Let me look. ', citations: null },
        { type: 'tool_use', id: 'toolu_9', name: 'find', input: { q: 1 }, caller: undefined },
      ] as never,
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 5, output_tokens: 7, cache_creation_input_tokens: 3, cache_read_input_tokens: null } as never,
    });
    assert.equal(out.text, 'Let me look. ');
    assert.deepEqual(out.toolCalls, [{ id: 'toolu_9', name: 'find', input: { q: 1 } }]);
    assert.equal(out.stopReason, 'tool_use');
    assert.deepEqual(out.usage, { inputTokens: 5, outputTokens: 7, cacheWriteInputTokens: 3, cacheReadInputTokens: 0 });
  });

  it('maps unknown stop reasons to unknown and missing usage to zeros', () => {
    assert.equal(mapStopReason('refusal'), 'refusal');
    assert.equal(mapStopReason('something_new'), 'unknown');
    assert.equal(mapStopReason(null), 'unknown');
    assert.deepEqual(toUsage(null), { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 });
  });

  it('estimates tokens locally from text, tools and images', () => {
    const text = estimateInputTokens({ model: 'x', messages: [{ role: 'user', content: 'a'.repeat(400) }] });
    const withImage = estimateInputTokens({ model: 'x', messages: [{ role: 'user', content: [{ type: 'text', text: 'a'.repeat(400) }, { type: 'image', mediaType: 'image/png', data: 'AAAA' }] }] });
    assert.ok(text >= 100 && text < 110);
    assert.equal(withImage - text, 1600);
  });

  it('reads retry-after-ms, retry-after seconds and HTTP dates', () => {
    const h = (o: Record<string, string>): Headers => new Headers(o);
    assert.equal(retryAfterMsFromHeaders(h({ 'retry-after-ms': '250.4', 'retry-after': '9' })), 250);
    assert.equal(retryAfterMsFromHeaders(h({ 'retry-after': '3' })), 3000);
    const now = Date.parse('2026-11-01T00:00:00Z');
    assert.equal(retryAfterMsFromHeaders(h({ 'retry-after': 'Sun, 01 Nov 2026 00:00:05 GMT' }), now), 5000);
    assert.equal(retryAfterMsFromHeaders(h({})), undefined);
  });
});
