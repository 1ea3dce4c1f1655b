// The local store against what it replaced, in the same run: ledger append and this month's
// spend with 100,000 records (SQLite vs the JSONL ledger, whose month query reads all history),
// and a cache lookup with 10,000 entries (SQLite vs the in-memory JSON cache, which also had to
// load its whole file at start). The usage roll-up (schema 3) on append: the same records in a
// store shaped as schema 2 was (no roll-up triggers; the indexes by provider, model and surface
// that schema 3 drops) and in one with only the triggers dropped, sampled in turn with the real
// one; and its gain: this month's report (comparison, advice) from the roll-up vs from the month's
// records (how it was read before). Medians per operation; ratios printed. Needs Node ≥ 22.13.
// Usage: npm run bench:store [RECORDS] [CACHE_ENTRIES]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CachedAnswer } from '../src/core/cache/responseCache';
import { MemoryResponseCache } from '../src/core/cache/responseCache';
import { openLocalStore } from '../src/core/storage/localStore';
import type { UsageRecord } from '../src/core/usage/ledger';
import { JsonlUsageLedger, summarizeMonth } from '../src/core/usage/ledger';
import { buildUsageReport, readUsageReport } from '../src/core/usage/report';
import { openDatabase } from '../src/core/storage/sqlite';

const RECORDS = Number(process.argv[2] ?? 100_000);
const ENTRIES = Number(process.argv[3] ?? 10_000);
const SAMPLES = 200;

function record(i: number, now: number): UsageRecord {
  // Spread over ~13 months, so "this month" is a small slice of the history.
  return {
    time: new Date(now - (i % 395) * 86_400_000 - i).toISOString(), provider: i % 3 ? 'anthropic' : 'bedrock', model: 'sonnet', modelId: i % 2 ? 'claude-sonnet-4-6' : 'claude-haiku-4-5',
    inputTokens: 1200 + (i % 700), outputTokens: 300 + (i % 90), cacheWriteInputTokens: i % 7 ? 0 : 2048, cacheReadInputTokens: i % 3 ? 0 : 4096, latencyMs: 800,
    costUsd: 0.004 + (i % 13) / 1000, cacheWriteCostUsd: 0, outcome: 'ok', failover: null, cached: false, surface: i % 2 ? 'cli' : 'vscode',
  };
}

