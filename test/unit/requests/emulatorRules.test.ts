// The emulators refuse what the real services refuse, with the services' own text: without this,
// the product tests below would pass against requests a user gets a 400 for. Each text's public
// source is next to the rule in test/emulators/anthropicValidate.ts and bedrockRules.ts.
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import * as assert from 'node:assert/strict';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { ANTHROPIC_REAL_ERRORS, BEDROCK_REAL_ERRORS } from '../../emulators/realErrors';

type Json = Record<string, unknown>;
const user = (text: string): Json => ({ role: 'user', content: text });
const toolLoop = (assistantFirst: Json): Json[] => [
  user('weather?'),
  { role: 'assistant', content: [assistantFirst, { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} }].filter((b) => Object.keys(b).length > 0) },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
];
const weatherTool = [{ name: 'weather', input_schema: { type: 'object' } }];

describe('Anthropic emulator refuses what the Messages API refuses, with its text', () => {
  let emu: AnthropicEmulator;
  before(async () => {
    emu = await startAnthropicEmulator();
  });
  after(async () => emu.close());

  async function post(body: Json): Promise<{ status: number; message: string }> {
    const res = await fetch(`${emu.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-test-key', 'anthropic-version': '2023-06-01' }, body: JSON.stringify(body) });
    const json = (await res.json()) as { error?: { message: string } };
    return { status: res.status, message: json.error?.message ?? '' };
  }
  const base = (over: Json): Json => ({ model: 'claude-sonnet-4-6', max_tokens: 8192, messages: [user('hi')], ...over });
  const thinking = (budget: number): Json => ({ thinking: { type: 'enabled', budget_tokens: budget } });

  const cases: Array<[string, Json, string]> = [
    ['a thinking budget at max_tokens (MAX_THINKING_TOKENS=31999, 8192 output tokens)', base(thinking(31999)), '`max_tokens` must be greater than `thinking.budget_tokens`'],
    ['a thinking budget under 1024', base(thinking(500)), 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024'],
    ['temperature 0.2 with thinking', base({ ...thinking(2048), temperature: 0.2 }), '`temperature` may only be set to 1 when thinking is enabled'],
    ['top_p 0.5 with thinking', base({ ...thinking(2048), top_p: 0.5 }), '`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled'],
    ['top_k with thinking', base({ ...thinking(2048), top_k: 5 }), '`top_k` must be unset when thinking is enabled'],
    ['temperature and top_p together on Sonnet 4.6', base({ temperature: 0.2, top_p: 0.9 }), '`temperature` and `top_p` cannot both be specified for this model. Please use only one.'],
    ['a budget on Opus 4.7', base({ model: 'claude-opus-4-7', ...thinking(2048) }), '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive"'],
    ['temperature on Opus 4.7', base({ model: 'claude-opus-4-7', temperature: 0.5 }), '`temperature` is deprecated for this model.'],
    ['max_tokens above the output limit', base({ max_tokens: 200_000 }), 'max_tokens: 200000 > 128000, which is the maximum allowed number of output tokens for claude-sonnet-4-6'],
    ['max_tokens above Haiku 4.5\'s limit', base({ model: 'claude-haiku-4-5-20251001', max_tokens: 64_001 }), 'max_tokens: 64001 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5-20251001'],
    ['max_tokens above Opus 5.5\'s limit', base({ model: 'claude-opus-5-5', max_tokens: 128_001 }), 'max_tokens: 128001 > 128000, which is the maximum allowed number of output tokens for claude-opus-5-5'],
    ['a thinking budget on Sonnet 5.5', base({ model: 'claude-sonnet-5-5', ...thinking(2048) }), '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.'],
    ['temperature on Haiku 5.5', base({ model: 'claude-haiku-5-5', temperature: 0.5 }), '`temperature` is deprecated for this model.'],
    ['a whitespace-only text block', base({ messages: [user('q'), { role: 'assistant', content: [{ type: 'text', text: '  \n' }] }, user('go on')] }), 'messages: text content blocks must contain non-whitespace text'],
    ['an empty assistant text block', base({ messages: [user('q'), { role: 'assistant', content: [{ type: 'text', text: '' }] }, user('go on')] }), 'text content blocks must be non-empty'],
    ['a tool-loop turn without thinking first, thinking on', base({ ...thinking(2048), tools: weatherTool, messages: toolLoop({}) }), 'Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block'],
    ['a forced tool_choice with thinking', base({ ...thinking(2048), tools: weatherTool, tool_choice: { type: 'any' } }), 'Thinking may not be enabled when tool_choice forces tool use.'],
    ['a forced tool_choice on Sonnet 5.5 (its thinking is always on)', base({ model: 'claude-sonnet-5-5', tools: weatherTool, tool_choice: { type: 'tool', name: 'weather' } }), 'Thinking may not be enabled when tool_choice forces tool use.'],
    [
      'a 1-hour cache_control after a 5-minute one',
      base({ system: [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'text', text: 'more', cache_control: { type: 'ephemeral', ttl: '1h' } }] }] }),
      ANTHROPIC_REAL_ERRORS.cacheTtlOrder.fault.message.replace('messages.0.content.4', 'messages.0.content.1'),
    ],
  ];
  for (const [what, body, text] of cases) {
    it(`rejects ${what}`, async () => {
      const r = await post(body);
      assert.equal(r.status, 400);
      assert.ok(r.message.includes(text), r.message);
    });
  }

  it('accepts the same requests made valid', async () => {
    assert.equal((await post(base({ ...thinking(31999), max_tokens: 40191 }))).status, 200);
    assert.equal((await post(base({ temperature: 0.2 }))).status, 200);
    assert.equal((await post(base({ model: 'claude-opus-4-7', thinking: { type: 'adaptive' } }))).status, 200);
    assert.equal((await post(base({ ...thinking(2048), tools: weatherTool, messages: toolLoop({ type: 'redacted_thinking', data: 'QUJD' }) }))).status, 200);
  });
});

