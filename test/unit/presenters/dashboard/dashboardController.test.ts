import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DashboardController } from '../../../../src/presenters/dashboard/dashboardController';
import { COMPARE_PROMPT } from '../../../../src/presenters/dashboard/overviewSection';
import type { DashboardBackend } from '../../../../src/presenters/dashboard/dashboardController';
import type { OverviewInput } from '../../../../src/presenters/dashboard/overviewView';
import { MemoryLogger } from '../../../../src/core/logger';
import type { DashboardHostMessage } from '../../../../src/shared/dashboard/protocol';
import type { SwitchboardClient } from '../../../../src/core/client';
import { ALIAS, emulatorClient, useEmulators } from '../../client/clientHelpers';
import { idleConfigure, idleMigrate } from './idleSections';

function snapshotOf(): OverviewInput {
  return {
    model: 'sonnet', primary: 'anthropic', fallback: 'bedrock', autoFallback: true,
    providers: [
      { id: 'anthropic', auth: 'API key stored (…abcd)', resolved: { modelId: 'claude-sonnet-4-6' } },
      { id: 'bedrock', auth: 'access keys stored', region: 'eu-west-1', resolved: { modelId: 'eu.anthropic.claude-sonnet-4-6' } },
    ],
  };
}

/** A backend over a real client (the emulators); the editor actions are recorded. */
function backendFor(client: SwitchboardClient, calls: string[]): DashboardBackend {
  return {
    ...idleConfigure, ...idleMigrate,
    overview: async () => snapshotOf(),
    usage: async () => ({}),
    health: async () => ({}),
    testConnection: (provider) => client.testConnection(provider),
    recordTest: (provider, outcome) => calls.push(`recordTest ${provider} ${outcome.ok}`),
    stream: (request, options) => client.stream(request, options),
    switchProvider: async (provider) => void calls.push(`switch ${provider}`),
    openSettings: async (provider) => void calls.push(`settings ${provider ?? ''}`),
    clearCache: async () => void calls.push('clearCache'),
    showUsage: async () => void calls.push('showUsage'),
  };
}

