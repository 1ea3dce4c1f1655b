import * as assert from 'node:assert/strict';
import type { Usage } from '../../../src/core/types';
import { estimateCost } from '../../../src/core/usage/prices';
import { ALIAS } from '../client/clientHelpers';

function usage(inputTokens: number, outputTokens: number, cacheWriteInputTokens = 0, cacheReadInputTokens = 0): Usage {
  return { inputTokens, outputTokens, cacheWriteInputTokens, cacheReadInputTokens };
}
function close(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined, 'price should be known');
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);
}

describe('prices', () => {
  it('prices Anthropic Sonnet with cache tokens as the plain sum of the four token classes', () => {
    // 1000×3 + 500×15 + 2000×3.75 + 10000×0.30 = 21000 $/MTok·tokens → $0.021
    const c = estimateCost('anthropic', 'claude-sonnet-4-6', usage(1000, 500, 2000, 10000));
    close(c.usd, 0.021);
    assert.equal(c.priceKnown, true);
    close(c.breakdown?.cacheWrite, 0.0075);
    close(c.breakdown?.cacheRead, 0.003);
  });

  it('does not subtract cache tokens from Bedrock input a second time', () => {
    // inputTokens already excludes the 15000 cache-read tokens: 20000×3 + 15000×0.30 = 64500 → $0.0645 (global).
    // Subtracting them again would price only 5000 input tokens ($0.0195).
    const c = estimateCost('bedrock', 'global.anthropic.claude-sonnet-4-6', usage(20000, 0, 0, 15000));
    close(c.usd, 0.0645);
    assert.notEqual(c.usd, (5000 * 3 + 15000 * 0.3) / 1e6);
  });

  it('prices Bedrock geo profiles 10 % above global for the newest Claude models', () => {
    const u = usage(1000, 500, 2000, 10000);
    close(estimateCost('bedrock', 'global.anthropic.claude-sonnet-4-6', u).usd, 0.021);
    close(estimateCost('bedrock', 'eu.anthropic.claude-sonnet-4-6', u).usd, 0.0231);
    close(estimateCost('bedrock', 'global.anthropic.claude-haiku-4-5-20251001-v1:0', usage(1_000_000, 0)).usd, 1);
    close(estimateCost('bedrock', 'us.anthropic.claude-haiku-4-5-20251001-v1:0', usage(1_000_000, 0)).usd, 1.1);
    assert.equal(estimateCost('bedrock', 'eu.anthropic.claude-sonnet-4-6', u).pricing, 'bedrock-regional');
  });

  it('keeps the list price on Bedrock for models without a global premium (Opus 4.1)', () => {
    // 100×15 + 100×75 = 9000 → $0.009
    close(estimateCost('bedrock', 'us.anthropic.claude-opus-4-1-20250805-v1:0', usage(100, 100)).usd, 0.009);
  });

  it('switches Sonnet 4.5 to the long-context tier only above 200K prompt tokens, counting cache tokens', () => {
    // 150000 + 60000 cache read = 210000 > 200K: 150000×6 + 1000×22.5 + 60000×0.60 = 958500 → $0.9585
    const long = estimateCost('anthropic', 'claude-sonnet-4-5-20250929', usage(150000, 1000, 0, 60000));
    close(long.usd, 0.9585);
    assert.equal(long.longContext, true);
    // Exactly 200000: standard rates. 140000×3 + 1000×15 + 60000×0.30 = 453000 → $0.453
    close(estimateCost('anthropic', 'claude-sonnet-4-5-20250929', usage(140000, 1000, 0, 60000)).usd, 0.453);
  });

  it('charges 1-hour cache writes at twice the input price', () => {
    close(estimateCost('anthropic', 'haiku-4.5', usage(0, 0, 1_000_000), { cacheWriteTtl: '1h' }).usd, 2);
    close(estimateCost('anthropic', 'haiku-4.5', usage(0, 0, 1_000_000)).usd, 1.25);
  });

  it('prices Nova and Llama from the table', () => {
    // 10000×0.80 + 2000×3.20 + 4000×0.20 = 15200 → $0.0152
    close(estimateCost('bedrock', 'us.amazon.nova-pro-v1:0', usage(10000, 2000, 0, 4000)).usd, 0.0152);
    close(estimateCost('bedrock', 'amazon.nova-lite-v1:0', usage(1_000_000, 1_000_000)).usd, 0.3);
    close(estimateCost('bedrock', 'us.meta.llama3-3-70b-instruct-v1:0', usage(1_000_000, 1_000_000)).usd, 1.98);
  });

  it('reports an unknown price as unknown, never $0', () => {
    for (const [provider, id] of [['anthropic', 'claude-3-5-haiku-20241022'], ['bedrock', 'mistral.mistral-large-2407-v1:0'], ['anthropic', 'nova-pro'], ['bedrock', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x1']] as const) {
      const c = estimateCost(provider, id, usage(1000, 1000));
      assert.equal(c.usd, undefined, id);
      assert.equal(c.priceKnown, false, id);
    }
  });

  it('applies user overrides and prices an opaque ARN through the mapping', () => {
    close(estimateCost('bedrock', 'mistral.mistral-large-2407-v1:0', usage(1_000_000, 1_000_000), { overrides: { 'mistral-large': { input: 2, output: 6 } } }).usd, 8);
    // An override keyed by the alias follows the alias: it prices the model `sonnet` names today.
    close(estimateCost('anthropic', ALIAS.sonnet.anthropicId, usage(1_000_000, 0), { overrides: { 'anthropic:sonnet': { input: 2.5, output: 10 } } }).usd, 2.5);
    close(estimateCost('anthropic', 'claude-sonnet-4-6', usage(1_000_000, 0), { overrides: { 'anthropic:sonnet-4.6': { input: 2.5, output: 10 } } }).usd, 2.5);
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x1';
    close(estimateCost('bedrock', arn, usage(1_000_000, 0), { mapping: { team: { bedrock: arn, baseModel: 'haiku-4.5' } } }).usd, 1.1);
  });

  it('normalises every ID form to the same model', () => {
    const u = usage(1000, 1000);
    const anthropic = estimateCost('anthropic', 'claude-opus-4-6', u).usd;
    close(estimateCost('anthropic', 'opus-4.6', u).usd, anthropic!);
    close(estimateCost('bedrock', 'global.anthropic.claude-opus-4-6-v1', u).usd, anthropic!);
    close(estimateCost('bedrock', 'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/global.anthropic.claude-opus-4-6-v1', u).usd, anthropic!);
  });
});
