import * as assert from 'node:assert/strict';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { ErrorCode, ErrorType } from '../../../src/core/errors';
import { fixActionsFor, hintFor } from '../../../src/core/errorFixes';
import type { FixContext, FixKind } from '../../../src/core/errorFixes';
import type { ModelRequest } from '../../../src/core/types';
import { providerFor, rejection } from './helpers';

/**
 * The texts the Anthropic API really returns, each quoted with where it was seen, sent by the
 * emulator with the real status and error type, through the real SDK over HTTP, and checked
 * for type, code, retryability, advice and the fix actions offered (primary first).
 */
const MODEL = 'claude-sonnet-4-6';
const hello: ModelRequest = { model: MODEL, messages: [{ role: 'user', content: 'hello' }] };
const bothProviders: FixContext = { otherProviders: ['bedrock'] };

interface Case {
  source: string;
  status: number;
  errorType: string;
  text: string;
  type: ErrorType;
  code?: ErrorCode;
  retryable: boolean;
  hint: RegExp;
  notHint?: RegExp;
  fixes: FixKind[];
  ctx?: FixContext;
  settings?: string[];
}

const CASES: Case[] = [
  {
    source: 'continuedev/continue#6080 (also anthropics/claude-code#408, docker/docker-agent#569)',
    status: 400, errorType: 'invalid_request_error',
    text: 'input length and `max_tokens` exceed context limit: 199759 + 8192 > 200000, decrease input length or `max_tokens` and try again',
    type: 'context_length', code: 'output_exceeds_context', retryable: false,
    hint: /Lower Max Output Tokens to 241 or less/, notHint: /report it|switchboard\.maxOutputTokens/,
    fixes: ['openSetting', 'newChat'], settings: ['switchboard.maxOutputTokens'],
  },
  {
    source: 'earendil-works/pi#102 (also stackblitz/bolt.new#1748)',
    status: 400, errorType: 'invalid_request_error', text: 'prompt is too long: 219898 tokens > 200000 maximum',
    type: 'context_length', retryable: false, hint: /Shorten the conversation/, fixes: ['newChat', 'pickModel'],
  },
  {
    source: 'ChatGPTNextWeb/NextChat#4964 (also anthropics/claude-code#11302)',
    status: 400, errorType: 'invalid_request_error',
    text: 'max_tokens: 10000 > 4096, which is the maximum allowed number of output tokens for claude-3-5-sonnet-20240620',
    type: 'invalid_request', code: 'output_limit_exceeded', retryable: false, hint: /Lower Max Output Tokens to 4,096 or less/,
    fixes: ['openSetting'], settings: ['switchboard.maxOutputTokens'],
  },
  {
    source: 'anthropics/claude-quickstarts#229 (also anthropics/claude-code#4208, #34521)',
    status: 400, errorType: 'invalid_request_error',
    text: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
    type: 'billing', code: 'credit_balance', retryable: false, hint: /credits|Plans & Billing/, notHint: /IAM|model ID|report it/,
    fixes: ['openUrl', 'switchProvider'], ctx: bothProviders,
  },
  {
    source: 'anthropics/claude-code#2127 (also #38035, #38038)',
    status: 400, errorType: 'invalid_request_error',
    text: 'You have reached your specified API usage limits. You will regain access on 2025-07-01 at 00:00 UTC.',
    type: 'billing', code: 'spend_limit', retryable: false, hint: /spend limit.*until 2025-07-01 at 00:00 UTC/,
    fixes: ['openUrl', 'switchProvider'], ctx: bothProviders,
  },
  {
    source: 'cline/cline#12',
    status: 401, errorType: 'authentication_error', text: 'invalid x-api-key',
    type: 'authentication', code: 'invalid_api_key', retryable: false, hint: /Set Anthropic API Key/, fixes: ['setApiKey'],
  },
  {
    source: 'anthropics/claude-code#17848 (also #51610)',
    status: 403, errorType: 'permission_error', text: 'Permission denied',
    type: 'permission', code: 'model_access_denied', retryable: false, hint: /workspace/, fixes: ['pickModel', 'switchProvider'], ctx: bothProviders,
  },
  {
    source: 'mattermost/mattermost-plugin-agents#257 (also anthropics/claude-code#5349)',
    status: 404, errorType: 'not_found_error', text: 'model: claude-3-5-sonnet-20241022 ',
    type: 'model_not_found', retryable: false, hint: /switchboard models/, fixes: ['pickModel'],
  },
  {
    source: 'danielmiessler/Fabric#1140 (a base URL that does not serve /v1/messages)',
    status: 404, errorType: 'not_found_error', text: 'Not Found',
    type: 'model_not_found', code: 'endpoint_not_found', retryable: false, hint: /Anthropic Base URL/, fixes: ['openSetting'],
    settings: ['switchboard.modelProvider.anthropic.baseUrl'],
  },
  {
    source: 'continuedev/continue#9623 (also OpenHands/OpenHands#9259)',
    status: 429, errorType: 'rate_limit_error',
    text: 'This request would exceed the rate limit for your organization (c26fc127-ba09-49d3-a086-a2f26380d5e7) of 30,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.',
    type: 'rate_limit', retryable: true, hint: /retry/, fixes: ['retry', 'switchProvider'], ctx: bothProviders,
  },
  {
    source: 'anthropics/anthropic-sdk-typescript#616 (also anthropics/claude-code#5184)',
    status: 529, errorType: 'overloaded_error', text: 'Overloaded',
    type: 'overloaded', retryable: true, hint: /Retry shortly/, fixes: ['retry', 'switchProvider'], ctx: bothProviders,
  },
  {
    source: 'docs.claude.com/en/api/errors (500 api_error)',
    status: 500, errorType: 'api_error', text: 'Internal server error',
    type: 'unavailable', retryable: true, hint: /Retry shortly/, fixes: ['retry'],
  },
  {
    source: 'docs.claude.com/en/api/errors (413 request_too_large, returned by Cloudflare)',
    status: 413, errorType: 'request_too_large', text: 'Request exceeds the maximum allowed number of bytes.',
    type: 'invalid_request', retryable: false, hint: /32 MB/, fixes: ['showLog'],
  },
];

describe('Anthropic errors from the service\'s real texts', () => {
  let emu: AnthropicEmulator;
  before(async () => {
    emu = await startAnthropicEmulator();
  });
  after(async () => {
    await emu.close();
  });
  beforeEach(() => emu.reset());

  for (const c of CASES) {
    it(`${c.status} "${c.text.slice(0, 60)}…" → ${c.type}${c.code ? `/${c.code}` : ''} (${c.source})`, async () => {
      emu.faults.push({ kind: 'error', status: c.status, errorType: c.errorType, message: c.text });
      const err = await rejection(providerFor(emu).send(hello));
      assert.equal(err.type, c.type);
      assert.equal(err.code, c.code);
      assert.equal(err.status, c.status);
      assert.equal(err.retryable, c.retryable);
      assert.match(err.hint ?? '', c.hint);
      if (c.notHint) assert.doesNotMatch(err.hint ?? '', c.notHint);
      assert.deepEqual(fixActionsFor(err, c.ctx).map((f) => f.kind), c.fixes);
      if (c.settings) assert.deepEqual(err.settings?.map((s) => s.id), c.settings);
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

  it('a stored key rejected while ANTHROPIC_API_KEY holds one offers Clear Stored Key first, and does not say "set ANTHROPIC_API_KEY"', async () => {
    emu.faults.push({ kind: 'error', status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' });
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
