// Writes until it is killed: each loop appends a ledger record, stores a cache entry and saves a
// chat session, then prints "committed N" (N = records appended so far). The parent SIGKILLs it
// at a random instant and checks what survived.
import { openLocalStore } from '../../../../src/core/storage/localStore';

const [dir, tag] = process.argv.slice(2);
const store = openLocalStore(dir!);
let n = 0;
void (async () => {
  for (;;) {
    await store.ledger.append({
      time: new Date().toISOString(), provider: 'anthropic', model: `${tag}-${n}`, modelId: 'claude-sonnet-4-6', inputTokens: 10, outputTokens: 5,
      cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 1, costUsd: 0.001, outcome: 'ok', failover: null, cached: false, surface: 'kill-test',
    });
    n++;
    await store.responseCache.set((n + Number(tag) * 1_000_000).toString(16).padStart(64, '0'), { provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', blocks: [{ kind: 'text', text: 'x'.repeat(2000) }], stopReason: 'end_turn', usage: { inputTokens: 5, outputTokens: 5, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 }, costUsd: 0.01 });
    await store.sessions.save({ version: 1, id: 's_kill', title: 'kill test', createdAt: 1, updatedAt: n, model: 'sonnet', messages: [{ id: `m${n}`, role: 'user', text: `turn ${n}`, attachments: [], at: n }] });
    // Reported only once the line is handed to the pipe: a line still queued in this process when it
    // is killed would be lost, and the parent would count a committed record as unreported.
    await new Promise<void>((resolve, reject) => process.stdout.write(`committed ${n}\n`, (e) => (e ? reject(e) : resolve())));
  }
})().catch((e: Error) => {
  process.stderr.write(`${e.name}: ${e.message}\n`);
  process.exit(1);
});
