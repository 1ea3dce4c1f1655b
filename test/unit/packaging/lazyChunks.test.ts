// What activation loads: the production dist/extension.js (esbuild.mjs exactly as `npm run
// package` runs it, into a temp folder), read through esbuild's metafile — the modules it really
// contains — and the chunks it requires on first use. Plus the property the chunks rely on: an
// error made by a chunk's copy of a module reads the same in the bundle's copy.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as a from '../../../src/core/engine/requestErrors';
import { SwitchboardError } from '../../../src/core/errors';
import * as storageErrors from '../../../src/core/storage/storageError';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const BUNDLE_LIMIT_BYTES = 200 * 1024;

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

describe('the production extension bundle and its lazily loaded chunks', function () {
  this.timeout(120_000);
  let out: string;

  before(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'switchboard-dist-'));
    await run(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--production', '--metafile', '--outdir', out], { cwd: ROOT });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  const contents = (bundle: string): string[] => {
    const meta = JSON.parse(readFileSync(path.join(out, `${bundle}.meta.json`), 'utf8')) as Metafile;
    const output = Object.entries(meta.outputs).find(([file]) => file.endsWith(`${bundle}.js`))![1];
    return Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file]) => file);
  };

  /** The `./…` files a bundle requires (chunks), relative to the out folder. */
  const requiredBy = (bundle: string): string[] => {
    const code = readFileSync(path.join(out, bundle), 'utf8');
    return [...code.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)].map((m) => path.posix.join(path.posix.dirname(bundle), m[1]!));
  };

  it('dist/extension.js is at most 200 KB and holds no SDK, provider layer, request pipeline, vscode.lm work, dashboard or chat host code, store or usage report', () => {
    const bytes = statSync(path.join(out, 'extension.js')).size;
    console.log(`      dist/extension.js: ${(bytes / 1024).toFixed(1)} KB (production); limit ${BUNDLE_LIMIT_BYTES / 1024} KB`);
    const inside = contents('extension');
    const lazy = [
      /node_modules\/(@anthropic-ai|@aws-sdk|@smithy|yaml)\//,
      /^src\/core\/providerFactory\.ts$/,
      /^src\/core\/providers\//,
      /^src\/core\/auth\/bedrockAuth\.ts$/,
      /^src\/core\/engine\/(pipeline|providerCall)\.ts$/,
      /^src\/core\/engine\/stages\//,
      /^src\/extension\/lm\/lmProvider\.ts$/,
      /^src\/presenters\/lm\/(lmRequest|lmResponse|tokenCounter)\.ts$/,
      // The dashboard's host side: the controller, its sections and the tabs' backends.
      /^src\/presenters\/dashboard\//,
      /^src\/extension\/dashboard\/(?!dashboardPanel\.ts$)/,
      // The chat's controller and turns.
      /^src\/presenters\/chat\//,
      // The local store (node:sqlite, schema, import of old files) and the usage report with its advice.
      /^src\/core\/storage\/(localStore|storeDatabase|sqlite\w*|healthHistory|legacyImport|schema|usageSeries)\.ts$/,
      /^src\/core\/usage\/(report|advice)\.ts$/,
    ];
    assert.deepEqual(inside.filter((f) => lazy.some((re) => re.test(f))), [], 'loaded on first use, not at activation');
    assert.ok(inside.includes('src/core/engine/createSwitchboard.ts'), 'the engine itself is in the bundle');
    assert.ok(inside.includes('src/extension/dashboard/dashboardPanel.ts'), 'the dashboard command and serializer are registered at activation');
    assert.ok(bytes <= BUNDLE_LIMIT_BYTES, `dist/extension.js is ${bytes} bytes`);
  });

  it('dist/extension.js reaches the SDKs only through the provider layer (the profile\'s region is read without them)', () => {
    const sdks = ['sdk/anthropic.js', 'sdk/bedrock-runtime.js', 'sdk/aws-credentials.js', 'sdk/aws-sts.js'];
    assert.deepEqual(requiredBy('extension.js').filter((r) => sdks.includes(r)), []);
    assert.ok(requiredBy('extension.js').includes('sdk/providers.js'));
  });

  it('each chunk the bundles require exists, and holds what it is named for', () => {
    const chunks = ['sdk', 'lazy'].flatMap((dir) => readdirSync(path.join(out, dir)).filter((f) => f.endsWith('.js')).map((f) => `${dir}/${f}`));
    for (const bundle of ['extension.js', 'cli.js', ...chunks]) {
      for (const r of requiredBy(bundle)) assert.ok(existsSync(path.join(out, r)), `${bundle} requires ${r}, which is not there`);
    }
    assert.ok(contents('sdk/providers').includes('src/core/providers/anthropic/anthropicProvider.ts'));
    assert.ok(contents('lazy/pipeline').includes('src/core/engine/stages/failover.ts'));
    assert.ok(contents('lazy/lm').includes('src/extension/lm/lmProvider.ts'));
    assert.ok(contents('lazy/dashboard').includes('src/presenters/dashboard/dashboardController.ts'));
    assert.ok(contents('lazy/dashboard').includes('src/extension/dashboard/configureBackend.ts'));
    assert.ok(contents('lazy/chat').includes('src/presenters/chat/chatTurns.ts'));
    assert.ok(contents('lazy/store').includes('src/core/storage/sqliteLedger.ts'));
    assert.ok(contents('lazy/usage-reports').includes('src/core/usage/advice.ts'));
    // The bundle requires each of them (on first use).
    for (const chunk of ['lazy/dashboard.js', 'lazy/chat.js', 'lazy/store.js', 'lazy/usage-reports.js']) assert.ok(requiredBy('extension.js').includes(chunk), chunk);
  });
});

