import * as assert from 'node:assert/strict';
import { estimateRequestTokens, fromConverseContent, fromConverseStopReason, fromConverseUsage, toConverseRequest, toCountTokensInput } from '../../../src/core/providers/bedrock/converseMessages';
import { bedrockFamily, parseBedrockModelId } from '../../../src/core/providers/bedrock/bedrockModelIds';
import type { ModelRequest } from '../../../src/core/types';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');

describe('converseMessages: ours → Converse', () => {
  it('puts cachePoint blocks after cached system text, messages, tool results and tools for Claude', () => {
    const req: ModelRequest = {
      model: 'x',
      system: [{ text: 'rules', cache: true }, { text: 'more' }],
      tools: [{ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object' }, cache: true }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi', cache: true }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', content: 'sunny', cache: true }] },
      ],
    };
    const out = toConverseRequest(req, { modelId: 'eu.anthropic.claude-sonnet-4-6', family: 'anthropic' });
    assert.deepEqual(out.system, [{ text: 'rules' }, { cachePoint: { type: 'default' } }, { text: 'more' }]);
    assert.deepEqual(out.toolConfig?.tools, [{ toolSpec: { name: 'get_weather', description: 'Weather', inputSchema: { json: { type: 'object' } } } }, { cachePoint: { type: 'default' } }]);
    assert.deepEqual(out.messages?.[0]?.content, [{ text: 'hi' }, { cachePoint: { type: 'default' } }]);
    assert.deepEqual(out.messages?.[1]?.content, [{ toolUse: { toolUseId: 't1', name: 'get_weather', input: { city: 'Paris' } } }]);
    assert.deepEqual(out.messages?.[2]?.content, [{ toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }] } }, { cachePoint: { type: 'default' } }]);
  });

  it('drops cache flags for families without prompt caching and keeps Nova off tool cache points', () => {
    const req: ModelRequest = { model: 'x', system: [{ text: 'rules', cache: true }], tools: [{ name: 't', inputSchema: {}, cache: true }], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache: true }] }] };
    const llama = toConverseRequest(req, { modelId: 'meta.llama3-3-70b-instruct-v1:0', family: 'llama' });
    assert.equal(JSON.stringify(llama).includes('cachePoint'), false);
    const nova = toConverseRequest(req, { modelId: 'amazon.nova-pro-v1:0', family: 'nova' });
    assert.equal(JSON.stringify(nova.system).includes('cachePoint'), true);
    assert.equal(JSON.stringify(nova.toolConfig).includes('cachePoint'), false);
  });

  it('sends images as bytes with the format from the media type', () => {
    const out = toConverseRequest({ model: 'x', messages: [{ role: 'user', content: [{ type: 'image', mediaType: 'image/png', data: PNG }, { type: 'text', text: 'what is this?' }] }] }, { modelId: 'm', family: 'anthropic' });
    const image = out.messages![0]!.content![0]!.image!;
    assert.equal(image.format, 'png');
    assert.deepEqual(Buffer.from(image.source!.bytes!), Buffer.from(PNG, 'base64'));
  });

  it('maps inference settings, stop sequences, guardrail and latency', () => {
    const out = toConverseRequest(
      { model: 'x', messages: [{ role: 'user', content: 'hi' }], maxTokens: 100, temperature: 0.2, topP: 0.9, stopSequences: ['END'], bedrock: { guardrail: { identifier: 'gr-1', version: '2', trace: 'enabled' }, latency: 'optimized' } },
      { modelId: 'm', family: 'nova' },
    );
    assert.deepEqual(out.inferenceConfig, { maxTokens: 100, temperature: 0.2, topP: 0.9, stopSequences: ['END'] });
    assert.deepEqual(out.guardrailConfig, { guardrailIdentifier: 'gr-1', guardrailVersion: '2', trace: 'enabled' });
    assert.deepEqual(out.performanceConfig, { latency: 'optimized' });
  });

  it('asks Claude for thinking through additionalModelRequestFields and merges the user’s fields over it', () => {
    const out = toConverseRequest(
      { model: 'x', messages: [{ role: 'user', content: 'hi' }], thinkingBudget: 2048, bedrock: { additionalModelRequestFields: { thinking: { budget_tokens: 4096 }, stop_reason_detail: true } } },
      { modelId: 'm', family: 'anthropic' },
    );
    assert.deepEqual(out.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 4096 }, stop_reason_detail: true });
    // top_k is refused with thinking on ("`top_k` must be unset when thinking is enabled"): not sent, and said so.
    const notes: string[] = [];
    const withTopK = toConverseRequest(
      { model: 'x', messages: [{ role: 'user', content: 'hi' }], thinkingBudget: 2048, bedrock: { additionalModelRequestFields: { top_k: 5 } } },
      { modelId: 'm', family: 'anthropic', onAdjust: (n) => notes.push(n) },
    );
    assert.deepEqual(withTopK.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2048 } });
    assert.match(notes.join('\n'), /top_k 5 not sent: extended thinking does not accept top_k/);
    const nova = toConverseRequest({ model: 'x', messages: [{ role: 'user', content: 'hi' }], thinkingBudget: 2048 }, { modelId: 'm', family: 'nova' });
    assert.equal(nova.additionalModelRequestFields, undefined);
  });

  it('maps tool choice, and leaves tools out for "none" unless the history needs toolConfig', () => {
    const tools = [{ name: 'a', inputSchema: { type: 'object' } }];
    const base = { model: 'x', tools, messages: [{ role: 'user' as const, content: 'hi' }] };
    assert.deepEqual(toConverseRequest({ ...base, toolChoice: 'any' }, { modelId: 'm', family: 'anthropic' }).toolConfig?.toolChoice, { any: {} });
    assert.deepEqual(toConverseRequest({ ...base, toolChoice: { name: 'a' } }, { modelId: 'm', family: 'anthropic' }).toolConfig?.toolChoice, { tool: { name: 'a' } });
    assert.equal(toConverseRequest({ ...base, toolChoice: 'any' }, { modelId: 'm', family: 'llama' }).toolConfig?.toolChoice, undefined);
    assert.equal(toConverseRequest({ ...base, toolChoice: 'none' }, { modelId: 'm', family: 'anthropic' }).toolConfig, undefined);
    const withHistory = toConverseRequest(
      {
        ...base,
        toolChoice: 'none',
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'a', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', toolUseId: 't', content: 'ok', isError: true }] },
        ],
      },
      { modelId: 'm', family: 'anthropic' },
    );
    assert.equal(withHistory.toolConfig?.tools?.length, 1);
    assert.deepEqual(withHistory.messages?.[2]?.content?.[0], { toolResult: { toolUseId: 't', content: [{ text: 'ok' }], status: 'error' } });
  });

  it('replays signed thinking to Claude only and drops empty text', () => {
    const req: ModelRequest = {
      model: 'x',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'hmm', signature: 'sig' }, { type: 'thinking', thinking: 'unsigned' }, { type: 'text', text: '' }, { type: 'text', text: 'a' }] },
        { role: 'user', content: 'q2' },
      ],
    };
    assert.deepEqual(toConverseRequest(req, { modelId: 'm', family: 'anthropic' }).messages?.[1]?.content, [{ reasoningContent: { reasoningText: { text: 'hmm', signature: 'sig' } } }, { text: 'a' }]);
    assert.deepEqual(toConverseRequest(req, { modelId: 'm', family: 'mistral' }).messages?.[1]?.content, [{ text: 'a' }]);
  });

  it('gives CountTokens only the fields its converse input accepts', () => {
    const converse = toConverseRequest({ model: 'x', system: 's', messages: [{ role: 'user', content: 'hi' }], maxTokens: 5, temperature: 0.1 }, { modelId: 'm', family: 'anthropic' });
    assert.deepEqual(Object.keys(toCountTokensInput(converse)).sort(), ['messages', 'system']);
  });
});

