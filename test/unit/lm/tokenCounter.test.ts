import * as assert from 'node:assert/strict';
import type { ModelRequest, TokenCount } from '../../../src/core/types';
import { TokenCounter } from '../../../src/presenters/lm/tokenCounter';

const req = (text: string): ModelRequest => ({ model: 'sonnet-4.6', messages: [{ role: 'user', content: [{ type: 'text', text }] }] });

// The count function stands in for the provider here (the real one: lmEngine.test.ts, against the emulators).
function counter(answer: (r: ModelRequest) => Promise<TokenCount>, over: Partial<ConstructorParameters<typeof TokenCounter>[0]> = {}): { c: TokenCounter; calls: ModelRequest[] } {
  const calls: ModelRequest[] = [];
  const c = new TokenCounter({ count: (r) => (calls.push(r), answer(r)), estimate: () => -1, ...over });
  return { c, calls };
}

describe('lm token counter (LRU over exact counts)', () => {
  it('answers a repeated content from the cache and counts again when the scope (provider / model) differs', async () => {
    const { c, calls } = counter(async () => ({ inputTokens: 7, exact: true }));
    assert.equal(await c.count('anthropic:claude-sonnet-4-6', req('a')), 7);
    assert.equal(await c.count('anthropic:claude-sonnet-4-6', req('a')), 7);
    assert.equal(calls.length, 1);
    await c.count('bedrock:eu.anthropic.claude-sonnet-4-6', req('a'));
    assert.equal(calls.length, 2);
  });

  it('shares one call among equal concurrent asks', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { c, calls } = counter(async () => (await gate, { inputTokens: 3, exact: true }));
    const all = Promise.all([c.count('s', req('x')), c.count('s', req('x')), c.count('s', req('x'))]);
    release();
    assert.deepEqual(await all, [3, 3, 3]);
    assert.equal(calls.length, 1);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const { c, calls } = counter(async (r) => ({ inputTokens: JSON.stringify(r).length, exact: true }), { maxEntries: 2 });
    await c.count('s', req('1'));
    await c.count('s', req('2'));
    await c.count('s', req('1')); // 1 is now the most recent
    await c.count('s', req('3')); // evicts 2
    assert.equal(calls.length, 3);
    await c.count('s', req('1'));
    assert.equal(calls.length, 3, '1 stayed');
    await c.count('s', req('2'));
    assert.equal(calls.length, 4, '2 was evicted');
  });

  it('does not keep a provider estimate as if exact, and estimates without calling while the endpoint is unreachable', async () => {
    let now = 1_000;
    let fail = false;
    const { c, calls } = counter(async () => {
      if (fail) throw new Error('ECONNREFUSED');
      return { inputTokens: 9, exact: false };
    }, { now: () => now, offlineMs: 30_000 });
    await c.count('s', req('a'));
    await c.count('s', req('a'));
    assert.equal(calls.length, 2, 'estimates are not cached');
    fail = true;
    assert.equal(await c.count('s', req('b')), -1);
    assert.equal(await c.count('s', req('c')), -1);
    assert.equal(calls.length, 3, 'no call while offline');
    now += 30_001;
    fail = false;
    assert.equal(await c.count('s', req('c')), 9);
    assert.equal(calls.length, 4);
  });

  it('a cancelled count rejects instead of answering an estimate', async () => {
    const abort = new AbortController();
    const { c } = counter(async () => {
      abort.abort();
      throw new Error('aborted');
    });
    await assert.rejects(c.count('s', req('a'), abort.signal), /aborted/);
  });
});
