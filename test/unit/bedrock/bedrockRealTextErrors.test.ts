import * as assert from 'node:assert/strict';
import { bedrockModelCatalogUrl, fixActionsFor, hintFor } from '../../../src/core/errorFixes';
import { BEDROCK_REAL_ERRORS } from '../../emulators/realErrors';
import { assertRealErrorCase } from '../../emulators/realErrorCases';
import type { RealErrorCase } from '../../emulators/realErrorCases';
import type { FixContext } from '../../../src/core/errorFixes';
import { BedrockProvider } from '../../../src/core/providers/bedrock/bedrockProvider';
import type { ModelRequest } from '../../../src/core/types';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { TEST_API_KEY, TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import { failure } from './helpers';

/**
 * The texts Amazon Bedrock really returns, each quoted with where it was seen, sent by the
 * emulator with the exception name and status, through the real @aws-sdk/client-bedrock-runtime
 * (SigV4 verified), and checked for type, code, retryability, advice and fix actions.
 */
const SONNET_US = 'us.anthropic.claude-sonnet-4-6';
const ask: ModelRequest = { model: SONNET_US, messages: [{ role: 'user', content: 'one two three' }] };
const withAnthropic: FixContext = { otherProviders: ['anthropic'], region: 'us-east-1' };

type Case = RealErrorCase;

const CASES: Case[] = [
  {
    real: BEDROCK_REAL_ERRORS.noModelAccess,
    type: 'permission', code: 'model_access_denied', retryable: false, hint: /Model catalog/, fixes: ['openUrl', 'pickModel', 'switchProvider'], ctx: withAnthropic,
  },
  {
    real: BEDROCK_REAL_ERRORS.iamNoPolicy,
    type: 'permission', code: 'iam_denied', retryable: false, hint: /Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream/, fixes: ['switchProvider', 'showLog'], ctx: withAnthropic,
  },
  {
    real: BEDROCK_REAL_ERRORS.scpDeny,
    type: 'permission', code: 'iam_denied', retryable: false, hint: /service control policy.*cannot override/, notHint: /^Allow/, fixes: ['switchProvider', 'showLog'], ctx: withAnthropic,
  },
  {
    real: BEDROCK_REAL_ERRORS.marketplace,
    type: 'permission', code: 'marketplace_subscription', retryable: false, hint: /Marketplace|first call/, notHint: /bedrock:InvokeModel and|model ID/,
    fixes: ['openUrl', 'switchProvider'], ctx: withAnthropic,
  },
  {
    real: BEDROCK_REAL_ERRORS.useCaseForm,
    type: 'permission', code: 'use_case_form_required', retryable: false, hint: /use-case details once/, notHint: /IAM|Verify Model Mapping/,
    fixes: ['openUrl', 'switchProvider'], ctx: withAnthropic,
  },
  {
    real: BEDROCK_REAL_ERRORS.useCaseFormWrapped,
    type: 'permission', code: 'use_case_form_required', retryable: false, hint: /use-case details once/, fixes: ['openUrl'], ctx: { region: 'us-east-1' },
  },
  {
    real: BEDROCK_REAL_ERRORS.legacy,
    type: 'model_not_found', code: 'model_legacy', retryable: false, hint: /active model/, notHint: /IAM|Model access/, fixes: ['pickModel'],
  },
  {
    real: BEDROCK_REAL_ERRORS.endOfLife,
    type: 'model_not_found', code: 'model_end_of_life', retryable: false, hint: /current model/, fixes: ['pickModel'],
  },
  {
    real: BEDROCK_REAL_ERRORS.operationNotAllowed,
    type: 'model_not_found', code: 'model_legacy', retryable: false, hint: /active model/, fixes: ['pickModel'],
  },
  {
    real: BEDROCK_REAL_ERRORS.onDemandUnsupported,
    type: 'inference_profile_required', retryable: false, hint: /inference profile/, fixes: ['openSetting', 'pickModel'],
  },
  {
    real: BEDROCK_REAL_ERRORS.invalidModelId,
    type: 'model_not_found', retryable: false, hint: /Verify Model Mapping/, fixes: ['pickModel'],
  },
  {
    real: BEDROCK_REAL_ERRORS.inputTooLong,
    type: 'context_length', retryable: false, hint: /Shorten/, fixes: ['newChat', 'pickModel'],
  },
  {
    real: BEDROCK_REAL_ERRORS.promptTooLong,
    type: 'context_length', retryable: false, hint: /Shorten/, fixes: ['newChat', 'pickModel'],
  },
  {
    real: BEDROCK_REAL_ERRORS.outputLimit,
    type: 'invalid_request', code: 'output_limit_exceeded', retryable: false, hint: /Lower Max Output Tokens to 32768/, fixes: ['openSetting'],
  },
  {
    real: BEDROCK_REAL_ERRORS.tooManyRequests,
    type: 'rate_limit', retryable: true, hint: /Wait and retry/, fixes: ['retry', 'switchProvider'], ctx: withAnthropic,
  },
  {
    real: BEDROCK_REAL_ERRORS.tooManyTokens,
    type: 'rate_limit', retryable: true, hint: /Wait and retry/, notHint: /Shorten/, fixes: ['retry', 'switchProvider'], ctx: withAnthropic,
  },
  {
    real: BEDROCK_REAL_ERRORS.tooManyTokensPerDay,
    type: 'rate_limit', code: 'daily_quota', retryable: true, hint: /resets daily/, fixes: ['switchProvider'], ctx: withAnthropic,
  },
  {
    real: BEDROCK_REAL_ERRORS.serviceUnavailable,
    type: 'unavailable', retryable: true, hint: /Retry shortly/, fixes: ['retry', 'switchProvider'], ctx: withAnthropic,
  },
  {
    real: BEDROCK_REAL_ERRORS.modelTimeout,
    type: 'timeout', retryable: true, hint: /Retry/, fixes: ['retry'],
  },
  {
    real: BEDROCK_REAL_ERRORS.modelNotReady,
    type: 'unavailable', retryable: true, hint: /Retry shortly/, fixes: ['retry'],
  },
  {
    real: BEDROCK_REAL_ERRORS.expiredToken,
    type: 'authentication', code: 'expired_credentials', retryable: false, hint: /aws sso login/, fixes: ['runInTerminal', 'retry'], ctx: { awsProfile: 'work' },
  },
  {
    real: BEDROCK_REAL_ERRORS.invalidToken,
    type: 'authentication', code: 'invalid_aws_credentials', retryable: false, hint: /get-caller-identity/, fixes: ['setAwsAccessKeys'], ctx: { bedrockAuthMethod: 'accessKeys' },
  },
];

describe('Bedrock errors from the service\'s real texts', () => {
  let emu: BedrockEmulator;
  const providers: BedrockProvider[] = [];
  const provider = (options: Partial<ConstructorParameters<typeof BedrockProvider>[0]> = {}): BedrockProvider => {
    const p = new BedrockProvider({ region: emu.region, endpoint: emu.url, credentials: TEST_CREDENTIALS, ...options });
    providers.push(p);
    return p;
  };

  before(async () => {
    emu = await startBedrockEmulator({ apiKeys: [TEST_API_KEY] });
  });
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((p) => p.dispose()));
    emu.reset();
  });
  after(async () => {
    await emu.close();
  });

  for (const c of CASES) {
    const { fault, source } = c.real;
    it(`${fault.errorType} "${fault.message?.slice(0, 60)}…" → ${c.type}${c.code ? `/${c.code}` : ''} (${source})`, async () => {
      emu.faults.push(fault, { times: Infinity });
      const err = await failure(provider().send(ask));
      assertRealErrorCase(err, c);
    });
  }

  it('model-access fixes open the Bedrock console of the request\'s region (GovCloud on its own host)', async () => {
    emu.faults.push(BEDROCK_REAL_ERRORS.marketplace.fault);
    const err = await failure(provider().send(ask));
    const open = fixActionsFor(err)[0];
    assert.deepEqual(open, { kind: 'openUrl', url: bedrockModelCatalogUrl(emu.region), label: 'Open Bedrock Console' });
    assert.equal(bedrockModelCatalogUrl('us-gov-west-1'), 'https://console.amazonaws-us-gov.com/bedrock/home?region=us-gov-west-1#/model-catalog');
  });

  it('the emulator answers a model in a model-access state with the real text, per model: use-case form for one, Legacy for another, the rest works', async () => {
    const states = await startBedrockEmulator({ modelAccess: { 'anthropic.claude-sonnet-4-6': 'useCaseForm', 'us.anthropic.claude-haiku-4-5-20251001-v1:0': 'legacy' } });
    const p = new BedrockProvider({ region: states.region, endpoint: states.url, credentials: TEST_CREDENTIALS });
    try {
      const form = await failure(p.send(ask));
      assert.equal(form.code, 'use_case_form_required');
      assert.equal(states.modelRequests()[0]?.status, 404);
      const legacy = await failure(p.send({ ...ask, model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' }));
      assert.equal(legacy.code, 'model_legacy');
      assert.equal((await p.send({ ...ask, model: 'us.anthropic.claude-opus-4-6-v1' })).stopReason, 'end_turn');
    } finally {
      await p.dispose();
      await states.close();
    }
  });

  it('an SCP deny on a global. profile says to use the region\'s geo profile (a region condition blocks global routing)', async () => {
    emu.faults.push(BEDROCK_REAL_ERRORS.scpDeny.fault);
    const err = await failure(provider().send({ ...ask, model: 'global.anthropic.claude-sonnet-4-6' }));
    assert.equal(err.code, 'iam_denied');
    assert.match(err.hint ?? '', /use the us\. profile instead/);
  });

  it('a rejected Bedrock API key (real text) offers Clear Stored Key first when AWS_BEARER_TOKEN_BEDROCK holds one', async () => {
    // "Authentication failed: Please make sure your API Key is valid." — anomalyco/opencode#47073, ai4s-research/open-science#53.
    const err = await failure(provider({ credentials: undefined, token: 'ABSKnot-the-right-key-000000' }).send(ask));
    assert.match(err.message, /Please make sure your API Key is valid/);
    const ctx: FixContext = { bedrockApiKey: { source: 'stored', envVar: 'AWS_BEARER_TOKEN_BEDROCK', envSet: true } };
    assert.deepEqual(fixActionsFor(err, ctx).map((f) => f.kind), ['clearStoredKey', 'setApiKey']);
    assert.match(hintFor(err, ctx) ?? '', /clear the stored key to use AWS_BEARER_TOKEN_BEDROCK/);
  });
});
