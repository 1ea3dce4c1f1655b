// The usage roll-up (schema 3) against a plain reduction over the records it sums: random records
// around daylight-saving changes and month ends, written in one time zone and read in another
// (whole-hour, half-hour and 45-minute offsets), some pruned; a database migrated from schema 2;
// an older Switchboard writing and pruning a schema-3 file. The real store on real database files.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { MIGRATIONS } from '../../../src/core/storage/schema';
import type { SqliteDatabase } from '../../../src/core/storage/sqlite';
import { openDatabase } from '../../../src/core/storage/sqlite';
import { monthDays } from '../../../src/core/storage/usageSeries';
import type { UsageRecord } from '../../../src/core/usage/ledger';
import { cacheWriteCostOf, dayKey, monthKey, promptCacheSavingsOf, promptCacheWritePremiumOf, summarizeMonth, summarizeUsage } from '../../../src/core/usage/ledger';
import { readUsageReport } from '../../../src/core/usage/report';
import { aggregateRecords, flagBits } from '../../../src/core/usage/usageAggregate';
import type { UsageAggregate } from '../../../src/core/usage/usageAggregate';
import { referenceAdvice, referenceCompare } from '../usage/referenceAdvice';
import { inTimeZone, skipWithoutSqlite, tempHome } from './storeTestKit';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const MODELS: ReadonlyArray<readonly [UsageRecord['provider'], string]> = [
  ['anthropic', 'claude-sonnet-4-5-20250929'], // has a long-context tier
  ['anthropic', 'claude-opus-4-7'],
  ['anthropic', 'claude-haiku-4-5-20251001'],
  ['bedrock', 'us.anthropic.claude-sonnet-4-6'], // a geo profile (regional price)
  ['bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'],
  ['bedrock', 'us.amazon.nova-lite-v1:0'],
  ['bedrock', 'us.meta.llama3-3-70b-instruct-v1:0'],
  ['bedrock', 'mistral.mistral-large-2407-v1:0'], // no known price
];
/** Two windows with DST changes in most of the zones and a month end inside. */
const WINDOWS = [[Date.UTC(2026, 1, 25), Date.UTC(2026, 3, 8)], [Date.UTC(2026, 9, 20), Date.UTC(2026, 10, 10)]] as const;

const recordArb = (window: readonly [number, number]): fc.Arbitrary<UsageRecord> => fc.record({
  time: fc.integer({ min: window[0], max: window[1] - 1 }),
  model: fc.constantFrom(...MODELS),
  surface: fc.constantFrom('chat', 'cli', 'lm:cline.cline', ''),
  input: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 150_000, max: 260_000 })),
  output: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 301, max: 4000 })),
  write: fc.oneof(fc.constant(0), fc.integer({ min: 1024, max: 8000 })),
  read: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60_000 })),
  ttl: fc.constantFrom<'1h' | undefined>('1h', undefined),
  cost: fc.option(fc.double({ min: 0, max: 3, noNaN: true }), { nil: null, freq: 6 }),
}).map((g) => ({
  time: new Date(g.time).toISOString(), provider: g.model[0], model: g.model[1], modelId: g.model[1], surface: g.surface,
  inputTokens: g.input, outputTokens: g.output, cacheWriteInputTokens: g.write, cacheReadInputTokens: g.read, ...(g.ttl ? { cacheWriteTtl: g.ttl } : {}),
  latencyMs: 1, costUsd: g.model[1].startsWith('mistral') ? null : g.cost, outcome: 'ok' as const, failover: null, cached: false,
}));

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
function close(a: number, b: number, what: string): void {
  assert.ok(near(a, b), `${what}: ${a} vs ${b}`);
}

function byKey(rows: readonly UsageAggregate[]): Map<string, UsageAggregate> {
  return new Map(rows.map((g) => [`${g.provider}|${g.modelId}|${flagBits(g)}`, g]));
}

