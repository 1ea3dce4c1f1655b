import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MemoryLogger } from '../../../src/core/logger';
import { ResponseCache } from '../../../src/core/cache/responseCache';
import type { CachedAnswer } from '../../../src/core/cache/responseCache';
import { cacheKeyOf } from '../../../src/core/cache/cacheKey';

function answer(text: string, costUsd: number | null = 0.01): CachedAnswer {
  return { provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', blocks: [{ kind: 'text', text }], stopReason: 'end_turn', usage: { inputTokens: 10, outputTokens: 5, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }, costUsd };
}
const key = (n: number): string => cacheKeyOf({ model: 'sonnet', temperature: 0, messages: [{ role: 'user', content: `q${n}` }] });

describe('response cache', () => {
  let dir: string;
  let now: number;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sb-cache-'));
    now = 1_700_000_000_000;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('misses after the TTL (fake clock) and counts the miss', async () => {
    const c = new ResponseCache({ ttlMs: 60_000, now: () => now });
    await c.set(key(1), answer('a'));
    now += 59_999;
    assert.equal((await c.get(key(1)))?.blocks[0]?.kind, 'text');
    now += 1;
    assert.equal(await c.get(key(1)), undefined);
    assert.deepEqual({ hits: c.stats().hits, misses: c.stats().misses, entries: c.stats().entries }, { hits: 1, misses: 1, entries: 0 });
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const c = new ResponseCache({ maxEntries: 2, now: () => now });
    await c.set(key(1), answer('one'));
    await c.set(key(2), answer('two'));
    await c.get(key(1)); // 1 is now the most recently used
    await c.set(key(3), answer('three'));
    assert.ok(await c.get(key(1)));
    assert.equal(await c.get(key(2)), undefined);
    assert.ok(await c.get(key(3)));
    assert.equal(c.stats().entries, 2);
  });

  it('evicts by bytes and never holds more than maxBytes', async () => {
    const one = Buffer.byteLength(JSON.stringify(answer('x'.repeat(1000))));
    const c = new ResponseCache({ maxBytes: one * 2 + 10, now: () => now });
    for (let i = 0; i < 5; i++) await c.set(key(i), answer('x'.repeat(1000)));
    assert.equal(c.stats().entries, 2);
    assert.ok(c.stats().bytes <= one * 2 + 10);
    assert.ok(await c.get(key(4)));
    assert.equal(await c.get(key(0)), undefined);
    await c.set(key(9), answer('y'.repeat(one * 3)));
    assert.equal(await c.get(key(9)), undefined, 'an answer larger than the whole cache was stored');
  });

  it('sets a corrupted file aside, starts empty, and writes a good file again', async () => {
    const file = path.join(dir, 'responses.json');
    writeFileSync(file, '{"format":"switchboard-response-cache","version":1,"entries":[{"key":');
    const logger = new MemoryLogger();
    const c = new ResponseCache({ file, logger, now: () => now });
    assert.equal(await c.get(key(1)), undefined);
    const aside = readdirSync(dir).filter((f) => f.startsWith('responses.json.corrupt-'));
    assert.equal(aside.length, 1);
    assert.ok(logger.lines.some((l) => /moved it to .*corrupt-/.test(l)));
    await c.set(key(1), answer('fresh'));
    await c.flush();
    const reread = new ResponseCache({ file, now: () => now });
    assert.equal((await reread.get(key(1)))?.blocks[0]?.kind, 'text');
    assert.equal(readdirSync(dir).filter((f) => f.includes('.tmp-')).length, 0, 'a temp file was left behind');
  });

  it('skips malformed entries of a valid file and keeps the good ones', async () => {
    const file = path.join(dir, 'responses.json');
    const good = { key: key(1), createdAt: now, lastUsedAt: now, hits: 0, bytes: 10, answer: answer('ok') };
    writeFileSync(file, JSON.stringify({ format: 'switchboard-response-cache', version: 1, stats: { hits: 3, misses: 1, savedUsd: 0.5 }, entries: [good, { key: 'nope' }, { ...good, key: key(2), answer: { provider: 'openai' } }] }));
    const c = new ResponseCache({ file, now: () => now });
    await c.load();
    assert.equal(c.stats().entries, 1);
    assert.equal(c.stats().hits, 3);
    assert.equal(c.stats().savedUsd, 0.5);
  });

  it('persists stats and entries with atomic writes and counts dollars saved', async () => {
    const file = path.join(dir, 'sub', 'responses.json');
    const c = new ResponseCache({ file, now: () => now });
    await c.set(key(1), answer('a', 0.25));
    await c.get(key(1));
    await c.get(key(1));
    await c.get(key(2));
    await c.flush();
    const data = JSON.parse(readFileSync(file, 'utf8')) as { stats: { hits: number; misses: number; savedUsd: number } };
    assert.deepEqual(data.stats, { hits: 2, misses: 1, savedUsd: 0.5 });
    assert.equal(new ResponseCache({ file }).stats().entries, 0, 'stats before load are empty');
    const back = new ResponseCache({ file, now: () => now });
    await back.load();
    assert.deepEqual({ ...back.stats(), hitRate: Math.round(back.stats().hitRate * 1000) / 1000 }, { entries: 1, bytes: c.stats().bytes, hits: 2, misses: 1, hitRate: 0.667, savedUsd: 0.5 });
  });

  it('exports and imports entries, rejecting what is not an export', async () => {
    const a = new ResponseCache({ now: () => now });
    await a.set(key(1), answer('one'));
    await a.set(key(2), answer('two'));
    const exported = JSON.parse(JSON.stringify(await a.exportData())) as unknown;
    const b = new ResponseCache({ now: () => now, ttlMs: 1000 });
    assert.deepEqual(await b.importData(exported), { added: 2, skipped: 0 });
    assert.ok(await b.get(key(2)));
    await assert.rejects(b.importData({ hello: 'world' }), /not a Switchboard cache export/);
    now += 1000;
    const c = new ResponseCache({ now: () => now, ttlMs: 1000 });
    assert.deepEqual(await c.importData(exported), { added: 0, skipped: 2 }, 'expired entries were imported');
  });

  it('clear() empties entries and stats, on disk too', async () => {
    const file = path.join(dir, 'responses.json');
    const c = new ResponseCache({ file, now: () => now });
    await c.set(key(1), answer('a'));
    await c.clear();
    const back = new ResponseCache({ file, now: () => now });
    await back.load();
    assert.equal(back.stats().entries, 0);
  });
});
