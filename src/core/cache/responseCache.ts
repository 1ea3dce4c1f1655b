import { promises as fs } from 'node:fs';
import { silentLogger } from '../logger';
import type { Logger } from '../logger';
import type { ProviderId, StopReason, Usage } from '../types';
import { writeFileAtomic } from './atomicFile';

/** One content block of a cached answer, in the order the provider streamed it. */
export type CachedBlock =
  | { kind: 'text'; text: string }
  | { kind: 'thinking'; text: string; signature?: string }
  | { kind: 'redacted_thinking'; data: string }
  | { kind: 'tool_use'; id: string; name: string; input: unknown };

export interface CachedAnswer {
  /** Who produced it; a hit may serve a request for the other provider (same logical model). */
  provider: ProviderId;
  model: string;
  modelId: string;
  blocks: CachedBlock[];
  stopReason: StopReason;
  stopSequence?: string;
  /** What the original request used; a hit uses nothing. */
  usage: Usage;
  /** What the original request cost: the dollars a hit saves (null = unknown price). */
  costUsd: number | null;
}

export interface CacheEntry {
  key: string;
  createdAt: number;
  lastUsedAt: number;
  hits: number;
  bytes: number;
  answer: CachedAnswer;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  /** hits / (hits + misses); 0 before the first lookup. */
  hitRate: number;
  /** Sum of the original cost of every answer served from the cache. */
  savedUsd: number;
}

/** The file format (also what Export Cache writes and Import Cache reads). */
export interface CacheFile {
  format: 'switchboard-response-cache';
  version: 1;
  stats: { hits: number; misses: number; savedUsd: number };
  entries: CacheEntry[];
}

export interface ResponseCacheOptions {
  /** JSON file to persist to; memory only when absent. */
  file?: string;
  /** Entries older than this are misses (default 24 h). */
  ttlMs?: number;
  /** Least recently used entries are evicted beyond this many (default 1000). */
  maxEntries?: number;
  /** ... or beyond this many bytes of answers (default 20 MiB). */
  maxBytes?: number;
  now?: () => number;
  logger?: Logger;
}

export const DEFAULT_CACHE_TTL_MS = 24 * 3600_000;
export const DEFAULT_CACHE_MAX_ENTRIES = 1000;
export const DEFAULT_CACHE_MAX_BYTES = 20 * 1024 * 1024;
const SAVE_DELAY_MS = 1000;

/**
 * What the client and the surfaces use of a response cache. The store of record is the SQLite
 * cache (`openLocalStore(...).responseCache`), shared by every window and the CLI.
 */
export interface ResponseCache {
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  clear(): Promise<void>;
  stats(): CacheStats;
  /** Everything, in the file format (for Export Cache). */
  exportData(): Promise<CacheFile>;
  /** Merge an export (Import Cache); throws on a file that is not one. */
  importData(data: unknown): Promise<{ added: number; skipped: number }>;
  /** Resolves once every change is durable. */
  flush(): Promise<void>;
}

/**
 * The pre-SQLite cache: in memory (tests, benchmarks) or persisted to one JSON file with
 * crash-safe writes; LRU bounded by entries and bytes, TTL. A file that does not parse is renamed
 * aside (`<file>.corrupt-<time>`) and the cache starts empty. Two processes sharing one file: the
 * last writer wins — which is why the shared cache moved to SQLite.
 */
export class MemoryResponseCache implements ResponseCache {
  private readonly entries = new Map<string, CacheEntry>(); // Map order = LRU order, oldest first
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private savedUsd = 0;
  private loading: Promise<void> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private saveQueued = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  private readonly logger: Logger;
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly maxBytes: number;

