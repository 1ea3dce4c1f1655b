import * as assert from 'node:assert/strict';
import { buildDashboardViewModel } from '../../../../src/presenters/dashboard/viewModel';
import { formatBytes } from '../../../../src/presenters/dashboard/usageView';
import type { DashboardInput } from '../../../../src/presenters/dashboard/viewModel';
import type { UsageRecord } from '../../../../src/core/usage/ledger';
import { buildUsageReport } from '../../../../src/core/usage/report';

const NOW = new Date('2026-11-20T12:00:00Z');

function record(over: Partial<UsageRecord>): UsageRecord {
  return {
    time: '2026-11-10T10:00:00Z', provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6',
    inputTokens: 1000, outputTokens: 100, cacheWriteInputTokens: 0, cacheReadInputTokens: 0,
    latencyMs: 500, costUsd: 0.0045, cacheWriteCostUsd: 0, outcome: 'ok', cached: false, ...over,
  };
}

function input(over: Partial<DashboardInput> = {}): DashboardInput {
  return {
    model: 'sonnet', primary: 'anthropic', fallback: 'bedrock', autoFallback: true,
    providers: [
      { id: 'anthropic', auth: 'API key stored (…abcd)', resolved: { modelId: 'claude-sonnet-4-6' } },
      { id: 'bedrock', auth: 'profile dev', region: 'eu-west-1', resolved: { error: 'no Bedrock ID for "custom"' } },
    ],
    compare: { prompt: 'hi', running: false, rows: [], maxTokens: 1024 },
    ...over,
  };
}

