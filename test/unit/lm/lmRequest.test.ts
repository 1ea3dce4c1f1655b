import * as assert from 'node:assert/strict';
import { CACHE_CONTROL_MIME, LmRequestError, toModelRequest } from '../../../src/presenters/lm/lmRequest';
import { describeResult, lmFailure, partsOf, surfaceOf } from '../../../src/presenters/lm/lmResponse';
import { LM_ROLE, LM_TOOL_MODE } from '../../../src/presenters/lm/lmShapes';
import type { LmMessageShape } from '../../../src/presenters/lm/lmShapes';
import { SwitchboardError } from '../../../src/core/errors';

// The vscode part classes, as plain objects with the same fields (the converter reads fields only).
const text = (value: string): { value: string } => ({ value });
const call = (callId: string, name: string, input: object): { callId: string; name: string; input: object } => ({ callId, name, input });
const result = (callId: string, content: unknown[]): { callId: string; content: unknown[] } => ({ callId, content });
const data = (mimeType: string, bytes: string | Uint8Array): { mimeType: string; data: Uint8Array } => ({ mimeType, data: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes });
const user = (...content: unknown[]): LmMessageShape => ({ role: LM_ROLE.user, content, name: undefined });
const assistant = (...content: unknown[]): LmMessageShape => ({ role: LM_ROLE.assistant, content, name: undefined });
const system = (...content: unknown[]): LmMessageShape => ({ role: LM_ROLE.system, content, name: undefined });
const auto = { toolMode: LM_TOOL_MODE.auto };

describe('lm request conversion (VS Code messages → ModelRequest)', () => {
  it('turns text, a tool call and its result into alternating user / assistant turns with tool_use and tool_result blocks', () => {
    const r = toModelRequest({
      model: 'sonnet-4.6',
      messages: [user(text('What is the weather in Paris? use get_weather')), assistant(text('Checking.'), call('call_1', 'get_weather', { city: 'Paris' })), user(result('call_1', [text('18 °C, sunny')]))],
      options: { ...auto, tools: [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }] },
    });
    assert.deepEqual(r.messages, [
      { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris? use get_weather' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 'call_1', content: '18 °C, sunny' }] },
    ]);
    assert.deepEqual(r.tools, [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }]);
    assert.equal(r.toolChoice, 'auto');
    assert.equal(r.model, 'sonnet-4.6');
  });

  it('honours toolMode Required: one tool is forced by name, several by "any"', () => {
    const one = toModelRequest({ model: 'm', messages: [user(text('hi'))], options: { toolMode: LM_TOOL_MODE.required, tools: [{ name: 'a', description: '' }] } });
    assert.deepEqual(one.toolChoice, { name: 'a' });
    const two = toModelRequest({ model: 'm', messages: [user(text('hi'))], options: { toolMode: LM_TOOL_MODE.required, tools: [{ name: 'a', description: '' }, { name: 'b', description: '' }] } });
    assert.equal(two.toolChoice, 'any');
    const none = toModelRequest({ model: 'm', messages: [user(text('hi'))], options: { toolMode: LM_TOOL_MODE.required } });
    assert.equal(none.toolChoice, undefined, 'no tools: no tool_choice (the APIs reject one without tools)');
  });

  it('gives a tool without a schema the empty object schema both APIs require', () => {
    const r = toModelRequest({ model: 'm', messages: [user(text('hi'))], options: { ...auto, tools: [{ name: 'now', description: 'time' }] } });
    assert.deepEqual(r.tools![0]!.inputSchema, { type: 'object', properties: {} });
  });

  it('sends system messages as the system prompt and merges consecutive messages of one role (Bedrock requires alternation)', () => {
    const r = toModelRequest({ model: 'm', messages: [system(text('Be brief.')), user(text('one')), user(text('two')), assistant(text('ok'))], options: auto });
    assert.deepEqual(r.system, [{ text: 'Be brief.' }]);
    assert.deepEqual(r.messages, [
      { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
    ]);
  });

  it('puts tool results first in their user turn and drops empty text (both APIs reject empty text blocks)', () => {
    const r = toModelRequest({ model: 'm', messages: [assistant(call('c', 't', {})), user(text(''), text('and also'), result('c', [text('done')]))], options: auto });
    assert.deepEqual(r.messages[1], { role: 'user', content: [{ type: 'tool_result', toolUseId: 'c', content: 'done' }, { type: 'text', text: 'and also' }] });
  });

  it('sends images as image blocks (base64) and text / JSON data as text', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const r = toModelRequest({ model: 'm', messages: [user(data('image/png', png), data('image/jpg', png), data('application/json', '{"a":1}'), data('text/plain; charset=utf-8', 'plain'))], options: auto });
    assert.deepEqual(r.messages[0]!.content, [
      { type: 'image', mediaType: 'image/png', data: Buffer.from(png).toString('base64') },
      { type: 'image', mediaType: 'image/jpeg', data: Buffer.from(png).toString('base64') },
      { type: 'text', text: '{"a":1}' },
      { type: 'text', text: 'plain' },
    ]);
  });

  it('turns the cache_control hint VS Code Chat sends into a prompt-cache breakpoint on the block before it', () => {
    const r = toModelRequest({ model: 'm', messages: [system(text('long instructions'), data(CACHE_CONTROL_MIME, 'ephemeral')), user(text('q'), data(CACHE_CONTROL_MIME, 'ephemeral'))], options: auto });
    assert.deepEqual(r.system, [{ text: 'long instructions', cache: true }]);
    assert.deepEqual(r.messages[0]!.content, [{ type: 'text', text: 'q', cache: true }]);
  });

  it('keeps images and text inside a tool result, and a prompt-tsx part as its JSON', () => {
    const png = new Uint8Array([1, 2, 3]);
    const r = toModelRequest({ model: 'm', messages: [assistant(call('c', 'shot', {})), user(result('c', [text('see'), data('image/png', png)]))], options: auto });
    assert.deepEqual(r.messages[1]!.content, [{ type: 'tool_result', toolUseId: 'c', content: [{ type: 'text', text: 'see' }, { type: 'image', mediaType: 'image/png', data: Buffer.from(png).toString('base64') }] }]);
    const tsx = toModelRequest({ model: 'm', messages: [assistant(call('c', 'x', {})), user(result('c', [{ value: { ctor: 2, children: [] } }]))], options: auto });
    assert.deepEqual(tsx.messages[1]!.content, [{ type: 'tool_result', toolUseId: 'c', content: '{"ctor":2,"children":[]}' }]);
  });

  it('refuses what cannot be sent with a message naming the part: an unknown data type, a misplaced tool call, an unknown part', () => {
    assert.throws(() => toModelRequest({ model: 'm', messages: [user(data('application/pdf', 'x'))], options: auto }), (e: unknown) => e instanceof LmRequestError && /message 1, part 1: data of type application\/pdf/.test(e.message));
    assert.throws(() => toModelRequest({ model: 'm', messages: [user(call('c', 't', {}))], options: auto }), /message 1, part 1: a tool call belongs in an assistant message/);
    assert.throws(() => toModelRequest({ model: 'm', messages: [user(text('a')), assistant(42)], options: auto }), /message 2, part 1 is of a kind Switchboard does not send \(number\)/);
  });

  it('passes the sampling options callers set (temperature, max_tokens, top_p, stop) and ignores others', () => {
    const r = toModelRequest({ model: 'm', messages: [user(text('hi'))], options: { ...auto, modelOptions: { temperature: 0, max_tokens: 300, top_p: 0.9, stop: ['END'], frequency_penalty: 1 } } });
    assert.equal(r.temperature, 0);
    assert.equal(r.maxTokens, 300);
    assert.equal(r.topP, 0.9);
    assert.deepEqual(r.stopSequences, ['END']);
    assert.equal((r as unknown as Record<string, unknown>).frequency_penalty, undefined);
  });
});

