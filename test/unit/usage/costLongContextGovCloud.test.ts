import * as assert from 'node:assert/strict';
import { describeModels } from '../../../src/core/models/describe';
import type { Usage } from '../../../src/core/types';
import { PRICE_TABLE, estimateCost } from '../../../src/core/usage/prices';

const usage = (inputTokens: number, outputTokens: number, cacheWriteInputTokens = 0, cacheReadInputTokens = 0): Usage => ({ inputTokens, outputTokens, cacheWriteInputTokens, cacheReadInputTokens });
function close(actual: number | undefined, expected: number, what: string): void {
  assert.ok(actual !== undefined, `${what}: price should be known`);
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} != ${expected}`);
}

// 300K input + 10K output tokens on the Anthropic API, per model, worked by hand from the public
// price tables (anthropicPricing; LiteLLM *_above_200k_tokens): only Sonnet 4.5 and Sonnet 4 have
// a long-context tier ($6 / $22.50 above 200K prompt tokens); the 4.6 / 4.7 models price their 1M
// window at the standard rates. (Haiku 4.5, Opus 4.5 / 4.1 have a 200K window: no tier either.)
// The Claude 5 generation (Anthropic's per-model pages, read 2026-12-07): no >200K tier; Haiku 5.5
// has its own band — a prompt over 100,000 tokens pays $0.50 / $2.50 on every token of the request.
const LONG: ReadonlyArray<[string, string, number, boolean]> = [
  ['opus-5.5', 'claude-opus-5-5', 300_000 * 4 + 10_000 * 20, false],
  ['sonnet-5.5', 'claude-sonnet-5-5', 300_000 * 2 + 10_000 * 10, false],
  ['haiku-5.5', 'claude-haiku-5-5', 300_000 * 0.5 + 10_000 * 2.5, true],
  ['fable-5.2', 'claude-fable-5-2', 300_000 * 8 + 10_000 * 40, false],
  ['fable-5.1', 'claude-fable-5-1', 300_000 * 10 + 10_000 * 50, false],
  ['fable-5', 'claude-fable-5', 300_000 * 10 + 10_000 * 50, false],
  ['opus-5', 'claude-opus-5', 300_000 * 5 + 10_000 * 25, false],
  ['sonnet-5', 'claude-sonnet-5', 300_000 * 2 + 10_000 * 10, false],
  ['opus-4.8', 'claude-opus-4-8', 300_000 * 5 + 10_000 * 25, false],
  ['opus-4.7', 'claude-opus-4-7', 300_000 * 5 + 10_000 * 25, false],
  ['opus-4.6', 'claude-opus-4-6', 300_000 * 5 + 10_000 * 25, false],
  ['sonnet-4.6', 'claude-sonnet-4-6', 300_000 * 3 + 10_000 * 15, false],
  ['sonnet-4.5', 'claude-sonnet-4-5-20250929', 300_000 * 6 + 10_000 * 22.5, true],
  ['haiku-4.5', 'claude-haiku-4-5-20251001', 300_000 * 1 + 10_000 * 5, false],
  ['opus-4.5', 'claude-opus-4-5-20251101', 300_000 * 5 + 10_000 * 25, false],
  ['opus-4.1', 'claude-opus-4-1-20250805', 300_000 * 15 + 10_000 * 75, false],
  ['sonnet-4', 'claude-sonnet-4-20250514', 300_000 * 6 + 10_000 * 22.5, true],
];

describe('cost of long inputs (over 200K prompt tokens) per model', () => {
  it('covers every catalog model sold on the Anthropic API', () => {
    const sold = Object.entries(PRICE_TABLE).filter(([, p]) => p.providers.includes('anthropic')).map(([n]) => n).sort();
    assert.deepEqual(LONG.map(([n]) => n).sort(), sold);
  });
  for (const [name, id, micro, tier] of LONG) {
    it(`${name}: ${tier ? 'long-context tier' : 'standard rates, no tier'} → $${(micro / 1e6).toFixed(4)}`, () => {
      const c = estimateCost('anthropic', id, usage(300_000, 10_000));
      close(c.usd, micro / 1e6, name);
      assert.equal(c.longContext, tier);
    });
  }

  it('Sonnet 4.6 at 1M input tokens costs $3, not the $6 of a doubled tier', () => {
    close(estimateCost('anthropic', 'claude-sonnet-4-6', usage(1_000_000, 0)).usd, 3, 'sonnet 4.6');
    close(estimateCost('bedrock', 'global.anthropic.claude-sonnet-4-6', usage(1_000_000, 0)).usd, 3, 'bedrock global');
    close(estimateCost('bedrock', 'eu.anthropic.claude-sonnet-4-6', usage(1_000_000, 0)).usd, 3.3, 'bedrock geo');
  });

  it('Sonnet 4.5 on a Bedrock geo profile: the tier with the 10 % regional premium', () => {
    // 150K input + 60K cache read = 210K > 200K; 1K output. (150000×6 + 1000×22.5 + 60000×0.6) × 1.1
    close(estimateCost('bedrock', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', usage(150_000, 1_000, 0, 60_000)).usd, (900_000 + 22_500 + 36_000) * 1.1 / 1e6, 'eu sonnet 4.5');
    // 1-hour cache writes in the tier: $12 / MTok list, × 1.1 regional.
    close(estimateCost('bedrock', 'au.anthropic.claude-sonnet-4-5-20250929-v1:0', usage(100_000, 0, 150_000), { cacheWriteTtl: '1h' }).usd, (100_000 * 6.6 + 150_000 * 13.2) / 1e6, 'au 1h');
  });
});

describe('cost in AWS GovCloud (US)', () => {
  // LiteLLM's GovCloud rows (bedrock/us-gov-*-1/…): Sonnet 4.5 $3.60 / $18 / $4.50 / $7.20 / $0.36 —
  // 1.2 × list, above the 1.1 × geo premium. 100K input + 1K output = 360000 + 18000 → $0.378.
  it('prices a us-gov. profile at the GovCloud rate, not the geo premium', () => {
    const c = estimateCost('bedrock', 'us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0', usage(100_000, 1_000));
    close(c.usd, 0.378, 'us-gov sonnet 4.5');
    assert.equal(c.pricing, 'bedrock-govcloud');
    assert.notEqual(Math.round(c.usd! * 1e6), Math.round((100_000 * 3.3 + 1_000 * 16.5)));
  });

  it('prices a base ID called in a GovCloud region at the GovCloud rate when the region is known', () => {
    close(estimateCost('bedrock', 'anthropic.claude-sonnet-4-5-20250929-v1:0', usage(100_000, 1_000), { region: 'us-gov-west-1' }).usd, 0.378, 'in-region GovCloud');
    // Nova Pro in GovCloud: $0.96 / MTok input (LiteLLM bedrock/us-gov-west-1/amazon.nova-pro-v1:0).
    close(estimateCost('bedrock', 'amazon.nova-pro-v1:0', usage(1_000_000, 0), { region: 'us-gov-west-1' }).usd, 0.96, 'nova GovCloud');
  });

  it('Sonnet 4.6 in GovCloud: the same 1.2 factor (derived; no public row prices it)', () => {
    close(estimateCost('bedrock', 'us-gov.anthropic.claude-sonnet-4-6', usage(100_000, 1_000, 10_000, 20_000)).usd, (100_000 * 3.6 + 1_000 * 18 + 10_000 * 4.5 + 20_000 * 0.36) / 1e6, 'us-gov sonnet 4.6');
  });

  it('a GovCloud ID the public tables do not price is still priced at the GovCloud factor, never below', () => {
    // Haiku 4.5 has no us-gov. profile in the sources; a pinned one is priced 1.2 × list, not 1.1.
    const c = estimateCost('bedrock', 'us-gov.anthropic.claude-haiku-4-5-20251001-v1:0', usage(1_000_000, 0));
    close(c.usd, 1.2, 'us-gov haiku');
    assert.equal(c.pricing, 'bedrock-govcloud');
    close(estimateCost('bedrock', 'amazon.nova-lite-v1:0', usage(1_000_000, 0), { region: 'us-gov-east-1' }).usd, 0.072, 'nova lite GovCloud');
  });

  it('GovCloud long inputs on Sonnet 4.5: the tier at the GovCloud factor', () => {
    close(estimateCost('bedrock', 'us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0', usage(300_000, 10_000)).usd, (300_000 * 6 + 10_000 * 22.5) * 1.2 / 1e6, 'GovCloud tier');
  });

  it('switchboard models shows the GovCloud ID and rates for us-gov-west-1', () => {
    const d = describeModels({ region: 'us-gov-west-1' });
    const s55 = d.models.find((m) => m.name === 'sonnet-5.5')!;
    assert.deepEqual(s55.ids.bedrock, { available: true, modelId: 'us-gov.anthropic.claude-sonnet-5-5', rule: 'geo', reason: s55.ids.bedrock.available ? s55.ids.bedrock.reason : '', fallbackIds: [] });
    assert.equal(s55.prices?.bedrock?.pricing, 'bedrock-govcloud');
    close(s55.prices?.bedrock?.input, 2.4, 'GovCloud input rate (LiteLLM us-gov row: 2.4)');
    close(s55.prices?.bedrock?.output, 12, 'GovCloud output rate');
    close(s55.prices?.anthropic?.input, 2, 'Anthropic list rate');
    const s45 = d.models.find((m) => m.name === 'sonnet-4.5')!;
    assert.equal(s45.ids.bedrock.available && s45.ids.bedrock.modelId, 'us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0');
    close(s45.prices?.bedrock?.input, 3.6, 'GovCloud Sonnet 4.5 (AWS table)');
    assert.equal(s45.prices?.anthropic, undefined, 'retired on the Anthropic API: no Anthropic rate offered');
  });

  it('GovCloud prices the newest published rows at 1.2 × list: Sonnet 5.5, Opus 5, Fable 5.1', () => {
    const u = usage(100_000, 1_000, 10_000, 20_000);
    close(estimateCost('bedrock', 'us-gov.anthropic.claude-sonnet-5-5', u).usd, (100_000 * 2.4 + 1_000 * 12 + 10_000 * 3 + 20_000 * 0.12) / 1e6, 'us-gov sonnet 5.5');
    close(estimateCost('bedrock', 'us-gov.anthropic.claude-opus-5', u).usd, (100_000 * 6 + 1_000 * 30 + 10_000 * 7.5 + 20_000 * 0.6) / 1e6, 'us-gov opus 5');
    close(estimateCost('bedrock', 'us-gov.anthropic.claude-fable-5-1', u).usd, (100_000 * 12 + 1_000 * 60 + 10_000 * 15 + 20_000 * 0.3) / 1e6, 'us-gov fable 5.1');
    assert.equal(estimateCost('bedrock', 'us-gov.anthropic.claude-sonnet-5-5', u).pricing, 'bedrock-govcloud');
  });

  it('Haiku 5.5 switches band above 100,000 prompt tokens, counting cache reads and writes, on Anthropic and Bedrock', () => {
    const at = estimateCost('anthropic', 'claude-haiku-5-5', usage(60_000, 1_000, 20_000, 20_000));
    close(at.usd, (60_000 * 0.1 + 1_000 * 0.5 + 20_000 * 0.125 + 20_000 * 0.01) / 1e6, '100,000 exactly: the lower band');
    assert.equal(at.longContext, false);
    const over = estimateCost('anthropic', 'claude-haiku-5-5', usage(60_000, 1_000, 20_000, 20_001));
    close(over.usd, (60_000 * 0.5 + 1_000 * 2.5 + 20_000 * 0.625 + 20_001 * 0.05) / 1e6, 'one token over: every token at the upper band');
    assert.equal(over.longContext, true);
    // Bedrock geo profile: 1.1 × both bands.
    close(estimateCost('bedrock', 'eu.anthropic.claude-haiku-5-5', usage(200_000, 1_000)).usd, (200_000 * 0.55 + 1_000 * 2.75) / 1e6, 'Bedrock eu. upper band');
  });

  it('prices the cache reads the newest models publish below 0.1×: Opus / Sonnet 5.5 0.05×, Fable 5.1 / 5.2 0.025×', () => {
    const reads = usage(0, 0, 0, 1_000_000);
    close(estimateCost('anthropic', 'claude-opus-5-5', reads).usd, 0.2, 'opus 5.5');
    close(estimateCost('anthropic', 'claude-sonnet-5-5', reads).usd, 0.1, 'sonnet 5.5 (cut from 0.20 on 2026-10-07)');
    close(estimateCost('anthropic', 'claude-fable-5-2', reads).usd, 0.2, 'fable 5.2');
    close(estimateCost('anthropic', 'claude-fable-5-1', reads).usd, 0.25, 'fable 5.1');
    close(estimateCost('anthropic', 'claude-fable-5', reads).usd, 1, 'fable 5: still 0.1×');
    close(estimateCost('bedrock', 'global.anthropic.claude-opus-5-5', reads).usd, 0.2, 'bedrock global opus 5.5');
  });
});
