// Failover on ONE provider's account state (docs/reliability.md, "Provider account errors"): the
// real texts the services return (test/emulators/realErrors.ts, each with its public source), sent
// by the emulators through the real SDKs, into the engine as the product builds it (createSwitchboard,
// the product's retry policy and breakers). Account states fail over once, without retries; access
// someone controls (IAM / SCP deny, a model not granted, a workspace restriction) does not.
import * as assert from 'node:assert/strict';
import type { ProviderId } from '../../../src/core/types';
import { DEFAULT_BREAKER_OPTIONS } from '../../../src/core/routing/circuitBreaker';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { ANTHROPIC_REAL_ERRORS, BEDROCK_REAL_ERRORS } from '../../emulators/realErrors';
import type { RealError } from '../../emulators/realErrors';
import { useEmulators } from './clientHelpers';
import { emulatorEngine } from './engineHelpers';
import type { TestEngine } from './engineHelpers';

const ask = { model: 'sonnet', maxTokens: 64, messages: [{ role: 'user' as const, content: 'which provider answers?' }] };

interface AccountCase {
  name: string;
  primary: ProviderId;
  real: RealError;
  code: string;
}

const FAILS_OVER: AccountCase[] = [
  { name: 'Anthropic credit balance too low', primary: 'anthropic', real: ANTHROPIC_REAL_ERRORS.creditBalance, code: 'credit_balance' },
  { name: 'Anthropic spend limit reached', primary: 'anthropic', real: ANTHROPIC_REAL_ERRORS.spendLimit, code: 'spend_limit' },
  { name: 'Anthropic organization disabled', primary: 'anthropic', real: ANTHROPIC_REAL_ERRORS.organizationDisabled, code: 'account_disabled' },
  { name: 'Bedrock AWS Marketplace subscription missing', primary: 'bedrock', real: BEDROCK_REAL_ERRORS.marketplace, code: 'marketplace_subscription' },
  { name: 'Bedrock Anthropic use-case form not submitted', primary: 'bedrock', real: BEDROCK_REAL_ERRORS.useCaseForm, code: 'use_case_form_required' },
  { name: 'Bedrock use-case form (wrapped ValidationException)', primary: 'bedrock', real: BEDROCK_REAL_ERRORS.useCaseFormWrapped, code: 'use_case_form_required' },
  { name: 'Bedrock model marked Legacy', primary: 'bedrock', real: BEDROCK_REAL_ERRORS.legacy, code: 'model_legacy' },
  { name: 'Bedrock Legacy model after extended access ("Operation not allowed")', primary: 'bedrock', real: BEDROCK_REAL_ERRORS.operationNotAllowed, code: 'model_legacy' },
  { name: 'Bedrock model version at end of life', primary: 'bedrock', real: BEDROCK_REAL_ERRORS.endOfLife, code: 'model_end_of_life' },
];

const STAYS: Array<{ name: string; primary: ProviderId; real: RealError; type: string }> = [
  { name: 'Bedrock IAM: no identity-based policy allows the action', primary: 'bedrock', real: BEDROCK_REAL_ERRORS.iamNoPolicy, type: 'permission' },
  { name: 'Bedrock explicit deny in a service control policy', primary: 'bedrock', real: BEDROCK_REAL_ERRORS.scpDeny, type: 'permission' },
  { name: 'Bedrock model access not granted to the account', primary: 'bedrock', real: BEDROCK_REAL_ERRORS.noModelAccess, type: 'permission' },
  { name: 'Anthropic workspace permission denied', primary: 'anthropic', real: ANTHROPIC_REAL_ERRORS.permissionDenied, type: 'permission' },
];

describe('failover on one provider\'s account state (real service texts, engine as built)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  const open: TestEngine[] = [];
  const other = (p: ProviderId): ProviderId => (p === 'anthropic' ? 'bedrock' : 'anthropic');
  const sent = (p: ProviderId): number => (p === 'anthropic' ? anthropic.requestsTo('/v1/messages').length : bedrock.modelRequests().length);
  const failNext = (p: ProviderId, real: RealError, times = 1): void => (p === 'anthropic' ? anthropic : bedrock).faults.push(real.fault, { times });
  const engine = async (primary: ProviderId, fallback: ProviderId | null): Promise<TestEngine> => {
    const t = await emulatorEngine(anthropic, bedrock, { provider: primary, fallbackProvider: fallback, autoFallback: true });
    open.push(t);
    return t;
  };

  useEmulators({}, (e) => ({ anthropic, bedrock } = e));
  afterEach(async () => {
    for (const t of open.splice(0)) await t.cleanup();
  });

  for (const c of FAILS_OVER) {
    it(`${c.name}: answered by ${other(c.primary)} after ONE request to ${c.primary}, the reason names ${c.code}`, async () => {
      const t = await engine(c.primary, other(c.primary));
      failNext(c.primary, c.real);
      const events = [];
      for await (const e of t.engine.stream(ask)) events.push(e);
      const done = events.find((e) => e.type === 'done');
      assert.ok(done?.type === 'done');
      assert.equal(done.result.provider, other(c.primary));
      assert.equal(done.result.text, 'Echo: which provider answers?');
      assert.equal(done.result.failover?.from, c.primary);
      assert.match(done.result.failover!.reason, new RegExp(`\\(${c.code}\\): `));
      assert.deepEqual(done.result.providersTried, [c.primary, other(c.primary)]);
      assert.equal(done.result.attempts, 2, 'one attempt each: the account error is not retried');
      assert.deepEqual([sent(c.primary), sent(other(c.primary))], [1, 1], 'emulator logs: one request to each provider');
      const records = await t.records();
      assert.deepEqual(records.map((r) => [r.provider, r.outcome]), [[c.primary, 'error'], [other(c.primary), 'ok']]);
      assert.equal(records[1]!.failover?.reason, done.result.failover!.reason);
    });
  }

  for (const c of STAYS) {
    it(`${c.name}: not failed over — the ${c.type} error and its fix reach the user, ${other(c.primary)} is never asked`, async () => {
      const t = await engine(c.primary, other(c.primary));
      failNext(c.primary, c.real);
      await assert.rejects(t.engine.send(ask), (e: { type?: string }) => e.type === c.type);
      assert.deepEqual([sent(c.primary), sent(other(c.primary))], [1, 0]);
    });
  }

  it('without a fallback an account error is shown every time (not retried, and never turned into "circuit breaker open")', async () => {
    const t = await engine('anthropic', null);
    const times = DEFAULT_BREAKER_OPTIONS.failureThreshold + 2;
    failNext('anthropic', ANTHROPIC_REAL_ERRORS.creditBalance, times);
    for (let i = 0; i < times; i++) {
      await assert.rejects(t.engine.send(ask), (e: { type?: string; code?: string }) => e.type === 'billing' && e.code === 'credit_balance');
    }
    assert.equal(sent('anthropic'), times, 'each request reached Anthropic once');
    assert.equal(sent('bedrock'), 0);
  });
});
