import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SwitchboardClient } from '../../../src/core/client';
import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import { isSwitchboardError } from '../../../src/core/errors';
import { BudgetTracker, JsonFileFiredStore, MemoryFiredStore, budgetPercent, parseBudgetSettings } from '../../../src/core/usage/budget';
import { buildUsageReport, renderUsageMarkdown } from '../../../src/core/usage/report';
import type { BudgetAlert, BudgetSettings } from '../../../src/core/usage/budget';
import { UsageLedger } from '../../../src/core/usage/ledger';
import type { UsageRecord } from '../../../src/core/usage/ledger';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';

/** A clock the test moves by hand (local time, like the budget's calendar month). */
class FakeClock {
  constructor(public date: Date) {}
  now = (): Date => new Date(this.date.getTime());
  set(y: number, m: number, d: number): void {
    this.date = new Date(y, m - 1, d, 12, 0, 0);
  }
}

function rec(clock: FakeClock, costUsd: number | null, over: Partial<UsageRecord> = {}): UsageRecord {
  return { time: clock.now().toISOString(), provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', inputTokens: 10, outputTokens: 5, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 1, costUsd, cacheWriteCostUsd: 0, outcome: 'ok', cached: false, ...over };
}

const BUDGET: BudgetSettings = { monthlyUsd: 10, alertThresholds: [50, 80, 100], hardStop: false };

describe('budget thresholds', () => {
  it('fires each threshold exactly once per calendar month, and again the next month', async () => {
    const clock = new FakeClock(new Date(2026, 10, 3, 9));
    const alerts: BudgetAlert[] = [];
    const store = new MemoryFiredStore();
    const t = new BudgetTracker({ settings: BUDGET, readLedger: async () => [], store, now: clock.now, onAlert: (a) => alerts.push(a) });
    const crossed = (): number[] => alerts.flatMap((a) => a.crossed);

    await t.observe(rec(clock, 4)); // 40 %
    assert.deepEqual(crossed(), []);
    await t.observe(rec(clock, 1.5)); // 55 %
    assert.deepEqual(crossed(), [50]);
    await t.observe(rec(clock, 0.5)); // 60 %: nothing new
    assert.deepEqual(crossed(), [50]);
    await t.observe(rec(clock, 3)); // 90 %
    await t.observe(rec(clock, 2)); // 110 %
    await t.observe(rec(clock, 5)); // 160 %: every threshold already fired
    assert.deepEqual(crossed(), [50, 80, 100]);
    // No cache writes and every request priced: nothing in brackets (no "(cache writes $0.00)").
    assert.equal(alerts[2].message, 'Switchboard: $11.00 spent this month, 110 % of your $10.00 budget.');

    clock.set(2026, 12, 1); // December: a new month starts from zero
    await t.observe(rec(clock, 6)); // 60 % of December
    assert.deepEqual(crossed(), [50, 80, 100, 50]);
    assert.equal(alerts[3].month, '2026-12');
    assert.equal((await t.monthToDate()).usd, 6);
  });

  it('fires every threshold a single large request crosses, in one alert', async () => {
    const clock = new FakeClock(new Date(2026, 10, 3));
    const alerts: BudgetAlert[] = [];
    const t = new BudgetTracker({ settings: BUDGET, readLedger: async () => [], store: new MemoryFiredStore(), now: clock.now, onAlert: (a) => alerts.push(a) });
    await t.observe(rec(clock, 9));
    assert.equal(alerts.length, 1);
    assert.deepEqual(alerts[0].crossed, [50, 80]);
    assert.equal(alerts[0].thresholdPercent, 80);
  });

  it('seeds month-to-date from the ledger once, then counts incrementally, and remembers fired thresholds across restarts', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-budget-'));
    try {
      const clock = new FakeClock(new Date(2026, 10, 20));
      const ledger = new UsageLedger(path.join(dir, 'usage'));
      await ledger.append(rec(new FakeClock(new Date(2026, 9, 30)), 100)); // October: not this month
      await ledger.append(rec(clock, 6));
      await ledger.append(rec(clock, null)); // unknown price: counted apart, not as $0
      let reads = 0;
      const store = new JsonFileFiredStore(path.join(dir, 'budget-state.json'));
      const alerts: BudgetAlert[] = [];
      const make = (): BudgetTracker => new BudgetTracker({ settings: BUDGET, readLedger: () => { reads++; return ledger.readAll(); }, store, now: clock.now, onAlert: (a) => alerts.push(a) });
      const t = make();
      const m = await t.monthToDate();
      assert.deepEqual({ usd: m.usd, requests: m.requests, unpriced: m.unpriced }, { usd: 6, requests: 2, unpriced: 1 });
      await t.observe(rec(clock, 0.5));
      await t.observe(rec(clock, 0.5));
      assert.equal(reads, 1, 'the ledger is read once, not per request');
      assert.deepEqual(alerts.flatMap((a) => a.crossed), [50]);
      // A restart (new tracker, same store) does not alert 50 % again.
      const again = make();
      await again.observe(rec(clock, 0.1));
      assert.deepEqual(alerts.flatMap((a) => a.crossed), [50]);
      assert.deepEqual(JSON.parse(await fs.readFile(store.file, 'utf8')), { month: '2026-11', fired: [50] });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('validates settings and falls back with a message', () => {
    assert.deepEqual(parseBudgetSettings({ monthlyUsd: 25, alertThresholds: [100, 50], hardStop: true }).settings, { monthlyUsd: 25, alertThresholds: [50, 100], hardStop: true });
    const bad = parseBudgetSettings({ monthlyUsd: -3, alertThresholds: ['half'], hardStop: 'yes' });
    assert.deepEqual(bad.settings, { monthlyUsd: null, alertThresholds: [50, 80, 100], hardStop: false });
    assert.equal(bad.issues.length, 3);
    assert.deepEqual(parseBudgetSettings({ monthlyUsd: '12.5', alertThresholds: '75, 100', hardStop: '1' }).settings, { monthlyUsd: 12.5, alertThresholds: [75, 100], hardStop: true });
  });
});

describe('budget hard stop through the client', () => {
  let anthropic: AnthropicEmulator;
  before(async () => { anthropic = await startAnthropicEmulator(); });
  after(async () => { await anthropic.close(); });
  beforeEach(() => anthropic.reset());

  function setup(hardStop: boolean, spent: number): { client: SwitchboardClient; tracker: BudgetTracker } {
    const clock = new FakeClock(new Date(2026, 10, 20));
    const tracker = new BudgetTracker({ settings: { monthlyUsd: 1, alertThresholds: [100], hardStop }, readLedger: async () => [rec(clock, spent)], store: new MemoryFiredStore(), now: clock.now });
    const client = new SwitchboardClient({
      config: { ...DEFAULT_CONFIG, anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: anthropic.url }, fallbackProvider: 'bedrock', autoFallback: true },
      secrets: { anthropicApiKey: 'sk-ant-test-key' }, env: {}, budget: tracker,
    });
    return { client, tracker };
  }
  const ask = { model: 'sonnet', messages: [{ role: 'user' as const, content: 'hello' }] };
  const calls = (): number => anthropic.requestsTo('/v1/messages').length;

  it('refuses a request over budget with budget_exceeded and sends nothing to any provider', async () => {
    const { client } = setup(true, 1.2);
    await assert.rejects(client.send(ask), (e: unknown) => {
      assert.ok(isSwitchboardError(e));
      assert.equal(e.type, 'budget_exceeded');
      assert.match(e.message, /\$1\.20.*budget of \$1\.00/);
      assert.match(e.hint ?? '', /switchboard\.budget\.monthlyUsd|Allow One Request Over Budget/);
      return true;
    });
    assert.equal(calls(), 0);
  });

  it('lets exactly one request through after the one-time override', async () => {
    const { client, tracker } = setup(true, 1.2);
    tracker.allowOneRequestOverBudget();
    const r = await client.send(ask);
    assert.ok(r.text.length > 0);
    assert.equal(calls(), 1);
    await assert.rejects(client.send(ask), /monthly budget/);
    assert.equal(calls(), 1);
  });

  it('only alerts when the hard stop is off, and adds each answer to the month', async () => {
    const { client, tracker } = setup(false, 1.2);
    const r = await client.send(ask);
    assert.equal(calls(), 1);
    assert.ok(Math.abs((await tracker.monthToDate()).usd - (1.2 + (r.costUsd ?? 0))) < 1e-12);
  });
});

describe('budget month-to-date and failing closed', () => {
  it('the refusal names cache-write spend only when there was some', async () => {
    const refusal = async (cacheWriteUsd: number): Promise<string> => {
      const t = new BudgetTracker({ settings: { monthlyUsd: 5, alertThresholds: [100], hardStop: true }, monthToDate: async () => ({ month: '2026-11', usd: 6, cacheWriteUsd, requests: 3, unpriced: 0 }), store: new MemoryFiredStore(), now: () => new Date(2026, 10, 20) });
      return t.beforeRequest().then(() => 'not refused', (e: Error) => e.message);
    };
    assert.equal(await refusal(0), "This month's spend $6.00 has reached the monthly budget of $5.00; the request was not sent.");
    assert.match(await refusal(1.25), /^This month's spend \$6\.00 \(of which cache writes \$1\.25\) has reached/);
  });

  it('with a month-to-date source, every check reads it afresh: spend recorded by another window counts at once', async () => {
    const clock = new FakeClock(new Date(2026, 10, 20));
    let spent = 4; // what the shared store holds; another process adds to it
    const asked: Date[] = [];
    const t = new BudgetTracker({ settings: { monthlyUsd: 5, alertThresholds: [100], hardStop: true }, monthToDate: async (now) => (asked.push(now), { month: '2026-11', usd: spent, cacheWriteUsd: 0, requests: 1, unpriced: 0 }), store: new MemoryFiredStore(), now: clock.now });
    await t.beforeRequest();
    spent = 5.5;
    await assert.rejects(t.beforeRequest(), /has reached the monthly budget of \$5\.00/);
    assert.equal(asked.length, 2);
    assert.equal(asked[1]!.getTime(), clock.now().getTime(), 'asked for the tracker\'s own "now"');
  });

  it('the alert and the usage report give the same percentage for the same spend (169.6 % is 169 % in both)', async () => {
    const clock = new FakeClock(new Date(2026, 10, 20));
    const m = { month: '2026-11', usd: 16.96, cacheWriteUsd: 0, requests: 3, unpriced: 0 };
    const alerts: BudgetAlert[] = [];
    const settings = { monthlyUsd: 10, alertThresholds: [100], hardStop: false };
    const t = new BudgetTracker({ settings, monthToDate: async () => m, store: new MemoryFiredStore(), now: clock.now, onAlert: (a) => alerts.push(a) });
    await t.observe(rec(clock, 16.96));
    const report = buildUsageReport([rec(clock, 16.96)], { now: clock.now(), budget: settings, monthToDate: m });
    assert.match(alerts[0]!.message, / 169 % of your \$10\.00 budget/);
    assert.equal(report.budget?.percent, 169);
    assert.equal(budgetPercent(m.usd, 10), 169);
    assert.match(renderUsageMarkdown(report), /169 % used/);
  });

  it('a hard stop fails closed when the spend cannot be read, and tries again on the next request', async () => {
    const clock = new FakeClock(new Date(2026, 10, 20));
    let broken = true;
    const t = new BudgetTracker({
      settings: { monthlyUsd: 5, alertThresholds: [100], hardStop: true },
      readLedger: async () => {
        if (broken) throw Object.assign(new Error('EACCES: permission denied, open \'usage.jsonl\''), { hint: 'Make the folder readable.' });
        return [rec(clock, 1)];
      },
      store: new MemoryFiredStore(), now: clock.now, raiseHint: 'Or unset SWITCHBOARD_BUDGET_HARD_STOP.',
    });
    await assert.rejects(t.beforeRequest(), (e: unknown) => {
      assert.ok(isSwitchboardError(e));
      assert.equal(e.type, 'budget_exceeded');
      assert.equal(e.message, 'The monthly budget of $5.00 has a hard stop, and this month\'s spend could not be read (EACCES: permission denied, open \'usage.jsonl\'); the request was not sent.');
      assert.equal(e.hint, 'Make the usage store readable again (Make the folder readable). Or unset SWITCHBOARD_BUDGET_HARD_STOP.');
      return true;
    });
    broken = false;
    await t.beforeRequest();
    assert.equal((await t.monthToDate()).usd, 1);
  });

  it('the one-time override also lets one request through a spend that cannot be read', async () => {
    const t = new BudgetTracker({ settings: { monthlyUsd: 5, alertThresholds: [100], hardStop: true }, readLedger: async () => { throw new Error('unreadable'); }, store: new MemoryFiredStore() });
    t.allowOneRequestOverBudget();
    await t.beforeRequest();
    await assert.rejects(t.beforeRequest(), /could not be read/);
  });

  it('without a hard stop an unreadable spend never blocks a request', async () => {
    const t = new BudgetTracker({ settings: { monthlyUsd: 5, alertThresholds: [100], hardStop: false }, readLedger: async () => { throw new Error('unreadable'); }, store: new MemoryFiredStore() });
    await t.beforeRequest();
  });

  it('the JSONL ledger throws on a ledger file it cannot read instead of reporting no spend', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-budget-'));
    try {
      const ledger = new UsageLedger(dir);
      await ledger.append(rec(new FakeClock(new Date(2026, 10, 2)), 1));
      // A rotated "file" that cannot be read (a folder in its place: EISDIR, unreadable even for root).
      await fs.mkdir(path.join(dir, 'usage-0001.jsonl'));
      await assert.rejects(ledger.readAll(), /EISDIR/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
