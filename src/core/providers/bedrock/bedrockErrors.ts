// Every failure the Bedrock SDK can raise → one typed, actionable SwitchboardError.
import type { SwitchboardErrorInit } from '../../errors';
import { SwitchboardError, isSwitchboardError } from '../../errors';
import { geoPrefixForRegion } from '../../models/resolve';
import { parseBedrockModelId } from './bedrockModelIds';
import { settingRef } from '../../settingRefs';

export interface BedrockErrorContext {
  modelId: string;
  region: string;
  auth: 'sigv4' | 'bearer';
  /** Content already reached the caller: the error interrupted a stream. */
  streamStarted?: boolean;
  /** Our own idle / total timer fired (rather than the caller's signal). */
  timedOut?: boolean;
  timeoutMs?: number;
  /** The caller's signal was aborted. */
  cancelled?: boolean;
  /** Inference profile that would work for a base ID (for inference_profile_required). */
  profileFor?: (baseModelId: string) => string | undefined;
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { headers?: Record<string, string | undefined> };
  cause?: unknown;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET']);

export const ON_DEMAND_UNSUPPORTED = /on-demand throughput isn.t supported/i;
export const INVALID_MODEL_ID = /provided model identifier is invalid/i;
// Not a bare "too many tokens": that is ThrottlingException's per-minute / per-day quota text, never
// context length. "Too many input tokens. Max input tokens: 8192, …" is a ValidationException of some models.
const CONTEXT_TOO_LONG = /input is too long|prompt is too long|too many input tokens|exceeds? the (maximum )?context|context (window|length)/i;
const INPUT_PLUS_OUTPUT = /input length and `?max_tokens`? exceed context limit: (\d+) \+ (\d+) > (\d+)/i;
const OUTPUT_LIMIT = /maximum tokens you requested exceeds the model limit of (\d+)|max_tokens: (\d+) > (\d+), which is the maximum allowed number of output tokens/i;
// Model access that IAM does not grant (real texts quoted in test/unit/bedrock/bedrockErrors.test.ts).
const MARKETPLACE = /AWS Marketplace|aws-marketplace:/i;
const USE_CASE_FORM = /use[- ]case (details|form)/i;
const LEGACY = /marked by provider as Legacy/i;
const END_OF_LIFE = /reached the end of its life/i;
const OPERATION_NOT_ALLOWED = /^(?:.*: )?Operation not allowed\.?$/i;
const PER_DAY = /per day/i;
const CACHE_UNSUPPORTED = /did not allow prompt caching/i;

function retryAfterMs(e: SdkErrorShape): number | undefined {
  const headers = e.$response?.headers ?? {};
  const ms = Number(headers['retry-after-ms']);
  if (Number.isFinite(ms) && ms >= 0 && headers['retry-after-ms'] !== undefined) return ms;
  const raw = headers['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Every `code` down the cause chain (the h2 handler wraps ECONNREFUSED in ERR_HTTP2_STREAM_CANCEL). */
function errorCodesOf(e: unknown): string[] {
  const codes: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    cur = (cur as { cause?: unknown }).cause;
  }
  return codes;
}

/** The region an ID belongs to, when it names one that does not fit `region`. */
function regionMismatch(modelId: string, region: string): { hint: string; details: Record<string, string | undefined> } | undefined {
  const info = parseBedrockModelId(modelId);
  const expected = geoPrefixForRegion(region);
  if (info.arnRegion && info.arnRegion !== region) {
    return {
      hint: `The ARN belongs to ${info.arnRegion} but the client calls ${region}: set AWS Region (aws_region) to ${info.arnRegion}, or use an ARN from ${region}.`,
      details: { arnRegion: info.arnRegion, region },
    };
  }
  const prefix = info.profilePrefix;
  if (prefix && prefix !== 'global' && expected && prefix !== expected && info.baseModelId) {
    const suggestion = `${expected}.${info.baseModelId}`;
    return {
      hint: `The "${prefix}." inference profile cannot be called from ${region}; use ${suggestion} there (or set AWS Region (aws_region) to a region that serves "${prefix}." profiles).`,
      details: { suggestedModelId: suggestion, region, prefix },
    };
  }
  return undefined;
}

function classify(e: SdkErrorShape, ctx: BedrockErrorContext): SwitchboardErrorInit {
  const name = e.name ?? '';
  const serviceMessage = e.message ?? name;
  const status = e.$metadata?.httpStatusCode;
  const base = { provider: 'bedrock' as const, status, requestId: e.$metadata?.requestId, cause: e };
  const where = `${ctx.modelId} in ${ctx.region}`;
  const interrupted = ctx.streamStarted ? { code: 'stream_interrupted' as const } : {};

  const access = classifyModelAccess(serviceMessage, base, ctx);
  if (access) return access;
  // A rejected Bedrock API key, whatever exception name (or none) the 403 carries.
  if (/make sure your API Key is valid/i.test(serviceMessage)) {
    return { ...base, type: 'authentication', code: 'invalid_api_key', message: `Bedrock rejected the API key: ${serviceMessage}`, hint: 'Check the Bedrock API key (Switchboard: Set Bedrock API Key) or generate a new one in the Bedrock console for this region; keys work only in the region they were made for.' };
  }

  switch (name) {
    case 'UnrecognizedClientException':
      return ctx.auth === 'bearer'
        ? { ...base, type: 'authentication', code: 'invalid_api_key', message: `Bedrock rejected the API key: ${serviceMessage}`, hint: 'Check the Bedrock API key (Switchboard: Set Bedrock API Key) or generate a new one in the Bedrock console for this region.' }
        : { ...base, type: 'authentication', code: 'invalid_aws_credentials', message: `Bedrock does not recognise the AWS credentials: ${serviceMessage}`, hint: 'Check the access key ID / profile in use (aws sts get-caller-identity) and that the credentials belong to an active AWS account.' };
    case 'InvalidSignatureException':
      if (/scoped to a valid region|scoped to correct region/i.test(serviceMessage)) {
        return { ...base, type: 'region', code: 'invalid_signature', message: `The request was signed for a different region than the Bedrock endpoint serves (${ctx.region}).`, hint: "Set AWS Region (aws_region) to the endpoint's region, or clear Bedrock Endpoint so the regional one is used.", settings: [settingRef('bedrock.awsRegion'), settingRef('bedrock.endpoint')] };
      }
      if (/signature expired/i.test(serviceMessage)) {
        return { ...base, type: 'authentication', code: 'invalid_signature', message: `Bedrock rejected the request signature as expired: ${serviceMessage}`, hint: "Your computer's clock is off by more than 15 minutes; sync it and try again." };
      }
      return { ...base, type: 'authentication', code: 'invalid_signature', message: 'Bedrock rejected the request signature (the secret access key does not match the access key ID).', hint: 'Check the secret access key of the credentials in use, and that the region is right.' };
    case 'ExpiredTokenException':
      return { ...base, type: 'authentication', code: 'expired_credentials', message: `The AWS credentials have expired: ${serviceMessage}`, hint: 'Refresh the credentials: run `aws sso login` for an SSO profile, or get new temporary credentials, then try again.' };
    case 'MissingAuthenticationTokenException':
      return { ...base, type: 'authentication', code: 'missing_aws_credentials', message: 'The request carried no AWS credentials.', hint: 'Configure AWS credentials (profile, access keys, role) or a Bedrock API key.' };
    case 'AccessDeniedException': {
      const iam = /not authorized to perform|explicit deny|no identity-based policy/i.test(serviceMessage);
      const global = parseBedrockModelId(ctx.modelId).profilePrefix === 'global';
      // An explicit deny (an SCP, or a Deny statement — often a region condition) is not fixed by adding an Allow.
      const deny = /explicit deny in an? (service control|identity-based|resource-based|permissions boundary|session) policy/i.exec(serviceMessage);
      const regionHint = global ? ` A global. profile may route to any commercial region: a region condition blocks it, so use the ${geoPrefixForRegion(ctx.region) ?? 'geo'}. profile instead.` : ' Cross-region profiles route to several regions of the geography: a region condition must allow all of them.';
      return {
        ...base,
        type: 'permission',
        code: iam ? 'iam_denied' : 'model_access_denied',
        message: `Access denied to ${where}: ${serviceMessage}`,
        hint: deny
          ? `An explicit deny in ${/service control/i.test(deny[0]) ? 'an AWS Organizations service control policy' : 'a policy'} refuses this call; an Allow cannot override it — ask your AWS administrator.${regionHint}`
          : iam
            ? 'Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on both the inference-profile ARN and the foundation-model ARNs it routes to.'
            : `Model access for this account in ${ctx.region} is granted in the Bedrock console → Model catalog (Anthropic models need the one-time use-case form); also check that IAM allows bedrock:InvokeModel* on the model and inference-profile ARNs.`,
        details: { region: ctx.region, modelId: ctx.modelId },
      };
    }
    case 'ThrottlingException':
    case 'ServiceQuotaExceededException':
      // "Too many tokens per day" cannot clear within a retry budget; the per-minute texts can.
      return PER_DAY.test(serviceMessage)
        ? { ...base, ...interrupted, code: 'daily_quota', type: 'rate_limit', message: `Bedrock's daily quota for ${where} is used up: ${serviceMessage}`, hint: 'The quota resets daily: use the other provider meanwhile, or request a higher "tokens per day" quota in Service Quotas.', retryAfterMs: retryAfterMs(e) }
        : { ...base, ...interrupted, type: 'rate_limit', message: `Bedrock throttled the request for ${where}: ${serviceMessage}`, hint: 'Wait and retry, request a quota increase (Service Quotas → tokens per minute for the model), or use a cross-region inference profile to spread load.', retryAfterMs: retryAfterMs(e) };
    case 'ServiceUnavailableException':
    case 'InternalServerException':
    case 'ModelNotReadyException':
    case 'ModelErrorException':
    case 'ModelStreamErrorException':
      return { ...base, ...interrupted, type: 'unavailable', message: `Bedrock could not serve ${where} right now (${name}): ${serviceMessage}`, hint: 'Retry shortly, or fail over to the other provider.', retryAfterMs: retryAfterMs(e) };
    case 'ModelTimeoutException':
      return { ...base, ...interrupted, type: 'timeout', message: `The model timed out on Bedrock: ${serviceMessage}`, hint: 'Retry, or ask for fewer output tokens.' };
    case 'ResourceNotFoundException':
      return { ...base, type: 'model_not_found', message: `Bedrock has no model ${where}: ${serviceMessage}`, hint: 'Check the model ID / ARN and region (Switchboard: Verify Model Mapping).' };
    case 'ValidationException':
      return classifyValidation(serviceMessage, base, ctx, interrupted);
  }
  return { ...base, ...interrupted, type: 'unknown', message: `Bedrock error ${name || 'Error'}: ${serviceMessage}` };
}

function classifyValidation(serviceMessage: string, base: Omit<SwitchboardErrorInit, 'type' | 'message'>, ctx: BedrockErrorContext, interrupted: { code?: 'stream_interrupted' }): SwitchboardErrorInit {
  if (ON_DEMAND_UNSUPPORTED.test(serviceMessage)) {
    const baseId = parseBedrockModelId(ctx.modelId).baseModelId ?? ctx.modelId;
    const profileId = ctx.profileFor?.(baseId);
    return {
      ...base,
      type: 'inference_profile_required',
      message: `Bedrock does not serve ${ctx.modelId} on demand in ${ctx.region}; it must be called through an inference profile.`,
      hint: profileId ? `Use the inference profile ${profileId} (set it as the model, or as ${settingRef('bedrock.inferenceProfile').label}).` : `Use a cross-region inference profile ID (for example "${geoPrefixForRegion(ctx.region) ?? 'us'}.${baseId}") or its ARN.`,
      settings: [settingRef('bedrock.inferenceProfile')],
      details: { profileId, baseModelId: baseId },
    };
  }
  if (INVALID_MODEL_ID.test(serviceMessage)) {
    const mismatch = regionMismatch(ctx.modelId, ctx.region);
    if (mismatch) return { ...base, type: 'region', message: `${ctx.modelId} cannot be used in ${ctx.region}: ${serviceMessage}`, hint: mismatch.hint, details: mismatch.details, settings: [settingRef('bedrock.awsRegion')] };
    const info = parseBedrockModelId(ctx.modelId);
    const hint =
      info.profilePrefix === 'global'
        ? `This model has no global. inference profile; use the ${geoPrefixForRegion(ctx.region) ?? 'geo'}. profile instead.`
        : 'Check the model ID (Switchboard: Verify Model Mapping); a logical name such as "sonnet" picks the right ID for the region.';
    return { ...base, type: 'model_not_found', message: `Bedrock does not know the model ${ctx.modelId} in ${ctx.region}.`, hint };
  }
  const both = INPUT_PLUS_OUTPUT.exec(serviceMessage);
  if (both) {
    const [input, output, limit] = [Number(both[1]), Number(both[2]), Number(both[3])];
    const maxOutput = settingRef('maxOutputTokens');
    return {
      ...base,
      type: 'context_length',
      code: 'output_exceeds_context',
      message: `The conversation (${input} tokens) plus ${output} max output tokens exceeds the ${limit}-token context window of ${ctx.modelId}.`,
      hint: limit > input ? `Lower ${maxOutput.label} to ${limit - input} or less, or shorten the conversation.` : 'Shorten the conversation or use a model with a larger context window.',
      settings: [maxOutput],
      details: { inputTokens: input, maxOutputTokens: output, contextWindow: limit },
    };
  }
  const output = OUTPUT_LIMIT.exec(serviceMessage);
  if (output) {
    const limit = Number(output[1] ?? output[3]);
    const maxOutput = settingRef('maxOutputTokens');
    return { ...base, type: 'invalid_request', code: 'output_limit_exceeded', message: `${ctx.modelId} writes at most ${limit} output tokens on Bedrock: ${serviceMessage}`, hint: `Lower ${maxOutput.label} to ${limit} or less.`, settings: [maxOutput], details: { outputLimit: limit } };
  }
  if (CONTEXT_TOO_LONG.test(serviceMessage)) {
    return { ...base, type: 'context_length', message: `The request is too long for ${ctx.modelId}: ${serviceMessage}`, hint: 'Shorten the conversation (drop older turns or large attachments) or use a model with a larger context window.' };
  }
  if (CACHE_UNSUPPORTED.test(serviceMessage)) {
    return { ...base, type: 'invalid_request', message: `${ctx.modelId} does not support prompt caching on Bedrock.`, hint: 'Turn off prompt-cache breakpoints for this model.' };
  }
  return { ...base, ...interrupted, type: 'invalid_request', message: `Bedrock rejected the request: ${serviceMessage}`, hint: 'Check the request parameters (max tokens, temperature, tools, thinking budget) against the model’s limits.' };
}

/**
 * Model access that IAM does not grant, by its text (it arrives as AccessDenied, ResourceNotFound
 * or Validation): the Marketplace subscription, the Anthropic use-case form, a Legacy or retired model.
 */
function classifyModelAccess(serviceMessage: string, base: Omit<SwitchboardErrorInit, 'type' | 'message'>, ctx: BedrockErrorContext): SwitchboardErrorInit | undefined {
  const where = `${ctx.modelId} in ${ctx.region}`;
  const details = { region: ctx.region, modelId: ctx.modelId };
  if (MARKETPLACE.test(serviceMessage)) {
    return {
      ...base,
      type: 'permission',
      code: 'marketplace_subscription',
      message: `Bedrock could not subscribe this account to ${where} through AWS Marketplace: ${serviceMessage}`,
      hint: 'Bedrock subscribes the account to a model on its first call. Have an administrator call the model once (or allow aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions to this identity), wait a few minutes, then retry. This is not a bedrock:InvokeModel problem.',
      details,
    };
  }
  if (USE_CASE_FORM.test(serviceMessage)) {
    return {
      ...base,
      type: 'permission',
      code: 'use_case_form_required',
      message: `Anthropic models need the one-time use-case form for this AWS account before ${where} can be called: ${serviceMessage}`,
      hint: 'Submit the Anthropic use-case details once for the account (or the organization\'s management account): Bedrock console → Model catalog → an Anthropic model. Access follows within about 15 minutes.',
      details,
    };
  }
  if (LEGACY.test(serviceMessage) || OPERATION_NOT_ALLOWED.test(serviceMessage)) {
    return {
      ...base,
      type: 'model_not_found',
      code: 'model_legacy',
      message: `${ctx.modelId} is a Legacy model on Bedrock that this account may no longer call: ${serviceMessage}`,
      hint: 'Pick an active model (a logical name such as "sonnet" or "haiku" always maps to a current one). Legacy models stay callable only for accounts that used them recently.',
      details,
    };
  }
  if (END_OF_LIFE.test(serviceMessage)) {
    return { ...base, type: 'model_not_found', code: 'model_end_of_life', message: `${ctx.modelId} has reached its end of life on Bedrock: ${serviceMessage}`, hint: 'Pick a current model (a logical name such as "sonnet" or "haiku" always maps to one).', details };
  }
  return undefined;
}

/** Map anything thrown while talking to Bedrock. */
export function toBedrockError(e: unknown, ctx: BedrockErrorContext): SwitchboardError {
  if (isSwitchboardError(e)) return e;
  const err = (e ?? {}) as SdkErrorShape;
  if (ctx.cancelled) {
    return new SwitchboardError({ type: 'cancelled', provider: 'bedrock', message: 'The request was cancelled.', cause: e, retryable: false });
  }
  if (ctx.timedOut) {
    return new SwitchboardError({
      type: 'timeout',
      provider: 'bedrock',
      ...(ctx.streamStarted ? { code: 'stream_interrupted' as const } : {}),
      message: ctx.streamStarted ? `Bedrock stopped sending for ${ctx.timeoutMs ?? '?'} ms in the middle of the answer from ${ctx.modelId}.` : `Bedrock did not answer within ${ctx.timeoutMs ?? '?'} ms (${ctx.modelId}).`,
      hint: 'Retry; if it keeps happening raise the timeout or check the network path to Bedrock.',
      cause: e,
    });
  }
  if (err.name === 'AbortError') {
    return new SwitchboardError({ type: 'cancelled', provider: 'bedrock', message: 'The request was cancelled.', cause: e, retryable: false });
  }
  // Transport failures first: the SDK stamps $metadata on those too, and reports a socket hang-up
  // on HTTP/1.1 as a "TimeoutError" with code ECONNRESET.
  const codes = errorCodesOf(e);
  const message = err.message ?? String(e);
  const transport = codes.find((c) => NETWORK_CODES.has(c) || c.startsWith('ERR_HTTP2')) ?? (/checksum|truncated|socket hang up|stream closed|did not get a response/i.test(message) ? 'stream' : undefined);
  const serviceAnswered = err.$metadata?.httpStatusCode !== undefined || /Exception$/.test(err.name ?? '');
  if (transport && !serviceAnswered && !codes.includes('ETIMEDOUT')) {
    const refused = codes.includes('ECONNREFUSED');
    return new SwitchboardError({
      type: 'network',
      provider: 'bedrock',
      code: ctx.streamStarted ? 'stream_interrupted' : refused ? 'connection_refused' : 'connection_reset',
      message: ctx.streamStarted ? `The Bedrock stream broke off mid-answer (${transport === 'stream' ? message : transport}).` : refused ? 'Could not connect to the Bedrock endpoint (connection refused).' : `The connection to Bedrock failed (${transport === 'stream' ? message : transport}).`,
      hint: refused ? 'Check the Bedrock endpoint URL, proxy settings and network connection.' : 'Retry; if it persists check the network, VPN or proxy between you and Bedrock.',
      cause: e,
    });
  }
  if (err.name === 'TimeoutError' || codes.includes('ETIMEDOUT')) {
    return new SwitchboardError({ type: 'timeout', provider: 'bedrock', ...(ctx.streamStarted ? { code: 'stream_interrupted' as const } : {}), message: `The connection to Bedrock timed out (${ctx.modelId}).`, hint: 'Retry; if it keeps happening check the network path to Bedrock.', cause: e });
  }
  if (serviceAnswered) return new SwitchboardError(classify(err, ctx));
  return new SwitchboardError({ type: 'unknown', provider: 'bedrock', message: `Unexpected Bedrock error: ${message}`, cause: e });
}
