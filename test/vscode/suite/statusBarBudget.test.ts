import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cfg, getApi, resetUserSettings, waitFor } from './helpers';

describe('Status bar tooltip: this month\'s spend against the budget', () => {
  after(async () => {
    await resetUserSettings(['budget.monthlyUsd']);
  });

  it('shows the spend against a budget as soon as one is set, in the same whole percent as everywhere, and drops it when the budget is cleared', async () => {
    const api = await getApi();
    // The tooltip as the user reads it (markdown escapes removed).
    const tooltip = (): string => api.statusBar.tooltipText().replace(/\\(.)/g, '$1');
    await cfg().update('budget.monthlyUsd', 20, vscode.ConfigurationTarget.Global);
    const line = await waitFor('the budget in the tooltip', () => tooltip().split('\n').find((l) => /\$20\.00/.test(l)));
    const spend = api.host.state.spend;
    if (spend) {
      // Rounded down: 100 % means the budget is reached (src/core/usage/budget.ts budgetPercent).
      const percent = Math.floor((spend.usd / 20) * 100 + 1e-9);
      assert.match(line, new RegExp(`^This month: \\$[\\d.]+ of the \\$20\\.00 budget \\(${percent} %\\)`), line);
    } else {
      assert.match(line, /^Monthly budget: \$20\.00/, line);
    }
    await cfg().update('budget.monthlyUsd', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('the budget gone from the tooltip', () => !/budget/i.test(tooltip()));
  });
});
