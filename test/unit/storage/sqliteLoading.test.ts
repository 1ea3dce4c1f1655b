// Loading node:sqlite on the Node versions the product meets: Node 20 (no node:sqlite: a clear
// "unsupported", no crash), Node 22 (the VS Code 1.104+ extension host: works, and its
// ExperimentalWarning never reaches the user's stderr), Node 24 (the CLI and the test tiers).
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempHome } from './storeTestKit';

const ROOT = path.resolve(__dirname, '../../..');

/** A Node binary of that major on this machine (the test-tier cache, or the system's), if any. */
function nodeOfMajor(major: number): string | undefined {
  const candidates = [path.join(os.homedir(), '.cache', 'switchboard-test', `node${major}`, 'node_modules', 'node', 'bin', 'node'), '/usr/bin/node', '/usr/local/bin/node', process.execPath];
  return candidates.find((p) => existsSync(p) && execFileSync(p, ['-p', 'process.versions.node']).toString().trim().split('.')[0] === String(major));
}

function runStore(node: string, dir: string): { stdout: string[]; stderr: string } {
  const script = `const { openLocalStore } = require('./src/core/storage/localStore');
    const s = openLocalStore(${JSON.stringify(dir)});
    console.log(JSON.stringify({ reason: s.problem && s.problem.reason, message: s.problem && s.problem.message }));
    s.ledger.append({ time: new Date().toISOString(), provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', inputTokens: 1, outputTokens: 1, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 1, costUsd: 0.5, outcome: 'ok', cached: false })
      .then(() => s.ledger.monthToDate()).then((m) => console.log('recorded ' + m.requests), (e) => console.log(e.reason)).finally(() => s.close());`;
  const run = spawnSync(node, ['-r', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return { stdout: run.stdout.trim().split('\n'), stderr: run.stderr };
}

describe('loading node:sqlite', function () {
  this.timeout(30_000);
  let home: ReturnType<typeof tempHome>;
  beforeEach(() => (home = tempHome()));
  afterEach(() => home.cleanup());

  it('on Node 20 (no node:sqlite) the store says which Node it needs, every write fails with that reason, nothing on stderr', function () {
    const node20 = nodeOfMajor(20);
    if (!node20) this.skip();
    const out = runStore(node20!, home.dir);
    assert.equal(out.stderr, '');
    const first = JSON.parse(out.stdout[0]!) as { reason: string; message: string };
    assert.equal(first.reason, 'unsupported');
    assert.match(first.message, /has no built-in node:sqlite \(Node 22\.13 or later has it\)/);
    assert.equal(out.stdout[1], 'unsupported');
  });

  for (const major of [22, 24]) {
    it(`on Node ${major} the store records, and Node's SQLite ExperimentalWarning does not reach stderr`, function () {
      const node = nodeOfMajor(major);
      if (!node) this.skip();
      const out = runStore(node!, home.dir);
      assert.deepEqual(out.stdout, ['{}', 'recorded 1']);
      assert.equal(out.stderr, '', 'nothing on stderr');
    });
  }
});
