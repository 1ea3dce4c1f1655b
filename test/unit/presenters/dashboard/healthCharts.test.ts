import * as assert from 'node:assert/strict';
import { openLocalStore } from '../../../../src/core/storage/localStore';
import { HEALTH_RANGES, loadHealthCharts } from '../../../../src/presenters/dashboard/healthCharts';
import { dateTime } from '../../../../src/presenters/dashboard/chartFormat';
import type { HealthChartsView } from '../../../../src/shared/dashboard/health';
import { seedHealthHistory } from '../../../fixtures/storeSeed';
import type { HealthSeed } from '../../../fixtures/storeSeed';
import { skipWithoutSqlite, tempHome } from '../../storage/storeTestKit';

const HOUR = 3_600_000;

describe('Health tab charts from recorded health history', () => {
  before(function () {
    skipWithoutSqlite(this);
  });
  const now = new Date(2026, 10, 20, 15, 30).getTime();
  let home: ReturnType<typeof tempHome>;
  let view: HealthChartsView;
  let seed: HealthSeed;

  before(async () => {
    home = tempHome('sb-health-tab-');
    const store = openLocalStore(home.dir, { health: { now: () => now } });
    seed = await seedHealthHistory(store.healthHistory, now, 300_000);
    view = await loadHealthCharts(store.healthHistory, now);
    store.close();
  });
  after(() => home?.cleanup());

  it('offers the last 24 hours (hourly) and the last 7 days (6-hourly)', () => {
    assert.deepEqual(view.ranges.map((r) => [r.id, r.label]), [['24h', 'Last 24 hours'], ['7d', 'Last 7 days']]);
    const [day, week] = view.ranges;
    assert.equal(day!.charts[0]!.x.length, 24);
    assert.equal(week!.charts[0]!.x.length, 28);
    assert.equal(day!.charts[0]!.x[0], Math.floor((now - HEALTH_RANGES[0]!.spanMs) / 1000));
  });

  it('latency: p50 and a dashed p95 per provider; the hour of the Bedrock outage has no Bedrock latency and a 100 % error rate', () => {
    const day = view.ranges[0]!;
    const latency = day.charts.find((c) => c.id === 'health-latency-24h')!;
    assert.deepEqual(latency.series.map((s) => [s.label, s.dashed ?? false]), [['Anthropic p50', false], ['Anthropic p95', true], ['Amazon Bedrock p50', false], ['Amazon Bedrock p95', true]]);
    // The buckets start at now − 24 h: the outage (now − 5 h to now − 4 h) is bucket 19, all of it.
    const down = (seed.outage.start - (now - 24 * HOUR)) / HOUR;
    assert.equal(down, 19);
    assert.equal(latency.series[2]!.values[down], null);
    assert.ok((latency.series[0]!.values[down] ?? 0) > 0, 'Anthropic answered meanwhile');
    const errors = day.charts.find((c) => c.id === 'health-errors-24h')!;
    assert.equal(errors.series[1]!.values[down], 100);
    assert.equal(errors.table.rows[down]![2], '100 % (12 of 12)');
    for (const s of latency.series) for (const v of s.values) assert.ok(v === null || v > 0);
    // p95 never below p50.
    latency.series[0]!.values.forEach((p50, i) => assert.ok(p50 === null || (latency.series[1]!.values[i] ?? 0) >= p50));
  });

  it('outages and failovers: the recorded Bedrock outage and its failover in both ranges, the older failover only in 7 days', () => {
    const [day, week] = view.ranges;
    assert.deepEqual(day!.outages.rows, [['Amazon Bedrock', dateTime(seed.outage.start), dateTime(seed.outage.end), '1 h', '12']]);
    assert.deepEqual(day!.failovers.rows, [[dateTime(seed.failovers[0]!.at), 'Amazon Bedrock → Anthropic', 'network: connect ECONNREFUSED']]);
    assert.equal(week!.failovers.rows.length, 2);
    assert.equal(week!.failovers.rows[1]![1], 'Anthropic → Amazon Bedrock', 'newest first');
    const chart = week!.charts.find((c) => c.id === 'health-failovers-7d')!;
    assert.equal(chart.series.reduce((n, s) => n + s.values.reduce<number>((a, b) => a + (b ?? 0), 0), 0), 2);
    assert.match(chart.summary, /^2 failovers in the last 7 days: Anthropic → Amazon Bedrock 1, Amazon Bedrock → Anthropic 1\.$/);
  });

  it('the stats per provider match the chart figures (samples, error rate, p50 / p95)', () => {
    const day = view.ranges[0]!;
    const bedrock = day.stats.find((s) => s.provider === 'bedrock')!;
    assert.equal(bedrock.samples, 288);
    assert.equal(bedrock.outages, 1);
    assert.equal(bedrock.failoversFrom, 1);
    assert.match(bedrock.errorRate, /^\d+(\.\d)? %$/);
    assert.match(bedrock.p50, /^\d[\d,]* ms$/);
    assert.match(day.charts[0]!.summary, /^Latency in the last 24 hours: Anthropic p50 [\d,]+ ms, p95 [\d,]+ ms; Amazon Bedrock p50 [\d,]+ ms, p95 [\d,]+ ms\.$/);
  });
});

describe('Health tab charts with no history', () => {
  before(function () {
    skipWithoutSqlite(this);
  });

  it('say why there is nothing (checks run while a window is focused) instead of drawing flat lines', async () => {
    const home = tempHome('sb-health-empty-');
    try {
      const store = openLocalStore(home.dir);
      const view = await loadHealthCharts(store.healthHistory, Date.now());
      store.close();
      for (const r of view.ranges) {
        for (const c of r.charts) assert.ok(c.empty, c.id);
        assert.match(r.charts[0]!.empty!, /checks run while a window is focused/);
        assert.deepEqual([r.outages.rows, r.failovers.rows], [[], []]);
      }
    } finally {
      home.cleanup();
    }
  });
});
