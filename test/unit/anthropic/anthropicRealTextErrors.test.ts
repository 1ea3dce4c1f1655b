import * as assert from 'node:assert/strict';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { fixActionsFor, hintFor } from '../../../src/core/errorFixes';
import { ANTHROPIC_REAL_ERRORS } from '../../emulators/realErrors';
import { assertRealErrorCase } from '../../emulators/realErrorCases';
import type { RealErrorCase } from '../../emulators/realErrorCases';
import type { FixContext } from '../../../src/core/errorFixes';
import type { ModelRequest } from '../../../src/core/types';
import { useEmulator } from '../client/clientHelpers';
import { providerFor, rejection } from './helpers';

/**
 * The texts the Anthropic API really returns, each quoted with where it was seen, sent by the
 * emulator with the real status and error type, through the real SDK over HTTP, and checked
 * for type, code, retryability, advice and the fix actions offered (primary first).
 */
const MODEL = 'claude-sonnet-4-6';
const hello: ModelRequest = { model: MODEL, messages: [{ role: 'user', content: 'hello' }] };
const bothProviders: FixContext = { otherProviders: ['bedrock'] };

type Case = RealErrorCase;

const CASES: Case[] = [
  {
    real: ANTHROPIC_REAL_ERRORS.inputPlusMaxTokens,
    type: 'context_length', code: 'output_exceeds_context', retryable: false,
    hint: /Lower Max Output Tokens to 241 or less/, notHint: /report it|switchboard\.maxOutputTokens/,
    fixes: ['openSetting', 'newChat'], settings: ['switchboard.maxOutputTokens'],
  },
  {
    real: ANTHROPIC_REAL_ERRORS.promptTooLong,
    type: 'context_length', retryable: false, hint: /Shorten the conversation/, fixes: ['newChat', 'pickModel'],
  },
  {
    real: ANTHROPIC_REAL_ERRORS.outputLimit,
    type: 'invalid_request', code: 'output_limit_exceeded', retryable: false, hint: /Lower Max Output Tokens to 4,096 or less/,
    fixes: ['openSetting'], settings: ['switchboard.maxOutputTokens'],
  },
  {
    real: ANTHROPIC_REAL_ERRORS.outputLimitClaude4,
    type: 'invalid_request', code: 'output_limit_exceeded', retryable: false, hint: /Lower Max Output Tokens to 64,000 or less/,
    fixes: ['openSetting'], settings: ['switchboard.maxOutputTokens'],
  },
  {
    real: ANTHROPIC_REAL_ERRORS.creditBalance,
    type: 'billing', code: 'credit_balance', retryable: false, hint: /credits|Plans & Billing/, notHint: /IAM|model ID|report it/,
    fixes: ['openUrl', 'switchProvider'], ctx: bothProviders,
  },
  {
    real: ANTHROPIC_REAL_ERRORS.spendLimit,
    type: 'billing', code: 'spend_limit', retryable: false, hint: /spend limit.*until 2025-07-01 at 00:00 UTC/,
    fixes: ['openUrl', 'switchProvider'], ctx: bothProviders,
  },
  {
    real: ANTHROPIC_REAL_ERRORS.organizationDisabled,
    type: 'permission', code: 'account_disabled', retryable: false, hint: /Only Anthropic can re-enable/, notHint: /report it|parameter/,
    fixes: ['openUrl', 'switchProvider', 'setApiKey'], ctx: bothProviders,
  },
  {
    real: ANTHROPIC_REAL_ERRORS.invalidKey,
    type: 'authentication', code: 'invalid_api_key', retryable: false, hint: /Set Anthropic API Key/, fixes: ['setApiKey'],
  },
  {
    real: ANTHROPIC_REAL_ERRORS.permissionDenied,
    type: 'permission', code: 'model_access_denied', retryable: false, hint: /workspace/, fixes: ['pickModel', 'switchProvider'], ctx: bothProviders,
  },
  {
    real: ANTHROPIC_REAL_ERRORS.modelNotFound,
    type: 'model_not_found', retryable: false, hint: /switchboard models/, fixes: ['pickModel'],
  },
  {
    real: ANTHROPIC_REAL_ERRORS.pathNotFound,
    type: 'model_not_found', code: 'endpoint_not_found', retryable: false, hint: /Anthropic Base URL/, fixes: ['openSetting'],
    settings: ['switchboard.modelProvider.anthropic.baseUrl'],
  },
  {
    real: ANTHROPIC_REAL_ERRORS.rateLimit,
    type: 'rate_limit', retryable: true, hint: /retry/, fixes: ['retry', 'switchProvider'], ctx: bothProviders,
  },
  {
    real: ANTHROPIC_REAL_ERRORS.overloaded,
    type: 'overloaded', retryable: true, hint: /Retry shortly/, fixes: ['retry', 'switchProvider'], ctx: bothProviders,
  },
  {
    real: ANTHROPIC_REAL_ERRORS.apiError,
    type: 'unavailable', retryable: true, hint: /Retry shortly/, fixes: ['retry'],
  },
  {
    real: ANTHROPIC_REAL_ERRORS.requestTooLarge,
    type: 'invalid_request', retryable: false, hint: /32 MB/, fixes: ['showLog'],
  },
];

