// The product's own construction (SwitchboardClient with the product defaults, real SDKs, real
// HTTP) never sends a request the strict emulators reject: for each rule of the emulatorRules
// test, the same intent goes through the product and is either fitted (and said so in the log)
// or refused before anything is sent.
import * as assert from 'node:assert/strict';
import type { SwitchboardClient, SwitchboardClientOptions } from '../../../src/core/client';
import { buildModelRequest } from '../../../src/core/chat/requestBuilder';
import type { SwitchboardConfig } from '../../../src/core/config/schema';
import { MemoryLogger } from '../../../src/core/logger';
import type { ChatMessage, ModelRequest } from '../../../src/core/types';
import type { ChatSession } from '../../../src/shared/chatTypes';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import type { RequestLogEntry } from '../../emulators/faults';
import { emulatorClient, useEmulators } from '../client/clientHelpers';

type Json = Record<string, unknown>;

describe('the product never sends a request the services reject', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let logger: MemoryLogger;
  // The emulators' default minimum cacheable prefix; us-east-1 so every catalog model resolves.
  useEmulators({ region: 'us-east-1' }, (e) => ({ anthropic, bedrock } = e));
  beforeEach(() => {
    logger = new MemoryLogger();
  });

  /** The product's defaults (DEFAULT_CONFIG: 8192 output tokens, prompt cache on) against the emulators. */
  function client(provider: 'anthropic' | 'bedrock', over: Partial<SwitchboardConfig> = {}, options: Partial<SwitchboardClientOptions> = {}): SwitchboardClient {
    return emulatorClient(anthropic, bedrock, { provider, ...over }, { logger, ...options });
  }
  const sent = (): RequestLogEntry[] => [...anthropic.requestsTo('/v1/messages'), ...bedrock.modelRequests()];
  const rejected = (): RequestLogEntry[] => sent().filter((r) => (r.status ?? 200) >= 400);
  const lastBody = (provider: 'anthropic' | 'bedrock'): Json => (provider === 'anthropic' ? anthropic.requestsTo('/v1/messages') : bedrock.modelRequests()).at(-1)!.body as Json;
  // Pinned to Sonnet 4.6: these requests are about its rules (fixed thinking budgets, one sampler).
  const ask = (over: Partial<ModelRequest> = {}): ModelRequest => ({ model: 'sonnet-4.6', messages: [{ role: 'user', content: 'a question' }], ...over });
  const logged = (re: RegExp): boolean => logger.lines.some((l) => re.test(l));

  for (const provider of ['anthropic', 'bedrock'] as const) {
    describe(`on ${provider}`, () => {
      it('MAX_THINKING_TOKENS=31999 with the default 8192 output tokens: max_tokens is raised within the output limit', async () => {
        const result = await client(provider, { thinkingBudget: 31999 }).send(ask());
        assert.equal(result.provider, provider);
        const body = lastBody(provider);
        const max = provider === 'anthropic' ? body.max_tokens : (body.inferenceConfig as Json).maxTokens;
        assert.equal(max, 31999 + 8192);
        assert.ok(logged(/max_tokens raised from 8192 to 40191/));
        assert.deepEqual(rejected(), []);
      });

      it('a budget below 1024 is refused before anything is sent', async () => {
        await assert.rejects(client(provider).send(ask({ thinkingBudget: 500 })), (e: Error & { type?: string }) => e.type === 'invalid_request' && /at least 1024/.test(String((e as { hint?: string }).hint)));
        assert.equal(sent().length, 0);
      });

      it('a budget that leaves no room in the output limit is refused before sending', async () => {
        // Sonnet 4.6 writes at most 128K (thinking included): a 128K budget leaves nothing for the answer.
        await assert.rejects(client(provider).send(ask({ thinkingBudget: 128_000 })), /leaves no room for an answer/);
        assert.equal(sent().length, 0);
      });

      it('temperature with thinking: not sent, and the log says why (the same on both providers)', async () => {
        await client(provider).send(ask({ thinkingBudget: 2048, temperature: 0.2, topP: 0.5 }));
        const body = lastBody(provider);
        const sampling = provider === 'anthropic' ? [body.temperature, body.top_p] : [(body.inferenceConfig as Json).temperature, (body.inferenceConfig as Json).topP];
        assert.deepEqual(sampling, [undefined, undefined]);
        assert.ok(logged(/temperature 0\.2 not sent: extended thinking only accepts temperature 1/));
        assert.ok(logged(/top_p 0\.5 not sent/));
      });

      it('temperature and top_p on Sonnet 4.6: temperature kept, top_p not sent', async () => {
        await client(provider).send(ask({ temperature: 0.2, topP: 0.9 }));
        const body = lastBody(provider);
        const sampling = provider === 'anthropic' ? [body.temperature, body.top_p] : [(body.inferenceConfig as Json).temperature, (body.inferenceConfig as Json).topP];
        assert.deepEqual(sampling, [0.2, undefined]);
        assert.ok(logged(/takes temperature or top_p, not both/));
      });

      it('Opus 4.7 with a budget and a temperature: adaptive thinking, no samplers', async () => {
        await client(provider).send(ask({ model: 'opus-4.7', thinkingBudget: 4096, temperature: 0.3 }));
        const body = lastBody(provider);
        const thinking = provider === 'anthropic' ? body.thinking : (body.additionalModelRequestFields as Json).thinking;
        assert.deepEqual(thinking, { type: 'adaptive' });
        assert.ok(logged(/sent as adaptive thinking/));
        assert.deepEqual(rejected(), []);
      });

      it('max_tokens above the model\'s output limit is lowered to it', async () => {
        await client(provider).send(ask({ model: 'haiku-4.5', maxTokens: 200_000 }));
        const body = lastBody(provider);
        assert.equal(provider === 'anthropic' ? body.max_tokens : (body.inferenceConfig as Json).maxTokens, 64_000);
      });

      it('a forced tool choice with thinking on: thinking off for that request, said so', async () => {
        const tools = [{ name: 'weather', inputSchema: { type: 'object' } }];
        await client(provider).send(ask({ thinkingBudget: 2048, tools, toolChoice: 'any' }));
        assert.deepEqual(rejected(), []);
        assert.ok(logged(/thinking off for this request: the service does not allow thinking while tool_choice forces a tool/));
      });

      it('a forced tool choice to a model that refuses one (Sonnet 5.5, the default sonnet): sent as auto, said so', async () => {
        const tools = [{ name: 'weather', inputSchema: { type: 'object' } }];
        await client(provider).send(ask({ model: 'sonnet-5.5', tools, toolChoice: { name: 'weather' } }));
        const body = lastBody(provider);
        const choice = provider === 'anthropic' ? body.tool_choice : (body.toolConfig as Json).toolChoice;
        assert.deepEqual(choice, provider === 'anthropic' ? { type: 'auto' } : { auto: {} });
        assert.ok(logged(/tool choice "tool" sent as "auto": Claude Sonnet 5.5 on (Bedrock|the Anthropic API) accepts auto/));
        assert.deepEqual(rejected(), []);
      });

      it('a 10-turn conversation with caching on (1-hour TTL asked) and thinking: every turn accepted', async () => {
        const c = client(provider, { thinkingBudget: 2048 }, { promptCache: { ttl: '1h' } });
        const messages: ChatMessage[] = [];
        const longSystem = 'You review code carefully. '.repeat(900);
        for (let turn = 0; turn < 10; turn++) {
          messages.push({ role: 'user', content: `question ${turn}: ${'context '.repeat(200)}` });
          // Sonnet 4 (no 1-hour cache on Bedrock) is retired on the Anthropic API: Sonnet 4.6 stands in there.
          const result = await c.send({ model: turn % 2 ? 'haiku-4.5' : provider === 'bedrock' ? 'sonnet-4' : 'sonnet-4.6', system: longSystem, messages: [...messages] });
          messages.push({ role: 'assistant', content: result.text });
        }
        assert.equal(sent().length, 10);
        assert.deepEqual(rejected(), []);
        if (provider === 'bedrock') assert.ok(logged(/sent with the 5-minute TTL: Claude Sonnet 4 on Bedrock has no 1-hour cache/));
      });
    });
  }

  it('Bedrock families: Llama gets no tool choice it refuses and no cache points; an image to it is refused before sending', async () => {
    const tools = [{ name: 'weather', inputSchema: { type: 'object' } }];
    await client('bedrock', {}, { promptCache: { ttl: '1h' } }).send(ask({ model: 'llama-3.3-70b', system: 'x'.repeat(9000), tools, toolChoice: 'any' }));
    const body = lastBody('bedrock');
    assert.equal((body.toolConfig as Json).toolChoice, undefined);
    assert.ok(!JSON.stringify(body).includes('cachePoint'));
    assert.ok(logged(/tool choice "any" sent as "auto"/));
    const image: ModelRequest = ask({ model: 'llama-3.3-70b', messages: [{ role: 'user', content: [{ type: 'text', text: 'what is it?' }, { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' }] }] });
    await assert.rejects(client('bedrock').send(image), /does not accept images/);
    assert.deepEqual(rejected(), []);
  });

  it('Nova with the 1-hour TTL asked: 5-minute cache points', async () => {
    await client('bedrock', {}, { promptCache: { ttl: '1h' } }).send(ask({ model: 'nova-lite', system: 'y'.repeat(9000) }));
    assert.ok(JSON.stringify(lastBody('bedrock')).includes('cachePoint'));
    assert.ok(!JSON.stringify(lastBody('bedrock')).includes('"1h"'));
    assert.deepEqual(rejected(), []);
  });

  describe('failover translation', () => {
    const withFallback = { fallbackProvider: 'bedrock' as const, autoFallback: true };

    it('continueAfterPartial with thinking on, failing mid-thinking: no empty assistant turn goes to the fallback', async () => {
      anthropic.faults.push({ kind: 'reset-mid-stream', afterEvents: 2 });
      const c = client('anthropic', { ...withFallback, thinkingBudget: 2048 }, { continueAfterPartial: true });
      const result = await c.send(ask());
      assert.equal(result.provider, 'bedrock');
      const messages = lastBody('bedrock').messages as Json[];
      assert.equal(messages.length, 1, 'the original question only: nothing visible was shown yet');
      assert.deepEqual(bedrock.modelRequests().filter((r) => (r.status ?? 200) >= 400), []);
    });

    it('a tool loop whose turn held only redacted thinking: the fallback gets thinking off, not an invalid turn', async () => {
      anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
      const messages: ChatMessage[] = [
        { role: 'user', content: 'weather in Paris?' },
        { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'QUJD' }, { type: 'tool_use', id: 'toolu_01', name: 'weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', toolUseId: 'toolu_01', content: 'sunny' }] },
      ];
      const tools = [{ name: 'weather', inputSchema: { type: 'object' } }];
      const result = await client('anthropic', { ...withFallback, thinkingBudget: 2048 }).send({ model: 'sonnet', messages, tools });
      assert.equal(result.provider, 'bedrock');
      assert.equal((lastBody('bedrock').additionalModelRequestFields as Json | undefined)?.thinking, undefined);
      assert.ok(logged(/extended thinking off for this request/));
      assert.deepEqual(bedrock.modelRequests().filter((r) => (r.status ?? 200) >= 400), []);
    });

    it('temperature with thinking after a failover to Bedrock: not in inferenceConfig', async () => {
      anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
      await client('anthropic', { ...withFallback, thinkingBudget: 2048 }).send(ask({ temperature: 0.7 }));
      assert.equal(((lastBody('bedrock').inferenceConfig ?? {}) as Json).temperature, undefined);
      assert.deepEqual(bedrock.modelRequests().filter((r) => (r.status ?? 200) >= 400), []);
    });
  });

  it('a chat continued after Stop (an answer stopped with only whitespace, another with partial text) is accepted', async () => {
    const at = Date.now();
    const session = {
      id: 's1', title: 't', model: 'sonnet', createdAt: at, updatedAt: at,
      messages: [
        { id: 'u1', role: 'user', text: 'first', attachments: [], at },
        { id: 'a1', role: 'assistant', text: ' \n', thinking: 'was thinking', toolCalls: [], status: 'stopped', at },
        { id: 'u2', role: 'user', text: 'second', attachments: [], at },
        { id: 'a2', role: 'assistant', text: 'half an ans', thinking: '', toolCalls: [], status: 'stopped', at },
        { id: 'u3', role: 'user', text: 'go on', attachments: [], at },
      ],
    } as unknown as ChatSession;
    for (const provider of ['anthropic', 'bedrock'] as const) {
      const request = buildModelRequest(session, { thinkingBudget: 2048 });
      await client(provider).send(request);
    }
    assert.equal(sent().length, 2);
    assert.deepEqual(rejected(), []);
  });
});
