// A writer process: opens the store in DIR like the CLI does, says "ready", waits for "go" on
// stdin, appends COUNT records tagged with its id (every PRUNE_EVERY appends, if given, it adds a
// record older than the retention and prunes), prints "done", closes. Any failure goes to stderr with exit code 1.
import { openLocalStore } from '../../../../src/core/storage/localStore';
import type { UsageRecord } from '../../../../src/core/usage/ledger';

const [dir, id, countText, pruneEveryText] = process.argv.slice(2);
const count = Number(countText);
const pruneEvery = Number(pruneEveryText ?? 0);
const store = openLocalStore(dir!);
if (store.problem) {
  process.stderr.write(`${store.problem.message}\n`);
  process.exit(1);
}
const record = (i: number): UsageRecord => ({
  time: new Date().toISOString(), provider: i % 2 ? 'bedrock' : 'anthropic', model: `w${id}-${i}`, modelId: 'claude-sonnet-4-6', inputTokens: 10, outputTokens: 5,
  cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 1, costUsd: 0.001, outcome: 'ok', failover: null, cached: false, surface: `writer-${id}`,
});
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  process.stdin.destroy();
  void (async () => {
    for (let i = 0; i < count; i++) {
      await store.ledger.append(record(i));
      if (pruneEvery && i % pruneEvery === 0) {
        // A record beyond the retention, then a prune that deletes it while the others write.
        store.ledger.appendMany([{ ...record(i), time: new Date(Date.now() - 500 * 86_400_000).toISOString(), model: `old-w${id}-${i}` }]);
        store.ledger.prune();
      }
    }
    store.close();
    process.stdout.write('done\n');
  })().catch((e: Error) => {
    process.stderr.write(`${e.name}: ${e.message}\n`);
    process.exit(1);
  });
});