describe('dashboard view model', () => {
  it('marks the primary and fallback providers and says how routing works', () => {
    const vm = buildDashboardViewModel(input());
    assert.deepEqual(vm.providers.map((p) => [p.label, p.role]), [['Anthropic', 'primary'], ['Amazon Bedrock', 'fallback']]);
    assert.equal(vm.routing, 'Anthropic is primary; falls back to Amazon Bedrock automatically.');
    const none = buildDashboardViewModel(input({ primary: 'bedrock', fallback: null }));
    assert.deepEqual(none.providers.map((p) => p.role), ['standby', 'primary']);
    assert.match(none.routing, /no fallback provider/);
  });

  it('a provider that is neither primary nor fallback is labelled "not configured as fallback", never "standby"; a failover is named on both cards', () => {
    const none = buildDashboardViewModel(input({ primary: 'anthropic', fallback: null }));
    assert.deepEqual(none.providers.map((p) => p.roleLabel), ['primary', 'not configured as fallback']);
    const failed = buildDashboardViewModel(input({ failover: { from: 'anthropic', to: 'bedrock', reason: 'overloaded' } }));
    assert.deepEqual(failed.providers.map((p) => p.roleLabel), ['primary (failed over)', 'answering (failover)']);
  });

  it('never shows a green Test Connection under a provider whose health is down; a failed test and a running one stay', () => {
    const down = { status: 'down' as const, samples: 3, errorRate: 1, lastError: { at: 2, type: 'authentication', message: 'invalid x-api-key' } };
    const ok = { state: 'ok' as const, identity: 'API key …abcd', modelId: 'claude-sonnet-4-6', latencyMs: 120 };
    const vm = buildDashboardViewModel(input({
      providers: [
        { id: 'anthropic', auth: 'a', resolved: { modelId: 'claude-sonnet-4-6' }, snapshot: down, test: ok },
        { id: 'bedrock', auth: 'b', resolved: { modelId: 'us.anthropic.claude-sonnet-4-6' }, snapshot: { ...down, status: 'ok', errorRate: 0 }, test: ok },
      ],
    }));
    assert.equal(vm.providers[0]!.health.status, 'down');
    assert.equal(vm.providers[0]!.test, undefined);
    assert.deepEqual(vm.providers[1]!.test, ok);
    const failing = buildDashboardViewModel(input({ providers: [{ id: 'anthropic', auth: 'a', resolved: {}, snapshot: down, test: { state: 'error', errorType: 'authentication', message: 'invalid x-api-key' } }] }));
    assert.equal(failing.providers[0]!.test?.state, 'error');
  });

  it('shows the resolved model ID, or the mapping problem instead', () => {
    const [anthropic, bedrock] = buildDashboardViewModel(input()).providers;
    assert.equal(anthropic!.modelId, 'claude-sonnet-4-6');
    assert.equal(bedrock!.modelId, undefined);
    assert.match(bedrock!.modelError ?? '', /custom/);
    assert.equal(bedrock!.region, 'eu-west-1');
  });

  it('health: monitor percentiles and error rate when there are samples, else the last check, else unknown', () => {
    const vm = buildDashboardViewModel(input({
      providers: [
        { id: 'anthropic', auth: 'a', resolved: {}, snapshot: { status: 'degraded', samples: 8, errorRate: 0.25, p50Ms: 420.4, p95Ms: 1900, lastError: { at: 1, type: 'overloaded', message: 'Anthropic is overloaded (529)' } } },
        { id: 'bedrock', auth: 'b', resolved: {}, health: { ok: true, provider: 'bedrock', latencyMs: 233.7, checkedAt: 1 } },
      ],
    }));
    assert.deepEqual(vm.providers[0]!.health, { status: 'degraded', summary: 'p50 420 ms · p95 1900 ms · 25 % errors over 8 samples', lastError: 'overloaded: Anthropic is overloaded (529)' });
    assert.deepEqual(vm.providers[1]!.health, { status: 'ok', summary: 'last check 234 ms' });
    assert.deepEqual(buildDashboardViewModel(input()).providers[0]!.health, { status: 'unknown', summary: 'not checked yet' });
    const emptyWindow = buildDashboardViewModel(input({
      providers: [{ id: 'anthropic', auth: 'a', resolved: {}, snapshot: { status: 'unknown', samples: 0, errorRate: 0 }, health: { ok: false, provider: 'anthropic', latencyMs: 0, checkedAt: 1, error: { type: 'authentication', message: 'invalid x-api-key' } } }],
    }));
    assert.deepEqual(emptyWindow.providers[0]!.health, { status: 'down', summary: 'no samples yet', lastError: 'authentication: invalid x-api-key' });
  });

  it('names a failover in effect', () => {
    const vm = buildDashboardViewModel(input({ failover: { from: 'anthropic', to: 'bedrock', reason: 'overloaded (529)' } }));
    assert.equal(vm.failover, 'Failed over from Anthropic to Amazon Bedrock: overloaded (529)');
  });

  it('usage: month-to-date with cache writes apart, bars scaled to the largest row, budget capped at 100 %', () => {
    const report = buildUsageReport([
      record({ costUsd: 0.03, cacheWriteCostUsd: 0.01, cacheWriteInputTokens: 2000 }),
      record({ provider: 'bedrock', modelId: 'eu.anthropic.claude-sonnet-4-6', costUsd: 0.01 }),
      record({ provider: 'bedrock', modelId: 'custom-model', costUsd: null }),
      record({ time: '2026-10-01T00:00:00Z', costUsd: 5 }),
    ], { now: NOW, budget: { monthlyUsd: 0.02, alertThresholds: [80, 100], hardStop: true } });
    const u = buildDashboardViewModel(input({ report })).usage!;
    assert.equal(u.month, '2026-11');
    assert.equal(u.total, '$0.04 + unknown (1 unpriced)');
    assert.equal(u.requests, 3);
    assert.match(u.cacheWrite ?? '', /^\$0\.0100 on prompt-cache writes \(2000 tokens written, 0 read\)$/);
    assert.deepEqual(u.byProvider.map((r) => [r.key, r.fraction]), [['Anthropic', 1], ['Amazon Bedrock', 0.01 / 0.03]]);
    assert.equal(u.byModel.length, 3);
    assert.equal(u.budget?.percent, 100);
    assert.equal(u.budget?.label, '200 % of $0.02 (hard stop on)');
  });

  it('usage without a budget has no budget bar; no requests gives no bars and no comparison', () => {
    const u = buildDashboardViewModel(input({ report: buildUsageReport([], { now: NOW }) })).usage!;
    assert.equal(u.budget, undefined);
    assert.deepEqual([u.byProvider, u.comparison], [[], []]);
    assert.equal(u.total, '$0.00');
  });

  it('usage without prompt-cache writes has no cache-write row (not "$0.0000 on prompt-cache writes")', () => {
    const u = buildDashboardViewModel(input({ report: buildUsageReport([record({ costUsd: 0.02 })], { now: NOW }) })).usage!;
    assert.equal(u.cacheWrite, undefined);
    assert.equal(u.requests, 1);
  });

  it('usage at 170 % of the budget: the advice says so and what to do, first, with no "saves" figure', () => {
    const report = buildUsageReport([record({ costUsd: 17 })], { now: NOW, budget: { monthlyUsd: 10, alertThresholds: [50, 80, 100], hardStop: false } });
    const u = buildDashboardViewModel(input({ report })).usage!;
    assert.equal(u.budget?.label, '170 % of $10.00');
    assert.equal(u.advice[0]?.title, 'Over the monthly budget (170 %)');
    assert.equal(u.advice[0]?.warning, true);
    assert.equal(u.advice[0]?.saving, undefined);
    assert.match(u.advice[0]?.detail ?? '', /\$17\.00 is 170 % of the \$10\.00 budget\. .*switchboard\.budget\.hardStop.*raise the budget \(switchboard\.budget\.monthlyUsd/);
  });

  it('cache: entries, size, hit rate and dollars saved', () => {
    const vm = buildDashboardViewModel(input({ cache: { enabled: true, entries: 12, bytes: 3 * 1024 * 1024, hits: 3, misses: 9, hitRate: 0.25, savedUsd: 0.0123 } }));
    assert.deepEqual(vm.cache, { enabled: true, entries: 12, size: '3.0 MB', hitRate: '25 % (3 of 12)', saved: '$0.0123' });
    const empty = buildDashboardViewModel(input({ cache: { enabled: false, entries: 0, bytes: 0, hits: 0, misses: 0, hitRate: 0, savedUsd: 0 } }));
    assert.equal(empty.cache?.hitRate, 'no lookups yet');
    assert.deepEqual([formatBytes(512), formatBytes(2048)], ['512 B', '2.0 KB']);
  });
});
