// Backends for the dashboard sections a test does not exercise: they answer with nothing to show
// and refuse every write, so a test of one section runs the real controller without the others.
import type { ConfigureBackend } from '../../../../src/presenters/dashboard/configureSection';
import type { HealthBackend } from '../../../../src/presenters/dashboard/healthSection';
import type { MigrateBackend } from '../../../../src/presenters/dashboard/migrateSection';
import type { UsageBackend } from '../../../../src/presenters/dashboard/usageSection';

export const idleConfigure: ConfigureBackend = {
  configure: async () => ({ trusted: true, groups: [], fields: [], secrets: [], resolution: { model: 'sonnet', region: 'us-east-1', inferenceProfile: null, mapping: {} }, mapping: {} }),
  writeSetting: async () => ({ ok: false, error: 'not in this test' }),
  resetSetting: async () => ({ ok: false, error: 'not in this test' }),
  writeMapping: async () => ({ ok: false, error: 'not in this test' }),
  setSecret: async () => undefined,
  clearSecret: async () => undefined,
};

export const idleHealth: HealthBackend = { health: async () => ({}) };

export function idleUsage(calls: string[] = []): UsageBackend {
  return {
    usage: async () => ({}),
    clearCache: async () => void calls.push('clearCache'),
    showUsage: async () => void calls.push('showUsage'),
  };
}

export const idleMigrate: MigrateBackend = {
  migrate: async () => ({ primary: 'anthropic', fallback: null, model: 'sonnet', region: { region: 'us-east-1', source: 'default', origin: 'default' }, inferenceProfile: null, mapping: {}, userMapping: {} }),
  probeModel: async () => { throw new Error('not in this test'); },
  fixContext: () => ({}),
  runFix: async () => undefined,
  pickModel: async () => undefined,
  exportMigration: async () => undefined,
};
