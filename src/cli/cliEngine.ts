// The CLI's engine: createSwitchboard with the CLI's storage (the local store in SWITCHBOARD_HOME:
// usage ledger, response cache, budget state), prices and prompt-cache choice. Nothing else builds one.
import type { EffectiveConfig } from '../core/config/effective';
import { createSwitchboard } from '../core/engine/createSwitchboard';
import type { Switchboard } from '../core/engine/types';
import type { Logger } from '../core/logger';
import type { CliArgs } from './args';
import { cliResponseCache } from './cliCache';
import { cliStore, cliUsageOptions } from './usageSupport';

export async function cliEngine(effective: EffectiveConfig, env: NodeJS.ProcessEnv, logger: Logger, args: Pick<CliArgs, 'cache'>, warn: (line: string) => void): Promise<Switchboard> {
  const store = cliStore(env, logger, effective.config.retention);
  const usage = await cliUsageOptions(env, warn, store);
  const responseCache = cliResponseCache(store, args);
  return createSwitchboard({
    effective,
    env,
    logger,
    surface: 'cli',
    priceOverrides: usage.priceOverrides,
    promptCache: usage.promptCache,
    storage: { ledger: store.ledger, ...(responseCache ? { responseCache } : {}), ...(usage.budget ? { budget: usage.budget } : {}), close: () => store.close() },
  });
}
