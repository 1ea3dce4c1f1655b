import * as assert from 'node:assert/strict';
import { SwitchboardClient } from '../../src/core/client';
import { DEFAULT_CONFIG } from '../../src/core/config/schema';
import { SwitchboardError, isSwitchboardError } from '../../src/core/errors';
import type { ErrorType } from '../../src/core/errors';
import { NOTIFICATION_ROW_BUDGET, budgetAlertFixes, fixActionsFor, fixContextFrom, noticeFixes, notificationFixes } from '../../src/core/errorFixes';
import type { FixContext } from '../../src/core/errorFixes';
import { missingApiKeyError } from '../../src/core/providers/anthropic/anthropicErrors';
import { BudgetTracker, MemoryFiredStore } from '../../src/core/usage/budget';
import { resolveModel } from '../../src/core/models/resolve';
import type { UsageRecord } from '../../src/core/usage/ledger';
import type { ModelRequest } from '../../src/core/types';
import { startAnthropicEmulator } from '../emulators/anthropic';
import type { AnthropicEmulator } from '../emulators/anthropic';

const ALL_TYPES: ErrorType[] = [
  'authentication', 'permission', 'rate_limit', 'overloaded', 'unavailable', 'model_not_found', 'inference_profile_required', 'region',
  'context_length', 'invalid_request', 'timeout', 'network', 'invalid_config', 'missing_dependency', 'cancelled', 'budget_exceeded', 'billing', 'unknown',
];
const full: FixContext = { otherProviders: ['anthropic', 'bedrock'], region: 'us-east-1', awsProfile: 'work' };

