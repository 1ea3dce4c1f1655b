import * as assert from 'node:assert/strict';
import { openLocalStore } from '../../../../src/core/storage/localStore';
import { isoDate } from '../../../../src/core/storage/usageSeries';
import type { UsageRecord } from '../../../../src/core/usage/ledger';
import { buildUsageReport, renderUsageMarkdown } from '../../../../src/core/usage/report';
import { daysSoFar, loadUsageTab, surfaceLabel, TOP_MODELS } from '../../../../src/presenters/dashboard/usageCharts';
import { usagePart } from '../../../../src/presenters/dashboard/usageView';
import type { ChartView } from '../../../../src/shared/dashboard/chartView';
import { seedUsageRecords } from '../../../fixtures/storeSeed';
import { skipWithoutSqlite, tempHome } from '../../storage/storeTestKit';

const NOW = new Date(2026, 10, 20, 15, 0, 0); // 20 November 2026, local time
const BUDGET = { monthlyUsd: 40, alertThresholds: [50, 80, 100], hardStop: false };

const chart = (charts: ChartView[], id: string): ChartView => {
  const c = charts.find((x) => x.id === id);
  assert.ok(c, `no chart ${id} in ${charts.map((x) => x.id).join(', ')}`);
  return c;
};
const sum = (values: Array<number | null>): number => values.reduce<number>((a, b) => a + (b ?? 0), 0);
const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} vs ${b}`);

describe('Usage tab charts from a seeded store (thousands of records over a month)', () => {
  before(function () {
    skipWithoutSqlite(this);
  });
  let home: ReturnType<typeof tempHome>;
  let records: UsageRecord[];
  let tab: Awaited<ReturnType<typeof loadUsageTab>>;

  before(async () => {
    home = tempHome('sb-usage-tab-');
    const store = openLocalStore(home.dir);
    // 6,000 records from the 1st to now, 400 from last month that must not show.
    records = seedUsageRecords(6000, NOW);
    store.ledger.appendMany([...records, ...seedUsageRecords(400, NOW, { from: new Date(2026, 9, 1).getTime(), to: new Date(2026, 10, 1).getTime() - 1, seed: 3 })]);
    tab = await loadUsageTab(store.ledger, NOW, BUDGET);
    store.close();
  });
  after(() => home?.cleanup());

  it('has one x per day of the month so far, and daily spend by provider that adds up to the month and to the report', () => {
    const c = chart(tab.charts.charts, 'usage-spend-provider');
    assert.equal(c.x.length, 20);
    assert.deepEqual(c.table.rows.slice(0, 20).map((r) => r[0]), daysSoFar(NOW).map((d) => d.label));
    assert.equal(c.table.rows[0]![0], '2026-11-01');
    const report = buildUsageReport(records, { now: NOW, budget: BUDGET });
    for (const [i, p] of (['anthropic', 'bedrock'] as const).entries()) {
      close(sum(c.series[i]!.values), report.summary.breakdown.find((b) => b.key === p)!.costUsd, `${p} month`);
    }
    // Each day against the records of that local day.
    const day5 = records.filter((r) => isoDate(new Date(r.time)) === '2026-11-05' && r.provider === 'bedrock').reduce((n, r) => n + (r.costUsd ?? 0), 0);
    close(c.series[1]!.values[4]!, day5, 'Bedrock on 5 November');
    assert.match(c.summary, /^Spend per day in November 2026 by provider: \$[\d.]+ in total \(Anthropic \$[\d.]+, Amazon Bedrock \$[\d.]+\)\. \d+ requests with an unknown price are not included\.$/);
    assert.equal(c.table.rows.at(-1)![0], 'Month');
  });

  it('draws the top models apart and the rest as one "Other models" series', () => {
    const c = chart(tab.charts.charts, 'usage-spend-model');
    assert.equal(c.series.length, TOP_MODELS + 1);
    assert.match(c.series.at(-1)!.label, /^Other models \(2\)$/);
    const spendOf = (id: string): number => records.filter((r) => r.modelId === id).reduce((n, r) => n + (r.costUsd ?? 0), 0);
    const shown = c.series.slice(0, TOP_MODELS).map((s) => spendOf(s.label));
    assert.deepEqual(shown, [...shown].sort((a, b) => b - a), 'largest first');
    close(sum(c.series.flatMap((s) => s.values)), records.reduce((n, r) => n + (r.costUsd ?? 0), 0), 'every model together');
  });

  it('spend so far against the budget: cumulative, the budget as a dashed line, the percentage the alert gives', () => {
    const c = chart(tab.charts.charts, 'usage-budget');
    const spent = c.series[0]!.values as number[];
    assert.ok(spent.every((v, i) => i === 0 || v >= spent[i - 1]!), 'cumulative');
    assert.deepEqual([c.series[1]!.label, c.series[1]!.dashed, c.series[1]!.values[0]], ['Budget', true, 40]);
    assert.equal(tab.report.budget?.percent, Math.floor((tab.report.budget!.spentUsd / 40) * 100));
    assert.match(c.summary, new RegExp(` ${tab.report.budget!.percent} % of the \\$40\\.00 budget`));
    assert.match(renderUsageMarkdown(buildUsageReport(records, { now: NOW, budget: BUDGET })), new RegExp(`— ${tab.report.budget!.percent} % used`), 'the same percentage in the report');
  });

  it('tokens per day keep cache writes and reads apart, and caching savings are reads saved minus the write premium', () => {
    const t = chart(tab.charts.charts, 'usage-tokens');
    assert.deepEqual(t.series.map((s) => s.label), ['Input', 'Output', 'Cache write', 'Cache read']);
    assert.equal(sum(t.series[3]!.values), records.reduce((n, r) => n + r.cacheReadInputTokens, 0));
    assert.equal(sum(t.series[2]!.values), records.reduce((n, r) => n + r.cacheWriteInputTokens, 0));
    const s = chart(tab.charts.charts, 'usage-savings');
    const [saved, premium, net] = s.series.map((x) => x.values as number[]);
    saved!.forEach((v, i) => close(net![i]!, v - premium![i]!, `net on day ${i + 1}`));
    assert.ok(sum(saved!) > sum(premium!) && sum(premium!) > 0);
    assert.match(s.summary, /^Prompt caching saved \$[\d.]+ net in November 2026: \$[\d.]+ saved on cache reads .* minus \$[\d.]+ paid over the input price for cache writes\./);
  });

  it('spend by surface names who asked (chat, CLI, an extension through the language model API), largest first', () => {
    const rows = tab.charts.surfaces;
    assert.deepEqual(new Set(rows.map((r) => r.key)), new Set(['chat', 'cli', 'lm:cline.cline', 'vscode', 'lm:vscode-chat']));
    assert.equal(rows[0]!.key, 'chat', 'the chat made a third of the requests');
    assert.equal(rows[0]!.fraction, 1);
    assert.equal(rows.reduce((n, r) => n + r.requests, 0), records.length);
    assert.deepEqual([surfaceLabel('lm:cline.cline'), surfaceLabel('cli'), surfaceLabel('')], ['cline.cline (language model API)', 'CLI', 'Not recorded']);
  });

  it('every chart has a table with a caption, a header per series and one row per day plus the month', () => {
    for (const c of tab.charts.charts) {
      assert.ok(c.table.caption.length > 10, c.id);
      assert.equal(c.table.rows.length, c.id === 'usage-budget' ? 20 : 21, c.id);
      for (const r of c.table.rows) assert.equal(r.length, c.table.columns.length, `${c.id}: ${r.join(' | ')}`);
      assert.ok(c.summary.length > 20 && !c.empty, c.id);
    }
  });

  it('the tab\'s report (the store\'s sums) is the report of the records: totals, by model and day, comparison and advice', () => {
    const report = buildUsageReport(records, { now: NOW, budget: BUDGET });
    assert.equal(tab.report.summary.requests, report.summary.requests);
    assert.equal(tab.report.summary.unpricedRequests, report.summary.unpricedRequests);
    close(tab.report.summary.totalCostUsd, report.summary.totalCostUsd, 'total');
    close(tab.report.summary.cacheWriteCostUsd, report.summary.cacheWriteCostUsd, 'cache writes');
    assert.deepEqual(tab.report.byModel.map((b) => [b.key, b.requests]), report.byModel.map((b) => [b.key, b.requests]));
    assert.deepEqual(tab.report.byDay.map((b) => [b.key, b.requests]), report.byDay.map((b) => [b.key, b.requests]));
    assert.equal(tab.report.comparison.unpricedRequests, report.comparison.unpricedRequests);
    tab.report.comparison.scenarios.forEach((s, i) => close(s.usd, report.comparison.scenarios[i]!.usd, s.scenario));
    assert.deepEqual(tab.report.advice.map((a) => a.id), report.advice.map((a) => a.id));
    tab.report.advice.forEach((a, i) => close(a.savingUsd, report.advice[i]!.savingUsd, a.id));
    const view = usagePart({ report: tab.report }).usage!;
    assert.ok(view.comparison.length > 0 && view.advice.length > 0, 'the first view has the comparison and the advice');
  });
});

describe('Usage tab charts with nothing recorded', () => {
  before(function () {
    skipWithoutSqlite(this);
  });

  it('says there is nothing yet instead of drawing empty charts, and offers the tables still', async () => {
    const home = tempHome('sb-usage-empty-');
    try {
      const store = openLocalStore(home.dir);
      const tab = await loadUsageTab(store.ledger, NOW);
      store.close();
      for (const c of tab.charts.charts) assert.equal(c.empty, 'No requests in November 2026 yet.', c.id);
      assert.deepEqual(tab.charts.surfaces, []);
      assert.match(chart(tab.charts.charts, 'usage-budget').summary, /no monthly budget is set/);
      assert.equal(tab.report.budget, undefined);
    } finally {
      home.cleanup();
    }
  });
});
