// How long the local store keeps history is configuration (`retention` in YAML, settings
// switchboard.retention.*, SWITCHBOARD_*_RETENTION_DAYS): tested through the CLI as users run it
// (runCli with its own environment), on a real database seeded with dated rows. The VS Code side
// (the setting, applied by the engine host) is in test/vscode/suite/sharedStore.test.ts.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { cli, isolatedEnv } from '../cli/cliHelpers';
import { skipWithoutSqlite, usageRecord } from './storeTestKit';

const DAY = 86_400_000;
const USAGE_AGES = [500, 100, 50, 10];
const HEALTH_AGES = [60, 20, 5, 1];

describe('retention of usage and health history (configuration, through the CLI)', () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  before(function () {
    skipWithoutSqlite(this);
  });
  beforeEach(async () => {
    ({ env, cleanup } = await isolatedEnv());
    const store = openLocalStore(env.SWITCHBOARD_HOME!, { pruneAtOpen: false });
    const now = Date.now();
    store.ledger.appendMany(USAGE_AGES.map((d) => usageRecord({ time: new Date(now - d * DAY).toISOString(), model: `aged-${d}` })));
    for (const d of HEALTH_AGES) await store.healthHistory.record('anthropic', { at: now - d * DAY, source: 'check', ok: true, latencyMs: 100 + d });
    store.close();
  });
  afterEach(async () => {
    await cleanup();
  });

  /** What survived, as ages in days (usage by record, health by sample). */
  async function kept(): Promise<{ usage: number[]; health: number[] }> {
    const store = openLocalStore(env.SWITCHBOARD_HOME!, { pruneAtOpen: false });
    try {
      const usage = (await store.ledger.readAll()).map((r) => Number(r.model.replace('aged-', '')));
      const health = ((await store.healthHistory.recent()).samples.anthropic ?? []).map((s) => s.latencyMs - 100);
      return { usage: usage.sort((a, b) => b - a), health: health.sort((a, b) => b - a) };
    } finally {
      store.close();
    }
  }

  it('by default keeps 400 days of usage and 30 days of health history', async () => {
    const r = await cli(['usage', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await kept(), { usage: [100, 50, 10], health: [20, 5, 1] });
  });

  it('SWITCHBOARD_USAGE_RETENTION_DAYS / SWITCHBOARD_HEALTH_RETENTION_DAYS shorten it', async () => {
    const r = await cli(['usage', '--json'], { ...env, SWITCHBOARD_USAGE_RETENTION_DAYS: '60', SWITCHBOARD_HEALTH_RETENTION_DAYS: '7' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await kept(), { usage: [50, 10], health: [5, 1] });
  });

  it('the YAML file\'s retention: {usage_days, health_days} applies, and config show names where it came from', async () => {
    const file = path.join(env.HOME!, 'config.yml');
    await fs.writeFile(file, 'retention:\n  usage_days: 60\n  health_days: 7\n');
    const show = await cli(['config', 'show', '--json', '--config', file], env);
    assert.equal(show.code, 0, show.stderr);
    const shown = show.json();
    assert.deepEqual(shown.config.retention, { usageDays: 60, healthDays: 7 });
    assert.equal(shown.sources['retention.usageDays'].source, 'file');
    assert.deepEqual(await kept(), { usage: [50, 10], health: [5, 1] });
  });

  it('a retention longer than the default keeps older history: nothing is pruned with the default first', async () => {
    const r = await cli(['usage', '--json'], { ...env, SWITCHBOARD_USAGE_RETENTION_DAYS: '1000', SWITCHBOARD_HEALTH_RETENTION_DAYS: '90' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json().requests, USAGE_AGES.length, 'the 500-day-old record is still counted');
    assert.deepEqual(await kept(), { usage: [500, 100, 50, 10], health: [60, 20, 5, 1] });
  });

  it('a retention below 35 days is refused with a clear error (exit 2) and deletes nothing', async () => {
    const r = await cli(['usage', '--json'], { ...env, SWITCHBOARD_USAGE_RETENTION_DAYS: '10' });
    assert.equal(r.code, 2);
    assert.match(r.stdout + r.stderr, /SWITCHBOARD_USAGE_RETENTION_DAYS: .*35/);
    assert.deepEqual(await kept(), { usage: [500, 100, 50, 10], health: [60, 20, 5, 1] });
  });
});
