import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CachedAnswer } from '../../../src/core/cache/responseCache';
import { MemoryResponseCache } from '../../../src/core/cache/responseCache';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { useStoreHome } from './storeTestKit';
import type { StoreHome } from './storeTestKit';

const key = (n: number): string => n.toString(16).padStart(64, '0');
const answer = (text: string, costUsd: number | null = 0.01): CachedAnswer => ({
  provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', blocks: [{ kind: 'text', text }], stopReason: 'end_turn',
  usage: { inputTokens: 10, outputTokens: 5, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }, costUsd,
});

describe('SQLite response cache', () => {
  let home: StoreHome;
  let now: number;
  useStoreHome((h) => (home = h));
  beforeEach(() => (now = 1_800_000_000_000));
  const open = (cache: Record<string, number> = {}): ReturnType<typeof openLocalStore> => openLocalStore(home.dir, { cache: { now: () => now, ...cache } });

  it('answers a hit until the TTL, then misses and drops the entry', async () => {
    const s = open({ ttlMs: 60_000 });
    await s.responseCache.set(key(1), answer('one'));
    now += 59_999;
    assert.equal((await s.responseCache.get(key(1)))?.blocks[0]?.kind, 'text');
    now += 1;
    assert.equal(await s.responseCache.get(key(1)), undefined);
    assert.equal(s.responseCache.stats().entries, 0);
    s.close();
  });

  it('evicts the least recently used beyond maxEntries and beyond maxBytes', async () => {
    const s = open({ maxEntries: 2 });
    await s.responseCache.set(key(1), answer('one'));
    now++;
    await s.responseCache.set(key(2), answer('two'));
    now++;
    await s.responseCache.get(key(1)); // 1 is now the most recently used
    now++;
    await s.responseCache.set(key(3), answer('three'));
    assert.ok(await s.responseCache.get(key(1)));
    assert.equal(await s.responseCache.get(key(2)), undefined, 'the least recently used went');
    assert.ok(await s.responseCache.get(key(3)));
    s.close();
    const one = Buffer.byteLength(JSON.stringify(answer('aaaa')));
    const b = openLocalStore(path.join(home.dir, 'b'), { cache: { now: () => now, maxBytes: one * 2 + 10 } });
    for (const n of [1, 2, 3]) {
      now++;
      await b.responseCache.set(key(n), answer('aaaa'));
    }
    assert.deepEqual({ entries: b.responseCache.stats().entries, bytes: b.responseCache.stats().bytes }, { entries: 2, bytes: one * 2 });
    assert.equal(await b.responseCache.get(key(1)), undefined);
    b.close();
  });

  it('keeps hit / miss / saved counters in the database: a second window sees the first one\'s lookups', async () => {
    const a = open();
    const b = open();
    await a.responseCache.set(key(1), answer('one', 0.25));
    await a.responseCache.get(key(1));
    await a.responseCache.get(key(2));
    const seen = b.responseCache.stats();
    assert.deepEqual({ entries: seen.entries, hits: seen.hits, misses: seen.misses, hitRate: seen.hitRate, savedUsd: seen.savedUsd }, { entries: 1, hits: 1, misses: 1, hitRate: 0.5, savedUsd: 0.25 });
    await b.responseCache.clear();
    assert.deepEqual(a.responseCache.stats(), { entries: 0, bytes: 0, hits: 0, misses: 0, hitRate: 0, savedUsd: 0 });
    a.close();
    b.close();
  });

  it('imports the old responses.json once (entries and counters) and removes it with the temp files a killed save left', async () => {
    const old = new MemoryResponseCache({ now: () => now });
    await old.set(key(1), answer('one'));
    await old.set(key(2), answer('two'));
    await old.get(key(1));
    const file = path.join(home.dir, 'cache', 'responses.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(await old.exportData()));
    writeFileSync(`${file}.tmp-1234-abc-def`, '{"half":');
    const s = open();
    assert.deepEqual(s.imported?.cache, { added: 2, skipped: 0 });
    assert.deepEqual(readdirSync(path.dirname(file)), [], 'old file and temp file gone');
    const st = s.responseCache.stats();
    assert.deepEqual([st.entries, st.hits], [2, 1]);
    assert.equal(((await s.responseCache.get(key(2)))?.blocks[0] as { text: string }).text, 'two');
    s.close();
    writeFileSync(file, JSON.stringify(await old.exportData()));
    const again = open();
    assert.equal(again.imported?.cache, undefined, 'imported only once');
    assert.equal(again.responseCache.stats().entries, 2);
    again.close();
  });

  it('export and import round-trip; a newer entry is not replaced by an older one; bad files are refused', async () => {
    const a = open();
    await a.responseCache.set(key(1), answer('one'));
    await a.responseCache.set(key(2), answer('two'));
    const data = await a.responseCache.exportData();
    a.close();
    const b = openLocalStore(path.join(home.dir, 'b'), { cache: { now: () => now } });
    now++;
    await b.responseCache.set(key(2), answer('newer two'));
    assert.deepEqual(await b.responseCache.importData(data), { added: 1, skipped: 1 });
    assert.equal(((await b.responseCache.get(key(2)))?.blocks[0] as { text: string }).text, 'newer two');
    assert.equal(((await b.responseCache.get(key(1)))?.blocks[0] as { text: string }).text, 'one');
    await assert.rejects(b.responseCache.importData({ format: 'something-else' }), /not a Switchboard cache export/);
    b.close();
  });

  it('withOptions applies new limits to the same shared entries', async () => {
    const s = open({ ttlMs: 1000 });
    await s.responseCache.set(key(1), answer('one'));
    now += 5000;
    const longer = s.responseCache.withOptions({ ttlMs: 60_000 });
    assert.ok(await longer.get(key(1)), 'still there under the longer TTL');
    s.close();
  });
});
