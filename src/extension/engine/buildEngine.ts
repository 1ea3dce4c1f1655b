// How the extension calls core's one composition root. No vscode import: the unit tests build
// the extension's engine with exactly this function (and the CLI calls the same createSwitchboard).
import type { ResponseCache } from '../../core/cache/responseCache';
import { createSwitchboard } from '../../core/engine/createSwitchboard';
import type { Switchboard } from '../../core/engine/types';
import type { Logger } from '../../core/logger';
import type { BreakerRegistry } from '../../core/routing/circuitBreaker';
import type { UsageLedger } from '../../core/usage/ledger';
import type { StoredSecrets } from '../secrets';
import type { SettingKey, SettingValues } from '../settings/settingsTable';
import type { UsageEngineOptions } from '../usage';
import type { ExtensionConfig } from './configView';

export interface ExtensionEngineInput {
  config: ExtensionConfig;
  /** What SecretStorage holds — only that: a key in the environment is the engine's to find (and to log as such). */
  secrets: StoredSecrets;
  setting: <K extends SettingKey>(key: K) => SettingValues[K];
  usage: UsageEngineOptions;
  /** The local store's ledger (shared with the CLI). */
  ledger: UsageLedger;
  responseCache: ResponseCache;
  breakers: BreakerRegistry;
  /** The health window to continue (the previous engine's, or the one persisted before a reload). */
  healthHistory: unknown;
  logger: Logger;
  env: NodeJS.ProcessEnv;
}

export function buildExtensionEngine(input: ExtensionEngineInput): Switchboard {
  const s = input.setting;
  return createSwitchboard({
    effective: input.config.core,
    secrets: input.secrets,
    secretsFrom: 'SecretStorage',
    storage: {
      ledger: input.ledger,
      ...(s('cache.enabled') ? { responseCache: input.responseCache } : {}),
      budget: input.usage.budget,
    },
    priceOverrides: input.usage.priceOverrides,
    promptCache: input.usage.promptCache,
    logger: input.logger,
    env: input.env,
    surface: 'vscode',
    breakers: input.breakers,
    cacheOnlyDeterministic: s('cache.onlyDeterministic'),
    continueAfterPartial: s('modelProvider.continueOnFallback'),
    health: { intervalMs: Math.max(10, s('health.intervalSeconds')) * 1000, history: input.healthHistory },
  });
}
