// Before the local store, the extension kept the budget's fired thresholds in its globalState
// (`switchboard.budget.fired`: {month, fired}). The store imports that once, as it imports the old
// files, so an alert already shown this month is not shown again after the upgrade. The store is
// opened as the extension opens it (legacySource 'vscode', the globalState value as
// `legacy.budgetAlerts`); the budget is the extension's (BudgetTracker over the store's
// month-to-date and fired state); requests go through createSwitchboard to the Anthropic emulator.
import * as assert from 'node:assert/strict';
import { openLocalStore } from '../../../src/core/storage/localStore';
import type { LocalStore } from '../../../src/core/storage/localStore';
import { BudgetTracker } from '../../../src/core/usage/budget';
import type { BudgetAlert, FiredState } from '../../../src/core/usage/budget';
import { monthKey } from '../../../src/core/usage/ledger';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { emulatorEngine } from '../client/engineHelpers';
import { skipWithoutSqlite, tempHome, usageRecord } from './storeTestKit';

const THIS_MONTH = monthKey(new Date());
const LAST_MONTH = monthKey(new Date(new Date().getFullYear(), new Date().getMonth() - 1, 15));

describe('budget alerts kept in globalState are imported once into the store', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let home: ReturnType<typeof tempHome>;
  before(async function () {
    skipWithoutSqlite(this);
    anthropic = await startAnthropicEmulator();
    bedrock = await startBedrockEmulator({ region: 'eu-west-1' });
  });
  after(async () => {
    await anthropic?.close();
    await bedrock?.close();
  });
  beforeEach(() => {
    home = tempHome();
  });
  afterEach(() => home.cleanup());

  /** The store as the extension opens it, with `globalState` standing for the memento's value. */
  const openAsExtension = (globalState: unknown, dir = home.dir): LocalStore =>
    openLocalStore(dir, { legacySource: 'vscode', legacy: { usageDir: `${dir}/none`, cacheFile: `${dir}/none.json`, sessionsDir: `${dir}/none`, budgetStateFile: `${dir}/none.json`, budgetAlerts: globalState } });

  /** One request through the engine with the extension's budget over this store; the alerts it raised. */
  async function request(store: LocalStore): Promise<BudgetAlert[]> {
    const alerts: BudgetAlert[] = [];
    const budget = new BudgetTracker({
      settings: { monthlyUsd: 1, alertThresholds: [50, 80, 100], hardStop: false },
      monthToDate: (now) => store.ledger.monthToDate(now),
      store: store.budgetState,
      onAlert: (a) => alerts.push(a),
    });
    const t = await emulatorEngine(anthropic, bedrock, {}, { storage: { ledger: store.ledger, budget } });
    try {
      await t.engine.send({ model: 'sonnet', maxTokens: 64, messages: [{ role: 'user', content: 'how much have I spent?' }] });
    } finally {
      await t.cleanup();
    }
    return alerts;
  }

  /** 85 % of the $1 budget already spent this month. */
  const spend85 = (store: LocalStore): void => void store.ledger.appendMany([usageRecord({ costUsd: 0.85 })]);

  it('thresholds the extension already showed this month (50 %, 80 %) do not alert again after the upgrade', async () => {
    const store = openAsExtension({ month: THIS_MONTH, fired: [50, 80] });
    try {
      spend85(store);
      assert.deepEqual(await store.budgetState.load(), { month: THIS_MONTH, fired: [50, 80] });
      assert.deepEqual(await request(store), []);
    } finally {
      store.close();
    }
  });

  it('without that state the same request alerts at 50 % and 80 % (the test above would fail without the import)', async () => {
    const store = openAsExtension(undefined);
    try {
      spend85(store);
      const alerts = await request(store);
      assert.deepEqual(alerts.map((a) => a.crossed), [[50, 80]]);
    } finally {
      store.close();
    }
  });

  it('a later window still holding the old globalState value does not roll back what fired since (merged, never replaced)', async () => {
    const first = openAsExtension({ month: THIS_MONTH, fired: [50] });
    await first.budgetState.save({ month: THIS_MONTH, fired: [50, 80, 100] });
    first.close();
    const again = openAsExtension({ month: THIS_MONTH, fired: [50] });
    try {
      assert.deepEqual(await again.budgetState.load(), { month: THIS_MONTH, fired: [50, 80, 100] });
    } finally {
      again.close();
    }
  });

  it('merges with what the CLI fired in the same month, and a previous month\'s state does not silence this month', async () => {
    const cli = openLocalStore(home.dir, { legacy: false });
    await cli.budgetState.save({ month: THIS_MONTH, fired: [50] } satisfies FiredState);
    cli.close();
    const merged = openAsExtension({ month: THIS_MONTH, fired: [80] });
    assert.deepEqual(await merged.budgetState.load(), { month: THIS_MONTH, fired: [50, 80] });
    merged.close();

    const other = tempHome();
    const stale = openAsExtension({ month: LAST_MONTH, fired: [50, 80, 100] }, other.dir);
    try {
      spend85(stale);
      assert.deepEqual((await request(stale)).map((a) => a.crossed), [[50, 80]], 'last month\'s alerts do not count for this month');
    } finally {
      stale.close();
      other.cleanup();
    }
  });

  it('ignores a malformed globalState value (nothing imported, the store unchanged)', async () => {
    const store = openAsExtension({ month: 'soon', fired: 'all' });
    try {
      assert.equal(await store.budgetState.load(), undefined);
    } finally {
      store.close();
    }
  });
});
