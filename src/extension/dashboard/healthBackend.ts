// The Health tab's data in the editor: the store's health history (every window's and the CLI's
// samples and failovers), as timelines for the last 24 hours and 7 days.
import type { LocalStore } from '../../core/storage/localStore';
import { loadHealthCharts } from '../../presenters/dashboard/healthCharts';
import type { HealthBackend } from '../../presenters/dashboard/healthSection';
import type { ExtensionLogger } from '../log';

export function healthBackend(store?: LocalStore, logger?: ExtensionLogger): HealthBackend {
  return {
    health: async () => {
      if (!store) return {};
      const history = await loadHealthCharts(store.healthHistory, Date.now()).catch((e: Error) => {
        logger?.warn(`dashboard: health history: ${e.message}`);
        return undefined;
      });
      return history ? { history } : {};
    },
  };
}