describe('fix actions per error', () => {
  it('over budget (the budget tracker\'s own error) → Allow One More Request, then Budget Settings; never Retry or Set API Key', async () => {
    const spent: UsageRecord = {
      time: new Date().toISOString(), provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', inputTokens: 1, outputTokens: 1,
      cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 1, costUsd: 12, outcome: 'ok', cached: false,
    };
    const tracker = new BudgetTracker({ settings: { monthlyUsd: 10, alertThresholds: [100], hardStop: true }, readLedger: async () => [spent], store: new MemoryFiredStore() });
    const err = await tracker.beforeRequest().then(
      () => assert.fail('expected the hard stop'),
      (e: unknown) => e,
    );
    assert.ok(isSwitchboardError(err));
    const fixes = fixActionsFor(err, full);
    assert.deepEqual(fixes.map((f) => f.label), ['Allow One More Request', 'Budget Settings']);
    assert.deepEqual(fixes[1], { kind: 'openSetting', setting: { id: 'switchboard.budget.monthlyUsd', label: 'Monthly Budget (USD)' }, label: 'Budget Settings' });
  });

  it('no Anthropic key → Set API Key only (nothing to retry)', () => {
    assert.deepEqual(fixActionsFor(missingApiKeyError(), full), [{ kind: 'setApiKey', provider: 'anthropic', label: 'Set API Key' }]);
  });

  it('offers Retry only for errors a retry can fix: retryable ones, and expired credentials once refreshed', () => {
    for (const type of ALL_TYPES) {
      for (const code of [undefined, 'expired_sso_session', 'expired_credentials', 'daily_quota'] as const) {
        const err = new SwitchboardError({ type, provider: 'bedrock', message: 'x', ...(code ? { code } : {}), details: { profile: 'work' } });
        const kinds = fixActionsFor(err, full).map((f) => f.kind);
        const refreshable = type === 'authentication' && (code === 'expired_sso_session' || code === 'expired_credentials');
        if (kinds.includes('retry')) assert.ok((err.retryable && code !== 'daily_quota') || refreshable, `${type}/${code ?? '-'} offers Retry but a retry cannot succeed`);
        else if (err.retryable && code !== 'daily_quota') assert.fail(`${type}/${code ?? '-'} is retryable but offers no Retry`);
      }
    }
  });

  it('never offers the same action twice, and every label fits a notification button (≤ 30 characters)', () => {
    for (const type of ALL_TYPES) {
      for (const provider of ['anthropic', 'bedrock'] as const) {
        const fixes = fixActionsFor(new SwitchboardError({ type, provider, message: 'x' }), full);
        const keys = fixes.map((f) => JSON.stringify(f));
        assert.equal(new Set(keys).size, keys.length, `${type} on ${provider}: duplicate actions`);
        for (const f of fixes) assert.ok(f.label.length <= 30, `label too long: ${f.label}`);
      }
    }
  });

  it('a notification shows the fixes that fit its one row uncut, primary first; the issue\'s cases keep every fix', () => {
    const fits = (labels: string[]): boolean => labels.reduce((n, l) => n + l.length + 4, 0) <= NOTIFICATION_ROW_BUDGET;
    const codes = [undefined, 'invalid_api_key', 'missing_aws_credentials', 'expired_sso_session', 'marketplace_subscription', 'account_disabled', 'output_exceeds_context'] as const;
    for (const type of ALL_TYPES) {
      for (const provider of ['anthropic', 'bedrock'] as const) {
        for (const code of codes) {
          const all = fixActionsFor(new SwitchboardError({ type, provider, message: 'x', ...(code ? { code } : {}), settings: [{ id: 'switchboard.maxOutputTokens', label: 'Max Output Tokens' }] }), full);
          const shown = notificationFixes(all);
          assert.deepEqual(shown, all.slice(0, shown.length), `${type}/${code ?? '-'}: not a prefix of the fixes`);
          if (all.length) assert.ok(shown.length >= 1, `${type}/${code ?? '-'}: the primary fix is not shown`);
          if (shown.length > 1) assert.ok(fits(shown.map((f) => f.label)), `${type}/${code ?? '-'} on ${provider}: ${shown.map((f) => f.label).join(' | ')} do not fit`);
        }
      }
    }
    const envKey = fixContextFrom({ provider: 'anthropic', env: { ANTHROPIC_API_KEY: 'sk-ant-x' }, apiKeyEnv: 'ANTHROPIC_API_KEY', stored: { anthropicApiKey: true } });
    const cases: Array<[SwitchboardError, FixContext]> = [
      [new SwitchboardError({ type: 'budget_exceeded', message: 'x' }), full],
      [new SwitchboardError({ type: 'model_not_found', provider: 'anthropic', message: 'x' }), { modelAvailableOn: ['bedrock'] }],
      [new SwitchboardError({ type: 'authentication', code: 'invalid_api_key', provider: 'anthropic', message: 'x' }), envKey],
      [new SwitchboardError({ type: 'authentication', code: 'expired_sso_session', provider: 'bedrock', message: 'x' }), full],
    ];
    for (const [err, ctx] of cases) assert.deepEqual(notificationFixes(fixActionsFor(err, ctx)), fixActionsFor(err, ctx), err.type);
    assert.ok(fits(budgetAlertFixes().map((f) => f.label)));
  });

  it('switches only to a provider other than the one that failed', () => {
    for (const type of ALL_TYPES) {
      for (const provider of ['anthropic', 'bedrock'] as const) {
        for (const f of fixActionsFor(new SwitchboardError({ type, provider, message: 'x' }), full)) {
          if (f.kind === 'switchProvider') assert.notEqual(f.provider, provider, `${type}: switches to the failed provider`);
        }
      }
    }
  });

  it('a cancel offers nothing', () => {
    assert.deepEqual(fixActionsFor(new SwitchboardError({ type: 'cancelled', message: 'x' }), full), []);
  });

  it('a model only on Bedrock, asked of Anthropic through the product\'s resolver → Use Bedrock, then Pick Another Model (no context needed)', () => {
    let err: unknown;
    try {
      resolveModel({ provider: 'anthropic', model: 'nova-pro' });
    } catch (e) {
      err = e;
    }
    assert.ok(isSwitchboardError(err), String(err));
    assert.deepEqual(fixActionsFor(err).map((f) => f.label), ['Use Bedrock', 'Pick Another Model']);
  });

  it('a model only on Bedrock, requested from Anthropic (catalog says so in the context) → Use Bedrock, then Pick Another Model; not Retry, not Set API Key', () => {
    const err = new SwitchboardError({ type: 'model_not_found', provider: 'anthropic', message: 'Amazon Nova Pro ("nova-pro") is only available on Amazon Bedrock.' });
    assert.deepEqual(fixActionsFor(err, { modelAvailableOn: ['bedrock'] }).map((f) => f.label), ['Use Bedrock', 'Pick Another Model']);
  });
});

describe('fixes of alerts and engine notices (the notifications that are not errors)', () => {
  it('a budget alert offers where the money went, then the budget; nothing to allow (nothing was refused)', () => {
    assert.deepEqual(budgetAlertFixes().map((f) => [f.kind, f.label]), [['showUsage', 'Open Usage'], ['openSetting', 'Budget Settings']]);
  });

  it('each engine notice gets the fix for its cause: the log for a ledger write, the hard stop for unreadable spend, a fallback for a long retry-after wait', () => {
    assert.deepEqual(noticeFixes('ledger_write_failed').map((f) => f.kind), ['showLog']);
    const unreadable = noticeFixes('budget_unreadable');
    assert.ok(unreadable.some((f) => f.kind === 'openSetting' && f.setting.id === 'switchboard.budget.hardStop'), JSON.stringify(unreadable));
    const wait = noticeFixes('waiting_retry_after', { fallbackProvider: null });
    assert.ok(wait[0]?.kind === 'openSetting' && wait[0].setting.id === 'switchboard.modelProvider.fallbackProvider', JSON.stringify(wait));
    // With a fallback configured, setting one is no fix.
    assert.ok(!noticeFixes('waiting_retry_after', { fallbackProvider: 'bedrock' }).some((f) => f.kind === 'openSetting'));
  });
});