function answer(i: number): CachedAnswer {
  return { provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', blocks: [{ kind: 'text', text: `answer ${i} `.repeat(60) }], stopReason: 'end_turn', usage: { inputTokens: 100, outputTokens: 60, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }, costUsd: 0.002 };
}

const key = (i: number): string => i.toString(16).padStart(64, '0');

async function median(samples: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Medians of operations sampled in turn, the order rotating (each sees the same load). */
async function inTurn(samples: number, ...fns: Array<(i: number) => Promise<unknown> | unknown>): Promise<number[]> {
  const times = fns.map((): number[] => []);
  for (let i = 0; i < samples; i++) {
    for (let k = 0; k < fns.length; k++) {
      const j = (k + i) % fns.length;
      const t = process.hrtime.bigint();
      await fns[j]!(i);
      times[j]!.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  return times.map((xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!);
}

/** A store with `records` whose database was reshaped by `sql` right after it was created. */
function reshapedStore(dir: string, sql: string, records: readonly UsageRecord[]): ReturnType<typeof openLocalStore> {
  openLocalStore(dir, { legacy: false }).close();
  const raw = openDatabase(path.join(dir, 'switchboard.db'));
  raw.exec(sql);
  raw.close();
  const store = openLocalStore(dir, { legacy: false });
  store.ledger.appendMany(records);
  return store;
}

const NO_TRIGGERS = 'DROP TRIGGER usage_rollup_add; DROP TRIGGER usage_rollup_remove; DROP TRIGGER usage_rollup_change;';
const SCHEMA_2_INDEXES = 'CREATE INDEX usage_by_provider ON usage (provider, time_ms); CREATE INDEX usage_by_model ON usage (model_id, time_ms); CREATE INDEX usage_by_surface ON usage (surface, time_ms);';

const ms = (n: number): string => (n < 1 ? `${(n * 1000).toFixed(0)} µs` : `${n.toFixed(2)} ms`);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sb-bench-store-'));
  try {
    // "Now" is the middle of last month, so this month's slice is half a month of a 13-month history.
    const today = new Date();
    const ref = new Date(today.getFullYear(), today.getMonth() - 1, 15, 12);
    const now = ref.getTime();
    const records = Array.from({ length: RECORDS }, (_, i) => record(i, now));

    // Baseline: the JSONL ledger, filled with the same records (one file, no rotation in the way).
    const jsonl = new JsonlUsageLedger(path.join(dir, 'jsonl'), { maxBytes: Number.MAX_SAFE_INTEGER });
    await jsonl.append(records[0]!);
    const { appendFile } = await import('node:fs/promises');
    await appendFile(jsonl.activePath, records.slice(1).map((r) => JSON.stringify(r) + '\n').join(''));

    const store = openLocalStore(path.join(dir, 'sqlite'), { legacy: false });
    store.ledger.appendMany(records);
    // Before schema 3: no roll-up triggers, the indexes it drops. And the triggers' own cost.
    const schema2 = reshapedStore(path.join(dir, 'schema-2-shape'), `${NO_TRIGGERS} ${SCHEMA_2_INDEXES}`, records);
    const noTriggers = reshapedStore(path.join(dir, 'no-triggers'), NO_TRIGGERS, records);

    const extra = (i: number): UsageRecord => ({ ...record(i, now), time: ref.toISOString() });
    const jsonlAppend = await median(SAMPLES, (i) => jsonl.append(extra(i)));
    const [beforeAppend, untriggeredAppend, sqliteAppend] = await inTurn(SAMPLES * 2, (i) => schema2.ledger.append(extra(i)), (i) => noTriggers.ledger.append(extra(i)), (i) => store.ledger.append(extra(i)));
    schema2.close();
    noTriggers.close();
    const [reportFromRecords, reportFromRollup] = await inTurn(9, async () => buildUsageReport(await store.ledger.readMonth(ref), { now: ref, monthToDate: await store.ledger.monthToDate(ref) }), () => readUsageReport(store.ledger, { now: ref }));
    const jsonlMonth = await median(15, async () => summarizeMonth(await jsonl.readAll(), ref).totalCostUsd);
    const sqliteMonth = await median(SAMPLES, () => store.ledger.monthToDate(ref));
    const monthRows = (await store.ledger.monthToDate(ref)).requests;
    const sqliteDaily = await median(50, () => store.ledger.daily({ since: new Date(now - 30 * 86_400_000), by: 'model' }));

    // Cache: 10,000 entries. The JSON cache is in memory once loaded; loading is what each CLI run paid.
    const memory = new MemoryResponseCache({ maxEntries: ENTRIES * 2, maxBytes: 1e10 });
    for (let i = 0; i < ENTRIES; i++) await memory.set(key(i), answer(i));
    const sqliteCache = store.responseCache.withOptions({ maxEntries: ENTRIES * 2, maxBytes: 1e10 });
    await sqliteCache.importData(await memory.exportData());
    const memoryHit = await median(SAMPLES * 5, (i) => memory.get(key((i * 7919) % ENTRIES)));
    const sqliteHit = await median(SAMPLES * 5, (i) => sqliteCache.get(key((i * 7919) % ENTRIES)));
    const cacheFile = path.join(dir, 'responses.json');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(cacheFile, JSON.stringify(await memory.exportData()));
    const jsonLoad = await median(5, async () => {
      const c = new MemoryResponseCache({ file: cacheFile, maxEntries: ENTRIES * 2, maxBytes: 1e10 });
      await c.load();
    });

    const dbBytes = statSync(store.file).size;
    store.close();
    // What every CLI run pays to open the store (migration check, pruning check) with this history.
    const openClose = await median(20, () => openLocalStore(path.join(dir, 'sqlite'), { legacy: false }).close());
    console.log(`store bench (Node ${process.versions.node}; ${RECORDS.toLocaleString('en')} ledger records, ${ENTRIES.toLocaleString('en')} cache entries; medians)`);
    console.log(`  ledger append        JSONL ${ms(jsonlAppend).padStart(9)}   SQLite ${ms(sqliteAppend).padStart(9)}   SQLite / JSONL = ${(sqliteAppend / jsonlAppend).toFixed(2)}×`);
    console.log(`  ledger append, before / after the roll-up (sampled in turn): schema 2's shape ${ms(beforeAppend)}, schema 3 ${ms(sqliteAppend)} (${(sqliteAppend / beforeAppend).toFixed(2)}×); the roll-up's triggers alone add ${ms(Math.max(0, sqliteAppend - untriggeredAppend))} (${ms(untriggeredAppend)} without them)`);
    console.log(`  this month's report (comparison, advice): from the month's records ${ms(reportFromRecords)}, from the roll-up ${ms(reportFromRollup)} (${(reportFromRecords / reportFromRollup).toFixed(0)}× faster)`);
    console.log(`  month-to-date spend  JSONL ${ms(jsonlMonth).padStart(9)}   SQLite ${ms(sqliteMonth).padStart(9)}   JSONL / SQLite = ${(jsonlMonth / sqliteMonth).toFixed(0)}× (${monthRows.toLocaleString('en')} rows this month; JSONL reads all history)`);
    console.log(`  30 days by model, per day                     SQLite ${ms(sqliteDaily).padStart(9)}`);
    console.log(`  cache lookup (hit)   memory ${ms(memoryHit).padStart(8)}   SQLite ${ms(sqliteHit).padStart(9)}   SQLite / memory = ${(sqliteHit / memoryHit).toFixed(1)}× (a shared, persisted hit; the memory cache first loads its file: ${ms(jsonLoad)})`);
    console.log(`  open + close the store (each CLI run)             SQLite ${ms(openClose).padStart(9)}`);
    console.log(`  database file ${(dbBytes / 1024 / 1024).toFixed(1)} MiB for ${(RECORDS + 2 * SAMPLES).toLocaleString('en')} records and ${ENTRIES.toLocaleString('en')} cache entries`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
