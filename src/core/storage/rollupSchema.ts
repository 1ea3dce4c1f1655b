// The usage roll-up: the ledger's sums per day, provider, model, surface and the advice's flags
// (usage/usageAggregate.ts), in the table `usage_rollup`. Triggers keep it in the same transaction
// as every insert, delete and update of a `usage` row — whichever process writes, pruning included,
// and an older Switchboard that knows nothing of it too — so the sums always equal the rows.
//
// The day is the local calendar day of the process that wrote the row, kept on the row
// (`day_start_ms`, `day_end_ms`: its local midnights, so a 23- or 25-hour day is whatever the
// writer's zone made it). A row an older Switchboard wrote has none (nor its cache TTL): it is
// summed under its UTC hour, as a 5-minute write, until the next open fills both in from the row
// and its record (`fillDayBounds`). Readers never trust a day key to be
// theirs: storage/rollupQuery.ts uses a roll-up row for a bucket only when the row's span lies
// inside it, and sums the raw rows of a bucket some roll-up row straddles (another time zone).
import type { SqlRow, SqliteDatabase } from './sqlite';
import { num, str } from './sqlite';
import { CACHEABLE_PROMPT_TOKENS, CACHE_READ_TARGET, LONG_CONTEXT_PROMPT_TOKENS, SHORT_OUTPUT_TOKENS, SHORT_PROMPT_TOKENS } from '../usage/usageAggregate';
import { localDayOf, localDays } from './usageSeries';

export const HOUR_MS = 3_600_000;
/** No roll-up row spans more than this (a local day is at most 25 hours; an hour row is one). */
export const MAX_SPAN_MS = 48 * HOUR_MS;

/** The roll-up key of the usage row `a` (NEW, OLD or a table alias), as SQL: day start, day end, flags. */
export function dayStartSql(a: string): string {
  return `COALESCE(${a}.day_start_ms, ${a}.time_ms - ${a}.time_ms % ${HOUR_MS})`;
}

export function dayEndSql(a: string): string {
  return `COALESCE(${a}.day_end_ms, ${a}.time_ms - ${a}.time_ms % ${HOUR_MS} + ${HOUR_MS})`;
}

/** `flagBits(flagsOf(record))` in SQL: bit 0 priced, 1 one-hour TTL, 2 long context, 3 short, 4 cacheable. */
export function flagsSql(a: string): string {
  const prompt = `(${a}.input_tokens + ${a}.cache_write_tokens + ${a}.cache_read_tokens)`;
  return `((${a}.cost_usd IS NOT NULL) | ((${a}.cache_write_tokens > 0 AND ${a}.cache_write_ttl IS '1h') << 1) | ((${prompt} > ${LONG_CONTEXT_PROMPT_TOKENS}) << 2)`
    + ` | ((${prompt} <= ${SHORT_PROMPT_TOKENS} AND ${a}.output_tokens <= ${SHORT_OUTPUT_TOKENS}) << 3) | ((${prompt} >= ${CACHEABLE_PROMPT_TOKENS}) << 4))`;
}

/** The summed columns and what one usage row `a` adds to each. */
export function sumTerms(a: string): Array<[column: string, term: string]> {
  const prompt = `(${a}.input_tokens + ${a}.cache_write_tokens + ${a}.cache_read_tokens)`;
  return [
    ['requests', '1'],
    ['cost', `COALESCE(${a}.cost_usd, 0)`],
    ['cw_cost', `COALESCE(${a}.cache_write_cost_usd, 0)`],
    ['input', `${a}.input_tokens`],
    ['output', `${a}.output_tokens`],
    ['cwt', `${a}.cache_write_tokens`],
    ['crt', `${a}.cache_read_tokens`],
    ['saved', `COALESCE(${a}.cache_read_saved_usd, 0)`],
    ['premium', `COALESCE(${a}.cache_write_premium_usd, 0)`],
    ['unknown', `((${a}.cache_read_tokens > 0 AND ${a}.cache_read_saved_usd IS NULL) OR (${a}.cache_write_tokens > 0 AND ${a}.cache_write_premium_usd IS NULL))`],
    ['movable', `MIN(${a}.input_tokens, MAX(0, ${CACHE_READ_TARGET} * ${prompt} - ${a}.cache_read_tokens))`],
  ];
}

