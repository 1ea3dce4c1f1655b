import * as assert from 'node:assert/strict';
import { applyPromptCache, minCacheableTokens } from '../../../src/core/cache/promptCache';
import { SwitchboardClient } from '../../../src/core/client';
import type { RequestResult } from '../../../src/core/client';
import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import type { SwitchboardConfig } from '../../../src/core/config/schema';
import type { ChatMessage, ContentBlock, ModelRequest, ProviderId } from '../../../src/core/types';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';

const LONG_SYSTEM = 'You are a careful reviewer of TypeScript code. '.repeat(200); // ~2400 tokens
const tool = (name: string): { name: string; description: string; inputSchema: Record<string, unknown> } => ({ name, description: `Tool ${name}: ${'reads files of the workspace. '.repeat(160)}`, inputSchema: { type: 'object', properties: { path: { type: 'string' } } } });

function breakpoints(req: ModelRequest): Array<boolean | '1h'> {
  const out: Array<boolean | '1h'> = [];
  for (const t of req.tools ?? []) if (t.cache) out.push(t.cache);
  if (Array.isArray(req.system)) for (const s of req.system) if (s.cache) out.push(s.cache);
  for (const m of req.messages) if (typeof m.content !== 'string') for (const b of m.content) if ((b.type === 'text' || b.type === 'tool_result') && b.cache) out.push(b.cache);
  return out;
}

function conversation(turns: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (let i = 0; i < turns; i++) {
    out.push({ role: 'user', content: `Question ${i}: ${'please explain the next function in detail. '.repeat(5)}` });
    if (i < turns - 1) out.push({ role: 'assistant', content: `Answer ${i}: ${'it does what it says. '.repeat(10)}` });
  }
  return out;
}

describe('automatic prompt caching (transform)', () => {
  it('marks the last tool, the system prompt, the last and the previous user message: 4 breakpoints', () => {
    const req: ModelRequest = { model: 'sonnet', system: LONG_SYSTEM, tools: [tool('a'), tool('b')], messages: conversation(3) };
    const { request, added, total } = applyPromptCache(req);
    assert.equal(added, 4);
    assert.equal(total, 4);
    assert.equal(request.tools![1].cache, true);
    assert.equal(request.tools![0].cache, undefined);
    assert.deepEqual((request.system as Array<{ cache?: unknown }>).map((s) => s.cache), [true]);
    const marked = request.messages.map((m) => typeof m.content !== 'string' && m.content.some((b) => b.type === 'text' && b.cache));
    assert.deepEqual(marked, [false, false, true, false, true]);
    // the caller's request is not mutated
    assert.equal(req.tools![1].cache, undefined);
    assert.equal(typeof req.messages[4].content, 'string');
  });

  it('never exceeds 4 breakpoints together with the ones the caller set, keeping the recent turns first', () => {
    const messages = conversation(3);
    messages[0] = { role: 'user', content: [{ type: 'text', text: 'pinned context '.repeat(400), cache: true }] };
    const req: ModelRequest = { model: 'sonnet', system: [{ text: LONG_SYSTEM, cache: true }], tools: [tool('a')], messages };
    const { request, added, total } = applyPromptCache(req);
    assert.equal(added, 2);
    assert.equal(total, 4);
    assert.equal(breakpoints(request).length, 4);
    assert.equal(request.tools![0].cache, undefined, 'tools lose to the recent turns when slots run out');
    // A request already at 4 is left alone.
    const full = applyPromptCache(request);
    assert.equal(full.added, 0);
    assert.equal(full.request, request);
  });

  it('adds nothing below the model\'s minimum cacheable prefix (1024 for Sonnet, 4096 for Haiku 4.5 and Opus 4.5–4.7)', () => {
    // Anthropic prompt-caching docs (quoted in anthropics/anthropic-sdk-python#1194) and AWS Bedrock's prompt-caching page.
    assert.equal(minCacheableTokens('haiku'), 4096);
    assert.equal(minCacheableTokens('claude-haiku-4-5-20251001'), 4096);
    assert.equal(minCacheableTokens('eu.anthropic.claude-opus-4-6-v1'), 4096);
    assert.equal(minCacheableTokens('opus-4.5'), 4096);
    assert.equal(minCacheableTokens('anthropic.claude-sonnet-4-5-20250929-v1:0'), 1024);
    assert.equal(minCacheableTokens('opus-4.1'), 1024);
    assert.equal(minCacheableTokens('claude-3-haiku-20240307'), 2048);
    assert.equal(minCacheableTokens('us.amazon.nova-pro-v1:0'), 1000);
    const short: ModelRequest = { model: 'sonnet', system: 'Be brief.', messages: [{ role: 'user', content: 'hello' }] };
    assert.equal(applyPromptCache(short).added, 0);
    // ~1200 tokens of system prompt: enough for Sonnet 4.5, not for Haiku 4.5
    const mid: ModelRequest = { model: 'sonnet-4.5', system: 'x'.repeat(4800), messages: [{ role: 'user', content: 'hi' }] };
    assert.ok(applyPromptCache(mid).added >= 1);
    assert.equal(applyPromptCache({ ...mid, model: 'haiku' }).added, 0);
  });

  it('is off when disabled', () => {
    const req: ModelRequest = { model: 'sonnet', system: LONG_SYSTEM, messages: conversation(2) };
    assert.equal(applyPromptCache(req, { enabled: false }).request, req);
  });

  it('uses the 1-hour TTL when asked, but never after a caller 5-minute breakpoint (Anthropic requires 1h first)', () => {
    const req: ModelRequest = { model: 'sonnet', system: LONG_SYSTEM, messages: conversation(2) };
    const oneHour = applyPromptCache(req, { ttl: '1h' });
    assert.ok(oneHour.usesOneHourTtl);
    assert.ok(breakpoints(oneHour.request).every((b) => b === '1h'));
    const messages = conversation(2);
    messages[0] = { role: 'user', content: [{ type: 'text', text: 'pinned '.repeat(800), cache: true }] };
    const mixed = applyPromptCache({ model: 'sonnet', system: LONG_SYSTEM, messages }, { ttl: '1h' });
    // system (before the caller's 5m breakpoint) may be 1h; the last user message (after it) must be 5m
    assert.equal((mixed.request.system as Array<{ cache?: unknown }>)[0].cache, '1h');
    const last = mixed.request.messages[2].content as ContentBlock[];
    assert.equal(last[0].type === 'text' && last[0].cache, true);
  });

  it('marks the last tool_result of a tool-use turn', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'read the file '.repeat(400) },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'read', input: { path: 'a.ts' } }] },
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', content: 'file text' }, { type: 'image', mediaType: 'image/png', data: 'AAAA' }] },
    ];
    const { request } = applyPromptCache({ model: 'sonnet', messages });
    const last = request.messages[2].content as ContentBlock[];
    assert.equal(last[0].type === 'tool_result' && last[0].cache, true);
  });
});

