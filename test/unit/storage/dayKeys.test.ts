// One day key for every daily view: the local calendar day. Requests made just before and just
// after local midnight, in a zone far from UTC, land on the same days in the dashboard's charts,
// `switchboard usage --by day` (the CLI, in-process, on the same store), the store's `daily()` and
// `summarize`, the report's by-day table and the in-memory summary — and `--since DATE` starts at
// that date's local midnight.
import * as assert from 'node:assert/strict';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { summarizeUsage } from '../../../src/core/usage/ledger';
import { readUsageReport } from '../../../src/core/usage/report';
import { loadUsageTab } from '../../../src/presenters/dashboard/usageCharts';
import { cli, isolatedEnv } from '../cli/cliHelpers';
import { inTimeZone, skipWithoutSqlite, usageRecord } from './storeTestKit';

describe('daily views: one day key, the local calendar day', function () {
  this.timeout(30_000);
  before(function () {
    skipWithoutSqlite(this);
  });

  for (const [zone, offset] of [['America/Los_Angeles', '-08:00'], ['Asia/Kolkata', '+05:30']] as const) {
    it(`in ${zone}, the charts, usage --by day, daily(), summarize and the report put each request on its local day (not its UTC day)`, async () => {
      const { env, cleanup } = await isolatedEnv();
      try {
        await inTimeZone(zone, async () => {
          // 23:30 on the 3rd and 00:30 on the 4th, local time; in UTC they fall on other days.
          const records = [
            usageRecord({ time: new Date(`2026-11-03T23:30:00${offset}`).toISOString(), costUsd: 1 }),
            usageRecord({ time: new Date(`2026-11-04T00:30:00${offset}`).toISOString(), costUsd: 2 }),
            usageRecord({ time: new Date(`2026-11-04T23:59:00${offset}`).toISOString(), costUsd: 4 }),
          ];
          const utcDays = records.map((r) => r.time.slice(0, 10));
          assert.notDeepEqual(utcDays, ['2026-11-03', '2026-11-04', '2026-11-04'], 'the fixture straddles UTC midnight');
          const expected = [['2026-11-03', 1], ['2026-11-04', 6]];
          const store = openLocalStore(env.SWITCHBOARD_HOME!);
          try {
            store.ledger.appendMany(records);
            const now = new Date(2026, 10, 20, 12);
            const daily = await store.ledger.daily({ by: 'provider' });
            assert.deepEqual(daily.map((d) => [d.day, d.costUsd]), expected, 'daily()');
            const summary = await store.ledger.summarize({ by: 'day' });
            assert.deepEqual(summary.breakdown.map((b) => [b.key, b.costUsd]), expected, 'summarize by day');
            assert.deepEqual(summarizeUsage(records, { by: 'day' }).breakdown.map((b) => [b.key, b.costUsd]), expected, 'the in-memory summary');
            const report = await readUsageReport(store.ledger, { now });
            assert.deepEqual(report.byDay.map((b) => [b.key, b.costUsd]), expected, 'the report\'s by-day table');
            const tab = await loadUsageTab(store.ledger, now);
            const chart = tab.charts.charts.find((c) => c.id === 'usage-spend-provider')!;
            const withSpend = chart.table.rows.filter((r) => r[0] !== 'Month' && r.at(-1) !== '$0.00').map((r) => [r[0], r.at(-1)]);
            assert.deepEqual(withSpend, [['2026-11-03', '$1.00'], ['2026-11-04', '$6.00']], 'the dashboard chart\'s table');
          } finally {
            store.close();
          }
          const byDay = await cli(['usage', '--by', 'day', '--json'], env);
          assert.equal(byDay.code, 0, byDay.stderr);
          assert.deepEqual(byDay.json().breakdown.map((b: { key: string; costUsd: number }) => [b.key, b.costUsd]), expected, 'switchboard usage --by day');
          const since = await cli(['usage', '--since', '2026-11-04', '--json'], env);
          assert.equal(since.json().requests, 2, '--since 2026-11-04 starts at local midnight: the request at 23:30 on the 3rd is left out');
          const text = await cli(['usage', '--by', 'day'], env);
          assert.match(text.stdout, /^ {2}2026-11-03: 1 requests, \$1\.00/m);
          assert.match(text.stdout, /^ {2}2026-11-04: 2 requests, \$6\.00/m);
        });
      } finally {
        await cleanup();
      }
    });
  }
});
