import * as assert from 'node:assert/strict';
import type { ClientEvent } from '../../../src/core/engine/types';
import type { ModelRequest, ProviderId } from '../../../src/core/types';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { demoAnswer, demoTopic } from '../../emulators/demoAnswers';
import { emulatorEngine } from '../client/engineHelpers';
import type { TestEngine } from '../client/engineHelpers';

// The emulators' demo answers (npm run sandbox), seen through the product's own engine
// (createSwitchboard, real SDKs over HTTP): what a newcomer's chat would receive.
const LABEL: Record<ProviderId, string> = {
  anthropic: '*Demo answer from the local Anthropic API emulator — no model was called.*',
  bedrock: '*Demo answer from the local Bedrock emulator — no model was called.*',
};

interface Collected {
  events: ClientEvent[];
  text: string;
  thinking: string;
  result: Extract<ClientEvent, { type: 'done' }>['result'];
}

async function collect(t: TestEngine, provider: ProviderId, request: Partial<ModelRequest> & Pick<ModelRequest, 'messages'>): Promise<Collected> {
  const events: ClientEvent[] = [];
  for await (const event of t.engine.stream({ model: 'sonnet', ...request }, { provider, allowFailover: false, cache: false })) events.push(event);
  const done = events.find((e): e is Extract<ClientEvent, { type: 'done' }> => e.type === 'done');
  assert.ok(done, `no done event: ${JSON.stringify(events.map((e) => e.type))}`);
  const text = events.filter((e): e is Extract<ClientEvent, { type: 'text_delta' }> => e.type === 'text_delta').map((e) => e.text).join('');
  const thinking = events.filter((e): e is Extract<ClientEvent, { type: 'thinking_delta' }> => e.type === 'thinking_delta').map((e) => e.text).join('');
  return { events, text, thinking, result: done.result };
}

const ask = (text: string): Pick<ModelRequest, 'messages'> => ({ messages: [{ role: 'user', content: text }] });