describe('lm response conversion (engine events → VS Code parts)', () => {
  it('reports text deltas as text and a finished tool call with its parsed input; the rest reports nothing', () => {
    assert.deepEqual(partsOf({ type: 'text_delta', index: 0, text: 'Hel' }), [{ kind: 'text', value: 'Hel' }]);
    assert.deepEqual(partsOf({ type: 'tool_use_start', index: 1, id: 't1', name: 'get_weather' }), []);
    assert.deepEqual(partsOf({ type: 'tool_use_stop', index: 1, id: 't1', name: 'get_weather', input: { city: 'Paris' } }), [{ kind: 'toolCall', callId: 't1', name: 'get_weather', input: { city: 'Paris' } }]);
    assert.deepEqual(partsOf({ type: 'tool_use_stop', index: 1, id: 't2', name: 'now', input: undefined }), [{ kind: 'toolCall', callId: 't2', name: 'now', input: {} }]);
    assert.deepEqual(partsOf({ type: 'thinking_delta', index: 0, text: 'hmm' }), []);
  });

  it('records the calling extension as the surface, VS Code itself as lm:vscode-chat, and says when it is unknown', () => {
    assert.equal(surfaceOf('saoudrizwan.claude-dev'), 'lm:saoudrizwan.claude-dev');
    assert.equal(surfaceOf('core'), 'lm:vscode-chat');
    assert.equal(surfaceOf(undefined), 'lm:unknown');
  });

  it('maps failures to LanguageModelError codes with our message and hint', () => {
    const auth = lmFailure(new SwitchboardError({ type: 'authentication', provider: 'anthropic', message: 'The Anthropic API key was rejected.', hint: 'Run "Switchboard: Set Anthropic API Key".' }));
    assert.deepEqual(auth, { code: 'NoPermissions', message: 'Switchboard: The Anthropic API key was rejected. Run "Switchboard: Set Anthropic API Key".' });
    assert.equal(lmFailure(new SwitchboardError({ type: 'model_not_found', message: 'x' })).code, 'NotFound');
    assert.equal(lmFailure(new SwitchboardError({ type: 'budget_exceeded', message: 'x' })).code, 'Blocked');
    assert.equal(lmFailure(new SwitchboardError({ type: 'overloaded', message: 'Both providers are overloaded.' })).code, undefined);
  });

  it('describes a result for the log without its content', () => {
    const line = describeResult({ provider: 'bedrock', model: 'sonnet-4.6', modelId: 'us.anthropic.claude-sonnet-4-6', text: 'SECRET ANSWER', toolCalls: [], stopReason: 'end_turn', usage: { inputTokens: 5, outputTokens: 2, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }, costUsd: 0.0001, latencyMs: 12, attempts: 1, cached: false, failover: { from: 'anthropic', to: 'bedrock', reason: 'overloaded' } }, 'lm:x.y');
    assert.match(line, /sonnet-4\.6 answered by bedrock us\.anthropic\.claude-sonnet-4-6 \(failover from anthropic: overloaded\)/);
    assert.doesNotMatch(line, /SECRET/);
  });
});
