// Runs INSIDE the VS Code extension host (bench/lm.ts starts it): the same request through
// vscode.lm (a separate client extension → VS Code → Switchboard's provider → engine) and through
// the engine directly, interleaved, against the Anthropic emulator; then provideTokenCount calls/s.
// Writes its figures to SWITCHBOARD_BENCH_RESULT.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SwitchboardExtensionApi } from '../src/extension/extension';
import { startAnthropicEmulator } from '../test/emulators/anthropic';

const KEY = 'sk-ant-api03-bench-lm-provider-000000000000000000abcd';
const N = Number(process.env.SWITCHBOARD_BENCH_N ?? 40);
const PROMPT = 'Tell me about the switchboard operators of the 1920s in a few sentences please.';

interface Client {
  send(id: string, spec: unknown[]): Promise<unknown[]>;
  countTokens(id: string, text: string): Promise<number>;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;

async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

export async function run(): Promise<void> {
  const out = process.env.SWITCHBOARD_BENCH_RESULT!;
  try {
    const emulator = await startAnthropicEmulator({ apiKeys: [KEY] });
    const c = vscode.workspace.getConfiguration('switchboard');
    const G = vscode.ConfigurationTarget.Global;
    await c.update('health.intervalSeconds', 0, G);
    await c.update('modelProvider.type', 'anthropic', G);
    await c.update('modelProvider.autoFallback', false, G);
    await c.update('modelProvider.anthropic.baseUrl', emulator.url, G);
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', KEY);
    const api = await vscode.extensions.getExtension<SwitchboardExtensionApi>('switchboard-dev.switchboard')!.activate();
    await waitFor(() => api.host.config.anthropic.baseUrl.value === emulator.url && api.host.resolved.anthropic.apiKey.set && api.host.resolved.fallback === null);
    const client = await vscode.extensions.getExtension<Client>('switchboard-test.switchboard-lm-test-client')!.activate();
    const spec = [{ role: 'user', parts: [{ text: PROMPT }] }];
    const direct = async (): Promise<number> => {
      const t0 = performance.now();
      for await (const e of api.host.engine.stream({ model: 'sonnet-4.6', messages: [{ role: 'user', content: [{ type: 'text', text: PROMPT }] }] }, { surface: 'bench' })) void e;
      return performance.now() - t0;
    };
    const viaLm = async (): Promise<number> => {
      const t0 = performance.now();
      await client.send('sonnet-4.6', spec);
      return performance.now() - t0;
    };
    for (let i = 0; i < 5; i++) {
      await direct();
      await viaLm();
    }
    const d: number[] = [];
    const l: number[] = [];
    for (let i = 0; i < N; i++) {
      d.push(await direct());
      l.push(await viaLm());
    }
    // provideTokenCount: through vscode.lm (the client's countTokens), the same text (cache hits) and distinct texts (count_tokens calls).
    const rate = async (count: number, f: (i: number) => Promise<unknown>): Promise<number> => {
      const t0 = performance.now();
      for (let i = 0; i < count; i++) await f(i);
      return count / ((performance.now() - t0) / 1000);
    };
    await client.countTokens('sonnet-4.6', 'warm');
    const cachedLm = await rate(300, () => client.countTokens('sonnet-4.6', 'the same text every time, as VS Code recounts it'));
    const freshLm = await rate(100, (i) => client.countTokens('sonnet-4.6', `a text never counted before number ${i}`));
    const provider = api.lm!;
    const model = (await provider.provideLanguageModelChatInformation({ silent: true }, new vscode.CancellationTokenSource().token)).find((m) => m.id === 'sonnet-4.6')!;
    const token = new vscode.CancellationTokenSource().token;
    const cachedProvider = await rate(3000, () => provider.provideTokenCount(model, 'the same text every time, as VS Code recounts it', token));
    writeFileSync(out, JSON.stringify({
      n: N,
      directMedianMs: median(d), directP90Ms: p90(d),
      lmMedianMs: median(l), lmP90Ms: p90(l),
      addedMedianMs: median(l) - median(d),
      countPerSecond: { viaLmCached: cachedLm, viaLmUncached: freshLm, providerCached: cachedProvider },
      countTokensCalls: emulator.requestsTo('/v1/messages/count_tokens').length,
    }));
    await emulator.close();
  } catch (e) {
    writeFileSync(out, JSON.stringify({ error: (e as Error).stack ?? String(e) }));
  }
}
