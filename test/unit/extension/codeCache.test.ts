// The V8 code cache behind activation (src/extension/codeCache.ts, used by boot.ts): each start
// runs in its own Node process, as each VS Code window's extension host does, with real V8 code
// cache data in a real folder.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CodeCacheLoader } from '../../../src/extension/codeCache';

const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(__dirname, 'children', 'codeCacheStart.ts');

interface Start {
  status: string;
  answer: unknown;
  saved: boolean;
  warnings: string[];
  cacheFile: string;
  bundles: Record<string, string>;
}

function start(bundle: string, cacheDir: string): Start {
  const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', CHILD, bundle, cacheDir], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Start;
}

/** A bundle big enough for V8 to be worth caching, whose answer() says which version it is. */
const bundleSource = (version: string): string =>
  `"use strict";\n${Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${JSON.stringify(version)}.length; }`).join('\n')}\n` +
  `exports.answer = () => ${JSON.stringify(version)} + ':' + f199(1);\n`;

const cacheFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

describe('activation through the V8 code cache', function () {
  this.timeout(60_000);
  let dir: string;
  let bundle: string;
  let cacheDir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sb-code-cache-'));
    bundle = path.join(dir, 'dist', 'extension.js');
    cacheDir = path.join(dir, 'storage', 'code-cache');
    mkdirSync(path.dirname(bundle), { recursive: true });
    writeFileSync(bundle, bundleSource('v1'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the first start compiles and writes the cache; the next start uses it and runs the same code', () => {
    const first = start(bundle, cacheDir);
    assert.deepEqual([first.status, first.answer, first.saved], ['absent', 'v1:201', true]);
    assert.deepEqual(cacheFiles(cacheDir), [path.basename(first.cacheFile)]);

    const second = start(bundle, cacheDir);
    assert.deepEqual([second.status, second.answer, second.saved], ['used', 'v1:201', false]);
  });

  it('a rebuilt bundle of the same size does not take the old build\'s cache, and its own replaces it', () => {
    start(bundle, cacheDir);
    const old = cacheFiles(cacheDir);
    // Same length (V8's own check compares only that), new content and modification time.
    writeFileSync(bundle, bundleSource('v2'));
    utimesSync(bundle, new Date(), new Date(Date.now() + 5_000));
    const rebuilt = start(bundle, cacheDir);
    assert.deepEqual([rebuilt.status, rebuilt.answer, rebuilt.saved], ['absent', 'v2:201', true]);
    assert.equal(cacheFiles(cacheDir).length, 1);
    assert.notDeepEqual(cacheFiles(cacheDir), old);
    assert.equal(start(bundle, cacheDir).status, 'used');
  });

  it('the chunks a bundle requires on first use (dist/lazy, dist/sdk) go through the cache too; a module from elsewhere does not', () => {
    mkdirSync(path.join(dir, 'dist', 'lazy'));
    mkdirSync(path.join(dir, 'dist', 'sdk'));
    mkdirSync(path.join(dir, 'elsewhere'));
    writeFileSync(path.join(dir, 'dist', 'sdk', 'client.js'), bundleSource('sdk').replace('exports.answer', 'exports.name'));
    writeFileSync(path.join(dir, 'dist', 'lazy', 'pipeline.js'), `${bundleSource('pipeline').replace('exports.answer', 'exports.name')}exports.sdk = () => require("../sdk/client.js").name();\n`);
    writeFileSync(path.join(dir, 'elsewhere', 'plain.js'), 'exports.name = "plain";\n');
    // As esbuild emits a lazy require: inside a function, relative to dist/.
    writeFileSync(bundle, `${bundleSource('v1')}exports.answer = () => [require("./lazy/pipeline.js").name(), require("./lazy/pipeline.js").sdk(), require("../elsewhere/plain.js").name].join(" ");\n`);

    const first = start(bundle, cacheDir);
    assert.equal(first.answer, 'pipeline:207 sdk:202 plain');
    assert.deepEqual(first.bundles, { extension: 'absent', 'lazy-pipeline': 'absent', 'sdk-client': 'absent' });
    assert.deepEqual(cacheFiles(cacheDir).map((f) => f.split('.')[0]).sort(), ['extension', 'lazy-pipeline', 'sdk-client']);

    const second = start(bundle, cacheDir);
    assert.equal(second.answer, 'pipeline:207 sdk:202 plain');
    assert.deepEqual(second.bundles, { extension: 'used', 'lazy-pipeline': 'used', 'sdk-client': 'used' });
  });

  it('a damaged cache file is refused by V8: the bundle loads as usual and the cache is written again', () => {
    const first = start(bundle, cacheDir);
    const size = readFileSync(first.cacheFile).length;
    writeFileSync(first.cacheFile, Buffer.alloc(size, 0x5a));
    const damaged = start(bundle, cacheDir);
    assert.deepEqual([damaged.status, damaged.answer, damaged.saved], ['rejected', 'v1:201', true]);
    assert.equal(start(bundle, cacheDir).status, 'used');
  });

  it('a cache folder that cannot be written: the bundle loads, and save() says so once and leaves nothing behind', () => {
    // A file where the folder should be: mkdir fails (ENOTDIR) even for root, unlike a read-only mode.
    const blocked = path.join(dir, 'storage-is-a-file');
    writeFileSync(blocked, '');
    const run = start(bundle, path.join(blocked, 'code-cache'));
    assert.deepEqual([run.status, run.answer, run.saved], ['absent', 'v1:201', false]);
    assert.equal(run.warnings.length, 1);
    assert.match(run.warnings[0]!, /code cache for faster activation could not be written to .*storage-is-a-file.*ENOTDIR.*works without it/);
    assert.equal(readFileSync(blocked, 'utf8'), '');
  });

  it('the bundle is a CommonJS module as require() makes it: its own folder for require(), its place in require.cache, its line numbers in errors', () => {
    writeFileSync(path.join(dir, 'dist', 'sibling.js'), 'exports.name = "sibling";\n');
    writeFileSync(bundle, '"use strict";\nexports.answer = () => require("./sibling.js").name + ":" + __filename.endsWith("extension.js");\nexports.fail = () => { throw new Error("line 3"); };\n');
    const loaded = new CodeCacheLoader(path.dirname(bundle), cacheDir, () => undefined).load(bundle);
    try {
      assert.equal((loaded.exports as { answer(): string }).answer(), 'sibling:true');
      assert.equal(require.cache[bundle]?.exports, loaded.exports);
      assert.equal(require.cache[bundle]?.loaded, true);
      const error = (() => { try { (loaded.exports as { fail(): void }).fail(); } catch (e) { return e as Error; } return undefined; })();
      assert.match(error!.stack!, new RegExp(`${path.basename(bundle).replace('.', '\\.')}:3:`));
    } finally {
      delete require.cache[bundle];
      delete require.cache[path.join(dir, 'dist', 'sibling.js')];
    }
  });

  it('a bundle that throws while loading is not left in require.cache', () => {
    writeFileSync(bundle, '"use strict";\nconst x = 1;\nthrow new Error("broken build");\n');
    assert.throws(() => new CodeCacheLoader(path.dirname(bundle), cacheDir, () => undefined).load(bundle), (error: Error) => /broken build/.test(error.message) && /extension\.js:3/.test(error.stack!));
    assert.equal(require.cache[bundle], undefined);
  });
});