describe('automatic prompt caching against the emulators (10-turn conversation)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  before(async () => {
    anthropic = await startAnthropicEmulator({ minCacheableTokens: 1024 });
    bedrock = await startBedrockEmulator({ region: 'us-east-1', minCacheableTokens: 1024 });
  });
  after(async () => {
    await anthropic.close();
    await bedrock.close();
  });

  function client(provider: ProviderId, promptCache: boolean): SwitchboardClient {
    const config: SwitchboardConfig = {
      ...DEFAULT_CONFIG,
      provider,
      autoFallback: false,
      anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: anthropic.url },
      bedrock: { ...DEFAULT_CONFIG.bedrock, awsRegion: 'us-east-1', authMethod: 'accessKeys', endpoint: bedrock.url },
    };
    return new SwitchboardClient({
      config, sources: { 'bedrock.awsRegion': { source: 'settings' } }, env: {},
      secrets: { anthropicApiKey: 'sk-ant-test-key', awsAccessKeyId: TEST_CREDENTIALS.accessKeyId, awsSecretAccessKey: TEST_CREDENTIALS.secretAccessKey },
      promptCache: { enabled: promptCache },
    });
  }

  async function converse(c: SwitchboardClient, turns: number): Promise<RequestResult[]> {
    const messages: ChatMessage[] = [];
    const results: RequestResult[] = [];
    for (let i = 0; i < turns; i++) {
      messages.push({ role: 'user', content: `Turn ${i}: review the next part of the module and list the risks. ${'context '.repeat(40)}` });
      const r = await c.send({ model: 'sonnet', system: LONG_SYSTEM, messages: [...messages] });
      results.push(r);
      messages.push({ role: 'assistant', content: r.text });
    }
    return results;
  }

  for (const provider of ['anthropic', 'bedrock'] as const) {
    it(`${provider}: at least 70 % of input tokens are cache reads, and the cost is lower than without caching`, async () => {
      anthropic.reset();
      bedrock.reset();
      const cachedRun = await converse(client(provider, true), 10);
      const sum = (rs: RequestResult[], k: 'inputTokens' | 'cacheReadInputTokens' | 'cacheWriteInputTokens'): number => rs.reduce((n, r) => n + r.usage[k], 0);
      const reads = sum(cachedRun, 'cacheReadInputTokens');
      const total = reads + sum(cachedRun, 'inputTokens') + sum(cachedRun, 'cacheWriteInputTokens');
      assert.ok(reads / total >= 0.7, `cache reads ${reads} of ${total} input tokens (${((reads / total) * 100).toFixed(1)} %)`);
      // every turn after the first reads the prefix the previous turn wrote
      for (const r of cachedRun.slice(1)) assert.ok(r.usage.cacheReadInputTokens > 0, 'a later turn did not read the cache');

      anthropic.reset();
      bedrock.reset();
      const plainRun = await converse(client(provider, false), 10);
      assert.equal(sum(plainRun, 'cacheReadInputTokens') + sum(plainRun, 'cacheWriteInputTokens'), 0);
      // same prompt tokens either way: only their split (and so the price) differs
      assert.equal(sum(plainRun, 'inputTokens'), total);
      const cost = (rs: RequestResult[]): number => rs.reduce((n, r) => n + (r.costUsd ?? NaN), 0);
      assert.ok(cost(cachedRun) < cost(plainRun), `cached ${cost(cachedRun)} vs plain ${cost(plainRun)}`);
      // no request carried more than 4 breakpoints (the emulators reject more)
      const bodies = provider === 'anthropic' ? anthropic.requestsTo('/v1/messages').map((r) => JSON.stringify(r.body)) : bedrock.modelRequests().map((r) => JSON.stringify(r.body));
      for (const b of bodies) assert.ok((b.match(/cache_control|cachePoint/g) ?? []).length <= 4);
    });
  }
});