export const KEY_COLUMNS = ['day_start', 'day_end', 'provider', 'model_id', 'surface', 'flags'] as const;
export const SUM_COLUMNS = sumTerms('x').map(([c]) => c);

function keyTerms(a: string): string[] {
  return [dayStartSql(a), dayEndSql(a), `${a}.provider`, `${a}.model_id`, `${a}.surface`, flagsSql(a)];
}

const TABLE = `CREATE TABLE usage_rollup (
  day_start INTEGER NOT NULL, day_end INTEGER NOT NULL, provider TEXT NOT NULL, model_id TEXT NOT NULL, surface TEXT NOT NULL, flags INTEGER NOT NULL,
  requests INTEGER NOT NULL, cost REAL NOT NULL, cw_cost REAL NOT NULL, input INTEGER NOT NULL, output INTEGER NOT NULL, cwt INTEGER NOT NULL, crt INTEGER NOT NULL,
  saved REAL NOT NULL, premium REAL NOT NULL, unknown INTEGER NOT NULL, movable REAL NOT NULL,
  PRIMARY KEY (${KEY_COLUMNS.join(', ')})
) WITHOUT ROWID`;

function addRow(a: string): string {
  const sums = sumTerms(a);
  return `INSERT INTO usage_rollup (${[...KEY_COLUMNS, ...SUM_COLUMNS].join(', ')}) VALUES (${[...keyTerms(a), ...sums.map(([, t]) => t)].join(', ')})
    ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE SET ${SUM_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
}

function removeRow(a: string): string {
  const key = keyTerms(a).map((t, i) => `${KEY_COLUMNS[i]} = ${t}`).join(' AND ');
  return `UPDATE usage_rollup SET ${sumTerms(a).map(([c, t]) => `${c} = ${c} - ${t}`).join(', ')} WHERE ${key};
    DELETE FROM usage_rollup WHERE ${key} AND requests <= 0;`;
}

/** The usage columns the roll-up reads: an update of any of them moves the row's sums. */
const READ_COLUMNS = ['time_ms', 'day_start_ms', 'day_end_ms', 'provider', 'model_id', 'surface', 'cost_usd', 'cache_write_cost_usd', 'input_tokens', 'output_tokens',
  'cache_write_tokens', 'cache_read_tokens', 'cache_read_saved_usd', 'cache_write_premium_usd', 'cache_write_ttl'];

const TRIGGERS = `
  CREATE TRIGGER usage_rollup_add AFTER INSERT ON usage BEGIN ${addRow('NEW')} END;
  CREATE TRIGGER usage_rollup_remove AFTER DELETE ON usage BEGIN ${removeRow('OLD')} END;
  CREATE TRIGGER usage_rollup_change AFTER UPDATE OF ${READ_COLUMNS.join(', ')} ON usage BEGIN ${removeRow('OLD')} ${addRow('NEW')} END;
`;

/** A record that says its cache writes used the 1-hour TTL (as JSON.stringify writes it). */
const ONE_HOUR_TTL = `instr(record, '"cacheWriteTtl":"1h"') > 0`;

/**
 * Migration 3: the day and cache TTL of each row, the roll-up table built from the rows there are,
 * and the triggers that keep it. The indexes by provider, model and surface go: every sum by them
 * reads the roll-up now, and each cost an append about 10 µs (bench:store). An older Switchboard
 * still works on the file (its filtered sums scan the time index instead). Runs inside the
 * migration's transaction.
 */
export function addUsageRollup(db: SqliteDatabase): void {
  db.exec(`ALTER TABLE usage ADD COLUMN day_start_ms INTEGER;
    ALTER TABLE usage ADD COLUMN day_end_ms INTEGER;
    ALTER TABLE usage ADD COLUMN cache_write_ttl TEXT; -- '1h' when the request wrote the cache with the 1-hour TTL
    UPDATE usage SET cache_write_ttl = '1h' WHERE cache_write_tokens > 0 AND (SELECT ${ONE_HOUR_TTL} FROM usage_records WHERE usage_records.id = usage.id);
    DROP INDEX IF EXISTS usage_by_provider;
    DROP INDEX IF EXISTS usage_by_model;
    DROP INDEX IF EXISTS usage_by_surface;`);
  fillAllDayBounds(db);
  db.exec(`CREATE INDEX usage_day_missing ON usage (id) WHERE day_start_ms IS NULL;
    ${TABLE};
    INSERT INTO usage_rollup (${[...KEY_COLUMNS, ...SUM_COLUMNS].join(', ')})
      SELECT ${keyTerms('u').join(', ')}, ${sumTerms('u').map(([, t]) => `SUM(${t})`).join(', ')} FROM usage u GROUP BY 1, 2, 3, 4, 5, 6;
    ${TRIGGERS}`);
}

/** Every row's local day, in this process's time zone: the days of the ledger's span in a temp table, one UPDATE. */
function fillAllDayBounds(db: SqliteDatabase): void {
  const span = db.prepare('SELECT MIN(time_ms) AS lo, MAX(time_ms) AS hi FROM usage').get();
  if (span?.lo === null || span?.lo === undefined) return;
  db.exec('CREATE TEMP TABLE sb_days (s INTEGER PRIMARY KEY, e INTEGER NOT NULL)');
  try {
    const insert = db.prepare('INSERT INTO temp.sb_days (s, e) VALUES (?, ?)');
    for (const d of localDays(new Date(num(span.lo)), new Date(num(span.hi)))) insert.run(d.start, d.end);
    db.exec('UPDATE usage SET day_start_ms = d.s, day_end_ms = d.e FROM temp.sb_days d WHERE usage.time_ms >= d.s AND usage.time_ms < d.e');
  } finally {
    db.exec('DROP TABLE temp.sb_days');
  }
}

/**
 * The local day (this process's zone) and the cache TTL (from the record) of rows an older
 * Switchboard wrote without them, at most `limit`; the update trigger moves their sums.
 */
export function fillDayBounds(db: SqliteDatabase, limit: number): number {
  const rows = db.prepare(`SELECT u.id AS id, u.time_ms AS time_ms, u.cache_write_tokens AS writes, ${ONE_HOUR_TTL} AS long_ttl FROM usage u INDEXED BY usage_day_missing
    JOIN usage_records r USING (id) WHERE u.day_start_ms IS NULL LIMIT ?`).all(limit);
  const update = db.prepare('UPDATE usage SET day_start_ms = ?, day_end_ms = ?, cache_write_ttl = COALESCE(cache_write_ttl, ?) WHERE id = ?');
  let filled = 0;
  for (const r of rows) {
    const day = localDayOf(num(r.time_ms));
    if (!day) continue;
    update.run(day.start, day.end, num(r.long_ttl) && num(r.writes) > 0 ? '1h' : null, num(r.id));
    filled++;
  }
  return filled;
}

export interface RollupMismatch {
  key: string;
  rollup: Record<string, number> | undefined;
  rows: Record<string, number> | undefined;
}

/**
 * The roll-up against the same sums computed from every usage row now (a full scan: tests and
 * diagnostics only). Empty when they agree (money to 1e-9 relative).
 */
export function checkRollup(db: SqliteDatabase): RollupMismatch[] {
  const keyOf = (r: SqlRow): string => KEY_COLUMNS.map((c) => (typeof r[c] === 'string' ? str(r[c]) : num(r[c]))).join('|');
  const sumsOf = (r: SqlRow): Record<string, number> => Object.fromEntries(SUM_COLUMNS.map((c) => [c, num(r[c])]));
  const stored = new Map(db.prepare(`SELECT * FROM usage_rollup`).all().map((r) => [keyOf(r), sumsOf(r)]));
  const fresh = new Map(db.prepare(`SELECT ${keyTerms('u').map((t, i) => `${t} AS ${KEY_COLUMNS[i]}`).join(', ')}, ${sumTerms('u').map(([c, t]) => `SUM(${t}) AS ${c}`).join(', ')}
    FROM usage u GROUP BY 1, 2, 3, 4, 5, 6`).all().map((r) => [keyOf(r), sumsOf(r)]));
  const out: RollupMismatch[] = [];
  for (const key of new Set([...stored.keys(), ...fresh.keys()])) {
    const a = stored.get(key);
    const b = fresh.get(key);
    const same = a && b && SUM_COLUMNS.every((c) => Math.abs(a[c]! - b[c]!) <= 1e-9 * Math.max(1, Math.abs(b[c]!)));
    if (!same) out.push({ key, rollup: a, rows: b });
  }
  return out;
}
