// A CLI-like cache writer: opens the store in DIR, says "ready", waits for "go", looks up its key
// (a miss), stores its answer, looks it up again (a hit), prints "done".
import { openLocalStore } from '../../../../src/core/storage/localStore';

const [dir, id] = process.argv.slice(2);
const store = openLocalStore(dir!);
const key = Number(id).toString(16).padStart(64, '0');
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  process.stdin.destroy();
  void (async () => {
    if (await store.responseCache.get(key)) throw new Error('hit before set');
    await store.responseCache.set(key, { provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', blocks: [{ kind: 'text', text: `answer ${id}` }], stopReason: 'end_turn', usage: { inputTokens: 5, outputTokens: 5, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }, costUsd: 0.01 });
    if (!(await store.responseCache.get(key))) throw new Error('miss after set');
    store.close();
    process.stdout.write('done\n');
  })().catch((e: Error) => {
    process.stderr.write(`${e.name}: ${e.message}\n`);
    process.exit(1);
  });
});
