import * as assert from 'node:assert/strict';
import type { ErrorCode, ErrorType, SwitchboardError } from '../../../src/core/errors';
import { isSwitchboardError } from '../../../src/core/errors';
import { bedrockModelCatalogUrl, fixActionsFor, hintFor } from '../../../src/core/errorFixes';
import type { FixContext, FixKind } from '../../../src/core/errorFixes';
import { BedrockProvider } from '../../../src/core/providers/bedrock/bedrockProvider';
import type { ModelRequest } from '../../../src/core/types';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { TEST_API_KEY, TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';

/**
 * The texts Amazon Bedrock really returns, each quoted with where it was seen, sent by the
 * emulator with the exception name and status, through the real @aws-sdk/client-bedrock-runtime
 * (SigV4 verified), and checked for type, code, retryability, advice and fix actions.
 */
const SONNET_US = 'us.anthropic.claude-sonnet-4-6';
const ask: ModelRequest = { model: SONNET_US, messages: [{ role: 'user', content: 'one two three' }] };
const withAnthropic: FixContext = { otherProviders: ['anthropic'], region: 'us-east-1' };

interface Case {
  source: string;
  exception: string;
  status: number;
  text: string;
  type: ErrorType;
  code?: ErrorCode;
  retryable: boolean;
  hint: RegExp;
  notHint?: RegExp;
  fixes: FixKind[];
  ctx?: FixContext;
}

const CASES: Case[] = [
  {
    source: 'aws-samples/sample-host-openclaw-on-amazon-bedrock-agentcore#41 (also aws-samples/anthropic-on-aws#252)',
    exception: 'AccessDeniedException', status: 403,
    text: 'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 2 minutes.',
    type: 'permission', code: 'marketplace_subscription', retryable: false, hint: /Marketplace|first call/, notHint: /bedrock:InvokeModel and|model ID/,
    fixes: ['openUrl', 'switchProvider'], ctx: withAnthropic,
  },
  {
    source: 'public fixtures quoting the ResourceNotFoundException (e.g. a Bedrock setup guide: "…If you have already filled out the form, try again in 15 minutes.")',
    exception: 'ResourceNotFoundException', status: 404,
    text: 'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.',
    type: 'permission', code: 'use_case_form_required', retryable: false, hint: /use-case details once/, notHint: /IAM|Verify Model Mapping/,
    fixes: ['openUrl', 'switchProvider'], ctx: withAnthropic,
  },
  {
    source: 'truefoundry/models#934 (wrapped by Bedrock as "The model returned the following errors: …")',
    exception: 'ValidationException', status: 400,
    text: 'The model returned the following errors: You have not filled out the required use-case form for this model. Complete the form at https://ap-southeast-4.console.aws.amazon.com/bedrock/ before requesting access.',
    type: 'permission', code: 'use_case_form_required', retryable: false, hint: /use-case details once/, fixes: ['openUrl'], ctx: { region: 'us-east-1' },
  },
  {
    source: 'awslabs/llmeter#35 (also aws-samples/amazon-bedrock-workshop#386)',
    exception: 'ResourceNotFoundException', status: 404,
    text: 'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 15 days. Please upgrade to an active model on Amazon Bedrock',
    type: 'model_not_found', code: 'model_legacy', retryable: false, hint: /active model/, notHint: /IAM|Model access/, fixes: ['pickModel'],
  },
  {
    source: 'gsd-build/gsd-2#5425',
    exception: 'ValidationException', status: 400, text: 'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
    type: 'model_not_found', code: 'model_end_of_life', retryable: false, hint: /current model/, fixes: ['pickModel'],
  },
  {
    source: 'BerriAI/litellm#28704 (Legacy models after their public-extended-access date)',
    exception: 'ValidationException', status: 400, text: 'Operation not allowed',
    type: 'model_not_found', code: 'model_legacy', retryable: false, hint: /active model/, fixes: ['pickModel'],
  },
  {
    source: 'Bedrock CRIS error seen in cline/cline#2482 (typographic apostrophe as sent; also danny-avila/LibreChat#4570)',
    exception: 'ValidationException', status: 400,
    text: 'Invocation of model ID anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
    type: 'inference_profile_required', retryable: false, hint: /inference profile/, fixes: ['openSetting', 'pickModel'],
  },
  {
    source: 'anthropics/claude-code#12621 (also tailcallhq/forgecode#2644)',
    exception: 'ValidationException', status: 400, text: 'The provided model identifier is invalid.',
    type: 'model_not_found', retryable: false, hint: /Verify Model Mapping/, fixes: ['pickModel'],
  },
  {
    source: 'aws-samples/assessment-generator#2 (also continuedev/continue#6005)',
    exception: 'ValidationException', status: 400, text: 'Input is too long for requested model.',
    type: 'context_length', retryable: false, hint: /Shorten/, fixes: ['newChat', 'pickModel'],
  },
  {
    source: 'daisuke-awaji/moca#254 (Anthropic\'s text passed through by Bedrock)',
    exception: 'ValidationException', status: 400, text: 'The model returned the following errors: prompt is too long: 200049 tokens > 200000 maximum',
    type: 'context_length', retryable: false, hint: /Shorten/, fixes: ['newChat', 'pickModel'],
  },
  {
    source: 'charmbracelet/crush#946',
    exception: 'ValidationException', status: 400, text: 'The maximum tokens you requested exceeds the model limit of 32768',
    type: 'invalid_request', code: 'output_limit_exceeded', retryable: false, hint: /Lower Max Output Tokens to 32768/, fixes: ['openSetting'],
  },
  {
    source: 'kirodotdev/Kiro#8113 (also BerriAI/litellm#589)',
    exception: 'ThrottlingException', status: 429, text: 'Too many requests, please wait before trying again.',
    type: 'rate_limit', retryable: true, hint: /Wait and retry/, fixes: ['retry', 'switchProvider'], ctx: withAnthropic,
  },
  {
    source: 'RooCodeInc/Roo-Code#5050 (also anthropics/claude-code#236; anomalyco/opencode#39621: not a context overflow)',
    exception: 'ThrottlingException', status: 429, text: 'Too many tokens, please wait before trying again.',
    type: 'rate_limit', retryable: true, hint: /Wait and retry/, notHint: /Shorten/, fixes: ['retry', 'switchProvider'], ctx: withAnthropic,
  },
  {
    source: 'minorun365/agent-book#29',
    exception: 'ThrottlingException', status: 429, text: 'Too many tokens per day, please wait before trying again.',
    type: 'rate_limit', code: 'daily_quota', retryable: true, hint: /resets daily/, fixes: ['switchProvider'], ctx: withAnthropic,
  },
  {
    source: 'darko-mesaros/bedrust#47',
    exception: 'ServiceUnavailableException', status: 503, text: 'Bedrock is unable to process your request.',
    type: 'unavailable', retryable: true, hint: /Retry shortly/, fixes: ['retry', 'switchProvider'], ctx: withAnthropic,
  },
  {
    source: 'AWS Bedrock API reference (ModelTimeoutException, HTTP 408)',
    exception: 'ModelTimeoutException', status: 408, text: 'Model has timed out in processing the request. Try your request again.',
    type: 'timeout', retryable: true, hint: /Retry/, fixes: ['retry'],
  },
  {
    source: 'AWS Bedrock API reference (ModelNotReadyException, HTTP 429)',
    exception: 'ModelNotReadyException', status: 429, text: 'Model is not ready to serve inference requests. Try again later.',
    type: 'unavailable', retryable: true, hint: /Retry shortly/, fixes: ['retry'],
  },
  {
    source: 'Cloud-wide AWS text; Bedrock example: SungardAS/enhanced-snapshots#107, aws/aws-cli#5971 (ExpiredToken)',
    exception: 'ExpiredTokenException', status: 403, text: 'The security token included in the request is expired',
    type: 'authentication', code: 'expired_credentials', retryable: false, hint: /aws sso login/, fixes: ['runInTerminal', 'retry'], ctx: { awsProfile: 'work' },
  },
  {
    source: 'vercel/ai#4163 (also BerriAI/litellm#6260, anthropics/claude-code#2260)',
    exception: 'UnrecognizedClientException', status: 403, text: 'The security token included in the request is invalid.',
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
  const failure = async (p: Promise<unknown>): Promise<SwitchboardError> => {
    try {
      await p;
    } catch (e) {
      assert.ok(isSwitchboardError(e), `not a SwitchboardError: ${String(e)}`);
      return e;
    }
    assert.fail('expected the call to fail');
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
    it(`${c.exception} "${c.text.slice(0, 60)}…" → ${c.type}${c.code ? `/${c.code}` : ''} (${c.source})`, async () => {
      emu.faults.push({ kind: 'error', status: c.status, errorType: c.exception, message: c.text }, { times: Infinity });
      const err = await failure(provider().send(ask));
      assert.equal(err.type, c.type);
      assert.equal(err.code, c.code);
      assert.equal(err.status, c.status);
      assert.equal(err.retryable, c.retryable);
      assert.match(err.hint ?? '', c.hint);
      if (c.notHint) assert.doesNotMatch(err.hint ?? '', c.notHint);
      assert.deepEqual(fixActionsFor(err, c.ctx).map((f) => f.kind), c.fixes);
    });
  }

  it('model-access fixes open the Bedrock console of the request\'s region (GovCloud on its own host)', async () => {
    emu.faults.push({ kind: 'error', status: 403, errorType: 'AccessDeniedException', message: CASES[0]!.text });
    const err = await failure(provider().send(ask));
    const open = fixActionsFor(err)[0];
    assert.deepEqual(open, { kind: 'openUrl', url: bedrockModelCatalogUrl(emu.region), label: 'Open Bedrock Console' });
    assert.equal(bedrockModelCatalogUrl('us-gov-west-1'), 'https://console.amazonaws-us-gov.com/bedrock/home?region=us-gov-west-1#/model-catalog');
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
