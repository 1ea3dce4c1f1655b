// The response cache in SQLite: one row per answer, so every writer's entries are kept (windows
// and CLI processes no longer overwrite each other's snapshot), TTL / entry / byte bounds evicted
// least-recently-used first inside the writing transaction, and hit / miss counters in the
// database so the dashboard sees lookups made by other windows. No temp files, ever.
import { silentLogger } from '../logger';
import type { Logger } from '../logger';
import type { CacheEntry, CacheFile, CacheStats, CachedAnswer, ResponseCache } from '../cache/responseCache';
import { DEFAULT_CACHE_MAX_BYTES, DEFAULT_CACHE_MAX_ENTRIES, DEFAULT_CACHE_TTL_MS, isCacheEntry, isCacheFile } from '../cache/responseCache';
import type { SqliteDatabase } from './sqlite';
import { num, str } from './sqlite';
import type { StoreDatabase } from './storeDatabase';

export interface SqliteCacheOptions {
  /** Entries older than this are misses (default 24 h). */
  ttlMs?: number;
  /** Least recently used entries are evicted beyond this many (default 1000). */
  maxEntries?: number;
  /** ... or beyond this many bytes of answers (default 20 MiB). */
  maxBytes?: number;
  now?: () => number;
  logger?: Logger;
}

