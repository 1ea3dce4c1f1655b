// The extension and the CLI get their engine from the same function — checked on what they
// actually bundle (esbuild's metafile: the runtime import graph, types erased), not on names.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(__dirname, '../../..');
const SDKS = ['@anthropic-ai/sdk', '@aws-sdk/*', '@smithy/*', '@aws-crypto/*', 'yaml'];

async function graph(entry: string): Promise<esbuild.Metafile['inputs']> {
  const result = await esbuild.build({
    absWorkingDir: root, entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, outfile: 'out.js',
    external: ['vscode', ...SDKS], logLevel: 'silent',
  });
  return result.metafile.inputs;
}

/** Engine modules a surface (src/extension, src/cli) imports directly. */
function engineImportsOfSurface(inputs: esbuild.Metafile['inputs']): Set<string> {
  const found = new Set<string>();
  for (const [file, input] of Object.entries(inputs)) {
    if (!/^src\/(extension|cli)\//.test(file) && file !== 'src/cli.ts') continue;
    for (const i of input.imports) if (i.path.startsWith('src/core/engine/') || i.path === 'src/core/client.ts') found.add(i.path);
  }
  return found;
}

describe('one composition root', () => {
  it('the extension and the CLI both build their engine with createSwitchboard and import no other way to make one', async function () {
    this.timeout(30_000);
    const [extension, cli] = await Promise.all([graph('src/extension/extension.ts'), graph('src/cli.ts')]);
    for (const [name, inputs] of [['extension', extension], ['cli', cli]] as const) {
      const direct = engineImportsOfSurface(inputs);
      assert.deepEqual([...direct].filter((p) => !['src/core/engine/createSwitchboard.ts', 'src/core/engine/requestErrors.ts', 'src/core/engine/deadlines.ts'].includes(p)), [], `${name} reaches the engine another way: ${[...direct].join(', ')}`);
      assert.ok(direct.has('src/core/engine/createSwitchboard.ts'), `${name} does not call createSwitchboard`);
      assert.ok(!('src/core/client.ts' in inputs), `${name} still bundles the SwitchboardClient facade`);
    }
  });
});
