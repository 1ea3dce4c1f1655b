// What activation loads: the production dist/extension.js (esbuild.mjs exactly as `npm run
// package` runs it, into a temp folder), read through esbuild's metafile — the modules it really
// contains — and the chunks it requires on first use. Plus the property the chunks rely on: an
// error made by the pipeline chunk's copy of a module reads the same in the bundle's copy.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as a from '../../../src/core/engine/requestErrors';
import { SwitchboardError } from '../../../src/core/errors';

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

  it('dist/extension.js is at most 200 KB and holds no SDK, provider layer, request pipeline or vscode.lm work', () => {
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
    ];
    assert.deepEqual(inside.filter((f) => lazy.some((re) => re.test(f))), [], 'loaded on first use, not at activation');
    assert.ok(inside.includes('src/core/engine/createSwitchboard.ts'), 'the engine itself is in the bundle');
    assert.ok(bytes <= BUNDLE_LIMIT_BYTES, `dist/extension.js is ${bytes} bytes`);
  });

  it('each chunk the bundles require exists, and holds what it is named for', () => {
    for (const bundle of ['extension.js', 'cli.js', 'sdk/providers.js', 'lazy/pipeline.js', 'lazy/lm.js']) {
      const code = readFileSync(path.join(out, bundle), 'utf8');
      const required = [...code.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)].map((m) => m[1]!);
      for (const r of required) assert.ok(existsSync(path.join(out, path.dirname(bundle), r)), `${bundle} requires ${r}, which is not there`);
    }
    assert.ok(contents('sdk/providers').includes('src/core/providers/anthropic/anthropicProvider.ts'));
    assert.ok(contents('lazy/pipeline').includes('src/core/engine/stages/failover.ts'));
    assert.ok(contents('lazy/lm').includes('src/extension/lm/lmProvider.ts'));
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