describe('Bedrock emulator refuses what Converse refuses, with its text', () => {
  let emu: BedrockEmulator;
  let client: BedrockRuntimeClient;
  before(async () => {
    emu = await startBedrockEmulator({ region: 'us-east-1' });
    client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: emu.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    await emu.close();
  });

  async function rejection(input: ConverseCommandInput): Promise<string> {
    try {
      await client.send(new ConverseCommand(input));
    } catch (e) {
      assert.equal((e as Error).name, 'ValidationException');
      return (e as Error).message;
    }
    return assert.fail('expected a ValidationException');
  }
  const SONNET = 'us.anthropic.claude-sonnet-4-6';
  const msgs = (text = 'hi'): ConverseCommandInput['messages'] => [{ role: 'user', content: [{ text }] }];
  const think = (budget: number): ConverseCommandInput['additionalModelRequestFields'] => ({ thinking: { type: 'enabled', budget_tokens: budget } });
  const tools = { tools: [{ toolSpec: { name: 'weather', inputSchema: { json: { type: 'object' } } } }] };

  const cases: Array<[string, ConverseCommandInput, string]> = [
    ['inferenceConfig.temperature with thinking', { modelId: SONNET, messages: msgs(), inferenceConfig: { maxTokens: 8192, temperature: 0.2 }, additionalModelRequestFields: think(2048) }, '`temperature` may only be set to 1 when thinking is enabled'],
    ['a thinking budget at maxTokens', { modelId: SONNET, messages: msgs(), inferenceConfig: { maxTokens: 8192 }, additionalModelRequestFields: think(31999) }, '`max_tokens` must be greater than `thinking.budget_tokens`'],
    ['top_k with thinking', { modelId: SONNET, messages: msgs(), inferenceConfig: { maxTokens: 8192 }, additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 }, top_k: 5 } }, '`top_k` must be unset when thinking is enabled'],
    ['temperature and topP on Sonnet 4.6', { modelId: SONNET, messages: msgs(), inferenceConfig: { temperature: 0.2, topP: 0.9 } }, 'The model returned the following errors: `temperature` and `top_p` cannot both be specified for this model. Please use only one.'],
    ['a budget on Opus 4.7', { modelId: 'us.anthropic.claude-opus-4-7', messages: msgs(), inferenceConfig: { maxTokens: 8192 }, additionalModelRequestFields: think(2048) }, '"thinking.type.enabled" is not supported for this model'],
    ['a whitespace-only text block', { modelId: SONNET, messages: [...msgs('q')!, { role: 'assistant', content: [{ text: ' \n ' }] }, ...msgs('go on')!] }, 'text content blocks must contain non-whitespace text'],
    ['a 1-hour cache point on Sonnet 4', { modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0', system: [{ text: 's' }, { cachePoint: { type: 'default', ttl: '1h' } }], messages: msgs() }, 'Extra inputs are not permitted'],
    ['a 1-hour cache point on Nova', { modelId: 'us.amazon.nova-lite-v1:0', system: [{ text: 's' }, { cachePoint: { type: 'default', ttl: '1h' } }], messages: msgs() }, 'Extended TTL prompt caching is only supported for Anthropic models'],
    ['a cache point on Llama', { modelId: 'us.meta.llama3-3-70b-instruct-v1:0', system: [{ text: 's' }, { cachePoint: { type: 'default' } }], messages: msgs() }, 'did not allow prompt caching'],
    ['toolChoice any on Llama', { modelId: 'us.meta.llama3-3-70b-instruct-v1:0', toolConfig: { ...tools, toolChoice: { any: {} } }, messages: msgs() }, "This model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again."],
    ['an image to Llama 3.3', { modelId: 'us.meta.llama3-3-70b-instruct-v1:0', messages: [{ role: 'user', content: [{ text: 'what is this?' }, { image: { format: 'png', source: { bytes: Buffer.from('iVBORw0KGgo=', 'base64') } } }] }] }, BEDROCK_REAL_ERRORS.imageUnsupported.fault.message],
    ['a 1-hour cache point after a 5-minute one', { modelId: SONNET, system: [{ text: 's' }, { cachePoint: { type: 'default' } }], messages: [{ role: 'user', content: [{ text: 'hi' }, { cachePoint: { type: 'default', ttl: '1h' } }] }] }, BEDROCK_REAL_ERRORS.cacheTtlOrder.fault.message],
    ['a forced tool choice with thinking', { modelId: SONNET, toolConfig: { ...tools, toolChoice: { any: {} } }, messages: msgs(), inferenceConfig: { maxTokens: 8192 }, additionalModelRequestFields: think(2048) }, 'Thinking may not be enabled when tool_choice forces tool use.'],
    [
      'a tool-loop turn without reasoning first, thinking on',
      {
        modelId: SONNET, toolConfig: tools, inferenceConfig: { maxTokens: 8192 }, additionalModelRequestFields: think(2048),
        messages: [...msgs('weather?')!, { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'weather', input: {} } }] }, { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }] } }] }],
      },
      'When `thinking` is enabled, a final `assistant` message must start with a thinking block',
    ],
  ];
  for (const [what, input, text] of cases) {
    it(`rejects ${what}`, async () => {
      const message = await rejection(input);
      assert.ok(message.includes(text), message);
    });
  }

  it('accepts a 1-hour cache point on Sonnet 4.6 and 5-minute ones on Nova', async () => {
    await client.send(new ConverseCommand({ modelId: SONNET, system: [{ text: 's' }, { cachePoint: { type: 'default', ttl: '1h' } }], messages: msgs() }));
    await client.send(new ConverseCommand({ modelId: 'us.amazon.nova-lite-v1:0', system: [{ text: 's' }, { cachePoint: { type: 'default' } }], messages: msgs() }));
  });
});