  constructor(private readonly options: ResponseCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    this.maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES);
    this.maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES);
  }

  get file(): string | undefined {
    return this.options.file;
  }

  /** Read the file once; later calls share the first read. */
  load(): Promise<void> {
    this.loading ??= this.readFile();
    return this.loading;
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    await this.load();
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.createdAt >= this.ttlMs) {
      this.remove(entry);
      this.scheduleSave();
    }
    const live = this.entries.get(key);
    if (!live) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.savedUsd += live.answer.costUsd ?? 0;
    live.hits++;
    live.lastUsedAt = this.now();
    // Most recently used goes to the end of the Map.
    this.entries.delete(key);
    this.entries.set(key, live);
    this.scheduleSave();
    return live.answer;
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    await this.load();
    const bytes = Buffer.byteLength(JSON.stringify(answer), 'utf8');
    if (bytes > this.maxBytes) {
      this.logger.debug(`response cache: answer of ${bytes} bytes is larger than the whole cache; not stored`);
      return;
    }
    const old = this.entries.get(key);
    if (old) this.remove(old);
    const t = this.now();
    this.insert({ key, createdAt: t, lastUsedAt: t, hits: 0, bytes, answer });
    this.scheduleSave();
  }

  async clear(): Promise<void> {
    await this.load();
    this.entries.clear();
    this.bytes = 0;
    this.hits = 0;
    this.misses = 0;
    this.savedUsd = 0;
    this.scheduleSave();
    await this.flush();
  }

  stats(): CacheStats {
    const lookups = this.hits + this.misses;
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses, hitRate: lookups === 0 ? 0 : this.hits / lookups, savedUsd: this.savedUsd };
  }

  /** Everything, in the file format (for Export Cache). */
  async exportData(): Promise<CacheFile> {
    await this.load();
    return this.snapshot();
  }

  /**
   * Merge exported entries (for Import Cache). Invalid or expired entries are skipped; an entry
   * already here is replaced when the imported one is newer. Throws on a file that is not an export.
   */
  async importData(data: unknown): Promise<{ added: number; skipped: number }> {
    await this.load();
    if (!isCacheFile(data)) throw new Error('not a Switchboard cache export (expected format "switchboard-response-cache", version 1)');
    let added = 0;
    let skipped = 0;
    const t = this.now();
    for (const raw of [...data.entries].sort((a, b) => (isCacheEntry(a) && isCacheEntry(b) ? a.lastUsedAt - b.lastUsedAt : 0))) {
      if (!isCacheEntry(raw) || t - raw.createdAt >= this.ttlMs || raw.bytes > this.maxBytes) {
        skipped++;
        continue;
      }
      const old = this.entries.get(raw.key);
      if (old && old.createdAt >= raw.createdAt) {
        skipped++;
        continue;
      }
      if (old) this.remove(old);
      this.insert({ ...raw, bytes: Buffer.byteLength(JSON.stringify(raw.answer), 'utf8') });
      added++;
    }
    this.scheduleSave();
    await this.flush();
    return { added, skipped };
  }

  /** Write pending changes now; resolves once every write has reached the disk. */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.writeNow();
    }
    await this.saving;
  }

  private insert(entry: CacheEntry): void {
    this.entries.set(entry.key, entry);
    this.bytes += entry.bytes;
    for (const oldest of this.entries.values()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(entry: CacheEntry): void {
    if (this.entries.delete(entry.key)) this.bytes -= entry.bytes;
  }

  private snapshot(): CacheFile {
    return { format: 'switchboard-response-cache', version: 1, stats: { hits: this.hits, misses: this.misses, savedUsd: this.savedUsd }, entries: [...this.entries.values()] };
  }

  /**
   * Changes are written SAVE_DELAY_MS after the first one, in one write: a hit only moves an entry
   * in the LRU order, and rewriting (and fsyncing) the whole file per request would cost more than
   * the hit saves. A crash loses at most that last second of changes, never the file.
   */
  private scheduleSave(): void {
    if (!this.options.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.writeNow();
    }, SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }

  private writeNow(): void {
    const file = this.options.file;
    if (!file || this.saveQueued) return;
    this.saveQueued = true;
    // Writes are chained (never two at once) and coalesced (one write for a burst of changes).
    this.saving = this.saving.then(async () => {
      this.saveQueued = false;
      try {
        await writeFileAtomic(file, JSON.stringify(this.snapshot()));
      } catch (e) {
        this.logger.warn(`response cache: could not save ${file} (${(e as Error).message})`);
      }
    });
  }

  private async readFile(): Promise<void> {
    const file = this.options.file;
    if (!file) return;
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn(`response cache: could not read ${file} (${(e as Error).message}); starting empty`);
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (!isCacheFile(data)) {
      const aside = `${file}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
      try {
        await fs.rename(file, aside);
        this.logger.warn(`response cache: ${file} was not readable; moved it to ${aside} and started an empty cache`);
      } catch (e) {
        this.logger.warn(`response cache: ${file} was not readable and could not be moved aside (${(e as Error).message}); starting empty`);
      }
      return;
    }
    this.hits = finite(data.stats?.hits);
    this.misses = finite(data.stats?.misses);
    this.savedUsd = finite(data.stats?.savedUsd);
    const t = this.now();
    for (const raw of [...data.entries].sort((a, b) => (isCacheEntry(a) && isCacheEntry(b) ? a.lastUsedAt - b.lastUsedAt : 0))) {
      if (isCacheEntry(raw) && t - raw.createdAt < this.ttlMs) this.insert(raw);
    }
  }
}

/**
 * Deprecated name of the in-memory / JSON-file cache, so `new ResponseCache(...)` keeps compiling
 * while construction sites move to `openLocalStore(home).responseCache`; as a type,
 * `ResponseCache` is the interface above.
 */
export const ResponseCache = MemoryResponseCache;

function finite(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0;
}

export function isCacheFile(data: unknown): data is CacheFile {
  const d = data as Partial<CacheFile> | null;
  return typeof d === 'object' && d !== null && d.format === 'switchboard-response-cache' && d.version === 1 && Array.isArray(d.entries);
}

function isBlock(b: unknown): b is CachedBlock {
  const x = b as Record<string, unknown> | null;
  if (typeof x !== 'object' || x === null) return false;
  switch (x.kind) {
    case 'text': return typeof x.text === 'string';
    case 'thinking': return typeof x.text === 'string' && (x.signature === undefined || typeof x.signature === 'string');
    case 'redacted_thinking': return typeof x.data === 'string';
    case 'tool_use': return typeof x.id === 'string' && typeof x.name === 'string';
    default: return false;
  }
}

export function isCacheEntry(e: unknown): e is CacheEntry {
  const x = e as Partial<CacheEntry> | null;
  if (typeof x !== 'object' || x === null) return false;
  const a = x.answer as Partial<CachedAnswer> | undefined;
  return typeof x.key === 'string' && /^[0-9a-f]{64}$/.test(x.key) && typeof x.createdAt === 'number' && typeof x.lastUsedAt === 'number'
    && typeof x.bytes === 'number' && typeof x.hits === 'number'
    && typeof a === 'object' && a !== null && (a.provider === 'anthropic' || a.provider === 'bedrock')
    && typeof a.model === 'string' && typeof a.modelId === 'string' && typeof a.stopReason === 'string'
    && Array.isArray(a.blocks) && a.blocks.every(isBlock) && typeof a.usage === 'object' && a.usage !== null
    && (a.costUsd === null || typeof a.costUsd === 'number');
}
