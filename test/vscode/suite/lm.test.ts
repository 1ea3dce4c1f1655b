// Switchboard as VS Code's language-model provider, in the real extension host, called from a
// SEPARATE extension (test/vscode/lmClient, loaded beside Switchboard as a second development
// extension) through vscode.lm — exactly how Cline's and Roo Code's "VS Code LM API" providers
// call it. Both services are the emulators; every request goes through the extension's engine.
// Not here: sending from VS Code's own Chat panel, which needs a GitHub Copilot sign-in (offline
// machines cannot sign in); the picker listing is the e2e tier's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { catalogByName } from '../../../src/core/models/catalog';
import type { UsageRecord } from '../../../src/core/usage/ledger';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { countInputTokens } from '../../emulators/anthropicReply';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { cfg, getApi, restoreAfterSuite, waitFor } from './helpers';

const CLIENT_ID = 'switchboard-test.switchboard-lm-test-client';
const SURFACE = `lm:${CLIENT_ID}`;
const KEY = 'sk-ant-api03-inhost-lm-provider-test-000000000000abcd';
const G = vscode.ConfigurationTarget.Global;
const TOUCHED = [
  'modelProvider.type', 'modelProvider.anthropic.baseUrl', 'modelProvider.fallbackProvider', 'modelProvider.autoFallback',
  'modelProvider.bedrock.awsRegion', 'modelProvider.bedrock.authMethod', 'modelProvider.bedrock.endpoint', 'health.intervalSeconds',
];
const WEATHER = { name: 'get_weather', description: 'Current weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

type Part = { text: string } | { toolCall: { callId: string; name: string; input: object } };
interface Spec { role: 'user' | 'assistant'; parts: Array<{ text: string } | { toolCall: { callId: string; name: string; input: object } } | { toolResult: { callId: string; text: string } }> }
interface LmClient {
  select(): Promise<Array<{ id: string; name: string; vendor: string; family: string; version: string; maxInputTokens: number }>>;
  send(id: string, spec: Spec[], options?: { tools?: unknown[]; required?: boolean; cancelAfterFirstPart?: boolean }): Promise<Part[]>;
  countTokens(id: string, text: string): Promise<number>;
  nextModelsChange(): Promise<void>;
}

async function client(): Promise<LmClient> {
  const ext = vscode.extensions.getExtension<LmClient>(CLIENT_ID);
  if (!ext) throw new Error(`${CLIENT_ID} is not loaded (runInServer.ts loads test/vscode/lmClient beside the extension)`);
  return ext.activate();
}

/** The extension's usage ledger (the local store the engine appends to, shared with the CLI). */
async function ledger(): Promise<UsageRecord[]> {
  return (await getApi()).usage.store.ledger.readAll();
}

/** An event the test waits for, failing with its name instead of mocha's bare timeout. */
async function within<T>(what: string, promise: Promise<T>, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms / 1000} s`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const asSpec = (parts: Part[]): Spec => ({ role: 'assistant', parts: parts.map((p) => ('text' in p ? { text: p.text } : { toolCall: p.toolCall })) });
const textOf = (parts: Part[]): string => parts.map((p) => ('text' in p ? p.text : '')).join('');

describe('vscode.lm: Switchboard models for other extensions (a separate client extension)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let lm: LmClient;

  const configure = async (provider: 'anthropic' | 'bedrock', fallback: 'anthropic' | 'bedrock' | null): Promise<void> => {
    const api = await getApi();
    await cfg().update('modelProvider.type', provider, G);
    await cfg().update('modelProvider.fallbackProvider', fallback, G);
    await cfg().update('modelProvider.autoFallback', fallback !== null, G);
    await waitFor('engine rebuilt', () => api.host.resolved.provider === provider && api.host.resolved.fallback === fallback);
  };

  before(async function () {
    anthropic = await startAnthropicEmulator({ apiKeys: [KEY] });
    bedrock = await startBedrockEmulator({ region: 'eu-west-1' });
    const c = cfg();
    await c.update('health.intervalSeconds', 0, G);
    await c.update('modelProvider.anthropic.baseUrl', anthropic.url, G);
    await c.update('modelProvider.bedrock.awsRegion', 'eu-west-1', G);
    await c.update('modelProvider.bedrock.authMethod', 'accessKeys', G);
    await c.update('modelProvider.bedrock.endpoint', bedrock.url, G);
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', KEY);
    await vscode.commands.executeCommand('switchboard.setAwsAccessKeys', { accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: TEST_CREDENTIALS.secretAccessKey });
    await configure('anthropic', 'bedrock');
    const api = await getApi();
    await waitFor('settings applied', () => api.host.config.bedrock.endpoint.value === bedrock.url && api.host.config.anthropic.baseUrl.value === anthropic.url);
    lm = await client();
    await waitFor('switchboard models listed', async () => (await lm.select()).some((m) => m.id === 'sonnet-4.6'));
  });

  beforeEach(() => {
    anthropic.reset();
    bedrock.reset();
  });

  after(() => restoreAfterSuite(TOUCHED, anthropic, bedrock));

  it('selectChatModels({vendor: "switchboard"}) returns the models with true limits; the provider declares tool calling and image input per model', async () => {
    const models = await lm.select();
    const sonnet = models.find((m) => m.id === 'sonnet-4.6');
    const facts = catalogByName('sonnet-4.6')!;
    assert.ok(sonnet, models.map((m) => m.id).join(', '));
    assert.deepEqual(sonnet, { id: 'sonnet-4.6', name: 'Claude Sonnet 4.6 · Switchboard', vendor: 'switchboard', family: 'claude-sonnet-4.6', version: facts.anthropicId, maxInputTokens: facts.contextWindow - facts.maxOutputTokens });
    assert.equal(new Set(models.map((m) => m.id)).size, models.length, 'each model once');
    // Capabilities are not on the consumer's LanguageModelChat; VS Code reads them from the provider.
    const info = await (await getApi()).lm!.provideLanguageModelChatInformation({ silent: true }, new vscode.CancellationTokenSource().token);
    assert.deepEqual(info.find((m) => m.id === 'sonnet-4.6')!.capabilities, { toolCalling: true, imageInput: true });
    assert.deepEqual(info.find((m) => m.id === 'llama-3.3-70b')?.capabilities, { toolCalling: true, imageInput: false });
    assert.deepEqual(info.map((m) => m.id).sort(), models.map((m) => m.id).sort(), 'the client sees what the provider offers');
  });

  it('a request with a tool streams text and a tool-call part; the tool result sent back yields the final answer; the ledger records the caller', async () => {
    const question: Spec = { role: 'user', parts: [{ text: 'What is the weather in Paris? Use get_weather.' }] };
    const first = await lm.send('sonnet-4.6', [question], { tools: [WEATHER] });
    assert.ok(first.some((p) => 'text' in p), JSON.stringify(first));
    const call = first.find((p): p is Extract<Part, { toolCall: unknown }> => 'toolCall' in p);
    assert.ok(call, JSON.stringify(first));
    assert.equal(call.toolCall.name, 'get_weather');
    const answer = await lm.send('sonnet-4.6', [question, asSpec(first), { role: 'user', parts: [{ toolResult: { callId: call.toolCall.callId, text: '18 °C and sunny' } }] }], { tools: [WEATHER] });
    assert.match(textOf(answer), /18 °C and sunny/);
    const sent = anthropic.requestsTo('/v1/messages');
    assert.equal(sent.length, 2);
    const records = (await ledger()).slice(-2);
    assert.deepEqual(records.map((r) => [r.surface, r.provider, r.model]), [[SURFACE, 'anthropic', 'sonnet-4.6'], [SURFACE, 'anthropic', 'sonnet-4.6']]);
  });

  it('toolMode Required reaches the service as a forced tool choice', async () => {
    const parts = await lm.send('sonnet-4.6', [{ role: 'user', parts: [{ text: 'hello' }] }], { tools: [WEATHER], required: true });
    assert.ok(parts.some((p) => 'toolCall' in p), JSON.stringify(parts));
    assert.deepEqual((anthropic.requestsTo('/v1/messages')[0]!.body as { tool_choice?: unknown }).tool_choice, { type: 'tool', name: 'get_weather' });
  });

  it('cancelling stops the provider request: the emulator sees the client close it, the ledger says cancelled', async function () {
    // VS Code 1.104 does not pass a consumer's cancel on to the provider once the answer streams (here the
    // request ran on to the 30 s idle deadline); 1.139 does (its _pendingCancelCTS per request).
    if (/^1\.104\./.test(vscode.version)) this.skip();
    // The answer stalls after three deltas; only the caller's cancel can end it before the idle deadline (30 s).
    this.timeout(20_000);
    anthropic.faults.push({ kind: 'stall-mid-stream', afterEvents: 3 });
    const closed = anthropic.whenClientClosed('/v1/messages');
    const parts = await lm.send('sonnet-4.6', [{ role: 'user', parts: [{ text: 'tell me a long story about switchboards' }] }], { cancelAfterFirstPart: true });
    assert.ok(parts.length >= 1);
    await closed;
    const last = await waitFor('the cancelled request in the ledger', async () => (await ledger()).filter((r) => r.surface === SURFACE).at(-1)?.outcome === 'cancelled');
    assert.ok(last);
  });

  it('with Anthropic overloaded the answer comes from Bedrock with the same logical model', async () => {
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const parts = await lm.send('sonnet-4.6', [{ role: 'user', parts: [{ text: 'hello through the failover' }] }]);
    assert.match(textOf(parts), /hello through the failover/);
    assert.equal(bedrock.modelRequests()[0]!.modelId, 'eu.anthropic.claude-sonnet-4-6');
    const rec = (await ledger()).at(-1)!;
    assert.deepEqual([rec.surface, rec.provider, rec.model, rec.failover?.from], [SURFACE, 'bedrock', 'sonnet-4.6', 'anthropic']);
    anthropic.faults.clear();
    // Anthropic recovers: the next request is answered by it again (failback), as for every surface.
    await lm.send('sonnet-4.6', [{ role: 'user', parts: [{ text: 'are you back' }] }]);
    assert.equal((await ledger()).at(-1)!.provider, 'anthropic');
    await waitFor('failover state cleared', async () => (await getApi()).host.state.failover === null);
  });

  it('countTokens equals the service\'s exact count, and a repeated count is answered without a second call', async () => {
    const text = 'How many tokens are in this sentence, counted by the service itself?';
    const n = await lm.countTokens('sonnet-4.6', text);
    const counted = anthropic.requestsTo('/v1/messages/count_tokens');
    assert.equal(counted.length, 1);
    assert.equal(n, countInputTokens(counted[0]!.body as Record<string, unknown>));
    assert.equal(await lm.countTokens('sonnet-4.6', text), n);
    assert.equal(anthropic.requestsTo('/v1/messages/count_tokens').length, 1);
  });

  it('the next agent turn (same large system + tool prefix) reads the prompt cache, on Anthropic and on Bedrock', async () => {
    const instructions = Array.from({ length: 400 }, (_, i) => `Rule ${i}: answer precisely, cite the file and line, and never invent an API.`).join('\n');
    for (const provider of ['anthropic', 'bedrock'] as const) {
      await configure(provider, null);
      const turn1: Spec[] = [{ role: 'user', parts: [{ text: instructions }] }, { role: 'assistant', parts: [{ text: 'Understood.' }] }, { role: 'user', parts: [{ text: 'Weather in Paris? Use get_weather.' }] }];
      const first = await lm.send('sonnet-4.6', turn1, { tools: [WEATHER] });
      const call = first.find((p): p is Extract<Part, { toolCall: unknown }> => 'toolCall' in p);
      assert.ok(call, JSON.stringify(first));
      await lm.send('sonnet-4.6', [...turn1, asSpec(first), { role: 'user', parts: [{ toolResult: { callId: call.toolCall.callId, text: 'sunny' } }] }], { tools: [WEATHER] });
      const [one, two] = (await ledger()).slice(-2);
      assert.equal(two!.provider, provider);
      assert.ok(one!.cacheWriteInputTokens > 0, `${provider} wrote the cache: ${JSON.stringify(one)}`);
      assert.ok(two!.cacheReadInputTokens >= one!.cacheWriteInputTokens, `${provider} read it on the next turn: ${JSON.stringify(two)}`);
    }
    await configure('anthropic', 'bedrock');
  });

  it('changing the provider setting fires the provider\'s change event and onDidChangeChatModels, and the list changes', async () => {
    const provider = (await getApi()).lm!;
    const providerChange = (): Promise<void> => new Promise((resolve) => {
      const d = provider.onDidChangeLanguageModelChatInformation(() => {
        d.dispose();
        resolve();
      });
    });
    // VS Code 1.104 takes the provider's event but re-reads the list only when a caller selects again
    // (no onDidChangeChatModels then); 1.139 re-reads at once and tells every caller.
    const tellsCallers = !/^1\.104\./.test(vscode.version);
    await configure('anthropic', 'bedrock');
    await waitFor('Nova listed while Bedrock is the fallback', async () => (await lm.select()).some((m) => m.id === 'nova-pro'));
    const changed = lm.nextModelsChange();
    const fired = providerChange();
    await configure('anthropic', null);
    await within('the provider\'s change event after the fallback was removed', fired);
    if (tellsCallers) await within('onDidChangeChatModels after the fallback was removed', changed);
    const without = (await lm.select()).map((m) => m.id);
    assert.ok(!without.includes('nova-pro'), `Bedrock-only models leave with Bedrock: ${without.join(', ')}`);
    assert.ok(without.includes('sonnet-4.6'));
    const again = lm.nextModelsChange();
    const firedAgain = providerChange();
    await configure('bedrock', null);
    await within('the provider\'s change event after the switch to Bedrock', firedAgain);
    if (tellsCallers) await within('onDidChangeChatModels after the switch to Bedrock', again);
    assert.ok((await lm.select()).some((m) => m.id === 'nova-pro'));
    await configure('anthropic', 'bedrock');
  });
});