/** Everything the store sums, against the plain reduction over `records`, in the zone this runs in. */
async function assertSumsMatch(store: ReturnType<typeof openLocalStore>, records: readonly UsageRecord[], now: Date, options = { aggregates: true }): Promise<void> {
  assert.deepEqual(store.ledger.checkRollup(), [], 'the roll-up equals the sums of the rows');
  const month = monthKey(now);
  const inMonth = records.filter((r) => monthKey(new Date(r.time)) === month);
  const m = await store.ledger.usageMonth(now);

  // The month-to-date the budget reads.
  const expected = summarizeMonth([...records], now);
  assert.equal(m.monthToDate.requests, expected.requests, 'month-to-date requests');
  assert.equal(m.monthToDate.unpriced, expected.unpricedRequests, 'month-to-date unpriced');
  close(m.monthToDate.usd, expected.totalCostUsd, 'month-to-date spend');

  // The charts' cube: per local day of the month, provider, model, surface.
  const days = monthDays(now);
  const cube = new Map<string, { requests: number; cost: number; input: number; cwt: number; crt: number; saved: number; premium: number }>();
  for (const r of inMonth) {
    const t = Date.parse(r.time);
    const day = days.findIndex((d) => t >= d.start && t < d.end);
    assert.ok(day >= 0 && days[day]!.label === dayKey(r), `${r.time} is on a local day of the month`);
    const id = `${day}|${r.provider}|${r.modelId}|${r.surface}`;
    const c = cube.get(id) ?? { requests: 0, cost: 0, input: 0, cwt: 0, crt: 0, saved: 0, premium: 0 };
    cube.set(id, c);
    c.requests++;
    c.cost += r.costUsd ?? 0;
    c.input += r.inputTokens;
    c.cwt += r.cacheWriteInputTokens;
    c.crt += r.cacheReadInputTokens;
    if (r.costUsd !== null) {
      c.saved += promptCacheSavingsOf(r) ?? 0;
      c.premium += promptCacheWritePremiumOf(r) ?? 0;
    }
  }
  assert.equal(m.cube.length, cube.size, 'one cube row per day, provider, model and surface with requests');
  for (const r of m.cube) {
    const e = cube.get(`${r.bucket}|${r.provider}|${r.modelId}|${r.surface}`);
    assert.ok(e, `unexpected cube row ${r.bucket} ${r.provider} ${r.modelId}`);
    assert.deepEqual([r.requests, r.inputTokens, r.cacheWriteInputTokens, r.cacheReadInputTokens], [e.requests, e.input, e.cwt, e.crt]);
    close(r.costUsd, e.cost, 'day cost');
    close(r.cacheReadSavedUsd, e.saved, 'day saved');
    close(r.cacheWritePremiumUsd, e.premium, 'day premium');
  }

  // Every local day of the history (what `switchboard usage --by day` prints).
  const byDay = await store.ledger.summarize({ by: 'day' });
  const plain = summarizeUsage([...records], { by: 'day' });
  assert.deepEqual(byDay.breakdown.map((b) => [b.key, b.requests, b.unpricedRequests, b.inputTokens, b.outputTokens]), plain.breakdown.map((b) => [b.key, b.requests, b.unpricedRequests, b.inputTokens, b.outputTokens]));
  byDay.breakdown.forEach((b, i) => close(b.costUsd, plain.breakdown[i]!.costUsd, `${b.key} cost`));
  if (!options.aggregates) return;

  // The aggregates, and the comparison and advice from them, against the per-record reference.
  const want = byKey(aggregateRecords(inMonth));
  const got = byKey(m.aggregates);
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), 'the same models and flags');
  for (const [k, g] of got) {
    const w = want.get(k)!;
    for (const f of ['requests', 'costUsd', 'cacheWriteCostUsd', 'inputTokens', 'outputTokens', 'cacheWriteInputTokens', 'cacheReadInputTokens', 'movableTokens'] as const) close(g[f], w[f], `${k} ${f}`);
  }
  const report = await readUsageReport(store.ledger, { now });
  const c = referenceCompare(inMonth);
  close(report.comparison.actualUsd, c.actualUsd, 'recorded');
  assert.equal(report.comparison.unpricedRequests, c.unpricedRequests);
  report.comparison.scenarios.forEach((s, i) => {
    assert.deepEqual([s.scenario, s.requests, s.notComparable], [c.scenarios[i]!.scenario, c.scenarios[i]!.requests, c.scenarios[i]!.notComparable]);
    close(s.usd, c.scenarios[i]!.usd, s.scenario);
  });
  const advice = referenceAdvice(inMonth);
  assert.deepEqual(report.advice.map((a) => a.id).sort(), advice.map((a) => a.id).sort(), 'the same suggestions');
  for (const a of report.advice) {
    const r = advice.find((x) => x.id === a.id)!;
    close(a.savingUsd, r.savingUsd, `${a.id} saving`);
    for (const [k, v] of Object.entries(r.data)) {
      if (typeof v === 'number') close(Number(a.data[k]), v, `${a.id} ${k}`);
    }
  }
}

