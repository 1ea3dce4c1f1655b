import * as assert from 'node:assert/strict';
import { adviseOnUsage, compareProviders } from '../../../src/core/usage/advice';
import type { UsageRecord } from '../../../src/core/usage/ledger';
import { buildUsageReport, formatSpend, renderUsageMarkdown } from '../../../src/core/usage/report';

function rec(over: Partial<UsageRecord>): UsageRecord {
  return { time: '2026-11-10T12:00:00.000Z', provider: 'anthropic', model: 'opus', modelId: 'claude-opus-4-7', inputTokens: 0, outputTokens: 0, cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 1, costUsd: 0, outcome: 'ok', cached: false, ...over };
}
const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

// Opus 4.7: $5 in / $25 out per MTok. 1000 in + 100 out = 0.005 + 0.0025 = $0.0075. On Haiku ($1 / $5): $0.0015.
const shortOpus = rec({ inputTokens: 1000, outputTokens: 100, costUsd: 0.0075 });
// Sonnet 4.6 on a us. geo profile: $3.30 in (10 % over global). 100K input tokens = $0.33; global: $0.30.
// (Below the 200K long-context tier on purpose: 1M tokens would be priced at $6 / MTok.)
const bedrockGeo = rec({ provider: 'bedrock', model: 'sonnet', modelId: 'us.anthropic.claude-sonnet-4-6', inputTokens: 100_000, costUsd: 0.33 });

