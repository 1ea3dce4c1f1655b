// Many real processes on one database file: nothing lost, nothing left behind. Each child is a
// separate Node process running the product's store (children/*.ts) exactly as the CLI opens it.
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { openDatabase } from '../../../src/core/storage/sqlite';
import { finished, skipWithoutSqlite, spawnChild, tempHome, usageRecord, waitForLine } from './storeTestKit';

/** Starts every child, waits until all are ready (store open), then releases them at once. */
async function runTogether(children: ChildProcess[]): Promise<Array<Awaited<ReturnType<typeof finished>>>> {
  const ends = children.map((c) => finished(c));
  await Promise.all(children.map((c) => waitForLine(c, /^ready$/)));
  for (const c of children) c.stdin!.end('go\n');
  return Promise.all(ends);
}

function storeFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f !== 'usage' && f !== 'cache' && f !== 'chat').sort();
}

describe('local store: many processes at once', function () {
  this.timeout(240_000);
  before(function () {
    skipWithoutSqlite(this);
  });

  it('20 concurrent writer processes × 25 appends: all 500 records are in the ledger', async () => {
    const home = tempHome();
    try {
      const results = await runTogether(Array.from({ length: 20 }, (_, i) => spawnChild('ledgerWriter.ts', [home.dir, String(i), '25'])));
      for (const r of results) assert.equal(r.code, 0, r.stderr);
      const store = openLocalStore(home.dir);
      const records = await store.ledger.readAll();
      assert.equal(records.length, 500);
      assert.equal(new Set(records.map((r) => r.model)).size, 500, 'every record is a different one');
      for (let w = 0; w < 20; w++) assert.equal(await store.ledger.count({ surface: `writer-${w}` }), 25, `writer ${w}`);
      store.close();
      assert.deepEqual(storeFiles(home.dir), ['switchboard.db']);
    } finally {
      home.cleanup();
    }
  });

  it('8 writers × 100 appends while each adds an expired record and prunes every 10 appends: all 800 new records kept, every expired one pruned', async () => {
    const home = tempHome();
    try {
      const seed = openLocalStore(home.dir);
      const old = new Date(Date.now() - 500 * 86_400_000); // beyond the default 400-day retention
      seed.ledger.appendMany(Array.from({ length: 3000 }, (_, i) => usageRecord({ time: new Date(old.getTime() + i).toISOString(), model: `old-${i}` })));
      assert.equal(await seed.ledger.count(), 3000);
      seed.close();
      const results = await runTogether(Array.from({ length: 8 }, (_, i) => spawnChild('ledgerWriter.ts', [home.dir, String(i), '100', '10'])));
      for (const r of results) assert.equal(r.code, 0, r.stderr);
      const store = openLocalStore(home.dir);
      const records = await store.ledger.readAll();
      assert.equal(records.filter((r) => r.model.startsWith('old-')).length, 0, 'records beyond the retention are pruned');
      assert.equal(records.length, 800);
      assert.equal(new Set(records.map((r) => r.model)).size, 800);
      store.close();
    } finally {
      home.cleanup();
    }
  });

  it('the usage roll-up\'s totals equal the rows\' after 20 concurrent writers, and again after 8 writers that prune while they write', async () => {
    const home = tempHome();
    try {
      const first = await runTogether(Array.from({ length: 20 }, (_, i) => spawnChild('ledgerWriter.ts', [home.dir, String(i), '25'])));
      for (const r of first) assert.equal(r.code, 0, r.stderr);
      const totals = async (): Promise<{ rollup: number[]; rows: number[] }> => {
        const store = openLocalStore(home.dir);
        try {
          assert.deepEqual(store.ledger.checkRollup(), [], 'every roll-up sum equals the sum of its rows');
          const s = await store.ledger.summarize({ by: 'surface' });
          const raw = openDatabase(store.file);
          const row = raw.prepare('SELECT COUNT(*) AS n, SUM(input_tokens) AS i, SUM(output_tokens) AS o, SUM(cost_usd) AS c FROM usage').get()!;
          raw.close();
          return { rollup: [s.requests, s.inputTokens, s.outputTokens, Math.round(s.totalCostUsd * 1e6)], rows: [Number(row.n), Number(row.i), Number(row.o), Math.round(Number(row.c) * 1e6)] };
        } finally {
          store.close();
        }
      };
      const afterWriters = await totals();
      assert.deepEqual(afterWriters.rollup, afterWriters.rows);
      assert.equal(afterWriters.rows[0], 500);
      const second = await runTogether(Array.from({ length: 8 }, (_, i) => spawnChild('ledgerWriter.ts', [home.dir, String(100 + i), '100', '10'])));
      for (const r of second) assert.equal(r.code, 0, r.stderr);
      const afterPruning = await totals();
      assert.deepEqual(afterPruning.rollup, afterPruning.rows);
      assert.equal(afterPruning.rows[0], 1300, '500 + 800 new records; the 80 expired ones pruned from the rows and the roll-up alike');
    } finally {
      home.cleanup();
    }
  });

  it('20 concurrent cache writers on one home keep all 20 entries, and every lookup is counted', async () => {
    const home = tempHome();
    try {
      const results = await runTogether(Array.from({ length: 20 }, (_, i) => spawnChild('cacheWriter.ts', [home.dir, String(i + 1)])));
      for (const r of results) assert.equal(r.code, 0, r.stderr);
      const store = openLocalStore(home.dir);
      const stats = store.responseCache.stats();
      assert.equal(stats.entries, 20);
      assert.deepEqual({ hits: stats.hits, misses: stats.misses }, { hits: 20, misses: 20 }, 'the lookups of every process are in the shared counters');
      const exported = await store.responseCache.exportData();
      assert.deepEqual(exported.entries.map((e) => (e.answer.blocks[0] as { text: string }).text).sort(), Array.from({ length: 20 }, (_, i) => `answer ${i + 1}`).sort());
      store.close();
      assert.deepEqual(storeFiles(home.dir), ['switchboard.db'], 'no temp files');
    } finally {
      home.cleanup();
    }
  });

  it('SIGKILL at random instants during writes (25 times): the database stays readable, at most the in-flight record is lost, no stray files', async () => {
    const home = tempHome();
    try {
      let expectedAtLeast = 0;
      let unreported = 0;
      for (let round = 0; round < 25; round++) {
        const child = spawnChild('endlessWriter.ts', [home.dir, String(round)]);
        const end = finished(child);
        // Kill after a random number of committed loops, at whatever instant the child is then in.
        const after = 1 + Math.floor(Math.random() * 30);
        await waitForLine(child, new RegExp(`^committed ${after}$`));
        child.kill('SIGKILL');
        const r = await end;
        assert.equal(r.signal, 'SIGKILL', `round ${round}: ${r.stderr}`);
        // The last loop the child reported committed before it died (it may have run ahead of our read).
        const reported = Math.max(...r.stdout.split('\n').filter((l) => l.startsWith('committed ')).map((l) => Number(l.slice(10))));
        // Only the database and its WAL / shared-memory files: no temp files.
        for (const f of storeFiles(home.dir)) assert.match(f, /^switchboard\.db(-wal|-shm)?$/, `round ${round}: stray file ${f}`);
        const store = openLocalStore(home.dir);
        assert.equal(store.problem, undefined, `round ${round}: ${store.problem?.message}`);
        const ours = await store.ledger.count({ surface: 'kill-test' });
        const thisRound = (await store.ledger.read({ surface: 'kill-test' })).filter((x) => x.model.startsWith(`${round}-`)).length;
        // Every record it reported is there; only the one in flight when it died may be missing.
        assert.ok(thisRound === reported || thisRound === reported + 1, `round ${round}: ${thisRound} records, ${reported} reported committed`);
        unreported += thisRound - reported;
        expectedAtLeast += reported;
        assert.ok(ours >= expectedAtLeast, `all earlier rounds' records survive (${ours} ≥ ${expectedAtLeast})`);
        assert.ok((await store.sessions.load('s_kill'))?.messages.length === 1, 'the session is whole');
        assert.deepEqual(store.ledger.checkRollup(), [], `round ${round}: the roll-up is killed with its row or not at all`);
        assert.ok(store.responseCache.stats().entries > 0);
        store.close();
      }
      console.log(`      (${unreported} of 25 kills landed after a commit and before its report line)`);
      const check = openLocalStore(home.dir);
      check.close();
      assert.deepEqual(storeFiles(home.dir), ['switchboard.db'], 'after a clean close only the database file is left');
    } finally {
      home.cleanup();
    }
  });
});
