// The Health tab's data in the editor.
import type { HealthBackend } from '../../presenters/dashboard/healthSection';

export function healthBackend(): HealthBackend {
  return {
    health: async () => ({}),
  };
}
