import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cacheKeyOf, stableJson } from '../../../src/core/cache/cacheKey';
import type { ModelRequest } from '../../../src/core/types';

const base: ModelRequest = { model: 'sonnet', system: 'be brief', temperature: 0, maxTokens: 100, messages: [{ role: 'user', content: 'hi' }] };

describe('cache key', () => {
  it('is the same for equivalent requests: string vs text block content, cache breakpoints, provider options absent', () => {
    const blocks: ModelRequest = { ...base, system: [{ text: 'be brief', cache: true }], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache: '1h' }] }] };
    assert.equal(cacheKeyOf(blocks), cacheKeyOf(base));
  });

  it('changes with everything that changes the answer', () => {
    const k = cacheKeyOf(base);
    const variants: ModelRequest[] = [
      { ...base, model: 'haiku' },
      { ...base, system: 'be long' },
      { ...base, messages: [{ role: 'user', content: 'hello' }] },
      { ...base, temperature: 0.5 },
      { ...base, topP: 0.9 },
      { ...base, maxTokens: 101 },
      { ...base, stopSequences: ['END'] },
      { ...base, thinkingBudget: 2048 },
      { ...base, tools: [{ name: 't', inputSchema: { type: 'object' } }] },
      { ...base, toolChoice: 'any' },
      { ...base, bedrock: { guardrail: { identifier: 'g', version: '1' } } },
    ];
    const keys = new Set(variants.map((r) => cacheKeyOf(r)));
    assert.equal(keys.size, variants.length);
    assert.ok(!keys.has(k));
  });

  it('stable JSON does not depend on key order (property)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      return stableJson(obj) === stableJson(reversed);
    }));
  });
});
