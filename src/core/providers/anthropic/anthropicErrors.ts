import { SwitchboardError, redactSecrets } from '../../errors';
import type { ErrorCode, ErrorType, SwitchboardErrorInit } from '../../errors';
import { settingRef } from '../../settingRefs';

/**
 * Anthropic SDK errors → typed `SwitchboardError`s with a next step. The SDK's classes are only
 * loaded lazily, so this matches on their shape (`status`, `name`, `error` body) instead of
 * `instanceof`, which also keeps it testable without the SDK.
 */
export const API_KEY_HINT = 'Run “Switchboard: Set Anthropic API Key” or set ANTHROPIC_API_KEY';

export interface ErrorContext {
  modelId?: string;
  baseUrl?: string;
  timeoutMs?: number;
  /** Our own idle / total timer fired (the SDK reports that as an abort). */
  timedOut?: boolean;
  /** The caller's signal aborted. */
  cancelled?: boolean;
  /** Content was already yielded to the caller: a retry would repeat it. */
  midStream?: boolean;
  /** Secrets to scrub from any message (the key in use). */
  secrets?: readonly string[];
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  status?: number;
  headers?: { get(name: string): string | null } | null;
  error?: { error?: { type?: string; message?: string } } | null;
  requestID?: string | null;
  cause?: unknown;
}

const API_ERROR_TYPES: Record<string, ErrorType> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'model_not_found',
  request_too_large: 'invalid_request',
  billing_error: 'billing',
  rate_limit_error: 'rate_limit',
  api_error: 'unavailable',
  overloaded_error: 'overloaded',
  timeout_error: 'timeout',
};

/** `retry-after-ms` (the SDK's own, precise) wins over `retry-after` (seconds or an HTTP date). */
export function retryAfterMsFromHeaders(headers: SdkErrorShape['headers'], now: number = Date.now()): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Math.round(Number(ms));
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function causeCodes(e: unknown): string[] {
  const codes: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; depth < 6 && typeof cur === 'object' && cur !== null; depth++) {
    const c = cur as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof c.code === 'string') codes.push(c.code);
    if (typeof c.message === 'string') codes.push(c.message);
    if (Array.isArray(c.errors)) for (const inner of c.errors as Array<{ code?: unknown }>) if (typeof inner?.code === 'string') codes.push(inner.code);
    cur = c.cause;
  }
  return codes;
}

function apiBody(e: SdkErrorShape): { type?: string; message?: string } {
  const body = e.error && typeof e.error === 'object' ? e.error.error : undefined;
  return body && typeof body === 'object' ? body : {};
}

// Real texts (quoted with their sources in test/unit/anthropic/anthropicErrors.test.ts).
const PROMPT_TOO_LONG = /prompt is too long: (\d+) tokens > (\d+) maximum/i;
const INPUT_PLUS_OUTPUT = /input length and `?max_tokens`? exceed context limit: (\d+) \+ (\d+) > (\d+)/i;
const OUTPUT_LIMIT = /max_tokens: (\d+) > (\d+), which is the maximum allowed number of output tokens for (\S+)/i;
const CREDIT_BALANCE = /credit balance is too low/i;
const SPEND_LIMIT = /reached your specified API usage limits(?:\. You will regain access on ([^.]+?)\.?$)?/i;
const KEY_HEADER_MISSING = /x-api-key header is required|authentication header is required/i;

const MAX_OUTPUT = settingRef('maxOutputTokens');
const fmt = (n: number): string => n.toLocaleString('en-US');

type Classified = Omit<SwitchboardErrorInit, 'provider' | 'status' | 'requestId' | 'retryAfterMs' | 'cause'>;

