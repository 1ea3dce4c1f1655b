import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { cfg, getApi, resetUserSettings, waitFor } from './helpers';

const KEY = 'sk-ant-api03-inhost-budget-test-0000000000000000abcd';
const TOUCHED = ['modelProvider.anthropic.baseUrl', 'budget.monthlyUsd', 'budget.alertThresholds', 'budget.hardStop'];

describe('Budget (against the Anthropic emulator)', () => {
  let emulator: AnthropicEmulator;

  before(async function () {
    emulator = await startAnthropicEmulator({ apiKeys: [KEY] });
    const api = await getApi();
    await cfg().update('modelProvider.anthropic.baseUrl', emulator.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', KEY);
    // A budget any request exceeds, alerting at 100 % only; no hard stop yet.
    await cfg().update('budget.monthlyUsd', 0.000001, vscode.ConfigurationTarget.Global);
    await cfg().update('budget.alertThresholds', [100], vscode.ConfigurationTarget.Global);
    await waitFor('settings applied', () => api.host.config.anthropic.baseUrl.value === emulator.url && api.usage.tracker.budget.monthlyUsd === 0.000001);
  });

  after(async () => {
    await vscode.commands.executeCommand('switchboard.clearAnthropicApiKey');
    await resetUserSettings(TOUCHED);
    await emulator?.close();
  });

  async function ask(): Promise<{ ok: boolean; error?: { type?: string; message: string } }> {
    const api = await getApi();
    try {
      for await (const e of api.host.stream({ model: 'sonnet', messages: [{ role: 'user', content: 'hello' }] }, { allowFailover: false })) {
        if (e.type === 'done') return { ok: true };
      }
      return { ok: false, error: { message: 'no result' } };
    } catch (e) {
      return { ok: false, error: { type: (e as { type?: string }).type, message: (e as Error).message } };
    }
  }
  const calls = (): number => emulator.requestsTo('/v1/messages').length;

  it('alerts at the threshold, then the hard stop refuses without a request until one override lets exactly one through', async () => {
    const api = await getApi();
    const first = await ask();
    assert.ok(first.ok, JSON.stringify(first.error));
    const alert = await waitFor('the 100 % alert', () => api.usage.lastAlert);
    assert.deepEqual(alert.crossed, [100]);
    assert.match(alert.message, /spent this month/);
    // One percentage: the alert's is the one the usage report (and the dashboard) shows.
    const atAlert = await api.usage.usageReport();
    assert.match(alert.message, new RegExp(`, ${atAlert.budget!.percent} % of your `), `alert "${alert.message}" vs report ${atAlert.budget!.percent} %`);
    assert.equal(atAlert.advice[0]?.id, 'over-budget', 'over the budget, the advice says so first');
    assert.ok((api.host.state.spend?.requests ?? 0) >= 1, 'the status bar spend was not updated');

    await cfg().update('budget.hardStop', true, vscode.ConfigurationTarget.Global);
    await waitFor('hard stop on', () => api.usage.tracker.budget.hardStop);
    const before = calls();
    const refused = await ask();
    assert.equal(refused.error?.type, 'budget_exceeded');
    assert.match(refused.error?.message ?? '', /monthly budget/);
    assert.equal(calls(), before, 'a refused request reached the provider');

    await vscode.commands.executeCommand('switchboard.allowOverBudget');
    assert.ok((await ask()).ok);
    assert.equal(calls(), before + 1);
    assert.equal((await ask()).error?.type, 'budget_exceeded');
    assert.equal(calls(), before + 1);

    const report = await api.usage.report();
    assert.match(report, /Budget:\*\* \$0\.00/);
    assert.doesNotMatch(report, /Nothing to suggest/);
  });
});