describe('converseMessages: Converse → ours', () => {
  it('reads text, tool use and reasoning blocks in order', () => {
    const out = fromConverseContent([
      { reasoningContent: { reasoningText: { text: 'think', signature: 's1' } } },
      { text: 'Hello' },
      { toolUse: { toolUseId: 't1', name: 'f', input: { a: 1 } } },
      { reasoningContent: { redactedContent: new Uint8Array([1, 2, 3]) } },
    ]);
    assert.deepEqual(out.content, [
      { type: 'thinking', thinking: 'think', signature: 's1' },
      { type: 'text', text: 'Hello' },
      { type: 'tool_use', id: 't1', name: 'f', input: { a: 1 } },
      { type: 'redacted_thinking', data: 'AQID' },
    ]);
    assert.equal(out.text, 'Hello');
    assert.deepEqual(out.toolCalls, [{ id: 't1', name: 'f', input: { a: 1 } }]);
  });

  it('takes Bedrock input tokens as already excluding cache tokens', () => {
    assert.deepEqual(fromConverseUsage({ inputTokens: 10, outputTokens: 5, totalTokens: 1015, cacheReadInputTokens: 900, cacheWriteInputTokens: 100 }), { inputTokens: 10, outputTokens: 5, cacheReadInputTokens: 900, cacheWriteInputTokens: 100 });
    assert.deepEqual(fromConverseUsage({ inputTokens: 3, outputTokens: 1, totalTokens: 4 }), { inputTokens: 3, outputTokens: 1, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 });
  });

  it('maps stop reasons and unknown ones to "unknown"', () => {
    assert.equal(fromConverseStopReason('guardrail_intervened'), 'guardrail_intervened');
    assert.equal(fromConverseStopReason('malformed_tool_use'), 'unknown');
  });

  it('estimates tokens locally from text and images', () => {
    const n = estimateRequestTokens({ model: 'x', messages: [{ role: 'user', content: [{ type: 'text', text: 'a'.repeat(400) }, { type: 'image', mediaType: 'image/png', data: PNG }] }] });
    assert.ok(n >= 1700 && n < 1720, String(n));
  });
});

describe('Bedrock model IDs', () => {
  it('finds the base model behind profiles and ARNs, and the family', () => {
    assert.deepEqual(parseBedrockModelId('eu.anthropic.claude-sonnet-4-6'), { id: 'eu.anthropic.claude-sonnet-4-6', baseModelId: 'anthropic.claude-sonnet-4-6', profilePrefix: 'eu', kind: 'profile' });
    const arn = parseBedrockModelId('arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6');
    assert.equal(arn.baseModelId, 'anthropic.claude-sonnet-4-6');
    assert.equal(arn.arnRegion, 'eu-west-1');
    assert.equal(parseBedrockModelId('arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123').baseModelId, undefined);
    assert.equal(bedrockFamily('us.amazon.nova-pro-v1:0'), 'nova');
    assert.equal(bedrockFamily('mistral.mistral-large-2407-v1:0'), 'mistral');
    assert.equal(bedrockFamily('arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123'), 'other');
  });
});