export class SqliteResponseCache implements ResponseCache {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(private readonly db: StoreDatabase, options: SqliteCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    this.maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES);
    this.maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES);
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
  }

  /** The same store with other limits (the settings changed); counters and entries are shared. */
  withOptions(options: SqliteCacheOptions): SqliteResponseCache {
    return new SqliteResponseCache(this.db, { ttlMs: this.ttlMs, maxEntries: this.maxEntries, maxBytes: this.maxBytes, now: this.now, logger: this.logger, ...options });
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    const t = this.now();
    return this.db.write('look up the response cache', (db) => {
      const row = db.prepare('SELECT created_at, answer FROM cache_entries WHERE key = ?').get(key);
      const live = row && t - num(row.created_at) < this.ttlMs ? row : undefined;
      if (row && !live) db.prepare('DELETE FROM cache_entries WHERE key = ?').run(key);
      if (!live) {
        db.prepare('UPDATE cache_stats SET misses = misses + 1 WHERE id = 1').run();
        return undefined;
      }
      const answer = JSON.parse(str(live.answer)) as CachedAnswer;
      db.prepare('UPDATE cache_entries SET hits = hits + 1, last_used_at = ? WHERE key = ?').run(t, key);
      db.prepare('UPDATE cache_stats SET hits = hits + 1, saved_usd = saved_usd + ? WHERE id = 1').run(answer.costUsd ?? 0);
      return answer;
    });
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    const text = JSON.stringify(answer);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.maxBytes) {
      this.logger.debug(`response cache: answer of ${bytes} bytes is larger than the whole cache; not stored`);
      return;
    }
    const t = this.now();
    this.db.write('store in the response cache', (db) => {
      upsert(db, { key, createdAt: t, lastUsedAt: t, hits: 0, bytes }, text);
      this.evict(db, t);
    });
  }

  async clear(): Promise<void> {
    this.db.write('clear the response cache', (db) => {
      db.exec('DELETE FROM cache_entries');
      db.exec('UPDATE cache_stats SET hits = 0, misses = 0, saved_usd = 0 WHERE id = 1');
    });
  }

  /** Entries and bytes live now, and the lookups of every process since the last clear. A store that cannot be read shows zeros (the cause is in the log). */
  stats(): CacheStats {
    try {
      return this.db.read('read cache statistics', (db) => {
        const e = db.prepare('SELECT COUNT(*) AS n, SUM(bytes) AS b FROM cache_entries WHERE created_at > ?').get(this.now() - this.ttlMs);
        const s = db.prepare('SELECT hits, misses, saved_usd FROM cache_stats WHERE id = 1').get();
        const hits = num(s?.hits);
        const misses = num(s?.misses);
        return { entries: num(e?.n), bytes: num(e?.b), hits, misses, hitRate: hits + misses === 0 ? 0 : hits / (hits + misses), savedUsd: num(s?.saved_usd) };
      });
    } catch (e) {
      this.logger.debug(`response cache statistics: ${(e as Error).message}`);
      return { entries: 0, bytes: 0, hits: 0, misses: 0, hitRate: 0, savedUsd: 0 };
    }
  }

  async exportData(): Promise<CacheFile> {
    return this.db.read('export the response cache', (db) => {
      const s = db.prepare('SELECT hits, misses, saved_usd FROM cache_stats WHERE id = 1').get();
      const entries = db.prepare('SELECT key, created_at, last_used_at, hits, bytes, answer FROM cache_entries WHERE created_at > ? ORDER BY last_used_at').all(this.now() - this.ttlMs)
        .map((r): CacheEntry => ({ key: str(r.key), createdAt: num(r.created_at), lastUsedAt: num(r.last_used_at), hits: num(r.hits), bytes: num(r.bytes), answer: JSON.parse(str(r.answer)) as CachedAnswer }));
      return { format: 'switchboard-response-cache', version: 1, stats: { hits: num(s?.hits), misses: num(s?.misses), savedUsd: num(s?.saved_usd) }, entries };
    });
  }

  /**
   * Merges an export (or the old responses.json): invalid, expired or oversized entries are
   * skipped; an entry already here is replaced only by a newer one. With `withStats`, the file's
   * counters are added to the store's (the one-time import of the old cache file).
   */
  async importData(data: unknown, options: { withStats?: boolean } = {}): Promise<{ added: number; skipped: number }> {
    if (!isCacheFile(data)) throw new Error('not a Switchboard cache export (expected format "switchboard-response-cache", version 1)');
    return this.db.write('import into the response cache', (db) => this.importInto(db, data, options.withStats ?? false));
  }

  /** The import inside a caller's transaction (the one-time legacy import marks itself done in the same one). */
  importInto(db: SqliteDatabase, data: CacheFile, withStats: boolean): { added: number; skipped: number } {
    const t = this.now();
    let added = 0;
    let skipped = 0;
    for (const raw of data.entries) {
      if (!isCacheEntry(raw) || t - raw.createdAt >= this.ttlMs) {
        skipped++;
        continue;
      }
      const text = JSON.stringify(raw.answer);
      const bytes = Buffer.byteLength(text, 'utf8');
      const old = db.prepare('SELECT created_at FROM cache_entries WHERE key = ?').get(raw.key);
      if (bytes > this.maxBytes || (old && num(old.created_at) >= raw.createdAt)) {
        skipped++;
        continue;
      }
      upsert(db, { key: raw.key, createdAt: raw.createdAt, lastUsedAt: raw.lastUsedAt, hits: raw.hits, bytes }, text);
      added++;
    }
    if (withStats) {
      const f = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0);
      db.prepare('UPDATE cache_stats SET hits = hits + ?, misses = misses + ?, saved_usd = saved_usd + ? WHERE id = 1').run(f(data.stats?.hits), f(data.stats?.misses), f(data.stats?.savedUsd));
    }
    this.evict(db, t);
    return { added, skipped };
  }

  /** Every change is committed when its call resolves: nothing to flush. */
  async flush(): Promise<void> {}

  /** Expired entries, then the least recently used beyond the entry and byte bounds. */
  private evict(db: SqliteDatabase, t: number): void {
    db.prepare('DELETE FROM cache_entries WHERE created_at <= ?').run(t - this.ttlMs);
    const size = db.prepare('SELECT COUNT(*) AS n, SUM(bytes) AS b FROM cache_entries').get();
    if (num(size?.n) > this.maxEntries) {
      db.prepare('DELETE FROM cache_entries WHERE key IN (SELECT key FROM cache_entries ORDER BY last_used_at DESC, key LIMIT -1 OFFSET ?)').run(this.maxEntries);
    }
    if (num(size?.b) > this.maxBytes) {
      db.prepare(`DELETE FROM cache_entries WHERE key IN (SELECT key FROM (SELECT key, SUM(bytes) OVER (ORDER BY last_used_at DESC, key ROWS UNBOUNDED PRECEDING) AS kept FROM cache_entries) WHERE kept > ?)`).run(this.maxBytes);
    }
  }
}

function upsert(db: SqliteDatabase, e: Omit<CacheEntry, 'answer'>, answer: string): void {
  db.prepare(`INSERT INTO cache_entries (key, created_at, last_used_at, hits, bytes, answer) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at, last_used_at = excluded.last_used_at, hits = excluded.hits, bytes = excluded.bytes, answer = excluded.answer`)
    .run(e.key, e.createdAt, e.lastUsedAt, e.hits, e.bytes, answer);
}
