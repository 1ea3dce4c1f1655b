// The database schema, versioned with PRAGMA user_version: MIGRATIONS[i] takes version i to i + 1.
// A migration adds (tables, columns, indexes, triggers) and at most drops an index nothing reads
// any more, so an older Switchboard keeps working on a database a newer one has migrated; a newer
// version is left as it is.
import { addUsageRollup } from './rollupSchema';
import type { SqliteDatabase } from './sqlite';
import { num, writeTransaction } from './sqlite';

/** SQL, or a step that needs code (e.g. local days, which SQL cannot work out in the writer's time zone). */
export type Migration = string | ((db: SqliteDatabase) => void);

export const MIGRATIONS: readonly Migration[] = [
  // 1: ledger, response cache, health history, chat sessions, bookkeeping.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE usage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ms INTEGER NOT NULL,
    day TEXT NOT NULL,
    month TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    model_id TEXT NOT NULL,
    surface TEXT NOT NULL,
    outcome TEXT NOT NULL,
    cached INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cache_write_tokens INTEGER NOT NULL,
    cache_read_tokens INTEGER NOT NULL,
    cost_usd REAL,
    cache_write_cost_usd REAL,
    cache_read_saved_usd REAL
  );
  -- The whole record as written (JSON), apart from the columns the sums read, so they scan small rows.
  CREATE TABLE usage_records (id INTEGER PRIMARY KEY, record TEXT NOT NULL);
  -- Covers the budget's month-to-date sum: no table lookup per row.
  CREATE INDEX usage_by_time ON usage (time_ms, cost_usd, cache_write_cost_usd);
  CREATE INDEX usage_by_provider ON usage (provider, time_ms);
  CREATE INDEX usage_by_model ON usage (model_id, time_ms);
  CREATE INDEX usage_by_surface ON usage (surface, time_ms);

  CREATE TABLE cache_entries (
    key TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL,
    hits INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    answer TEXT NOT NULL
  );
  CREATE INDEX cache_by_use ON cache_entries (last_used_at);
  CREATE INDEX cache_by_age ON cache_entries (created_at);
  CREATE TABLE cache_stats (id INTEGER PRIMARY KEY CHECK (id = 1), hits INTEGER NOT NULL, misses INTEGER NOT NULL, saved_usd REAL NOT NULL);
  INSERT INTO cache_stats (id, hits, misses, saved_usd) VALUES (1, 0, 0, 0);

  CREATE TABLE health_samples (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    at INTEGER NOT NULL,
    source TEXT NOT NULL,
    ok INTEGER NOT NULL,
    latency_ms REAL NOT NULL,
    error_type TEXT,
    message TEXT
  );
  CREATE INDEX health_by_provider ON health_samples (provider, at);
  CREATE INDEX health_by_time ON health_samples (at);
  CREATE TABLE failover_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    from_provider TEXT NOT NULL,
    to_provider TEXT NOT NULL,
    reason TEXT NOT NULL
  );
  CREATE INDEX failover_by_time ON failover_events (at);

  CREATE TABLE chat_sessions (
    id TEXT PRIMARY KEY,
    updated_at INTEGER NOT NULL,
    message_count INTEGER NOT NULL,
    title TEXT NOT NULL,
    model TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX chat_by_update ON chat_sessions (updated_at);
  `,
  // 2: the prompt-cache write premium per request (the dashboard's caching savings are reads saved
  // minus this). Rows written before it (or by an older Switchboard) are filled in at open
  // (SqliteUsageLedger.fillCacheWritePremiums); the partial index finds them without a scan.
  `
  ALTER TABLE usage ADD COLUMN cache_write_premium_usd REAL;
  CREATE INDEX usage_premium_missing ON usage (id) WHERE cache_write_tokens > 0 AND cache_write_premium_usd IS NULL;
  `,
  // 3: the usage roll-up — sums per local day, provider, model, surface and the advice's flags, kept
  // by triggers in the same transaction as every usage insert, delete and update (rollupSchema.ts);
  // each row's local day and cache TTL; built here from the rows there are. The indexes by
  // provider, model and surface go (the roll-up answers those sums).
  addUsageRollup,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema up to date in one transaction (several processes opening at once: one migrates, the others wait). */
export function migrate(db: SqliteDatabase): number {
  const version = (): number => num(db.prepare('PRAGMA user_version').get()?.user_version);
  if (version() >= SCHEMA_VERSION) return version();
  return writeTransaction(db, () => {
    const from = version();
    for (let v = from; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    if (from < SCHEMA_VERSION) db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    return SCHEMA_VERSION;
  });
}

/** A value in the meta table (import markers, prune bookkeeping). */
export function readMeta(db: SqliteDatabase, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key);
  return typeof row?.value === 'string' ? row.value : undefined;
}

export function writeMeta(db: SqliteDatabase, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
