// The dashboard's host side: the controller (presenters/dashboard) with one backend per tab. Its
// own chunk (esbuild.mjs LAZY_MODULES), loaded when the panel is first opened or restored —
// activation only registers the command and the serializer (dashboardPanel.ts).
import type { DashboardBackend } from '../../presenters/dashboard/dashboardController';
import { DashboardController } from '../../presenters/dashboard/dashboardController';
import type { EngineHost } from '../engine/engineHost';
import type { ExtensionLogger } from '../log';
import type { SecretStore } from '../secrets';
import type { Settings } from '../settings/settings';
import type { UsageService } from '../usage';
import { configureBackend } from './configureBackend';
import { healthBackend } from './healthBackend';
import { migrateBackend } from './migrateBackend';
import { overviewBackend } from './overviewBackend';
import { usageBackend } from './usageBackend';

export interface DashboardDeps {
  host: EngineHost;
  settings: Settings;
  usage: UsageService;
  logger: ExtensionLogger;
  secrets: SecretStore;
  /** The extension's package.json (context.extension.packageJSON). */
  packageJson: unknown;
}

export function createDashboardController({ host, settings, usage, logger, secrets, packageJson }: DashboardDeps): DashboardController {
  const backend: DashboardBackend = {
    ...overviewBackend(host),
    ...configureBackend({ host, settings, secrets, logger, packageJson }),
    ...usageBackend(host, settings, usage, logger),
    ...healthBackend(host.store, logger),
    ...migrateBackend(host, settings),
  };
  return new DashboardController(backend, logger);
}
