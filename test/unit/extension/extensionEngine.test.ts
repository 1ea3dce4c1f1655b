// The extension's engine, built exactly as the extension builds it (buildExtensionEngine over the
// extension's config resolution, with package.json's defaults standing in for VS Code's), against
// the emulators. What every surface shows is computed from it by presenters/engineViews — and
// must be what the request uses.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseCache } from '../../../src/core/cache/responseCache';
import type { Switchboard } from '../../../src/core/engine/types';
import { MemoryLogger } from '../../../src/core/logger';
import { BreakerRegistry } from '../../../src/core/routing/circuitBreaker';
import { BudgetTracker, parseBudgetSettings } from '../../../src/core/usage/budget';
import type { FiredState } from '../../../src/core/usage/budget';
import { UsageLedger } from '../../../src/core/usage/ledger';
import { buildExtensionEngine } from '../../../src/extension/engine/buildEngine';
import { resolveConfig } from '../../../src/extension/engine/configView';
import { engineView } from '../../../src/extension/engine/engineView';
import type { StoredSecrets } from '../../../src/extension/secrets';
import { toSettingsObject } from '../../../src/extension/settings/settingsTable';
import type { SettingKey, SettingValues } from '../../../src/extension/settings/settingsTable';
import { DashboardController } from '../../../src/presenters/dashboard/dashboardController';
import { activeProvider, chatModelOptions, dashboardProviders, mappingRows, providerItems, statusLine, statusRows } from '../../../src/presenters/engineViews';
import type { EngineView } from '../../../src/presenters/engineViews';
import { modelHint } from '../../../src/shared/chatFormat';
import type { DashboardViewModel } from '../../../src/shared/dashboard/protocol';
import { idleConfigure, idleMigrate } from '../presenters/dashboard/idleSections';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: Array<{ properties: Record<string, { default?: unknown }> }> } };
/** What VS Code's `get()` returns for a key nobody set: the default package.json contributes. */
const CONTRIBUTED = new Map(pkg.contributes.configuration.flatMap((c) => Object.entries(c.properties)).map(([k, v]) => [k.replace(/^switchboard\./, ''), v.default]));

const ANTHROPIC_KEY = 'sk-ant-api03-extension-engine-test-0000000000abcd';
const KEYS: StoredSecrets = { anthropicApiKey: ANTHROPIC_KEY, awsAccessKeyId: TEST_CREDENTIALS.accessKeyId, awsSecretAccessKey: TEST_CREDENTIALS.secretAccessKey };