describe('an error the pipeline chunk throws reads the same in the bundle (two copies of requestErrors)', () => {
  it('instanceof PartialAnswerError and resultOf() hold across the copies', () => {
    const file = require.resolve('../../../src/core/engine/requestErrors');
    const cached = require.cache[file];
    delete require.cache[file];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second, separate copy of the module, as a chunk has
    const b = require(file) as typeof a;
    require.cache[file] = cached;
    assert.notEqual(a.PartialAnswerError, b.PartialAnswerError, 'two copies');
    const made = new b.PartialAnswerError(new SwitchboardError({ type: 'timeout', message: 'stalled' }), { text: 'half an answer', provider: 'anthropic', modelId: 'claude-sonnet-4-6' });
    const result = { provider: 'anthropic', costUsd: 0.001 } as never;
    b.attachResult(made, result);
    assert.ok(made instanceof a.PartialAnswerError);
    assert.equal(a.resultOf(made), result);
    assert.ok(!(new SwitchboardError({ type: 'timeout', message: 'x' }) instanceof a.PartialAnswerError));
  });
});

describe('a StorageError the store chunk throws reads the same in the bundle (two copies of storageError)', () => {
  it('isStorageError and toStorageError recognise an error made by the other copy', () => {
    const file = require.resolve('../../../src/core/storage/storageError');
    const cached = require.cache[file];
    delete require.cache[file];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second, separate copy of the module, as a chunk has
    const b = require(file) as typeof storageErrors;
    require.cache[file] = cached;
    assert.notEqual(storageErrors.StorageError, b.StorageError, 'two copies');
    const made = new b.StorageError({ reason: 'read_only', path: '/x/switchboard.db', operation: 'append usage', detail: 'attempt to write a readonly database' });
    assert.ok(storageErrors.isStorageError(made));
    // Passed through as it is (its reason kept), not wrapped as an unknown I/O error.
    assert.equal(storageErrors.toStorageError(made, '/x/switchboard.db', 'append usage'), made);
    assert.ok(!storageErrors.isStorageError(new Error('attempt to write a readonly database')));
  });
});
