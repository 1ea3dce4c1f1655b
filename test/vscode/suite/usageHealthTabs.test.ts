import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openDatabase } from '../../../src/core/storage/sqlite';
import { num } from '../../../src/core/storage/sqlite';
import { seedHealthHistory, seedUsageRecords } from '../../fixtures/storeSeed';
import type { HealthSeed } from '../../fixtures/storeSeed';
import { getApi, useAnthropicEmulator, waitFor } from './helpers';

const KEY = 'sk-ant-api03-inhost-usage-tabs-test-00000000000abcd';
const SEEDED = 'test:seeded';

/** The store's highest ids now: what a test adds above them is its own to remove. */
function marks(file: string): { usage: number; health: number; failovers: number } {
  const db = openDatabase(file);
  try {
    const max = (table: string): number => num(db.prepare(`SELECT COALESCE(MAX(id), 0) AS n FROM ${table}`).get()?.n);
    return { usage: max('usage'), health: max('health_samples'), failovers: max('failover_events') };
  } finally {
    db.close();
  }
}

describe('Dashboard Usage and Health tabs (the extension\'s own store, seeded)', () => {
  const emu = useAnthropicEmulator(KEY);
  let before_: ReturnType<typeof marks>;
  let seeded: { usd: number; requests: number; health: HealthSeed };

  before(async function () {
    this.timeout(120_000);
    const api = await getApi();
    const store = api.usage.store;
    before_ = marks(store.file);
    // 3,000 requests over this month so far, and a week of health samples with a Bedrock outage 5 hours ago.
    const now = new Date();
    const records = seedUsageRecords(3000, now, { surface: SEEDED });
    store.ledger.appendMany(records);
    const health = await seedHealthHistory(store.healthHistory, now.getTime(), 600_000);
    seeded = { usd: records.reduce((n, r) => n + (r.costUsd ?? 0), 0), requests: records.length, health };
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Leave the store as the other suites expect it: the seeded rows out again.
    const api = await getApi();
    const db = openDatabase(api.usage.store.file);
    try {
      db.exec(`DELETE FROM usage_records WHERE id IN (SELECT id FROM usage WHERE id > ${before_.usage} AND surface = '${SEEDED}')`);
      db.exec(`DELETE FROM usage WHERE id > ${before_.usage} AND surface = '${SEEDED}'`);
      db.exec(`DELETE FROM health_samples WHERE id > ${before_.health}`);
      db.exec(`DELETE FROM failover_events WHERE id > ${before_.failovers}`);
    } finally {
      db.close();
    }
  });

  it('Show Usage opens the dashboard (a webview, not a markdown document) and its Usage tab draws the month from the store', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('switchboard.showUsage');
    await waitFor('the dashboard panel', () => api.dashboard.isOpen, 20_000);
    const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    await waitFor('the dashboard as the active tab', () => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return active?.input instanceof vscode.TabInputWebview && active.input.viewType.includes('switchboard.dashboard');
    }, 20_000);
    assert.ok(!tabs().some((t) => t.input instanceof vscode.TabInputText && /switchboard-usage|Usage\.md/.test(t.input.uri.toString())), 'a markdown document was opened');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.languageId === 'markdown' && d.uri.scheme === 'switchboard-usage'), 'the report was opened as markdown source');
    await waitFor('the ready handshake', () => api.dashboard.controller.isReady, 30_000);
    const model = await waitFor('the usage charts', () => api.dashboard.controller.lastModel?.usageCharts);
    const byProvider = model.charts.find((c) => c.id === 'usage-spend-provider')!;
    const total = byProvider.series.reduce((n, s) => n + s.values.reduce<number>((a, b) => a + (b ?? 0), 0), 0);
    assert.ok(total >= seeded.usd - 1e-6, `the chart's month (${total}) holds the seeded spend (${seeded.usd})`);
    assert.ok(!byProvider.empty);
    assert.deepEqual(model.charts.map((c) => c.id), ['usage-spend-provider', 'usage-spend-model', 'usage-budget', 'usage-tokens', 'usage-savings']);
    const surface = model.surfaces.find((s) => s.key === SEEDED);
    assert.equal(surface?.requests, seeded.requests);
    for (const c of model.charts) assert.ok(c.table.rows.length >= 2 && c.table.columns.length >= 2, c.id);
    // The comparison and the advice are in the same view model as the charts (the store's month sums).
    const usage = api.dashboard.controller.lastModel?.usage;
    assert.ok(usage, 'the usage card is in the view model with the charts');
    assert.ok(usage.comparison.length > 0);
    assert.ok(usage.requests >= seeded.requests);
  });

  it('the Health tab shows the recorded history: the seeded outage and failover in the last 24 hours, with latency and error rate per hour', async () => {
    const api = await getApi();
    await api.dashboard.controller.refresh();
    const history = await waitFor('the health history', () => api.dashboard.controller.lastModel?.healthHistory);
    const day = history.ranges.find((r) => r.id === '24h')!;
    assert.ok(day.outages.rows.some((r) => r[0] === 'Amazon Bedrock' && r[3] === '1 h'), JSON.stringify(day.outages.rows));
    assert.ok(day.failovers.rows.some((r) => r[1] === 'Amazon Bedrock → Anthropic'), JSON.stringify(day.failovers.rows));
    const latency = day.charts.find((c) => c.id === 'health-latency-24h')!;
    assert.equal(latency.x.length, 24);
    assert.ok(latency.series[0]!.values.filter((v) => v !== null).length >= 20, 'Anthropic latency in most hours');
    assert.ok(history.ranges.find((r) => r.id === '7d')!.charts.every((c) => c.x.length === 28));
  });

  it('a chat request is recorded as the chat\'s (spend by surface) and the cache card says why it was not looked up', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', KEY);
    await vscode.commands.executeCommand('switchboard.openChat');
    await waitFor('the chat view to resolve', () => api.chat.isResolved, 20_000);
    const chat = api.chat.controller;
    await chat.newChat();
    emu.emulator.reset();
    await chat.handle({ type: 'send', text: 'count this for the chat', model: 'sonnet' });
    await chat.whenIdle();
    assert.equal(emu.emulator.requests.length > 0, true, 'the chat reached the emulator');
    const last = (await api.usage.store.ledger.read({ since: new Date(Date.now() - 60_000) })).at(-1);
    assert.equal(last?.surface, 'chat');
    await api.dashboard.controller.refresh();
    const model = await waitFor('the chat in spend by surface', () => (api.dashboard.controller.lastModel?.usageCharts?.surfaces.some((s) => s.key === 'chat') ? api.dashboard.controller.lastModel : undefined));
    assert.equal(model.usageCharts!.surfaces.find((s) => s.key === 'chat')?.label, 'Chat');
    assert.match(model.cache?.note ?? '', /Only reproducible requests are looked up .* chat requests skip the cache/);
  });
});
