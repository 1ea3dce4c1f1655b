import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import * as assert from 'node:assert/strict';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';

// The emulator must be as strict as the service, or tests would pass against bugs.
describe('Bedrock emulator strictness (raw SDK)', () => {
  let emu: BedrockEmulator;
  let client: BedrockRuntimeClient;
  before(async () => {
    emu = await startBedrockEmulator({ region: 'eu-west-1', applicationProfiles: { abc123: 'amazon.nova-lite-v1:0' } });
    client = new BedrockRuntimeClient({ region: 'eu-west-1', endpoint: emu.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    await emu.close();
  });

  const user = (text: string): ConverseCommandInput['messages'] => [{ role: 'user', content: [{ text }] }];
  async function rejection(input: ConverseCommandInput): Promise<{ name: string; message: string }> {
    try {
      await client.send(new ConverseCommand(input));
    } catch (e) {
      const err = e as Error;
      return { name: err.name, message: err.message };
    }
    return assert.fail('expected a rejection');
  }

  const tools = { tools: [{ toolSpec: { name: 'f', inputSchema: { json: { type: 'object' } } } }] };
  const rejected: Array<[string, ConverseCommandInput, RegExp]> = [
    ['a conversation starting with the assistant', { modelId: 'eu.anthropic.claude-sonnet-4-6', messages: [{ role: 'assistant', content: [{ text: 'hi' }] }] }, /must start with a user message/],
    ['two user turns in a row', { modelId: 'eu.anthropic.claude-sonnet-4-6', messages: [...user('a')!, ...user('b')!] }, /must alternate/],
    ['an empty content list', { modelId: 'eu.anthropic.claude-sonnet-4-6', messages: [{ role: 'user', content: [] }] }, /content field .* is empty/],
    ['a tool result without its tool use', { modelId: 'eu.anthropic.claude-sonnet-4-6', toolConfig: tools, messages: [{ role: 'user', content: [{ toolResult: { toolUseId: 'nope', content: [{ text: 'x' }] } }] }] }, /corresponding `tool_use` block/],
    ['tool blocks without toolConfig', { modelId: 'eu.anthropic.claude-sonnet-4-6', messages: [...user('a')!, { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'f', input: {} } }] }] }, /toolConfig field must be defined/],
    ['topP above 1', { modelId: 'eu.anthropic.claude-sonnet-4-6', messages: user('a'), inferenceConfig: { topP: 1.2 } }, /inferenceConfig\.topP/],
    ['maxTokens above the model limit', { modelId: 'eu.anthropic.claude-sonnet-4-6', messages: user('a'), inferenceConfig: { maxTokens: 1_000_000 } }, /exceeds the model limit of 128000/],
    ['maxTokens above Haiku 4.5\'s 64K', { modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', messages: user('a'), inferenceConfig: { maxTokens: 64_001 } }, /exceeds the model limit of 64000/],
    ['maxTokens above Sonnet 5.5\'s 128K', { modelId: 'eu.anthropic.claude-sonnet-5-5', messages: user('a'), inferenceConfig: { maxTokens: 128_001 } }, /exceeds the model limit of 128000/],
    ['temperature on Sonnet 5.5', { modelId: 'eu.anthropic.claude-sonnet-5-5', messages: user('a'), inferenceConfig: { temperature: 0.2 } }, /`temperature` is deprecated for this model\./],
    ['an eu. profile for Opus 5.5 (not confirmed by any source read)', { modelId: 'eu.anthropic.claude-opus-5-5', messages: user('a') }, /^The provided model identifier is invalid\.$/],
    ['a base Sonnet 5.5 ID on demand', { modelId: 'anthropic.claude-sonnet-5-5', messages: user('a') }, /on-demand throughput isn’t supported/],
    ['a thinking budget under 1024', { modelId: 'eu.anthropic.claude-sonnet-4-6', messages: user('a'), additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 100 } } }, /budget_tokens/],
    ['thinking on Nova', { modelId: 'amazon.nova-pro-v1:0', messages: user('a'), additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2000 } } }, /extraneous key \[thinking\]/],
    ['a guardrail version that is not a number or DRAFT', { modelId: 'eu.anthropic.claude-sonnet-4-6', messages: user('a'), guardrailConfig: { guardrailIdentifier: 'gr', guardrailVersion: 'v1' } }, /guardrailConfig\.guardrailVersion/],
    ['an unknown latency mode', { modelId: 'eu.anthropic.claude-sonnet-4-6', messages: user('a'), performanceConfig: { latency: 'fast' as 'optimized' } }, /performanceConfig\.latency/],
    ['a cachePoint on Llama', { modelId: 'meta.llama3-3-70b-instruct-v1:0', system: [{ text: 's' }, { cachePoint: { type: 'default' } }], messages: user('a') }, /did not allow prompt caching/],
    ['a global. profile for Opus 4.1', { modelId: 'global.anthropic.claude-opus-4-1-20250805-v1:0', messages: user('a') }, /^The provided model identifier is invalid\.$/],
    ['an apac. profile in eu-west-1', { modelId: 'apac.anthropic.claude-sonnet-4-6', messages: user('a') }, /^The provided model identifier is invalid\.$/],
    ['a base Claude 4 ID on demand', { modelId: 'anthropic.claude-sonnet-4-20250514-v1:0', messages: user('a') }, /on-demand throughput isn’t supported/],
  ];
  for (const [what, input, message] of rejected) {
    it(`rejects ${what} with ValidationException`, async () => {
      const err = await rejection(input);
      assert.equal(err.name, 'ValidationException');
      assert.match(err.message, message);
    });
  }

  it('accepts profile, application-profile and foundation-model ARNs of its own region', async () => {
    for (const modelId of [
      'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6',
      'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123',
      'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-pro-v1:0',
      'global.anthropic.claude-opus-4-7',
    ]) {
      const out = await client.send(new ConverseCommand({ modelId, messages: user('ping') }));
      assert.equal(out.stopReason, 'end_turn', modelId);
    }
    assert.equal(emu.requests.at(-3)!.modelId, 'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123');
  });

  it('stops at a stop sequence, at maxTokens, and when a guardrail intervenes', async () => {
    const stop = await client.send(new ConverseCommand({ modelId: 'amazon.nova-pro-v1:0', messages: user('alpha beta gamma'), inferenceConfig: { stopSequences: ['gamma'] } }));
    assert.equal(stop.stopReason, 'stop_sequence');
    assert.equal(stop.output?.message?.content?.[0]?.text, 'Echo: alpha beta ');
    const max = await client.send(new ConverseCommand({ modelId: 'amazon.nova-pro-v1:0', messages: user('alpha beta gamma'), inferenceConfig: { maxTokens: 2 } }));
    assert.equal(max.stopReason, 'max_tokens');
    assert.equal(max.usage?.outputTokens, 2);
    const guard = await client.send(new ConverseCommand({ modelId: 'eu.anthropic.claude-sonnet-4-6', messages: user('guardrail-block this'), guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: 'DRAFT' } }));
    assert.equal(guard.stopReason, 'guardrail_intervened');
  });

  it('does not cache prefixes below minCacheableTokens (default 1024)', async () => {
    emu.reset();
    const input: ConverseCommandInput = { modelId: 'eu.anthropic.claude-sonnet-4-6', system: [{ text: 'short system prompt' }, { cachePoint: { type: 'default' } }], messages: user('q') };
    const out = await client.send(new ConverseCommand(input));
    assert.equal(out.usage?.cacheWriteInputTokens, 0);
    assert.equal(emu.cacheEntries().length, 0);
  });
});