describe('Anthropic errors from the service\'s real texts', () => {
  let emu: AnthropicEmulator;
  useEmulator(() => startAnthropicEmulator(), (e) => (emu = e));

  for (const c of CASES) {
    const { fault, source } = c.real;
    it(`${fault.status} "${fault.message?.slice(0, 60)}…" → ${c.type}${c.code ? `/${c.code}` : ''} (${source})`, async () => {
      emu.faults.push(fault);
      const err = await rejection(providerFor(emu).send(hello));
      assertRealErrorCase(err, c);
      assert.equal(emu.requestsTo('/v1/messages').length, 1, 'one request: the SDK does not retry');
    });
  }

  it('the emulator itself answers input + max_tokens over the window with the service\'s text, and it maps to a max-output fix', async () => {
    const small = await startAnthropicEmulator({ contextWindow: 5_000 });
    try {
      const err = await rejection(providerFor(small).send({ ...hello, maxTokens: 4_900, messages: [{ role: 'user', content: 'word '.repeat(400) }] }));
      assert.match(String(small.requestsTo('/v1/messages')[0]?.status), /400/);
      assert.equal(err.type, 'context_length');
      assert.equal(err.code, 'output_exceeds_context');
      assert.match(err.message, /plus 4,900 max output tokens exceeds the 5,000-token context window/);
      assert.equal(fixActionsFor(err)[0]?.kind, 'openSetting');
    } finally {
      await small.close();
    }
  });

  it('obeys the service\'s x-should-retry header over the status, as the SDK does (@anthropic-ai/sdk client.js shouldRetry)', async () => {
    emu.faults.push({ ...ANTHROPIC_REAL_ERRORS.overloaded.fault, headers: { 'x-should-retry': 'false' } });
    const no = await rejection(providerFor(emu).send(hello));
    assert.equal(no.type, 'overloaded');
    assert.equal(no.retryable, false);
    assert.ok(!fixActionsFor(no).some((f) => f.kind === 'retry'), 'no Retry when the service says a retry will not help');
    emu.faults.push({ kind: 'error', status: 408, errorType: 'timeout_error', message: 'Request timed out' });
    const timeout = await rejection(providerFor(emu).send(hello));
    assert.equal(timeout.type, 'timeout');
    assert.equal(timeout.retryable, true);
  });

  it('a stored key rejected while ANTHROPIC_API_KEY holds one offers Clear Stored Key first, and does not say "set ANTHROPIC_API_KEY"', async () => {
    emu.faults.push(ANTHROPIC_REAL_ERRORS.invalidKey.fault);
    const err = await rejection(providerFor(emu).send(hello));
    const ctx: FixContext = { anthropicKey: { source: 'stored', envVar: 'ANTHROPIC_API_KEY', envSet: true } };
    assert.deepEqual(fixActionsFor(err, ctx).map((f) => f.kind), ['clearStoredKey', 'setApiKey']);
    const hint = hintFor(err, ctx) ?? '';
    assert.match(hint, /clear the stored key to use ANTHROPIC_API_KEY/);
    assert.doesNotMatch(hint, /or set ANTHROPIC_API_KEY/);
  });

  it('a model only Bedrock serves offers switching to Bedrock first, then another model', async () => {
    emu.faults.push({ kind: 'error', status: 404, errorType: 'not_found_error', message: 'model: nova-pro' });
    const err = await rejection(providerFor(emu).send(hello));
    const fixes = fixActionsFor(err, { modelAvailableOn: ['bedrock'] });
    assert.deepEqual(fixes.map((f) => f.kind), ['switchProvider', 'pickModel']);
    assert.deepEqual(fixes[0], { kind: 'switchProvider', provider: 'bedrock', label: 'Use Bedrock' });
  });
});
