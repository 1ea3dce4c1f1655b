// The extension's engine, built exactly as the extension builds it (extensionEngineFixture.ts),
// against the emulators. What every surface shows is computed from it by presenters/engineViews and
// presenters/modelChoices — and must be what the request uses.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { MemoryLogger } from '../../../src/core/logger';
import { describeSources } from '../../../src/extension/engine/configView';
import { startBedrockEmulator } from '../../emulators/bedrock';
import { describeModels } from '../../../src/core/models/describe';
import { DashboardController } from '../../../src/presenters/dashboard/dashboardController';
import { activeProvider, dashboardProviders, providerItems, statusLine, statusRows } from '../../../src/presenters/engineViews';
import { chatModelOptions, mappingRows } from '../../../src/presenters/modelChoices';
import { modelHint } from '../../../src/shared/chatFormat';
import type { DashboardViewModel } from '../../../src/shared/dashboard/protocol';
import { ALIAS } from '../client/clientHelpers';
import { idleConfigure, idleMigrate } from '../presenters/dashboard/idleSections';
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
    assert.match(shownId, new RegExp(`^eu\\.${ALIAS.sonnet.bedrockId}`));
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
    assert.match(modelHint(chatModelOptions(view()).find((o) => o.name === 'sonnet'), 'sonnet'), new RegExp(`^Anthropic answers with ${ALIAS.sonnet.anthropicId}`));
    const result = await engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(result.provider, 'bedrock');
    const v = view();
    assert.equal(activeProvider(v), 'bedrock');
    assert.equal(modelHint(chatModelOptions(v).find((o) => o.name === 'sonnet'), 'sonnet'), `Bedrock answers with ${result.modelId}`);
    assert.equal(statusLine(v).label, 'Bedrock (failover)');
  });

  it('the status bar says where a failure would fail over to, with that provider\'s model ID, and "none" when the fallback set is the provider itself', async () => {
    const bedrockSettings = { 'modelProvider.bedrock.awsRegion': 'eu-west-1', 'modelProvider.bedrock.authMethod': 'accessKeys', 'modelProvider.bedrock.endpoint': fx.bedrock.url, 'health.intervalSeconds': 0 };
    const armed = await fx.build({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url, 'modelProvider.fallbackProvider': 'bedrock', ...bedrockSettings }, {});
    assert.equal(new Map(statusRows(armed.view())).get('Fallback'), `Bedrock (eu.${ALIAS.sonnet.bedrockId})`);
    await armed.engine.dispose();
    const same = await fx.build({ 'modelProvider.type': 'bedrock', 'modelProvider.fallbackProvider': 'bedrock', ...bedrockSettings }, {});
    assert.equal(new Map(statusRows(same.view())).get('Fallback'), 'none');
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

  it('a stored key and ANTHROPIC_API_KEY both set: the stored key is sent, and the log, resolved view, status bar, dashboard and Test Connection all say SecretStorage', async () => {
    const envKey = 'sk-ant-api03-from-the-environment-0000000000wxyz';
    const logger = new MemoryLogger();
    const { engine, config, view } = await fx.build({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url, 'health.intervalSeconds': 0 }, { ANTHROPIC_API_KEY: envKey }, { anthropicApiKey: ANTHROPIC_KEY }, logger);
    await engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
    const sent = fx.anthropic.requestsTo('/v1/messages').map((e) => e.headers?.['x-api-key'] ?? String(e.headers?.authorization ?? '').replace(/^Bearer /, ''));
    assert.deepEqual(sent, [ANTHROPIC_KEY], 'the stored key is the one sent');
    assert.ok(logger.lines.some((l) => l.includes('anthropic: API key from SecretStorage')), logger.lines.join('\n'));
    assert.ok(describeSources(config).includes('anthropic API key (ANTHROPIC_API_KEY) = set (SecretStorage)'), describeSources(config).join('\n'));
    assert.deepEqual((await engine.resolved()).anthropic.apiKey, { set: true, from: 'SecretStorage' });
    const shown = `API key stored (…${ANTHROPIC_KEY.slice(-4)})`;
    assert.equal(new Map(statusRows(view())).get('Auth'), shown);
    assert.equal(dashboardProviders(view(), () => undefined).find((p) => p.id === 'anthropic')!.auth, shown);
    assert.equal((await engine.testConnection('anthropic')).identity, `API key …${ANTHROPIC_KEY.slice(-4)} from SecretStorage`);
  });

  it('the key only in ANTHROPIC_API_KEY: that key is sent, and every surface says "from ANTHROPIC_API_KEY"', async () => {
    const logger = new MemoryLogger();
    const { engine, config, view } = await fx.build({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url, 'health.intervalSeconds': 0 }, { ANTHROPIC_API_KEY: ANTHROPIC_KEY }, {}, logger);
    await engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
    assert.deepEqual(fx.anthropic.requestsTo('/v1/messages').map((e) => e.headers?.['x-api-key'] ?? String(e.headers?.authorization ?? '').replace(/^Bearer /, '')), [ANTHROPIC_KEY]);
    assert.ok(logger.lines.some((l) => l.includes('anthropic: API key from ANTHROPIC_API_KEY')), logger.lines.join('\n'));
    assert.ok(describeSources(config).includes('anthropic API key (ANTHROPIC_API_KEY) = set (environment: ANTHROPIC_API_KEY)'));
    assert.equal(new Map(statusRows(view())).get('Auth'), 'API key from ANTHROPIC_API_KEY');
    assert.equal(dashboardProviders(view(), () => undefined).find((p) => p.id === 'anthropic')!.auth, 'API key from ANTHROPIC_API_KEY');
    assert.equal((await engine.testConnection('anthropic')).identity, `API key …${ANTHROPIC_KEY.slice(-4)} from ANTHROPIC_API_KEY`);
  });

  it('a stored Bedrock API key and AWS_BEARER_TOKEN_BEDROCK both set: the stored key is the bearer sent, and the surfaces say so', async () => {
    const storedKey = 'bedrock-api-key-stored-0000000000000000001234';
    const envKey = 'bedrock-api-key-environment-00000000000005678';
    const emulator = await startBedrockEmulator({ region: 'eu-west-1', apiKeys: [storedKey, envKey] });
    try {
      const logger = new MemoryLogger();
      const { engine, config, view } = await fx.build(
        { 'modelProvider.type': 'bedrock', 'modelProvider.bedrock.awsRegion': 'eu-west-1', 'modelProvider.bedrock.endpoint': emulator.url, 'health.intervalSeconds': 0 },
        { AWS_BEARER_TOKEN_BEDROCK: envKey }, { bedrockApiKey: storedKey }, logger,
      );
      await engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
      assert.deepEqual(emulator.modelRequests().map((e) => e.auth), ['bearer']);
      assert.deepEqual(emulator.modelRequests().map((e) => String(e.headers?.authorization ?? '').replace(/^Bearer /, '')), [storedKey], 'the stored key is the one sent');
      assert.ok(logger.lines.some((l) => l.includes('Bedrock auth: API key (bearer) from SecretStorage')), logger.lines.join('\n'));
      assert.ok(describeSources(config).includes('bedrock API key = set (SecretStorage)'), describeSources(config).join('\n'));
      assert.equal(new Map(statusRows(view())).get('Auth'), 'Bedrock API key stored');
      assert.match((await engine.testConnection('bedrock')).identity, /^Bedrock API key …1234 from SecretStorage$/);
    } finally {
      await emulator.close();
    }
  });

  it('a default model given as a model ID (used as given) shows that ID, as the engine sends it', async () => {
    const { engine, view } = await fx.build({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url, model: 'claude-haiku-4-5-20251001' }, {});
    const shown = new Map(statusRows(view())).get('Model ID');
    assert.equal(shown, 'claude-haiku-4-5-20251001');
    assert.equal((await engine.send({ model: 'claude-haiku-4-5-20251001', messages: [{ role: 'user', content: 'hi' }] })).modelId, shown);
  });

  it('a default model the provider cannot serve: the status bar says why in a sentence, the chat picker in short with what to do, Verify Model Mapping marks it Bedrock-only', async () => {
    const { view } = await fx.build({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url, model: 'nova-pro' }, {});
    const why = 'Amazon Nova Pro ("nova-pro") is only available on Amazon Bedrock.';
    assert.equal(new Map(statusRows(view())).get('Model ID'), `⚠ ${why}`);
    // The picker is narrower: it says it short, with what to do (presenters/modelChoices).
    assert.equal(chatModelOptions(view()).find((o) => o.name === 'nova-pro')?.problem, 'Bedrock only — switch to Bedrock or pick another model');
    const v = view();
    // Verify Model Mapping lists it as a fact of the catalog (Bedrock-only), not as a problem.
    assert.equal(mappingRows(v, describeModels({ region: v.resolved.bedrock.region.region })).find((r) => r.names.includes('nova-pro'))?.anthropic, '— (Bedrock-only)');
  });

  it('a default model given as a Bedrock ARN is listed by itself: Switch Provider and the picker show the ARN on Bedrock and why Anthropic cannot take it', async () => {
    const arn = 'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/team-sonnet';
    const { view } = await fx.build({ 'modelProvider.type': 'bedrock', 'modelProvider.bedrock.awsRegion': 'eu-west-1', model: arn }, {});
    const items = providerItems(view());
    assert.ok(items.find((i) => i.provider === 'bedrock')!.detail.startsWith(`${arn} → ${arn} ·`), items[1]!.detail);
    assert.match(items.find((i) => i.provider === 'anthropic')!.detail, /→ ⚠ .*Bedrock model ID with no known anthropic equivalent\. ·/);
    assert.equal(chatModelOptions(view()).find((o) => o.name === arn)?.modelId, arn);
  });

  it('the dashboard drops a green Test Connection result once the provider\'s health is down', async () => {
    const { engine, view } = await fx.build({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url, 'health.intervalSeconds': 0 }, {});
    let posted: DashboardViewModel | undefined;
    const ctl = new DashboardController({
      overview: async () => {
        const v = view();
        return { model: v.resolved.model, primary: v.resolved.provider, fallback: v.resolved.fallback, autoFallback: true, providers: dashboardProviders(v, (id) => engine.health.snapshot(id)) };
      },
      testConnection: (p) => engine.testConnection(p),
      stream: (r, o) => engine.stream(r, o),
      switchProvider: async () => undefined, openSettings: async () => undefined,
      usage: async () => ({}), clearCache: async () => undefined, showUsage: async () => undefined,
      health: async () => ({}),
      ...idleConfigure, ...idleMigrate,
    }, new MemoryLogger());
    ctl.attachView((m) => { if (m.type === 'update') posted = m.model; });
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