describe('usage roll-up: the store\'s sums equal a plain reduction over the records', function () {
  this.timeout(120_000);
  before(function () {
    skipWithoutSqlite(this);
  });

  it('for random records around DST changes and month ends, written in one time zone and read in another, some pruned (property)', async () => {
    const run = fc.integer({ min: 0, max: WINDOWS.length - 1 }).chain((w) => fc.record({
      window: fc.constant(WINDOWS[w]!),
      records: fc.array(recordArb(WINDOWS[w]!), { minLength: 1, maxLength: 120 }),
      writer: fc.constantFrom(...ZONES),
      reader: fc.constantFrom(...ZONES),
      now: fc.integer({ min: WINDOWS[w]![0], max: WINDOWS[w]![1] - 1 }),
      pruneAt: fc.option(fc.integer({ min: WINDOWS[w]![0], max: WINDOWS[w]![1] }), { nil: undefined }),
      oneByOne: fc.boolean(),
    }));
    let mixed = 0;
    await fc.assert(fc.asyncProperty(run, async (p) => {
      const home = tempHome('sb-rollup-prop-');
      try {
        const store = await inTimeZone(p.writer, async () => {
          const s = openLocalStore(home.dir, { legacy: false });
          if (p.oneByOne) for (const r of p.records) await s.ledger.append(r);
          else s.ledger.appendMany(p.records);
          // The retention's cut-off at `pruneAt`: a prune as the ledger runs it, through the delete trigger.
          if (p.pruneAt !== undefined) s.ledger.prune(new Date(p.pruneAt + s.ledger.retentionDays * 86_400_000));
          return s;
        });
        const kept = p.pruneAt === undefined ? p.records : p.records.filter((r) => Date.parse(r.time) >= p.pruneAt!);
        if (p.writer !== p.reader) mixed++;
        try {
          await inTimeZone(p.reader, () => assertSumsMatch(store, kept, new Date(p.now)));
        } finally {
          store.close();
        }
      } finally {
        home.cleanup();
      }
    }), { numRuns: 100 });
    assert.ok(mixed > 10, `writer and reader zones differ in enough runs (${mixed})`);
  });

  it('a reader in the writer\'s zone reads the roll-up only; one in another zone sums the straddled days from the rows, with the same totals', async () => {
    const home = tempHome('sb-rollup-zones-');
    try {
      const now = new Date(Date.UTC(2026, 9, 28, 12));
      const records = fc.sample(recordArb(WINDOWS[1]), { numRuns: 400, seed: 42 });
      await inTimeZone('Europe/Berlin', () => {
        const writer = openLocalStore(home.dir, { legacy: false });
        writer.ledger.appendMany(records);
        writer.close();
      });
      const store = openLocalStore(home.dir, { legacy: false });
      try {
        const berlin = await inTimeZone('Europe/Berlin', async () => {
          const stats = { rollupRows: 0, rawBuckets: 0 };
          const m = await store.ledger.usageMonth(now, stats);
          return { stats, usd: m.monthToDate.usd, expected: summarizeMonth(records, now).totalCostUsd };
        });
        assert.equal(berlin.stats.rawBuckets, 0, 'the writer\'s own days: no raw row read');
        close(berlin.usd, berlin.expected, 'Berlin month');
        const kolkata = await inTimeZone('Asia/Kolkata', async () => {
          const stats = { rollupRows: 0, rawBuckets: 0 };
          const m = await store.ledger.usageMonth(now, stats);
          return { stats, usd: m.monthToDate.usd, expected: summarizeMonth(records, now).totalCostUsd };
        });
        // The records start on 20 October: Berlin's days from then on straddle every Kolkata day from the 20th to the 31st.
        assert.equal(kolkata.stats.rawBuckets, 12, 'Kolkata\'s days with records are summed from the rows');
        close(kolkata.usd, kolkata.expected, 'Kolkata month');
      } finally {
        store.close();
      }
    } finally {
      home.cleanup();
    }
  });

  it('a schema-2 database is migrated with its roll-up built from the rows there are (one-hour TTLs read from the records)', async () => {
    const home = tempHome('sb-rollup-migrate-');
    try {
      const records = fc.sample(recordArb(WINDOWS[1]), { numRuns: 500, seed: 7 });
      const db = openDatabase(`${home.dir}/switchboard.db`);
      db.exec(`${MIGRATIONS[0] as string}\n${MIGRATIONS[1] as string}\nPRAGMA user_version = 2;`);
      for (const r of records) insertAsSchema2(db, r);
      db.close();
      const store = openLocalStore(home.dir, { legacy: false });
      try {
        assert.equal(store.problem, undefined);
        const version = openDatabase(store.file);
        assert.equal(Number(version.prepare('PRAGMA user_version').get()?.user_version), MIGRATIONS.length);
        assert.equal(Number(version.prepare("SELECT COUNT(*) AS n FROM usage WHERE cache_write_ttl = '1h'").get()?.n), records.filter((r) => r.cacheWriteTtl === '1h' && r.cacheWriteInputTokens > 0).length, 'the 1-hour TTL of every row that wrote the cache');
        version.close();
        await assertSumsMatch(store, records, new Date(Date.UTC(2026, 9, 28, 12)));
      } finally {
        store.close();
      }
    } finally {
      home.cleanup();
    }
  });

  it('an older Switchboard writing and pruning a schema-3 file keeps the roll-up right; its rows get their local day at the next open', async () => {
    const home = tempHome('sb-rollup-older-');
    try {
      const records = fc.sample(recordArb(WINDOWS[1]), { numRuns: 300, seed: 11 });
      const now = new Date(Date.UTC(2026, 9, 28, 12));
      const store = openLocalStore(home.dir, { legacy: false });
      store.ledger.appendMany(records.slice(0, 100));
      // The schema-2 code: its INSERT (no local day, no TTL column), then its prune's DELETE.
      const old = openDatabase(store.file);
      for (const r of records.slice(100)) insertAsSchema2(old, r);
      const cutoff = Date.UTC(2026, 9, 24);
      old.exec(`DELETE FROM usage_records WHERE id IN (SELECT id FROM usage WHERE time_ms < ${cutoff}); DELETE FROM usage WHERE time_ms < ${cutoff};`);
      old.close();
      const kept = records.filter((r) => Date.parse(r.time) >= cutoff);
      assert.ok(records.slice(100).some((r) => r.cacheWriteTtl === '1h' && r.cacheWriteInputTokens > 0), 'the fixture has older rows with 1-hour writes');
      // Until the next open the older rows' 1-hour cache writes are summed as 5-minute ones (the
      // TTL is only in their record): the roll-up equals its rows, and every total, day, model and
      // surface is right; the aggregates the advice reads wait for the open.
      try {
        await assertSumsMatch(store, kept, now, { aggregates: false });
        await inTimeZone('Asia/Kolkata', () => assertSumsMatch(store, kept, now, { aggregates: false }));
      } finally {
        store.close();
      }
      const again = openLocalStore(home.dir, { legacy: false });
      try {
        const raw = openDatabase(again.file);
        assert.equal(Number(raw.prepare('SELECT COUNT(*) AS n FROM usage WHERE day_start_ms IS NULL').get()?.n), 0, 'every row has its local day after the open');
        assert.equal(Number(raw.prepare("SELECT COUNT(*) AS n FROM usage WHERE cache_write_ttl = '1h'").get()?.n), kept.filter((r) => r.cacheWriteTtl === '1h' && r.cacheWriteInputTokens > 0).length, 'and its cache TTL');
        raw.close();
        const stats = { rollupRows: 0, rawBuckets: 0 };
        await again.ledger.usageMonth(now, stats);
        assert.equal(stats.rawBuckets, 0);
        await assertSumsMatch(again, kept, now);
      } finally {
        again.close();
      }
    } finally {
      home.cleanup();
    }
  });
});

/** What the schema-2 Switchboard (5b172ce) ran for one record: its INSERT (UTC day column, no local day, no TTL column), then the JSON. */
function insertAsSchema2(db: SqliteDatabase, r: UsageRecord): void {
  const money = (n: number | null | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);
  const id = db.prepare(`INSERT INTO usage (time_ms, day, month, provider, model, model_id, surface, outcome, cached, input_tokens, output_tokens,
    cache_write_tokens, cache_read_tokens, cost_usd, cache_write_cost_usd, cache_read_saved_usd, cache_write_premium_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    Date.parse(r.time), r.time.slice(0, 10), monthKey(new Date(r.time)), r.provider, r.model, r.modelId, r.surface ?? '', r.outcome, r.cached ? 1 : 0,
    r.inputTokens, r.outputTokens, r.cacheWriteInputTokens, r.cacheReadInputTokens,
    money(r.costUsd), money(cacheWriteCostOf(r)), money(promptCacheSavingsOf(r)), money(promptCacheWritePremiumOf(r)),
  );
  db.prepare('INSERT INTO usage_records (id, record) VALUES (?, ?)').run(id.lastInsertRowid, JSON.stringify(r));
}
