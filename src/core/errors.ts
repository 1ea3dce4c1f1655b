import type { ProviderId } from './types';

/**
 * Every failure a user can meet, as one closed set. The CLI's `--json` error `type` and exit
 * codes derive from it (see cliErrorType / exitCodeFor).
 */
export type ErrorType =
  | 'authentication'
  | 'permission'
  | 'rate_limit'
  | 'overloaded'
  | 'unavailable'
  | 'model_not_found'
  | 'inference_profile_required'
  | 'region'
  | 'context_length'
  | 'invalid_request'
  | 'timeout'
  | 'network'
  | 'invalid_config'
  | 'missing_dependency'
  | 'cancelled'
  | 'budget_exceeded'
  /** The provider account cannot pay (Anthropic credit balance, billing_error). */
  | 'billing'
  | 'unknown';

/** Finer cause inside a type, for hints and fix buttons. */
export type ErrorCode =
  | 'missing_api_key'
  | 'invalid_api_key'
  | 'missing_aws_credentials'
  | 'invalid_aws_credentials'
  | 'expired_credentials'
  | 'expired_sso_session'
  | 'invalid_signature'
  | 'model_access_denied'
  | 'iam_denied'
  /** Bedrock: the account's one-time AWS Marketplace subscription to the model is missing. */
  | 'marketplace_subscription'
  /** Bedrock: the one-time Anthropic use-case form has not been submitted for the account. */
  | 'use_case_form_required'
  /** Bedrock: the model is Legacy and this account may no longer call it. */
  | 'model_legacy'
  /** Bedrock: the model version reached its end of life. */
  | 'model_end_of_life'
  /** Anthropic: the credit balance is too low. */
  | 'credit_balance'
  /** Anthropic: the organization's own monthly spend limit is reached. */
  | 'spend_limit'
  /** Anthropic: the organization is disabled (billing or policy; only Anthropic can lift it). */
  | 'account_disabled'
  /** Input plus max output tokens exceed the context window (the input alone fits). */
  | 'output_exceeds_context'
  /** max output tokens above the model's output limit. */
  | 'output_limit_exceeded'
  /** A request-per-day or token-per-day quota: retrying within minutes cannot succeed. */
  | 'daily_quota'
  /** The base URL answered 404 for the API path itself (not a model). */
  | 'endpoint_not_found'
  | 'stream_interrupted'
  | 'connection_refused'
  | 'connection_reset';

const RETRYABLE: ReadonlySet<ErrorType> = new Set(['rate_limit', 'overloaded', 'unavailable', 'timeout', 'network']);

/** A setting a hint refers to, as data: a UI renders a link, text shows the label. */
export interface SettingRef {
  /** Full VS Code setting id, e.g. `switchboard.maxOutputTokens`. */
  id: string;
  /** What the Settings UI calls it, e.g. "Max Output Tokens". */
  label: string;
}

export interface SwitchboardErrorInit {
  type: ErrorType;
  provider?: ProviderId;
  message: string;
  /** What to do next, one sentence. */
  hint?: string;
  code?: ErrorCode;
  status?: number;
  /** From `retry-after` / `retry-after-ms`. */
  retryAfterMs?: number;
  /** Override the default retryability of the type. */
  retryable?: boolean;
  /** Provider's request id, for support tickets. */
  requestId?: string;
  /** e.g. the inference profile to use, the AWS profile to log in with. */
  details?: Record<string, string | number | boolean | string[] | undefined>;
  /** Settings the hint names (the hint uses their labels, never raw ids). */
  settings?: readonly SettingRef[];
  cause?: unknown;
}

/**
 * Marks a SwitchboardError across bundles: the provider layer ships as its own lazily loaded chunk
 * (esbuild.mjs, lazy-providers) with its own copy of this class, so `instanceof` alone would miss
 * its errors in the main bundle.
 */
const BRAND = Symbol.for('switchboard.SwitchboardError');

export class SwitchboardError extends Error {
  readonly type: ErrorType;
  readonly provider: ProviderId | undefined;
  readonly hint: string | undefined;
  readonly code: ErrorCode | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;
  readonly requestId: string | undefined;
  readonly details: SwitchboardErrorInit['details'];
  readonly settings: readonly SettingRef[] | undefined;

  constructor(init: SwitchboardErrorInit) {
    super(redactSecrets(init.message), init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'SwitchboardError';
    this.type = init.type;
    this.provider = init.provider;
    this.hint = init.hint === undefined ? undefined : redactSecrets(init.hint);
    this.code = init.code;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.retryable = init.retryable ?? RETRYABLE.has(init.type);
    this.requestId = init.requestId;
    this.details = init.details;
    this.settings = init.settings;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Plain, secret-free shape for logs, webviews and `--json`. */
  toJSON(): { type: ErrorType; code?: ErrorCode; provider?: ProviderId; message: string; hint?: string; retryAfterMs?: number; settings?: SettingRef[] } {
    return {
      type: this.type,
      ...(this.code ? { code: this.code } : {}),
      ...(this.provider ? { provider: this.provider } : {}),
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(this.settings?.length ? { settings: [...this.settings] } : {}),
    };
  }
}

export function isSwitchboardError(e: unknown): e is SwitchboardError {
  return e instanceof SwitchboardError || (typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true);
}

// Anthropic keys (sk-ant-…), AWS access key ids (AKIA/ASIA…), Bedrock API keys (ABSK…),
// bearer tokens and secret-looking assignments are cut out of any text we show or log.
const SECRET_PATTERNS: RegExp[] = [
  /sk-ant-[A-Za-z0-9_-]{8,}/g,
  /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g,
  /\bABSK[A-Za-z0-9+/=_-]{8,}/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  // After a key's name, a value that looks like a credential (16+ key characters with a digit),
  // not the next word of a sentence ("api_key: missing" stays readable).
  /((?:aws_secret_access_key|secretAccessKey|aws_session_token|sessionToken|x-api-key|api[_-]?key)["']?\s*[:=]\s*["']?)(?=[A-Za-z0-9+/=_.~-]*\d)[A-Za-z0-9+/=_.~-]{16,}/gi,
];

/** Replace anything that looks like a credential with `[redacted]`. */
export function redactSecrets(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  for (const re of SECRET_PATTERNS) {
    out = out.replace(re, (_m: string, prefix?: string) => (typeof prefix === 'string' && prefix.length < 80 ? `${prefix}[redacted]` : '[redacted]'));
  }
  return out;
}
