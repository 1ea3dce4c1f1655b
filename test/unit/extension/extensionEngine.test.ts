// The extension's engine, built exactly as the extension builds it (extensionEngineFixture.ts),
// against the emulators. What every surface shows is computed from it by presenters/engineViews and
// presenters/modelChoices — and must be what the request uses.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { MemoryLogger } from '../../../src/core/logger';
import { describeModels } from '../../../src/core/models/describe';
import { DashboardController } from '../../../src/presenters/dashboard/dashboardController';
import { activeProvider, dashboardProviders, providerItems, statusLine, statusRows } from '../../../src/presenters/engineViews';
import { chatModelOptions, mappingRows } from '../../../src/presenters/modelChoices';
import { modelHint } from '../../../src/shared/chatFormat';
import type { DashboardViewModel } from '../../../src/shared/dashboardProtocol';
import { ANTHROPIC_KEY, useExtensionEngine } from './extensionEngineFixture';

describe('the extension engine: every surface shows the region and model IDs the request uses', () => {
  const fx = useExtensionEngine('eu-west-1');

  it('an AWS profile with region = eu-west-1 and no region setting: status bar, Switch Provider, Verify Model Mapping, chat picker and dashboard show eu-west-1 and the eu. IDs the request is signed and sent with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-ext-aws-'));
    const awsConfig = join(dir, 'aws-config');
    await writeFile(awsConfig, '[profile team]\nregion = eu-west-1\n');
    const { engine, view } = await fx.build(
      { 'modelProvider.type': 'bedrock', 'modelProvider.bedrock.awsProfile': 'team', 'modelProvider.bedrock.authMethod': 'accessKeys', 'modelProvider.bedrock.endpoint': fx.bedrock.url },
      { AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') },
    );
    const v = view();
    assert.deepEqual([v.resolved.bedrock.region.region, v.resolved.bedrock.region.source], ['eu-west-1', 'profile']);
    const rows = new Map(statusRows(v));
    assert.match(rows.get('Region') ?? '', /^eu-west-1 \(profile "team"/);
    const shownId = rows.get('Model ID')!;
    assert.match(shownId, /^eu\.anthropic\.claude-sonnet-4-6/);
    const item = providerItems(v).find((i) => i.provider === 'bedrock')!;
    assert.match(item.description, /· eu-west-1$/);
    assert.ok(item.detail.includes(`sonnet → ${shownId}`), item.detail);
    assert.equal(mappingRows(v, describeModels({ region: v.resolved.bedrock.region.region })).find((r) => r.names.includes('sonnet'))?.bedrock, shownId);
    const option = chatModelOptions(v).find((o) => o.name === 'sonnet')!;
    assert.deepEqual([option.provider, option.modelId], ['bedrock', shownId]);
    const card = dashboardProviders(v, () => undefined).find((p) => p.id === 'bedrock')!;
    assert.deepEqual([card.region, card.resolved.modelId], ['eu-west-1', shownId]);

    // What was shown is what was used: the emulator (SigV4 scoped to eu-west-1, else it refuses) got exactly that ID.
    const result = await engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(result.modelId, shownId);
    assert.deepEqual(fx.bedrock.requests.filter((r) => r.modelId).map((r) => r.modelId), [shownId]);
  });

  it('the chat hint follows a failover: "Bedrock answers with …" while Bedrock answers, and the status bar says so too', async () => {
    fx.anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const { engine, view } = await fx.build(
      { 'modelProvider.anthropic.baseUrl': fx.anthropic.url, 'modelProvider.fallbackProvider': 'bedrock', 'modelProvider.bedrock.awsRegion': 'eu-west-1', 'modelProvider.bedrock.authMethod': 'accessKeys', 'modelProvider.bedrock.endpoint': fx.bedrock.url, 'health.intervalSeconds': 0 },
      {},
    );
    assert.match(modelHint(chatModelOptions(view()).find((o) => o.name === 'sonnet'), 'sonnet'), /^Anthropic answers with claude-sonnet-4-6/);
    const result = await engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(result.provider, 'bedrock');
    const v = view();
    assert.equal(activeProvider(v), 'bedrock');
    assert.equal(modelHint(chatModelOptions(v).find((o) => o.name === 'sonnet'), 'sonnet'), `Bedrock answers with ${result.modelId}`);
    assert.equal(statusLine(v).label, 'Bedrock (failover)');
  });

  it('with the key only in ANTHROPIC_API_KEY, the log and the resolved view say so (not SecretStorage); a stored key is logged as SecretStorage', async () => {
    const logger = new MemoryLogger();
    const { engine } = await fx.build({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url }, { ANTHROPIC_API_KEY: ANTHROPIC_KEY }, {}, logger);
    assert.deepEqual((await engine.resolved()).anthropic.apiKey, { set: true, from: 'ANTHROPIC_API_KEY' });
    await engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
    assert.ok(logger.lines.some((l) => l.includes('anthropic: API key from ANTHROPIC_API_KEY')), logger.lines.join('\n'));
    assert.ok(!logger.lines.some((l) => l.includes('SecretStorage')), 'the log names SecretStorage for a key from the environment');
    await engine.dispose();
    const stored = new MemoryLogger();
    const second = await fx.build({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url }, {}, { anthropicApiKey: ANTHROPIC_KEY }, stored);
    await second.engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
    assert.ok(stored.lines.some((l) => l.includes('anthropic: API key from SecretStorage')), stored.lines.join('\n'));
  });

  it('a default model given as a model ID (used as given) shows that ID, as the engine sends it', async () => {
    const { engine, view } = await fx.build({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url, model: 'claude-haiku-4-5-20251001' }, {});
    const shown = new Map(statusRows(view())).get('Model ID');
    assert.equal(shown, 'claude-haiku-4-5-20251001');
    assert.equal((await engine.send({ model: 'claude-haiku-4-5-20251001', messages: [{ role: 'user', content: 'hi' }] })).modelId, shown);
  });

  it('the dashboard drops a green Test Connection result once the provider\'s health is down', async () => {
    const { engine, view } = await fx.build({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url, 'health.intervalSeconds': 0 }, {});
    let posted: DashboardViewModel | undefined;
    const ctl = new DashboardController({
      snapshot: async () => {
        const v = view();
        return { model: v.resolved.model, primary: v.resolved.provider, fallback: v.resolved.fallback, autoFallback: true, providers: dashboardProviders(v, (id) => engine.health.snapshot(id)) };
      },
      testConnection: (p) => engine.testConnection(p),
      stream: (r, o) => engine.stream(r, o),
      switchProvider: async () => undefined, openSettings: async () => undefined, clearCache: async () => undefined, showUsage: async () => undefined,
    }, new MemoryLogger());
    ctl.attachView((m) => { posted = m.model; });
    await ctl.handle({ type: 'ready' });
    await ctl.handle({ type: 'testConnection', provider: 'anthropic' });
    assert.equal(posted?.providers.find((p) => p.id === 'anthropic')?.test?.state, 'ok');
    // The key is revoked: real requests fail (not retried) until the monitor calls Anthropic down.
    fx.anthropic.faults.push({ kind: 'error', status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' }, { times: Infinity });
    for (let i = 0; i < 3; i++) await assert.rejects(engine.send({ model: 'sonnet', messages: [{ role: 'user', content: `try ${i}` }] }, { allowFailover: false }));
    assert.equal(engine.health.snapshot('anthropic').status, 'down');
    await ctl.refresh();
    const card = posted!.providers.find((p) => p.id === 'anthropic')!;
    assert.equal(card.health.status, 'down');
    assert.equal(card.test, undefined, 'an old green Test Connection result is still shown under a provider that is down');
  });
});
