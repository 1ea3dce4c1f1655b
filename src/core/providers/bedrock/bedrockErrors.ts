// Every failure the Bedrock SDK can raise → one typed, actionable SwitchboardError.
import type { SwitchboardErrorInit } from '../../errors';
import { SwitchboardError, isSwitchboardError } from '../../errors';
import { geoPrefixForRegion } from '../../models/resolve';
import { parseBedrockModelId } from './bedrockModelIds';

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
const CONTEXT_TOO_LONG = /input is too long|too many (input )?tokens|prompt is too long|exceeds? the (maximum|context)|context (window|length)/i;
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
      hint: `The ARN belongs to ${info.arnRegion} but the client calls ${region}: set aws_region to ${info.arnRegion}, or use an ARN from ${region}.`,
      details: { arnRegion: info.arnRegion, region },
    };
  }
  const prefix = info.profilePrefix;
  if (prefix && prefix !== 'global' && expected && prefix !== expected && info.baseModelId) {
    const suggestion = `${expected}.${info.baseModelId}`;
    return {
      hint: `The "${prefix}." inference profile cannot be called from ${region}; use ${suggestion} there (or set aws_region to a region that serves "${prefix}." profiles).`,
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

  switch (name) {
    case 'UnrecognizedClientException':
      return ctx.auth === 'bearer'
        ? { ...base, type: 'authentication', code: 'invalid_api_key', message: `Bedrock rejected the API key: ${serviceMessage}`, hint: 'Check the Bedrock API key (Switchboard: Set Bedrock API Key) or generate a new one in the Bedrock console for this region.' }
        : { ...base, type: 'authentication', code: 'invalid_aws_credentials', message: `Bedrock does not recognise the AWS credentials: ${serviceMessage}`, hint: 'Check the access key ID / profile in use (aws sts get-caller-identity) and that the credentials belong to an active AWS account.' };
    case 'InvalidSignatureException':
      if (/scoped to a valid region|scoped to correct region/i.test(serviceMessage)) {
        return { ...base, type: 'region', code: 'invalid_signature', message: `The request was signed for a different region than the Bedrock endpoint serves (${ctx.region}).`, hint: "Set aws_region to the endpoint's region, or remove the custom Bedrock endpoint so the regional one is used." };
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
      return {
        ...base,
        type: 'permission',
        code: iam ? 'iam_denied' : 'model_access_denied',
        message: `Access denied to ${where}: ${serviceMessage}`,
        hint: iam
          ? 'Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on both the inference-profile ARN and the foundation-model ARNs it routes to.'
          : `Enable access to this model in the Bedrock console (Model access) for ${ctx.region}, and allow bedrock:InvokeModel* on the model and inference-profile ARNs in IAM.`,
      };
    }
    case 'ThrottlingException':
    case 'ServiceQuotaExceededException':
      return { ...base, ...interrupted, type: 'rate_limit', message: `Bedrock throttled the request for ${where}: ${serviceMessage}`, hint: 'Wait and retry, request a quota increase, or use a cross-region inference profile to spread load.', retryAfterMs: retryAfterMs(e) };
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
      hint: profileId ? `Use the inference profile ${profileId} (set it as the model, or as model_provider.bedrock.inference_profile).` : `Use a cross-region inference profile ID (for example "${geoPrefixForRegion(ctx.region) ?? 'us'}.${baseId}") or its ARN.`,
      details: { profileId, baseModelId: baseId },
    };
  }
  if (INVALID_MODEL_ID.test(serviceMessage)) {
    const mismatch = regionMismatch(ctx.modelId, ctx.region);
    if (mismatch) return { ...base, type: 'region', message: `${ctx.modelId} cannot be used in ${ctx.region}: ${serviceMessage}`, hint: mismatch.hint, details: mismatch.details };
    const info = parseBedrockModelId(ctx.modelId);
    const hint =
      info.profilePrefix === 'global'
        ? `This model has no global. inference profile; use the ${geoPrefixForRegion(ctx.region) ?? 'geo'}. profile instead.`
        : 'Check the model ID (Switchboard: Verify Model Mapping); a logical name such as "sonnet" picks the right ID for the region.';
    return { ...base, type: 'model_not_found', message: `Bedrock does not know the model ${ctx.modelId} in ${ctx.region}.`, hint };
  }
  if (CONTEXT_TOO_LONG.test(serviceMessage)) {
    return { ...base, type: 'context_length', message: `The request is too long for ${ctx.modelId}: ${serviceMessage}`, hint: 'Shorten the conversation (drop older turns or large attachments) or use a model with a larger context window.' };
  }
  if (CACHE_UNSUPPORTED.test(serviceMessage)) {
    return { ...base, type: 'invalid_request', message: `${ctx.modelId} does not support prompt caching on Bedrock.`, hint: 'Turn off prompt-cache breakpoints for this model.' };
  }
  return { ...base, ...interrupted, type: 'invalid_request', message: `Bedrock rejected the request: ${serviceMessage}`, hint: 'Check the request parameters (max tokens, temperature, tools, thinking budget) against the model’s limits.' };
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
