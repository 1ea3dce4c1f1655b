// The fitting step both request builders run (providers/fitRequest), rule by rule, and the config
// check of impossible combinations (config/validate.checkConfigCombination).
import * as assert from 'node:assert/strict';
import { checkConfigCombination } from '../../../src/core/config/validate';
import type { ConfigSource } from '../../../src/core/config/schema';
import { parseConfigYaml } from '../../../src/core/config/parse';
import { resolveEffectiveConfig } from '../../../src/core/config/effective';
import { requestRulesFor } from '../../../src/core/models/requestRules';
import { fitRequest } from '../../../src/core/providers/fitRequest';
import type { ModelRequest } from '../../../src/core/types';

const ask = (over: Partial<ModelRequest> = {}): ModelRequest => ({ model: 'sonnet', messages: [{ role: 'user', content: 'q' }], ...over });
const onAnthropic = (r: ModelRequest, modelId = 'claude-sonnet-4-6'): ReturnType<typeof fitRequest> => fitRequest(r, { provider: 'anthropic', modelId, defaultMaxTokens: 4096 });
const onBedrock = (r: ModelRequest, modelId: string): ReturnType<typeof fitRequest> => fitRequest(r, { provider: 'bedrock', modelId, defaultMaxTokens: 4096 });

describe('fitRequest: the model rules applied before sending', () => {
  it('finds the rules by logical name, Anthropic ID, Bedrock base / profile ID and ARN', () => {
    for (const id of ['sonnet-4.6', 'claude-sonnet-4-6', 'anthropic.claude-sonnet-4-6', 'eu.anthropic.claude-sonnet-4-6', 'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6']) {
      assert.equal(requestRulesFor(id)?.name, 'sonnet-4.6', id);
    }
    assert.equal(requestRulesFor('anthropic.claude-3-haiku-20240307-v1:0')?.family, 'anthropic');
    assert.equal(requestRulesFor('gpt-4'), undefined);
  });

  it('raises max_tokens above the budget within the output limit, and refuses when no room is left', () => {
    // Haiku 4.5: fixed thinking budgets, 64K output limit.
    const HAIKU = 'claude-haiku-4-5-20251001';
    assert.equal(onAnthropic(ask({ maxTokens: 8192, thinkingBudget: 31999 }), HAIKU).maxTokens, 40191);
    assert.equal(onAnthropic(ask({ maxTokens: 60_000, thinkingBudget: 31999 }), HAIKU).maxTokens, 60_000);
    assert.equal(onAnthropic(ask({ maxTokens: 30_000, thinkingBudget: 40_000 }), HAIKU).maxTokens, 64_000);
    assert.throws(() => onAnthropic(ask({ maxTokens: 8192, thinkingBudget: 64_000 }), HAIKU), /leaves no room/);
    // Sonnet 4.6 writes up to 128K (Anthropic's page): the same budget fits there.
    assert.equal(onAnthropic(ask({ maxTokens: 30_000, thinkingBudget: 40_000 })).maxTokens, 70_000);
    assert.throws(() => onAnthropic(ask({ thinkingBudget: 1023 })), /below the minimum of 1024/);
  });

  it('lowers max_tokens to the output limit', () => {
    const f = onBedrock(ask({ maxTokens: 50_000 }), 'us.anthropic.claude-opus-4-1-20250805-v1:0');
    assert.equal(f.maxTokens, 32_000);
    assert.match(f.notes.join(), /lowered to 32000, the output limit of Claude Opus 4\.1/);
  });

  it('Opus 4.7: adaptive thinking, no samplers; older Sonnet 4 keeps both samplers', () => {
    const f = onAnthropic(ask({ thinkingBudget: 4000, temperature: 1, topP: 0.99 }), 'claude-opus-4-7');
    assert.deepEqual(f.thinking, { type: 'adaptive' });
    assert.equal(f.request.temperature, undefined);
    assert.equal(f.request.topP, undefined);
    const s4 = onAnthropic(ask({ temperature: 0.3, topP: 0.8 }), 'claude-sonnet-4-20250514');
    assert.deepEqual([s4.request.temperature, s4.request.topP], [0.3, 0.8]);
  });

  it('Bedrock: 1-hour TTL downgraded where not offered, tool choice fitted per family, images refused for text-only models', () => {
    const cached = ask({ system: [{ text: 's', cache: '1h' }], tools: [{ name: 't', inputSchema: { type: 'object' }, cache: '1h' }] });
    const s4 = onBedrock(cached, 'us.anthropic.claude-sonnet-4-20250514-v1:0').request;
    assert.deepEqual([(s4.system as Array<{ cache?: unknown }>)[0]!.cache, s4.tools![0]!.cache], [true, true]);
    assert.equal((onBedrock(cached, 'us.anthropic.claude-sonnet-4-6').request.system as Array<{ cache?: unknown }>)[0]!.cache, '1h');
    const tools = [{ name: 't', inputSchema: { type: 'object' } }];
    assert.equal(onBedrock(ask({ tools, toolChoice: { name: 't' } }), 'mistral.mistral-large-2407-v1:0').request.toolChoice, 'any');
    assert.equal(onBedrock(ask({ tools, toolChoice: 'any' }), 'us.meta.llama3-3-70b-instruct-v1:0').request.toolChoice, 'auto');
    assert.deepEqual(onBedrock(ask({ tools, toolChoice: { name: 't' } }), 'us.amazon.nova-pro-v1:0').request.toolChoice, { name: 't' });
    const image = ask({ messages: [{ role: 'user', content: [{ type: 'image', mediaType: 'image/png', data: 'AAAA' }, { type: 'text', text: '?' }] }] });
    assert.throws(() => onBedrock(image, 'mistral.mistral-large-2407-v1:0'), /does not accept images/);
    assert.doesNotThrow(() => onBedrock(image, 'us.amazon.nova-lite-v1:0'));
  });

  it('keeps thinking on for a tool-loop turn that starts with signed thinking, turns it off otherwise', () => {
    const loop = (first: ModelRequest['messages'][number]['content']): ModelRequest => ask({
      thinkingBudget: 2048,
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: [...(first as never[]), { type: 'tool_use', id: 't1', name: 'f', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', content: 'r' }] },
      ],
    });
    assert.ok(onAnthropic(loop([{ type: 'thinking', thinking: 'x', signature: 'sig' }])).thinking);
    assert.ok(onAnthropic(loop([{ type: 'redacted_thinking', data: 'QUJD' }])).thinking);
    assert.equal(onAnthropic(loop([{ type: 'thinking', thinking: 'unsigned' }])).thinking, undefined);
    assert.equal(onAnthropic(loop([])).thinking, undefined);
  });
});

describe('config: impossible combinations of thinking budget, output tokens and model', () => {
  const check = (maxOutputTokens: number, thinkingBudget: number, maxSource: ConfigSource, model = 'sonnet-4.6'): ReturnType<typeof checkConfigCombination> =>
    checkConfigCombination({ maxOutputTokens, thinkingBudget, model, sourceOf: (k) => (k === 'maxOutputTokens' ? maxSource : 'environment'), nameOf: (k) => k });

  it('a budget not below user-set output tokens: an error from a CLI flag, a warning from another layer, nothing against the default', () => {
    assert.equal(check(1000, 5000, 'explicit')[0]?.severity, 'error');
    assert.equal(check(16000, 31999, 'settings')[0]?.severity, 'warning');
    assert.deepEqual(check(8192, 31999, 'default'), []);
    assert.deepEqual(check(40000, 31999, 'explicit'), []);
  });

  it('a budget under 1024 is an error wherever it comes from; output tokens above the model limit are checked with the model', () => {
    assert.match(check(8192, 500, 'default')[0]?.problem ?? '', /below the minimum thinking budget of 1024/);
    assert.equal(check(100_000, 0, 'explicit', 'haiku-4.5')[0]?.severity, 'error');
    assert.deepEqual(check(100_000, 0, 'explicit', 'opus-4.6'), []);
    assert.deepEqual(check(100_000, 0, 'explicit', 'sonnet-4.6'), [], 'Sonnet 4.6 writes up to 128K');
    assert.equal(check(100_000, 0, 'file', 'haiku-4.5')[0]?.severity, 'warning');
  });

  it('is reported by config validate for a file, and by the effective configuration with each value\'s origin', () => {
    const file = parseConfigYaml('max_output_tokens: 1000\nthinking_budget: 5000\n', 'c.yml');
    assert.ok(file.ok);
    assert.match(file.warnings.map((w) => w.message).join(), /thinking budget 5000 \(thinking_budget\) is not less than max output tokens 1000 \(max_output_tokens\)/);
    const e = resolveEffectiveConfig({ environment: { MAX_THINKING_TOKENS: '5000' }, explicit: { maxOutputTokens: 1000, model: 'sonnet-4.6' }, explicitOrigins: { maxOutputTokens: '--max-tokens' } });
    assert.match(e.issues.find((i) => i.severity === 'error')?.message ?? '', /^--max-tokens: thinking budget 5000 \(MAX_THINKING_TOKENS\)/);
  });
});