describe('Emulator demo answers (npm run sandbox) through the product engine', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let t: TestEngine;

  before(async () => {
    // Unpaced (tokensPerSecond 0): the pace is for people; the content is what these tests check.
    anthropic = await startAnthropicEmulator({ answers: 'demo', tokensPerSecond: 0 });
    bedrock = await startBedrockEmulator({ region: 'us-east-1', answers: 'demo', tokensPerSecond: 0 });
    t = await emulatorEngine(anthropic, bedrock);
  });
  after(async () => {
    await t?.cleanup();
    await anthropic?.close();
    await bedrock?.close();
  });

  for (const provider of ['anthropic', 'bedrock'] as const) {
    it(`${provider}: a code question streams a labelled markdown answer with a fenced code block, and usage counts what was streamed`, async () => {
      const { events, text, result } = await collect(t, provider, ask('How do I write a debounce function in TypeScript?'));
      assert.equal(text.split('\n')[0], LABEL[provider]);
      assert.match(text, /^## A typed debounce in TypeScript$/m);
      assert.match(text, /^```typescript\nexport function debounce<A extends unknown\[\]>/m);
      assert.match(text, /^1\. Every call clears the pending timer/m);
      assert.ok(events.filter((e) => e.type === 'text_delta').length > 30, 'the answer was not streamed in pieces');
      assert.equal(result.provider, provider);
      assert.equal(result.stopReason, 'end_turn');
      // Both emulators count 4 characters a token, so the footer's "out" is the answer's size.
      assert.equal(result.usage.outputTokens, Math.ceil(text.length / 4));
      assert.ok(result.usage.inputTokens > 0);
      assert.ok(result.costUsd !== null && result.costUsd > 0, `cost ${result.costUsd}`);
      const record = (await t.records()).at(-1)!;
      assert.equal(record.outputTokens, result.usage.outputTokens);
    });

    it(`${provider}: with thinking on, the thinking streams before the answer`, async () => {
      const { events, thinking, text } = await collect(t, provider, { ...ask('Compare the Anthropic API and Bedrock'), thinkingBudget: 2048, maxTokens: 8192 });
      const firstThinking = events.findIndex((e) => e.type === 'thinking_delta');
      const firstText = events.findIndex((e) => e.type === 'text_delta');
      assert.ok(firstThinking >= 0 && firstThinking < firstText, 'no thinking before the text');
      assert.match(thinking, /^The user asks “Compare the Anthropic API and Bedrock”\. It asks for a comparison/);
      assert.match(text, /^\| Aspect \| Anthropic API \| Amazon Bedrock \|$/m);
    });

    it(`${provider}: with tools offered it calls the fitting tool with arguments from the question, then sums up the result`, async () => {
      const tools: ModelRequest['tools'] = [
        { name: 'get_weather', description: 'Current weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city'] } },
        { name: 'read_file', description: 'Read a file of the workspace', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
      ];
      const question = 'What is in package.json? Read the file please.';
      const first = await collect(t, provider, { ...ask(question), tools });
      assert.equal(first.result.stopReason, 'tool_use');
      assert.equal(first.result.toolCalls.length, 1);
      const call = first.result.toolCalls[0]!;
      assert.equal(call.name, 'read_file');
      assert.deepEqual(call.input, { path: 'package.json' });
      assert.equal(first.text.split('\n')[0], LABEL[provider]);

      const second = await collect(t, provider, {
        tools,
        messages: [
          { role: 'user', content: question },
          { role: 'assistant', content: [{ type: 'text', text: first.text }, { type: 'tool_use', id: call.id, name: call.name, input: call.input }] },
          { role: 'user', content: [{ type: 'tool_result', toolUseId: call.id, content: '{ "name": "switchboard" }' }] },
        ],
      });
      assert.equal(second.result.stopReason, 'end_turn');
      assert.equal(second.text.split('\n')[0], LABEL[provider]);
      assert.match(second.text, /^## What the tool returned\n\n```text\n\{ "name": "switchboard" \}\n```/m);
    });

    it(`${provider}: a non-streamed request (${provider === 'bedrock' ? 'Converse' : 'Messages without stream'}) gets the same demo answer`, async () => {
      const result = await t.engine.send({ model: 'sonnet', ...ask('Anthropic vs Bedrock?') }, { provider, allowFailover: false, cache: false });
      assert.equal(result.text.split('\n')[0], LABEL[provider]);
      assert.match(result.text, /^## Anthropic API or Amazon Bedrock\?$/m);
      assert.equal(result.usage.outputTokens, Math.ceil(result.text.length / 4));
    });
  }

  it('both providers give the same answer to the same question, apart from the label', async () => {
    const question = 'What can I do in this sandbox?';
    const [a, b] = [await collect(t, 'anthropic', ask(question)), await collect(t, 'bedrock', ask(question))];
    assert.equal(a.text.split('\n').slice(1).join('\n'), b.text.split('\n').slice(1).join('\n'));
    assert.match(a.text, /^## What you can try here$/m);
    assert.match(a.text, /^- \*\*code\*\*/m);
    assert.match(a.text, /^\| Part \| Meaning \|$/m);
  });

  it('a short max_tokens cuts the demo answer on both providers and says so', async () => {
    for (const provider of ['anthropic', 'bedrock'] as const) {
      const { text, result } = await collect(t, provider, { ...ask('Write a Python retry helper'), maxTokens: 20 });
      assert.equal(result.stopReason, 'max_tokens', provider);
      assert.ok(text.length <= 80, `${provider}: ${text.length} characters for 20 tokens`);
    }
  });
});

describe('Emulator answers by default (what the tests rely on)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let t: TestEngine;
  before(async () => {
    anthropic = await startAnthropicEmulator();
    bedrock = await startBedrockEmulator({ region: 'us-east-1' });
    t = await emulatorEngine(anthropic, bedrock);
  });
  after(async () => {
    await t?.cleanup();
    await anthropic?.close();
    await bedrock?.close();
  });

  it('without answers: "demo" both emulators still echo the question', async () => {
    assert.equal((await collect(t, 'anthropic', ask('Write code please'))).text, 'Echo: Write code please');
    assert.equal((await collect(t, 'bedrock', ask('Write code please'))).text, 'Echo: Write code please');
  });
});

describe('Demo answer choice (pure)', () => {
  const request = (question: string) => ({ service: 'Anthropic API', question, toolResults: [], tools: [], thinking: false });

  it('a question about code gets code in the language it names, TypeScript otherwise', () => {
    const fence = (q: string): string | undefined => /```(\w+)/.exec((demoAnswer(request(q))[0] as { text: string }).text)?.[1];
    assert.equal(fence('Write a Python function that retries'), 'python');
    assert.equal(fence('a SQL query for the top customers'), 'sql');
    assert.equal(fence('bash one-liner to find big files'), 'bash');
    assert.equal(fence('implement word count in Rust'), 'rust');
    assert.equal(fence('fix this function'), 'typescript');
  });

  it('a comparison gets a table; other questions the overview; tools and tool results come first', () => {
    assert.equal(demoTopic(request('React vs Vue?')), 'comparison');
    assert.equal(demoTopic(request('What is the capital of France?')), 'overview');
    assert.equal(demoTopic({ ...request('Write code'), tools: [{ name: 'f', schema: {} }] }), 'tool-call');
    assert.equal(demoTopic({ ...request('Write code'), tools: [{ name: 'f', schema: {} }], toolResults: ['42'] }), 'tool-result');
  });

  it('a forced tool call comes without a preamble', () => {
    const blocks = demoAnswer({ ...request('hello'), tools: [{ name: 'lookup', schema: { type: 'object', properties: { query: { type: 'string' } } } }], forcedTool: 'lookup' });
    assert.deepEqual(blocks, [{ kind: 'tool', name: 'lookup', input: { query: 'hello' } }]);
  });
});
