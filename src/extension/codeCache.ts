// Loads CommonJS bundles the way Node's require() does, but compiles them through V8's code cache:
// the first start compiles a bundle as usual and, once it has run, saves V8's compiled code (the
// functions that ran included) in the extension's global storage; every later start of the same
// bundle on the same Node / V8 deserialises that instead of parsing and compiling it again — the
// activation bundle (160 KB) at every window's start, and the chunks the first request loads (the
// pipeline, the provider layer, an SDK: 600 KB and more). VS Code has long done the same for its own code.
//
// Nothing here can stop the extension from loading: a missing, unreadable, stale or corrupt cache
// means an ordinary compile (V8 checks the data and rejects what does not fit), and a cache that
// cannot be written is reported once through `warn` and tried again next time.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { Script } from 'node:vm';

/** What the code cache did for this load. */
export type CodeCacheStatus =
  /** V8 accepted the saved code: the bundle was not compiled again. */
  | 'used'
  /** No cache for this bundle yet (first start after an install or update): compiled as usual. */
  | 'absent'
  /** A cache was there but V8 refused it (another V8 build or flags, or damaged): compiled as usual. */
  | 'rejected';

export interface CodeCacheLoad {
  /** The bundle's `module.exports`. */
  readonly exports: unknown;
  readonly status: CodeCacheStatus;
  /** The cache file this bundle's compiled code is kept in. */
  readonly cacheFile: string;
  /**
   * Writes the cache when V8 did not accept one (`absent` / `rejected`), removing the bundle's older
   * caches; call it once the code that should be in the cache has run. Returns whether it wrote.
   */
  save(): boolean;
}

// Node's own wrapper, with the source starting on a line of its own so that stack traces and
// source maps keep the bundle's line and column numbers (lineOffset -1 below).
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_TAIL = '\n})';

/**
 * A cache file name that changes whenever the bundle or the engine running it does: the bundle's
 * path, size and modification time, and Node's and V8's versions and the architecture. (V8's own
 * check compares only the source's length, so a rebuilt bundle of the same size must not find the
 * old file.) `name` says which bundle it is.
 */
function codeCacheFile(file: string, cacheDir: string, name: string): string {
  const { size, mtimeMs } = statSync(file);
  const key = createHash('sha256')
    .update([file, size, mtimeMs, process.version, process.versions.v8, process.arch].join('\0'))
    .digest('hex')
    .slice(0, 16);
  return join(cacheDir, `${name}.${key}.v8cache`);
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/**
 * Loads the bundles under `root` (dist/) through V8's code cache kept in `cacheDir`: the entry
 * bundle through load(), and every chunk a loaded bundle require()s from `root` (dist/lazy/*.js,
 * dist/sdk/*.js: the request pipeline, the provider layer, the SDKs, loaded on first use) the same
 * way, its cache written `saveDelayMs` after it loaded (saveLater). Each module is registered in
 * require.cache under its own path and requires from its own folder, as Node's loader would do
 * (VS Code's `vscode` module is found through that path too).
 */
export class CodeCacheLoader {
  private warned = false;
  /** What the cache did for each bundle loaded, by name ('extension', 'lazy-pipeline', 'sdk-anthropic', …). */
  readonly statuses = new Map<string, CodeCacheStatus>();

  constructor(
    private readonly root: string,
    private readonly cacheDir: string,
    private readonly warn: (message: string) => void,
    /** How long after a bundle has loaded (or, for the entry, activation has settled) its cache is written, off the busy start. */
    private readonly saveDelayMs = 2_000,
  ) {}

  /** Writes `loaded`'s cache `saveDelayMs` from now, unless V8 accepted one (a timer that keeps no process alive). */
  saveLater(loaded: CodeCacheLoad): void {
    if (loaded.status !== 'used') setTimeout(() => loaded.save(), this.saveDelayMs).unref();
  }

  load(file: string): CodeCacheLoad {
    const source = readFileSync(file, 'utf8');
    const name = relative(this.root, file).replace(/\.js$/, '').split(sep).join('-');
    const cacheFile = codeCacheFile(file, this.cacheDir, name);
    const cachedData = readCache(cacheFile);
    const script = new Script(WRAPPER_HEAD + source + WRAPPER_TAIL, { filename: file, lineOffset: -1, cachedData });
    const status: CodeCacheStatus = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
    this.statuses.set(name, status);

    const mod = new Module(file, module);
    mod.filename = file;
    require.cache[file] = mod;
    try {
      const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
      wrapper.call(mod.exports, mod.exports, this.requireFor(file), mod, file, dirname(file));
    } catch (error) {
      delete require.cache[file];
      throw error;
    }
    mod.loaded = true;

    let saved = false;
    const save = (): boolean => {
      if (status === 'used' || saved) return false;
      saved = true;
      return this.write(script, cacheFile, name);
    };
    return { exports: mod.exports, status, cacheFile, save };
  }

  /** `from`'s require(): a chunk under root through load(), anything else as Node's require() would. */
  private requireFor(from: string): NodeJS.Require {
    const base = createRequire(from);
    const load = (id: string): unknown => {
      if (!id.startsWith('./') && !id.startsWith('../')) return base(id);
      const target = base.resolve(id);
      const inRoot = relative(this.root, target);
      if (inRoot.startsWith('..') || !target.endsWith('.js')) return base(id);
      const known = require.cache[target];
      if (known) return known.exports;
      const loaded = this.load(target);
      this.saveLater(loaded);
      return loaded.exports;
    };
    return Object.assign(load, { resolve: base.resolve, cache: base.cache, main: base.main, extensions: base.extensions }) as NodeJS.Require;
  }

  private write(script: Script, cacheFile: string, name: string): boolean {
    // Written aside and renamed, so a window starting meanwhile reads the old file or the new one, whole.
    const temp = `${cacheFile}.${process.pid}.tmp`;
    try {
      mkdirSync(this.cacheDir, { recursive: true });
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
      for (const old of readdirSync(this.cacheDir)) {
        if (old.startsWith(`${name}.`) && old.endsWith('.v8cache') && join(this.cacheDir, old) !== cacheFile) rmSync(join(this.cacheDir, old), { force: true });
      }
      return true;
    } catch (error) {
      try { rmSync(temp, { force: true }); } catch { /* the folder refuses writes; nothing was left */ }
      if (this.warned) return false;
      this.warned = true;
      this.warn(`Switchboard: the code cache for faster activation could not be written to ${this.cacheDir} (${(error as Error).message}); the extension works without it and tries again at the next start.`);
      return false;
    }
  }
}