describe('the extension engine: every surface shows the region and model IDs the request uses', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let dir: string;
  let engine: Switchboard | undefined;

  before(async () => {
    anthropic = await startAnthropicEmulator({ apiKeys: [ANTHROPIC_KEY] });
    bedrock = await startBedrockEmulator({ region: 'eu-west-1' });
  });
  after(async () => {
    await anthropic.close();
    await bedrock.close();
  });
  beforeEach(async () => {
    anthropic.reset();
    bedrock.reset();
    dir = await mkdtemp(join(tmpdir(), 'sb-ext-engine-'));
  });
  afterEach(async () => {
    await engine?.dispose();
    engine = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** The user's settings (only what they set) and environment → the extension's engine and what the surfaces see. */
  async function extensionEngine(user: Partial<Record<SettingKey, unknown>>, env: NodeJS.ProcessEnv, stored: StoredSecrets = KEYS, logger = new MemoryLogger()): Promise<{ engine: Switchboard; view: () => EngineView }> {
    const config = resolveConfig({ settings: toSettingsObject(user), environment: env, storedSecrets: { anthropicApiKey: Boolean(stored.anthropicApiKey), bedrockApiKey: false } });
    if (!config.ok) throw new Error(config.errors.map((e) => e.message).join('; '));
    const setting = <K extends SettingKey>(key: K): SettingValues[K] => (key in user ? user[key] : CONTRIBUTED.get(key)) as SettingValues[K];
    let fired: FiredState | undefined;
    const budget = new BudgetTracker({
      settings: parseBudgetSettings({ monthlyUsd: setting('budget.monthlyUsd'), alertThresholds: setting('budget.alertThresholds'), hardStop: setting('budget.hardStop') }).settings,
      readLedger: async () => [],
      store: { load: async () => fired, save: async (s) => { fired = s; } },
    });
    const built = buildExtensionEngine({
      config: config.config,
      secrets: stored,
      setting,
      usage: { budget: { beforeRequest: () => budget.beforeRequest(), observe: (r) => budget.observe(r), monthToDate: () => budget.monthToDate() }, priceOverrides: {}, promptCache: { enabled: true, ttl: '5m' } },
      ledger: new UsageLedger(join(dir, 'usage')),
      responseCache: new ResponseCache({ file: join(dir, 'cache.json'), ttlMs: 60_000, maxEntries: 10, maxBytes: 1e6 }),
      breakers: new BreakerRegistry(),
      healthHistory: undefined,
      logger,
      env,
    });
    engine = built;
    let resolved = await built.resolved();
    built.onDidChange(() => void built.resolved().then((r) => { resolved = r; }));
    return { engine: built, view: () => engineView(built, resolved, config.config, (p) => (p === 'bedrock' ? 'access keys stored' : 'API key stored')) };
  }

  it('an AWS profile with region = eu-west-1 and no region setting: status bar, Switch Provider, Verify Model Mapping, chat picker and dashboard show eu-west-1 and the eu. IDs the request is signed and sent with', async () => {
    const awsConfig = join(dir, 'aws-config');
    await writeFile(awsConfig, '[profile team]\nregion = eu-west-1\n');
    const { engine, view } = await extensionEngine(
      { 'modelProvider.type': 'bedrock', 'modelProvider.bedrock.awsProfile': 'team', 'modelProvider.bedrock.authMethod': 'accessKeys', 'modelProvider.bedrock.endpoint': bedrock.url },
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
    assert.equal(mappingRows(v).find((r) => r.name === 'sonnet')?.bedrock, shownId);
    const option = chatModelOptions(v).find((o) => o.name === 'sonnet')!;
    assert.deepEqual([option.provider, option.modelId], ['bedrock', shownId]);
    const card = dashboardProviders(v, () => undefined).find((p) => p.id === 'bedrock')!;
    assert.deepEqual([card.region, card.resolved.modelId], ['eu-west-1', shownId]);

    // What was shown is what was used: the emulator (SigV4 scoped to eu-west-1, else it refuses) got exactly that ID.
    const result = await engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(result.modelId, shownId);
    assert.deepEqual(bedrock.requests.filter((r) => r.modelId).map((r) => r.modelId), [shownId]);
  });

  it('the chat hint follows a failover: "Bedrock answers with …" while Bedrock answers, and the status bar says so too', async () => {
    anthropic.faults.push({ kind: 'error', status: 529, errorType: 'overloaded_error' }, { times: Infinity });
    const { engine, view } = await extensionEngine(
      { 'modelProvider.anthropic.baseUrl': anthropic.url, 'modelProvider.fallbackProvider': 'bedrock', 'modelProvider.bedrock.awsRegion': 'eu-west-1', 'modelProvider.bedrock.authMethod': 'accessKeys', 'modelProvider.bedrock.endpoint': bedrock.url, 'health.intervalSeconds': 0 },
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
    const { engine } = await extensionEngine({ 'modelProvider.anthropic.baseUrl': anthropic.url }, { ANTHROPIC_API_KEY: ANTHROPIC_KEY }, {}, logger);
    assert.deepEqual((await engine.resolved()).anthropic.apiKey, { set: true, from: 'ANTHROPIC_API_KEY' });
    await engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
    assert.ok(logger.lines.some((l) => l.includes('anthropic: API key from ANTHROPIC_API_KEY')), logger.lines.join('\n'));
    assert.ok(!logger.lines.some((l) => l.includes('SecretStorage')), 'the log names SecretStorage for a key from the environment');
    await engine.dispose();
    const stored = new MemoryLogger();
    const second = await extensionEngine({ 'modelProvider.anthropic.baseUrl': anthropic.url }, {}, { anthropicApiKey: ANTHROPIC_KEY }, stored);
    await second.engine.send({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] });
    assert.ok(stored.lines.some((l) => l.includes('anthropic: API key from SecretStorage')), stored.lines.join('\n'));
  });

  it('a default model given as a model ID (used as given) shows that ID, as the engine sends it', async () => {
    const { engine, view } = await extensionEngine({ 'modelProvider.anthropic.baseUrl': anthropic.url, model: 'claude-haiku-4-5-20251001' }, {});
    const shown = new Map(statusRows(view())).get('Model ID');
    assert.equal(shown, 'claude-haiku-4-5-20251001');
    assert.equal((await engine.send({ model: 'claude-haiku-4-5-20251001', messages: [{ role: 'user', content: 'hi' }] })).modelId, shown);
  });

  it('the dashboard drops a green Test Connection result once the provider\'s health is down', async () => {
    const { engine, view } = await extensionEngine({ 'modelProvider.anthropic.baseUrl': anthropic.url, 'health.intervalSeconds': 0 }, {});
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
    anthropic.faults.push({ kind: 'error', status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' }, { times: Infinity });
    for (let i = 0; i < 3; i++) await assert.rejects(engine.send({ model: 'sonnet', messages: [{ role: 'user', content: `try ${i}` }] }, { allowFailover: false }));
    assert.equal(engine.health.snapshot('anthropic').status, 'down');
    await ctl.refresh();
    const card = posted!.providers.find((p) => p.id === 'anthropic')!;
    assert.equal(card.health.status, 'down');
    assert.equal(card.test, undefined, 'an old green Test Connection result is still shown under a provider that is down');
  });
});