/** A 400 by its text: context length, output limit and credit balance each have their own fix. */
export function classifyAnthropic400(apiMessage: string, model: string): Classified {
  const both = INPUT_PLUS_OUTPUT.exec(apiMessage);
  if (both) {
    const [input, output, limit] = [Number(both[1]), Number(both[2]), Number(both[3])];
    const room = limit - input;
    return {
      type: 'context_length',
      code: 'output_exceeds_context',
      message: `The conversation (${fmt(input)} tokens) plus ${fmt(output)} max output tokens exceeds the ${fmt(limit)}-token context window of${model || ' the model'}.`,
      hint: room > 0
        ? `Lower ${MAX_OUTPUT.label} to ${fmt(room)} or less, or shorten the conversation (start a new chat, attach less).`
        : 'Shorten the conversation (start a new chat, attach less) or use a model with a larger context window.',
      settings: [MAX_OUTPUT],
      details: { inputTokens: input, maxOutputTokens: output, contextWindow: limit },
    };
  }
  const prompt = PROMPT_TOO_LONG.exec(apiMessage);
  if (prompt || /context (window|length)/i.test(apiMessage)) {
    return {
      type: 'context_length',
      message: `The conversation is too long for${model || ' the model'} (${apiMessage}).`,
      hint: 'Shorten the conversation or attachments, start a new chat, or use a model with a larger context window.',
      ...(prompt ? { details: { inputTokens: Number(prompt[1]), contextWindow: Number(prompt[2]) } } : {}),
    };
  }
  const output = OUTPUT_LIMIT.exec(apiMessage);
  if (output) {
    return {
      type: 'invalid_request',
      code: 'output_limit_exceeded',
      message: `${fmt(Number(output[1]))} max output tokens is above the ${fmt(Number(output[2]))} ${output[3]} can write (${apiMessage}).`,
      hint: `Lower ${MAX_OUTPUT.label} to ${fmt(Number(output[2]))} or less.`,
      settings: [MAX_OUTPUT],
      details: { maxOutputTokens: Number(output[1]), outputLimit: Number(output[2]) },
    };
  }
  if (CREDIT_BALANCE.test(apiMessage)) {
    return {
      type: 'billing',
      code: 'credit_balance',
      message: `Anthropic refused the request: the account's credit balance is too low (${apiMessage}).`,
      hint: 'Buy credits or upgrade the plan in the Claude Console (Plans & Billing), or use Bedrock meanwhile. A new balance can take a few minutes to apply.',
    };
  }
  const spend = SPEND_LIMIT.exec(apiMessage);
  if (spend) {
    return {
      type: 'billing',
      code: 'spend_limit',
      message: `The organization's Anthropic spend limit is reached (${apiMessage}).`,
      hint: `Raise the spend limit in the Claude Console (Limits), or use Bedrock${spend[1] ? ` until ${spend[1]}` : ' meanwhile'}.`,
    };
  }
  if (/organization has been disabled/i.test(apiMessage)) {
    return {
      type: 'permission',
      code: 'account_disabled',
      message: `Anthropic refused the request: the key's organization is disabled (${apiMessage}).`,
      hint: 'Only Anthropic can re-enable the organization: check the Claude Console (billing, notices) or contact Anthropic support; use Bedrock meanwhile, or a key of another organization.',
    };
  }
  if (KEY_HEADER_MISSING.test(apiMessage)) {
    return { type: 'authentication', code: 'missing_api_key', message: `Anthropic got no API key (${apiMessage}).`, hint: API_KEY_HINT };
  }
  return {
    type: 'invalid_request',
    message: `Anthropic rejected the request (400: ${apiMessage}).`,
    hint: 'Fix the request parameter the message names; if Switchboard built it, report it with the request id.',
  };
}

