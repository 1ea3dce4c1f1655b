import * as assert from 'node:assert/strict';
import { MemoryLogger } from '../../../src/core/logger';
import type { BedrockProviderOptions } from '../../../src/core/providers/bedrock/bedrockProvider';
import { BedrockProvider } from '../../../src/core/providers/bedrock/bedrockProvider';
import type { ModelRequest, StreamEvent } from '../../../src/core/types';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { TEST_API_KEY, TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import { collect, eventually } from './helpers';

const SONNET_US = 'us.anthropic.claude-sonnet-4-6';
const WEATHER_TOOL = { name: 'get_weather', description: 'Current weather', inputSchema: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] } };

for (const httpVersion of ['h2', 'http1'] as const) {
  describe(`BedrockProvider through the real SDK over ${httpVersion === 'h2' ? 'HTTP/2 (SDK default)' : 'HTTP/1.1'}`, () => {
    const wireVersion = httpVersion === 'h2' ? '2.0' : '1.1';
    let emu: BedrockEmulator;
    const providers: BedrockProvider[] = [];
    const provider = (options: Partial<BedrockProviderOptions> = {}): BedrockProvider => {
      const p = new BedrockProvider({ region: 'us-east-1', endpoint: emu.url, credentials: TEST_CREDENTIALS, httpVersion, ...options });
      providers.push(p);
      return p;
    };

    before(async () => {
      emu = await startBedrockEmulator({ minCacheableTokens: 0, apiKeys: [TEST_API_KEY] });
    });
    afterEach(async () => {
      await Promise.all(providers.splice(0).map((p) => p.dispose()));
      emu.reset();
    });
    after(() => emu.close());

    it('streams Claude text through a us. inference profile, signed with SigV4', async () => {
      const { events, error } = await collect(provider().stream({ model: SONNET_US, messages: [{ role: 'user', content: 'hello there world' }] }));
      assert.equal(error, undefined);
      const log = emu.modelRequests();
      assert.equal(log.length, 1);
      assert.equal(log[0]!.httpVersion, wireVersion);
      assert.equal(log[0]!.auth, `sigv4:${TEST_CREDENTIALS.accessKeyId}`);
      assert.equal(log[0]!.modelId, SONNET_US);
      // Exactly these events: the service's "p" padding never leaks through.
      const expected: StreamEvent[] = [
        { type: 'message_start', provider: 'bedrock', modelId: SONNET_US },
        { type: 'text_delta', index: 0, text: 'Echo:' },
        { type: 'text_delta', index: 0, text: ' hello' },
        { type: 'text_delta', index: 0, text: ' there' },
        { type: 'text_delta', index: 0, text: ' world' },
        { type: 'usage', usage: { inputTokens: 8, outputTokens: 4, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 } },
        { type: 'stop', stopReason: 'end_turn' },
      ];
      assert.deepEqual(events, expected);
    });

    it('answers Nova, Llama and Mistral base IDs on demand, streamed and not', async () => {
      const p = provider();
      for (const model of ['amazon.nova-pro-v1:0', 'meta.llama3-3-70b-instruct-v1:0', 'mistral.mistral-large-2407-v1:0']) {
        const sent = await p.send({ model, messages: [{ role: 'user', content: `hi ${model}` }], maxTokens: 50 });
        assert.equal(sent.text, `Echo: hi ${model}`);
        assert.equal(sent.modelId, model);
        assert.equal(sent.stopReason, 'end_turn');
        const streamed = await collect(p.stream({ model, messages: [{ role: 'user', content: 'stream please' }] }));
        assert.equal(streamed.text, 'Echo: stream please');
      }
      assert.deepEqual(
        emu.modelRequests().map((r) => r.path),
        ['amazon.nova-pro-v1%3A0', 'meta.llama3-3-70b-instruct-v1%3A0', 'mistral.mistral-large-2407-v1%3A0'].flatMap((id) => [`/model/${id}/converse`, `/model/${id}/converse-stream`]),
      );
    });

    it('runs a tool-use round trip: streamed tool call with parsed input, then the tool result reflected', async () => {
      const p = provider();
      const request: ModelRequest = { model: SONNET_US, tools: [WEATHER_TOOL], messages: [{ role: 'user', content: 'Use get_weather for Paris' }] };
      const first = await collect(p.stream(request));
      const start = first.events.find((e) => e.type === 'tool_use_start');
      const stopEv = first.events.find((e) => e.type === 'tool_use_stop');
      assert.ok(start && start.type === 'tool_use_start' && start.name === 'get_weather');
      assert.ok(stopEv && stopEv.type === 'tool_use_stop');
      assert.deepEqual(stopEv.input, { city: 'Use get_weather for Paris', days: 42 });
      assert.ok(first.events.some((e) => e.type === 'tool_use_delta'));
      assert.deepEqual(first.events.at(-1), { type: 'stop', stopReason: 'tool_use' });

      const second = await p.send({
        ...request,
        messages: [
          ...request.messages,
          { role: 'assistant', content: [{ type: 'text', text: 'Using get_weather.' }, { type: 'tool_use', id: stopEv.id, name: stopEv.name, input: stopEv.input }] },
          { role: 'user', content: [{ type: 'tool_result', toolUseId: stopEv.id, content: '18°C and sunny' }] },
        ],
      });
      assert.equal(second.text, 'Tool result: 18°C and sunny');
      assert.equal(second.stopReason, 'end_turn');
    });

    it('streams reasoning deltas and the signature when Claude thinking is on', async () => {
      const p = provider();
      const request: ModelRequest = { model: SONNET_US, messages: [{ role: 'user', content: 'why is the sky blue' }], thinkingBudget: 1024, maxTokens: 2048 };
      const { events } = await collect(p.stream(request));
      const thinking = events.filter((e) => e.type === 'thinking_delta').map((e) => (e.type === 'thinking_delta' ? e.text : '')).join('');
      assert.equal(thinking, 'Thinking about: why is the sky blue');
      const signature = events.find((e) => e.type === 'thinking_signature');
      assert.ok(signature && signature.type === 'thinking_signature' && signature.signature.startsWith('sig-'));
      assert.deepEqual((emu.modelRequests()[0]!.body as { additionalModelRequestFields: unknown }).additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 1024 } });
      const sent = await p.send(request);
      assert.equal(sent.content[0]?.type, 'thinking');
      assert.equal(sent.text, 'Echo: why is the sky blue');
    });

    it('reports a prompt-cache write on first sight and a read of the same prefix next time', async () => {
      const p = provider();
      const request: ModelRequest = { model: SONNET_US, system: [{ text: 'You are a careful assistant. '.repeat(40), cache: true }], messages: [{ role: 'user', content: 'first question' }] };
      const first = await p.send(request);
      assert.ok(first.usage.cacheWriteInputTokens > 200, JSON.stringify(first.usage));
      assert.equal(first.usage.cacheReadInputTokens, 0);
      const second = await collect(p.stream({ ...request, messages: [{ role: 'user', content: 'second question' }] }));
      const usage = second.events.find((e) => e.type === 'usage');
      assert.ok(usage && usage.type === 'usage');
      assert.equal(usage.usage.cacheReadInputTokens, first.usage.cacheWriteInputTokens);
      assert.equal(usage.usage.cacheWriteInputTokens, 0);
      // Bedrock's inputTokens exclude cached tokens: only the uncached tail is left.
      assert.ok(usage.usage.inputTokens < 20, JSON.stringify(usage.usage));
      assert.equal(emu.cacheEntries().length, 1);
    });

    it('switches a base ID to its inference profile once, logs it, and remembers it', async () => {
      const logger = new MemoryLogger();
      const p = provider({ logger, profileForBaseModel: (base, region) => (region === 'us-east-1' ? `us.${base}` : undefined) });
      const first = await p.send({ model: 'anthropic.claude-sonnet-4-6', messages: [{ role: 'user', content: 'one' }] });
      const second = await collect(p.stream({ model: 'anthropic.claude-sonnet-4-6', messages: [{ role: 'user', content: 'two' }] }));
      assert.equal(first.modelId, SONNET_US);
      assert.equal(second.text, 'Echo: two');
      assert.deepEqual(
        emu.modelRequests().map((r) => [r.modelId, r.status]),
        [
          ['anthropic.claude-sonnet-4-6', 400],
          [SONNET_US, 200],
          [SONNET_US, 200],
        ],
      );
      assert.equal(p.resolveModelId('anthropic.claude-sonnet-4-6'), SONNET_US);
      assert.deepEqual(logger.lines.filter((l) => l.startsWith('info ')), [`info Bedrock: on-demand throughput isn't supported for anthropic.claude-sonnet-4-6; using inference profile ${SONNET_US}.`]);
    });

    it('signs with the resolved credentials even when AWS_BEARER_TOKEN_BEDROCK is in the environment', async () => {
      const previous = process.env.AWS_BEARER_TOKEN_BEDROCK;
      process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSK-some-other-key-in-the-env';
      try {
        const { error } = await collect(provider().stream({ model: SONNET_US, messages: [{ role: 'user', content: 'hi' }] }));
        assert.equal(error, undefined);
        assert.equal(emu.modelRequests()[0]!.auth, `sigv4:${TEST_CREDENTIALS.accessKeyId}`);
      } finally {
        if (previous === undefined) delete process.env.AWS_BEARER_TOKEN_BEDROCK;
        else process.env.AWS_BEARER_TOKEN_BEDROCK = previous;
      }
    });

    it('authenticates with a Bedrock API key as a bearer token', async () => {
      const sent = await provider({ credentials: undefined, token: TEST_API_KEY }).send({ model: SONNET_US, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(sent.text, 'Echo: hi');
      const entry = emu.modelRequests()[0]!;
      assert.equal(entry.auth, 'bearer');
      assert.equal(entry.headers.authorization, `Bearer ${TEST_API_KEY}`);
      assert.equal(entry.headers['x-amz-date'], undefined);
    });

    it('cancels on abort: the caller gets "cancelled" and the emulator sees the client go away', async () => {
      emu.faults.push({ kind: 'stall-mid-stream', afterEvents: 2 });
      const controller = new AbortController();
      const result = await collect(provider().stream({ model: SONNET_US, messages: [{ role: 'user', content: 'a b c d e' }] }, { signal: controller.signal }), (e) => {
        if (e.type === 'text_delta' && e.text === ' a') controller.abort();
      });
      assert.equal(result.error?.type, 'cancelled');
      assert.equal(result.text, 'Echo: a');
      await eventually(() => emu.modelRequests()[0]?.clientClosed === true, 'clientClosed in the emulator log');
    });

    it('counts tokens exactly with CountTokens for Claude (base ID) and estimates for Nova', async () => {
      const p = provider();
      const request = (model: string): ModelRequest => ({ model, messages: [{ role: 'user', content: 'count these words please' }] });
      const count = await p.countTokens(request(SONNET_US));
      assert.equal(count.exact, true);
      // The count is what the service then bills as input for the same request.
      assert.equal(count.inputTokens, (await p.send(request(SONNET_US))).usage.inputTokens);
      const nova = await p.countTokens(request('amazon.nova-pro-v1:0'));
      assert.equal(nova.exact, false);
      assert.ok(nova.inputTokens > 0);
      assert.deepEqual(emu.modelRequests().map((r) => r.path), ['/model/anthropic.claude-sonnet-4-6/count-tokens', `/model/${SONNET_US}/converse`]);
    });

    it('health-checks with a free CountTokens call and validates auth with a 1-token call', async () => {
      const p = provider({ probeModel: SONNET_US, identity: async () => 'arn:aws:sts::123456789012:assumed-role/dev/me' });
      const health = await p.healthCheck();
      assert.equal(health.ok, true);
      const auth = await p.validateAuth();
      assert.deepEqual({ ...auth, latencyMs: 0 }, { provider: 'bedrock', identity: 'arn:aws:sts::123456789012:assumed-role/dev/me', account: '123456789012', region: 'us-east-1', modelId: SONNET_US, latencyMs: 0 });
      const log = emu.modelRequests();
      assert.deepEqual(log.map((r) => r.path), ['/model/anthropic.claude-sonnet-4-6/count-tokens', `/model/${SONNET_US}/converse`]);
      assert.deepEqual((log[1]!.body as { inferenceConfig: unknown }).inferenceConfig, { maxTokens: 1 });
    });
  });
}