describe('DashboardController', () => {
  const emus = useEmulators();
  let posted: Array<Extract<DashboardHostMessage, { type: 'update' }>>;
  let calls: string[];
  let logger: MemoryLogger;

  beforeEach(() => {
    posted = [];
    calls = [];
    logger = new MemoryLogger();
  });

  function controller(client = emulatorClient(emus.anthropic, emus.bedrock)): DashboardController {
    const c = new DashboardController(backendFor(client, calls), logger);
    c.attachView((m) => void (m.type === 'update' && posted.push(m)));
    return c;
  }

  it('posts nothing before the ready handshake, then the view model with both providers', async () => {
    const c = controller();
    await c.refresh();
    assert.equal(posted.length, 0);
    await c.handle({ type: 'ready' });
    assert.equal(posted.length, 1);
    assert.deepEqual(posted[0]!.model.providers.map((p) => [p.id, p.role]), [['anthropic', 'primary'], ['bedrock', 'fallback']]);
  });

  it('Test Connection shows the identity and model ID, or the typed error for a wrong key', async () => {
    const c = controller();
    await c.handle({ type: 'ready' });
    await c.handle({ type: 'testConnection', provider: 'anthropic' });
    const ok = c.lastModel!.providers.find((p) => p.id === 'anthropic')!.test;
    assert.equal(ok?.state, 'ok');
    assert.match(ok.state === 'ok' ? ok.modelId : '', new RegExp(`^${ALIAS.sonnet.anthropicId}`));
    assert.ok(posted.some((m) => m.model.providers[0]!.test?.state === 'running'), 'the running state was never shown');

    emus.anthropic.faults.push({ kind: 'error', status: 401, errorType: 'authentication_error' }, { times: Infinity });
    await c.handle({ type: 'testConnection', provider: 'anthropic' });
    const failed = c.lastModel!.providers.find((p) => p.id === 'anthropic')!.test;
    assert.equal(failed?.state, 'error');
    assert.equal(failed.state === 'error' ? failed.errorType : '', 'authentication');
    assert.ok(!JSON.stringify(posted).includes('sk-ant-test-key'), 'the key reached the view model');
    assert.deepEqual(calls, ['recordTest anthropic true', 'recordTest anthropic false']);
  });

  it('the side-by-side test asks each provider once, forced, and shows tokens and cost for both', async () => {
    const c = controller();
    await c.handle({ type: 'ready' });
    await c.handle({ type: 'compare' });
    const rows = c.lastModel!.compare.rows;
    assert.deepEqual(rows.map((r) => [r.provider, r.state]), [['anthropic', 'ok'], ['bedrock', 'ok']]);
    for (const r of rows) {
      assert.match(r.tokens ?? '', /^\d+ in · \d+ out$/);
      assert.match(r.cost ?? '', /^\$\d+\.\d{6}$|^unknown$/);
    }
    assert.equal(emus.anthropic.requests.filter((r) => r.path === '/v1/messages').length, 1);
    assert.equal(emus.bedrock.modelRequests().length, 1);
    assert.equal(c.lastModel!.compare.prompt, COMPARE_PROMPT);
  });

  it('the side-by-side test sends the prompt typed in the page to both providers and shows both answers', async () => {
    const c = controller();
    await c.handle({ type: 'ready' });
    await c.handle({ type: 'compare', prompt: 'Name one prime number, in **bold**.' });
    const rows = c.lastModel!.compare.rows;
    assert.deepEqual(rows.map((r) => r.state), ['ok', 'ok']);
    const sent = emus.anthropic.requests.find((r) => r.path === '/v1/messages')!.body as { messages: Array<{ content: unknown }> };
    assert.match(JSON.stringify(sent.messages), /Name one prime number/);
    assert.match(JSON.stringify(emus.bedrock.modelRequests()[0]!.body), /Name one prime number/);
    for (const r of rows) assert.ok((r.answer ?? '').length > 0, `${r.provider} has no answer`);
    assert.equal(c.lastModel!.compare.prompt, 'Name one prime number, in **bold**.');
    // A blank prompt is refused by the protocol, not sent.
    await c.handle({ type: 'compare', prompt: '   ' });
    assert.equal(c.dropped, 1);
  });

  it('the side-by-side test does not fail over: a failing Anthropic shows its error and Bedrock is asked only for its own row', async () => {
    emus.anthropic.faults.push({ kind: 'error', status: 401, errorType: 'authentication_error' }, { times: Infinity });
    const c = controller();
    await c.handle({ type: 'ready' });
    await c.handle({ type: 'compare' });
    const [anthropic, bedrock] = c.lastModel!.compare.rows;
    assert.equal(anthropic!.state, 'error');
    assert.match(anthropic!.error ?? '', /^authentication: /);
    assert.equal(bedrock!.state, 'ok');
    assert.equal(emus.bedrock.modelRequests().length, 1);
  });

  it('routes the editor actions to the backend', async () => {
    const c = controller();
    await c.handle({ type: 'switchProvider', provider: 'bedrock' });
    await c.handle({ type: 'openSettings', provider: 'anthropic' });
    await c.handle({ type: 'openSettings' });
    await c.handle({ type: 'clearCache' });
    await c.handle({ type: 'showUsage' });
    assert.deepEqual(calls, ['switch bedrock', 'settings anthropic', 'settings ', 'clearCache', 'showUsage']);
  });

  it('drops and logs a malformed message without running anything', async () => {
    const c = controller();
    await c.handle({ type: 'switchProvider', provider: 'openai' });
    await c.handle({ type: 'testConnection' });
    await c.handle('ready');
    assert.equal(c.dropped, 3);
    assert.deepEqual(calls, []);
    assert.equal(logger.lines.filter((l) => /dropped a message/.test(l)).length, 3);
  });

  it('fuzz: a valid message reaches exactly its backend action, anything else is dropped and reaches nothing', async function () {
    this.timeout(20_000);
    // The contract, stated apart from validateDashboardMessage.
    const PROVIDERS = ['anthropic', 'bedrock'];
    const own = (m: object, k: string): unknown => (Object.prototype.hasOwnProperty.call(m, k) ? (m as Record<string, unknown>)[k] : undefined);
    const expected = (m: unknown): string[] | 'drop' => {
      if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'drop';
      const provider = own(m, 'provider');
      switch ((m as { type?: unknown }).type) {
        case 'ready': case 'refresh': return ['post'];
        case 'testConnection': return PROVIDERS.includes(provider as string) ? [`test ${String(provider)}`, `recordTest ${String(provider)} false`, 'post'] : 'drop';
        case 'switchProvider': return PROVIDERS.includes(provider as string) ? [`switch ${String(provider)}`] : 'drop';
        case 'openSettings': return provider === undefined || PROVIDERS.includes(provider as string) ? [`settings ${String(provider ?? '')}`] : 'drop';
        case 'compare': return ['stream anthropic', 'stream bedrock', 'post'];
        case 'clearCache': return ['clearCache', 'post'];
        case 'showUsage': return ['showUsage'];
        default: return 'drop';
      }
    };
    let calls: string[] = [];
    const backend: DashboardBackend = {
      ...idleConfigure, ...idleMigrate,
      overview: async () => snapshotOf(),
      usage: async () => ({}),
      health: async () => ({}),
      testConnection: async (provider) => {
        calls.push(`test ${provider}`);
        throw new Error('offline');
      },
      recordTest: (provider, outcome) => void calls.push(`recordTest ${provider} ${outcome.ok}`),
      stream: (_request, options) => {
        calls.push(`stream ${String(options.provider)}`);
        return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('offline')) }) };
      },
      switchProvider: async (provider) => void calls.push(`switch ${provider}`),
      openSettings: async (provider) => void calls.push(`settings ${provider ?? ''}`),
      clearCache: async () => void calls.push('clearCache'),
      showUsage: async () => void calls.push('showUsage'),
    };
    const log = new MemoryLogger();
    const c = new DashboardController(backend, log);
    c.attachView(() => void calls.push('post'));
    await c.handle({ type: 'ready' });
    const type = fc.constantFrom('ready', 'refresh', 'testConnection', 'switchProvider', 'openSettings', 'compare', 'clearCache', 'showUsage', '__proto__', 'constructor', 'toString');
    const message = fc.oneof(
      fc.anything(),
      fc.record({ type, provider: fc.oneof(fc.constantFrom('anthropic', 'bedrock', 'openai', ''), fc.anything()) }, { requiredKeys: ['type'] }),
      fc.record({ type, provider: fc.constantFrom('anthropic', 'bedrock') }),
      fc.dictionary(fc.string(), fc.anything()),
    );
    const seen = { handled: 0, dropped: 0 };
    await fc.assert(fc.asyncProperty(message, async (m) => {
      calls = [];
      const before = c.dropped;
      await c.handle(m);
      const want = expected(m);
      if (want === 'drop') {
        seen.dropped++;
        assert.equal(c.dropped, before + 1, `not refused: ${JSON.stringify(m)}`);
        assert.deepEqual(calls, [], `a refused message reached the backend: ${JSON.stringify(m)}`);
      } else {
        seen.handled++;
        assert.equal(c.dropped, before, `a valid message was refused: ${JSON.stringify(m)}`);
        // Posts may coalesce; each backend action happens exactly once, in order, and a post follows when the view changed.
        assert.deepEqual(calls.filter((x) => x !== 'post'), want.filter((x) => x !== 'post'), JSON.stringify(m));
        if (want.includes('post')) assert.ok(calls.includes('post'), `no update posted for ${JSON.stringify(m)}`);
      }
    }), { numRuns: 400 });
    assert.ok(seen.handled >= 50 && seen.dropped >= 50, `too few cases: ${JSON.stringify(seen)}`);
    // The handler's catch-all must not be what kept it alive: no action failed inside it.
    assert.deepEqual(log.lines.filter((l) => /^error dashboard: .* failed/.test(l)), []);
  });
});