/** Map anything the SDK (or the stream) throws to a `SwitchboardError`. */
export function toSwitchboardError(e: unknown, ctx: ErrorContext = {}): SwitchboardError {
  const secrets = ctx.secrets ?? [];
  const clean = (s: string): string => redactSecrets(s, secrets);
  const err = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as SdkErrorShape;
  const name = err.name ?? '';
  const midStream = ctx.midStream ? { midStream: true } : undefined;
  const model = ctx.modelId ? ` ${ctx.modelId}` : '';

  if (ctx.timedOut || name === 'APIConnectionTimeoutError') {
    const after = ctx.timeoutMs !== undefined ? ` after ${ctx.timeoutMs} ms` : '';
    return new SwitchboardError({
      type: 'timeout',
      provider: 'anthropic',
      message: `Anthropic did not answer${after}${ctx.midStream ? ' (the stream stalled)' : ''}.`,
      hint: 'Check your network or proxy, or raise the request timeout; Anthropic may also be slow right now.',
      details: midStream,
      cause: e,
    });
  }
  if (ctx.cancelled || name === 'APIUserAbortError' || name === 'AbortError') {
    return new SwitchboardError({ type: 'cancelled', provider: 'anthropic', message: 'The request was cancelled.', retryable: false, cause: e });
  }

  if (e instanceof SwitchboardError) return e;

  const body = apiBody(err);
  const apiMessage = clean(body.message ?? err.message ?? 'unknown error');
  const requestId = err.requestID ?? err.headers?.get?.('request-id') ?? undefined;
  const status = typeof err.status === 'number' ? err.status : undefined;

  if (status === undefined && body.type) {
    // An `error` event inside a 200 stream: the same classes, but the answer broke off midway.
    const type = API_ERROR_TYPES[body.type] ?? 'unknown';
    return new SwitchboardError({
      type,
      provider: 'anthropic',
      code: 'stream_interrupted',
      message: `Anthropic ended the stream with ${body.type}: ${apiMessage}`,
      hint: type === 'overloaded' || type === 'rate_limit' || type === 'unavailable' ? 'The answer was cut off; retry the request, or fail over to Bedrock.' : 'The answer was cut off; retry the request.',
      ...(requestId ? { requestId } : {}),
      details: { midStream: ctx.midStream ?? true, apiErrorType: body.type },
      cause: e,
    });
  }

  if (status !== undefined) {
    const retryAfterMs = retryAfterMsFromHeaders(err.headers);
    // The service's own verdict wins over the status (the SDK obeys it too): `x-should-retry: true|false`.
    const shouldRetry = err.headers?.get?.('x-should-retry');
    const verdict = shouldRetry === 'true' ? { retryable: true } : shouldRetry === 'false' ? { retryable: false } : {};
    const common = { provider: 'anthropic' as const, status, ...(requestId ? { requestId } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), details: midStream, cause: e, ...verdict };
    switch (true) {
      case status === 401:
        return KEY_HEADER_MISSING.test(apiMessage)
          ? new SwitchboardError({ ...common, type: 'authentication', code: 'missing_api_key', message: `Anthropic got no API key (401: ${apiMessage}).`, hint: API_KEY_HINT })
          : new SwitchboardError({ ...common, type: 'authentication', code: 'invalid_api_key', message: `Anthropic rejected the API key (401: ${apiMessage}).`, hint: API_KEY_HINT });
      case status === 402:
        return new SwitchboardError({ ...common, type: 'billing', code: 'credit_balance', message: `Anthropic refused the request for a billing problem (402: ${apiMessage}).`, hint: 'Check the payment details and balance in the Claude Console (Plans & Billing), or use Bedrock meanwhile.' });
      case status === 403:
        return new SwitchboardError({ ...common, type: 'permission', code: 'model_access_denied', message: `Anthropic refused access${model ? ` to${model}` : ''} (403: ${apiMessage}).`, hint: 'Check that your API key\'s workspace may use this model (Claude Console → Workspaces / Limits), or pick another model.' });
      case status === 404:
        // `not_found_error` "model: X" names the model; a bare "Not Found" is the path itself (a base URL without /v1 handling, a proxy).
        return /^model:/i.test(apiMessage.trim()) || ctx.modelId === undefined
          ? new SwitchboardError({ ...common, type: 'model_not_found', message: `Anthropic does not know the model${model} (404: ${apiMessage}).`, hint: 'Use a model your key can access, e.g. a logical name (sonnet, haiku, opus) or an ID like claude-sonnet-4-6; run `switchboard models` to list them.' })
          : new SwitchboardError({ ...common, type: 'model_not_found', code: 'endpoint_not_found', message: `The Anthropic endpoint${ctx.baseUrl ? ` ${clean(ctx.baseUrl)}` : ''} answered 404 for the Messages API (${apiMessage}).`, hint: `Check ${settingRef('anthropic.baseUrl').label}: it must be the API root (https://api.anthropic.com, or your proxy's root) that serves /v1/messages.`, settings: [settingRef('anthropic.baseUrl')] });
      case status === 408:
        return new SwitchboardError({ ...common, type: 'timeout', message: `Anthropic timed out the request (408: ${apiMessage}).`, hint: 'Retry; for long answers keep streaming on (the API closes idle non-streaming requests).' });
      case status === 409:
        return new SwitchboardError({ ...common, type: 'unavailable', message: `Anthropic reported a conflict (409: ${apiMessage}).`, hint: 'Retry shortly.' });
      case status === 413:
        return new SwitchboardError({ ...common, type: 'invalid_request', message: `The request is too large for Anthropic (413: ${apiMessage}).`, hint: 'Send fewer or smaller images and attachments (the API limit is 32 MB per request).' });
      case status === 400 || status === 422:
        return new SwitchboardError({ ...common, ...classifyAnthropic400(apiMessage, model), ...(status === 422 ? { message: `Anthropic rejected the request (422: ${apiMessage}).` } : {}) });
      case status === 429:
        return new SwitchboardError({ ...common, type: 'rate_limit', message: `Anthropic is rate-limiting this key (429: ${apiMessage}).`, hint: retryAfterMs !== undefined ? `Wait ${Math.ceil(retryAfterMs / 1000)} s and retry, lower the request rate or ${MAX_OUTPUT.label}, or fail over to Bedrock.` : `Wait and retry, lower the request rate or ${MAX_OUTPUT.label}, or fail over to Bedrock.` });
      case status === 529:
        return new SwitchboardError({ ...common, type: 'overloaded', message: `Anthropic is overloaded (529: ${apiMessage}).`, hint: 'Retry shortly, or fail over to Bedrock.' });
      case status >= 500:
        return new SwitchboardError({ ...common, type: 'unavailable', message: `Anthropic had a server error (${status}: ${apiMessage}).`, hint: 'Retry shortly, or fail over to Bedrock; check status.claude.com if it persists.' });
      default:
        return new SwitchboardError({ ...common, type: 'unknown', message: `Anthropic answered ${status}: ${apiMessage}.`, hint: 'Retry; if it persists, report it with the request id.' });
    }
  }

  // No HTTP status: the connection or the stream itself failed.
  const codes = causeCodes(e);
  const where = ctx.baseUrl ? ` ${clean(ctx.baseUrl)}` : '';
  if (codes.some((c) => /ECONNREFUSED/.test(c))) {
    return new SwitchboardError({ type: 'network', provider: 'anthropic', code: 'connection_refused', message: `Could not connect to Anthropic${where} (connection refused).`, hint: 'Check the Anthropic base URL, your proxy settings and network.', cause: e });
  }
  if (codes.some((c) => /ENOTFOUND|EAI_AGAIN/.test(c))) {
    return new SwitchboardError({ type: 'network', provider: 'anthropic', message: `Could not resolve the Anthropic host${where}.`, hint: 'Check the Anthropic base URL, DNS, proxy settings and network.', cause: e });
  }
  if (codes.some((c) => /ECONNRESET|UND_ERR_SOCKET|EPIPE|terminated|other side closed|socket hang up/i.test(c))) {
    return new SwitchboardError({
      type: 'network',
      provider: 'anthropic',
      code: 'connection_reset',
      message: `The connection to Anthropic was reset${ctx.midStream ? ' in the middle of the answer' : ''}.`,
      hint: 'Retry the request; if it keeps happening, check your proxy or network.',
      details: midStream,
      cause: e,
    });
  }
  if (e instanceof SyntaxError) {
    return new SwitchboardError({ type: 'network', provider: 'anthropic', code: 'stream_interrupted', message: 'Anthropic sent a malformed stream event.', hint: 'Retry the request; a proxy between you and Anthropic may be altering the stream.', details: midStream, cause: e });
  }
  if (name === 'APIConnectionError') {
    return new SwitchboardError({ type: 'network', provider: 'anthropic', message: `Could not reach Anthropic${where}: ${clean(String(err.message))}.`, hint: 'Check the Anthropic base URL, your proxy settings and network.', cause: e });
  }
  return new SwitchboardError({ type: 'unknown', provider: 'anthropic', message: `Anthropic call failed: ${clean(String(err.message ?? e))}`, hint: 'Retry; if it persists, report it with the log.', details: midStream, cause: e });
}

/** For log lines: type, code and status only. */
export function describeError(e: SwitchboardError): string {
  const parts: string[] = [e.type];
  if (e.code) parts.push(e.code as ErrorCode);
  if (e.status !== undefined) parts.push(String(e.status));
  if (e.requestId) parts.push(e.requestId);
  return parts.join(' ');
}

export function missingApiKeyError(): SwitchboardError {
  return new SwitchboardError({ type: 'authentication', provider: 'anthropic', code: 'missing_api_key', message: 'No Anthropic API key is configured.', hint: API_KEY_HINT, retryable: false });
}
