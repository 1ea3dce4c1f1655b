// The extension's engine as the extension builds it (buildExtensionEngine over the extension's
// config resolution, package.json's defaults standing in for VS Code's), against the emulators, for
// the unit tests of what the surfaces show (engineViews, modelChoices). Registers its own mocha hooks.
import { mkdtemp, rm } from 'node:fs/promises';
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
import { authDescription } from '../../../src/extension/engine/authDescription';
import { resolveConfig } from '../../../src/extension/engine/configView';
import type { ExtensionConfig } from '../../../src/extension/engine/configView';
import { engineView } from '../../../src/extension/engine/engineView';
import type { StoredSecrets } from '../../../src/extension/secrets';
import { toSettingsObject } from '../../../src/extension/settings/settingsTable';
import type { SettingKey, SettingValues } from '../../../src/extension/settings/settingsTable';
import type { EngineView } from '../../../src/presenters/engineViews';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: Array<{ properties: Record<string, { default?: unknown }> }> } };
/** What VS Code's `get()` returns for a key nobody set: the default package.json contributes. */
const CONTRIBUTED = new Map(pkg.contributes.configuration.flatMap((c) => Object.entries(c.properties)).map(([k, v]) => [k.replace(/^switchboard\./, ''), v.default]));

export const ANTHROPIC_KEY = 'sk-ant-api03-extension-engine-test-0000000000abcd';
export const KEYS: StoredSecrets = { anthropicApiKey: ANTHROPIC_KEY, awsAccessKeyId: TEST_CREDENTIALS.accessKeyId, awsSecretAccessKey: TEST_CREDENTIALS.secretAccessKey };

export interface BuiltExtensionEngine {
  engine: Switchboard;
  config: ExtensionConfig;
  view: () => EngineView;
}

export interface ExtensionEngineFixture {
  anthropic: AnthropicEmulator;
  bedrock: BedrockEmulator;
  /** The user's settings (only what they set) and environment → the extension's engine and what the surfaces see. */
  build(user: Partial<Record<SettingKey, unknown>>, env: NodeJS.ProcessEnv, stored?: StoredSecrets, logger?: MemoryLogger): Promise<BuiltExtensionEngine>;
}

/** Emulators for the describe block (Bedrock in `bedrockRegion`), a temp folder and the engine's disposal per test. */
export function useExtensionEngine(bedrockRegion = 'eu-west-1'): ExtensionEngineFixture {
  let dir = '';
  let engine: Switchboard | undefined;
  const fx = { build } as ExtensionEngineFixture;
  before(async () => {
    fx.anthropic = await startAnthropicEmulator({ apiKeys: [ANTHROPIC_KEY] });
    fx.bedrock = await startBedrockEmulator({ region: bedrockRegion });
  });
  after(async () => {
    await fx.anthropic.close();
    await fx.bedrock.close();
  });
  beforeEach(async () => {
    fx.anthropic.reset();
    fx.bedrock.reset();
    dir = await mkdtemp(join(tmpdir(), 'sb-ext-engine-'));
  });
  afterEach(async () => {
    await engine?.dispose();
    engine = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function build(user: Partial<Record<SettingKey, unknown>>, env: NodeJS.ProcessEnv, stored: StoredSecrets = KEYS, logger = new MemoryLogger()): Promise<BuiltExtensionEngine> {
    const config = resolveConfig({ settings: toSettingsObject(user), environment: env, storedSecrets: { anthropicApiKey: Boolean(stored.anthropicApiKey), bedrockApiKey: Boolean(stored.bedrockApiKey) } });
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
    // How each provider authenticates, as the status bar and the dashboard say it (the extension's own function).
    return { engine: built, config: config.config, view: () => engineView(built, resolved, config.config, (p) => authDescription(p, config.config, stored, env)) };
  }
  return fx;
}