describe('cost comparison and advice', () => {
  it('prices the same tokens on the Anthropic API, Bedrock global and Bedrock geo profiles', () => {
    // and switches the whole request to the long-context tier above 200K prompt tokens ($6 / MTok)
    // for Sonnet 4.5, which has one; Sonnet 4.6 has none in the public price tables ($3 / MTok).
    const huge = compareProviders([rec({ model: 'sonnet-4.5', modelId: 'claude-sonnet-4-5-20250929', inputTokens: 1_000_000, costUsd: 6 })]);
    close(huge.scenarios.find((s) => s.scenario === 'anthropic')!.usd, 6, 'long context');
    const huge46 = compareProviders([rec({ model: 'sonnet', modelId: 'claude-sonnet-4-6', inputTokens: 1_000_000, costUsd: 3 })]);
    close(huge46.scenarios.find((s) => s.scenario === 'anthropic')!.usd, 3, 'no long-context tier');
    const c = compareProviders([bedrockGeo, rec({ provider: 'bedrock', model: 'mistral', modelId: 'mistral.mistral-large-2407-v1:0', costUsd: null })]);
    close(c.actualUsd, 0.33, 'recorded');
    assert.equal(c.unpricedRequests, 1);
    const by = Object.fromEntries(c.scenarios.map((s) => [s.scenario, s.usd]));
    close(by.anthropic, 0.3, 'anthropic');
    close(by['bedrock-global'], 0.3, 'bedrock global');
    close(by['bedrock-regional'], 0.33, 'bedrock geo');
  });

  it('does not compare Bedrock-only models with the Anthropic API', () => {
    // Nova Pro: $0.80 / MTok input, Bedrock only, no global profile.
    const c = compareProviders([rec({ provider: 'bedrock', model: 'nova', modelId: 'amazon.nova-pro-v1:0', inputTokens: 1_000_000, costUsd: 0.8 })]);
    const anthropic = c.scenarios.find((s) => s.scenario === 'anthropic')!;
    assert.deepEqual([anthropic.requests, anthropic.notComparable], [0, 1]);
    close(c.scenarios.find((s) => s.scenario === 'bedrock-regional')!.usd, 0.8, 'nova');
  });

  it('suggests haiku for short Opus requests with the saving computed from the same tokens', () => {
    const long = rec({ inputTokens: 900, outputTokens: 2000, costUsd: 0.0545 });
    const advice = adviseOnUsage([shortOpus, shortOpus, shortOpus, shortOpus, long]);
    const a = advice.find((x) => x.id === 'opus-short-to-haiku');
    assert.ok(a, JSON.stringify(advice));
    close(a.savingUsd, 4 * (0.0075 - 0.0015), 'saving');
    assert.equal(a.data.shortRequests, 4);
    assert.equal(a.data.opusRequests, 5);
    assert.match(a.detail, /4 of 5 Opus requests \(80 %\)/);
  });

  it('suggests the global profile with the percentage it saves', () => {
    const a = adviseOnUsage([bedrockGeo]).find((x) => x.id === 'bedrock-global-profile');
    assert.ok(a);
    close(a.savingUsd, 0.03, 'saving');
    close(Number(a.data.savingPercent), 0.03 / 0.33, 'percent');
    assert.match(a.detail, /9\.1 % cheaper/);
  });

  it('suggests prompt caching when long prompts are barely read from the cache', () => {
    // 10 000 uncached input tokens on Opus: assume 70 % would be reads (at $0.50 instead of $5) with
    // each cached token written once per five reads ($1.25 write premium): 7000*4.5 − 1400*1.25 = $0.02975.
    const longOpus = rec({ inputTokens: 10_000, costUsd: 0.05 });
    const a = adviseOnUsage([longOpus, longOpus]).find((x) => x.id === 'enable-prompt-caching');
    assert.ok(a);
    close(a.savingUsd, 2 * 0.02975, 'saving');
    assert.equal(a.data.cacheReadRatio, 0);
    // Well-cached traffic gets no such advice.
    const cachedOpus = rec({ inputTokens: 100, cacheReadInputTokens: 9_900, costUsd: 0.005 });
    assert.equal(adviseOnUsage([cachedOpus, cachedOpus]).find((x) => x.id === 'enable-prompt-caching'), undefined);
  });

  it('flags cache writes that are never read, with the write premium paid', () => {
    // Sonnet on the Anthropic API: 100 000 tokens written at $3.75 instead of $3 input = $0.075 premium.
    const w = rec({ model: 'sonnet', modelId: 'claude-sonnet-4-6', cacheWriteInputTokens: 100_000, costUsd: 0.375, cacheWriteCostUsd: 0.375 });
    const a = adviseOnUsage([w]).find((x) => x.id === 'unread-cache-writes');
    assert.ok(a);
    close(a.savingUsd, 0.075, 'premium');
    close(Number(a.data.cacheWriteUsd), 0.375, 'cache write spend');
  });

  it('renders a report with cache-write spend on its own line and unknown prices as unknown', () => {
    const w = rec({ model: 'sonnet', modelId: 'claude-sonnet-4-6', cacheWriteInputTokens: 100_000, costUsd: 0.375, cacheWriteCostUsd: 0.375 });
    const unknown = rec({ provider: 'bedrock', model: 'mistral', modelId: 'mistral.mistral-large-2407-v1:0', costUsd: null });
    const report = buildUsageReport([w, unknown, rec({ time: '2026-10-01T12:00:00.000Z', costUsd: 99 })], { now: new Date('2026-11-15T12:00:00.000Z'), budget: { monthlyUsd: 1, alertThresholds: [50], hardStop: false } });
    assert.equal(report.summary.requests, 2, 'only this month');
    const md = renderUsageMarkdown(report);
    assert.match(md, /\*\*Cache-write spend:\*\* \$0\.3750/);
    assert.match(md, /Month to date:\*\* \$0\.38 \+ unknown \(1 unpriced\)/);
    assert.match(md, /37 % used/, '37.5 % is 37 % — rounded down as the budget alert says it');
    assert.equal(formatSpend(0, 2), 'unknown (2 unpriced)');
  });

  it('a report without prompt-cache writes has no cache-write line', () => {
    const md = renderUsageMarkdown(buildUsageReport([rec({ costUsd: 0.5, inputTokens: 10 })], { now: new Date('2026-11-15T12:00:00.000Z') }));
    assert.doesNotMatch(md, /Cache-write spend/);
    assert.match(md, /Month to date:\*\* \$0\.50 over 1 requests/);
  });

  it('at 170 % of the budget the advice says so and what to do, never "nothing to suggest"', () => {
    const report = buildUsageReport([rec({ costUsd: 17 })], { now: new Date('2026-11-15T12:00:00.000Z'), budget: { monthlyUsd: 10, alertThresholds: [50, 80, 100], hardStop: false } });
    const md = renderUsageMarkdown(report);
    assert.doesNotMatch(md, /Nothing to suggest/);
    assert.equal(report.advice[0]?.id, 'over-budget');
    assert.match(md, /- \*\*Over the monthly budget \(170 %\)\*\*: This month's spend \$17\.00 is 170 % of the \$10\.00 budget\. Requests still go through: turn on the hard stop/);
    assert.match(md, /raise the budget \(switchboard\.budget\.monthlyUsd; CLI: SWITCHBOARD_BUDGET_USD\)/);
    const stopped = buildUsageReport([rec({ costUsd: 10 })], { now: new Date('2026-11-15T12:00:00.000Z'), budget: { monthlyUsd: 10, alertThresholds: [100], hardStop: true } });
    assert.equal(stopped.advice[0]?.title, 'The monthly budget is spent');
    assert.match(stopped.advice[0]?.detail ?? '', /The hard stop refuses further requests until the month ends/);
  });

  it('under the budget but on pace to exceed it, the advice gives the projection; on a safe pace it says nothing about the budget', () => {
    // Half of November gone (local time), $6 of $10 spent: the month ends at about $12.
    const now = new Date(2026, 10, 16, 0, 0, 0);
    const report = buildUsageReport([rec({ time: new Date(2026, 10, 10).toISOString(), costUsd: 6 })], { now, budget: { monthlyUsd: 10, alertThresholds: [50], hardStop: false } });
    assert.equal(report.advice[0]?.id, 'budget-pace');
    assert.match(report.advice[0]?.detail ?? '', /\$6\.00 spent so far \(60 % of \$10\.00\); at this pace the month ends at about \$12\.00, 120 % of the budget/);
    const calm = buildUsageReport([rec({ time: new Date(2026, 10, 10).toISOString(), costUsd: 3 })], { now, budget: { monthlyUsd: 10, alertThresholds: [50], hardStop: false } });
    assert.equal(calm.advice.some((a) => a.id === 'budget-pace' || a.id === 'over-budget'), false);
  });

  it('the report\'s budget percentage is the one the store\'s month-to-date gives (what the alert reads)', () => {
    const now = new Date('2026-11-15T12:00:00.000Z');
    const report = buildUsageReport([rec({ costUsd: 16.96 })], { now, budget: { monthlyUsd: 10, alertThresholds: [100], hardStop: false }, monthToDate: { month: '2026-11', usd: 17.4, cacheWriteUsd: 0, requests: 2, unpriced: 0 } });
    assert.deepEqual(report.budget, { monthlyUsd: 10, spentUsd: 17.4, percent: 174, hardStop: false });
  });
});