describe('fix context from what a surface holds', () => {
  it('reports a stored key as the one in use even when the variable is set (as providerFactory chooses), and the variable as set', () => {
    const ctx = fixContextFrom({ provider: 'anthropic', fallbackProvider: 'bedrock', env: { MY_KEY: 'sk-ant-x' }, apiKeyEnv: 'MY_KEY', stored: { anthropicApiKey: true } });
    assert.deepEqual(ctx.anthropicKey, { source: 'stored', envVar: 'MY_KEY', envSet: true });
    assert.deepEqual(ctx.bedrockApiKey, { source: 'none', envVar: 'AWS_BEARER_TOKEN_BEDROCK', envSet: false });
    assert.deepEqual(ctx.otherProviders, ['bedrock']);
  });

  it('offers a switch only to a provider that can work: the fallback, or the usable ones when known', () => {
    assert.deepEqual(fixContextFrom({ provider: 'bedrock', fallbackProvider: null, env: {}, apiKeyEnv: 'ANTHROPIC_API_KEY', stored: {} }).otherProviders, []);
    assert.deepEqual(fixContextFrom({ provider: 'bedrock', env: {}, apiKeyEnv: 'ANTHROPIC_API_KEY', stored: {}, usableProviders: ['anthropic', 'bedrock'] }).otherProviders, ['anthropic']);
  });
});

describe('the primary fix fixes the cause, through the product\'s own client and defaults', () => {
  let anthropic: AnthropicEmulator;
  before(async () => {
    anthropic = await startAnthropicEmulator({ contextWindow: 9_000 });
  });
  after(() => anthropic.close());
  beforeEach(() => anthropic.reset());
  const config = (over: Partial<typeof DEFAULT_CONFIG> = {}): typeof DEFAULT_CONFIG => ({ ...DEFAULT_CONFIG, anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: anthropic.url }, ...over });
  const ask = (content = 'hello'): ModelRequest => ({ model: 'sonnet', messages: [{ role: 'user', content }] });
  const failure = async (p: Promise<unknown>): Promise<SwitchboardError> => {
    const e = await p.then(
      () => assert.fail('expected a failure'),
      (err: unknown) => err,
    );
    assert.ok(isSwitchboardError(e), String(e));
    return e;
  };

  it('a stale stored key while ANTHROPIC_API_KEY holds a good one: Clear Stored Key comes first, and without the stored key the request succeeds', async () => {
    const env = { ANTHROPIC_API_KEY: 'sk-ant-test-key' };
    const stale = new SwitchboardClient({ config: config(), secrets: { anthropicApiKey: 'sk-ant-stale-key-000' }, env });
    const err = await failure(stale.send(ask()));
    stale.dispose();
    const ctx = fixContextFrom({ provider: 'anthropic', env, apiKeyEnv: 'ANTHROPIC_API_KEY', stored: { anthropicApiKey: true } });
    assert.equal(fixActionsFor(err, ctx)[0]?.kind, 'clearStoredKey');
    const cleared = new SwitchboardClient({ config: config(), secrets: {}, env });
    try {
      assert.match((await cleared.send(ask())).text, /Echo/);
    } finally {
      cleared.dispose();
    }
  });

  it('input + the default Max Output Tokens over the window: lowering Max Output Tokens to what the hint names makes the same request succeed', async () => {
    const client = new SwitchboardClient({ config: config(), secrets: { anthropicApiKey: 'sk-ant-test-key' }, env: {} });
    const long = 'word '.repeat(2_000);
    const err = await failure(client.send(ask(long)));
    client.dispose();
    assert.equal(err.code, 'output_exceeds_context');
    const fix = fixActionsFor(err)[0];
    assert.ok(fix?.kind === 'openSetting' && fix.setting.id === 'switchboard.maxOutputTokens', JSON.stringify(fix));
    const room = Number(/to ([\d,]+) or less/.exec(err.hint ?? '')?.[1]?.replace(/,/g, ''));
    assert.ok(room > 0 && room < DEFAULT_CONFIG.maxOutputTokens, err.hint);
    const fixed = new SwitchboardClient({ config: config({ maxOutputTokens: room }), secrets: { anthropicApiKey: 'sk-ant-test-key' }, env: {} });
    try {
      assert.match((await fixed.send(ask(long))).text, /Echo/);
    } finally {
      fixed.dispose();
    }
  });
});
