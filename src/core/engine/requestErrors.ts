// How the engine classifies failures, and the error that carries a partial answer.
import { SwitchboardError, isSwitchboardError } from '../errors';
import type { ErrorCode } from '../errors';
import type { ProviderId } from '../types';
import type { RequestResult } from './types';

// The pipeline is its own chunk in the bundles (esbuild.mjs LAZY_MODULES), with its own copy of
// this module: what a surface reads from an error the pipeline threw must not depend on which copy
// made it. So the brand and the result travel on the error itself, under process-wide symbols.
const PARTIAL_ANSWER = Symbol.for('switchboard.PartialAnswerError');
const RESULT = Symbol.for('switchboard.requestResult');

/** A failure after content was shown: the caller keeps `partial` and can mark the answer partial. */
export class PartialAnswerError extends SwitchboardError {
  /** `instanceof` answers for an error made by either copy of this module. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PARTIAL_ANSWER] === true;
  }

  constructor(readonly original: SwitchboardError, readonly partial: { text: string; provider: ProviderId; modelId: string }) {
    super({
      type: original.type,
      provider: original.provider,
      message: original.message,
      hint: original.hint,
      code: original.code ?? 'stream_interrupted',
      status: original.status,
      retryAfterMs: original.retryAfterMs,
      retryable: false,
      requestId: original.requestId,
      details: original.details,
      cause: original,
    });
    Object.defineProperty(this, PARTIAL_ANSWER, { value: true });
  }
}

/** The request's result (cost, latency, attempts) as recorded in the ledger, carried by the error that ended it. */
export function resultOf(error: unknown): RequestResult | undefined {
  return error !== null && typeof error === 'object' ? ((error as Record<symbol, unknown>)[RESULT] as RequestResult | undefined) : undefined;
}

export function attachResult<E extends object>(error: E, result: RequestResult): E {
  Object.defineProperty(error, RESULT, { value: result, configurable: true });
  return error;
}

export function asError(e: unknown, provider: ProviderId | undefined, signal?: AbortSignal): SwitchboardError {
  if (isSwitchboardError(e)) return e;
  if (signal?.aborted) return new SwitchboardError({ type: 'cancelled', ...(provider ? { provider } : {}), message: 'The request was cancelled.' });
  return new SwitchboardError({ type: 'unknown', ...(provider ? { provider } : {}), message: e instanceof Error ? e.message : String(e), cause: e });
}

/**
 * A state of ONE provider's account that the other provider's account does not share: Anthropic's
 * credit balance, spend limit or disabled organization; Bedrock's Marketplace subscription, the
 * Anthropic use-case form, a Legacy or retired model version. Nobody decided against the request:
 * the same model answers on the other provider. (Access someone controls — an IAM or SCP deny, a
 * model not granted, a workspace restriction — is not here: docs/reliability.md says why.)
 */
const ACCOUNT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'credit_balance', 'spend_limit', 'account_disabled',
  'marketplace_subscription', 'use_case_form_required', 'model_legacy', 'model_end_of_life',
]);

export function isAccountError(error: SwitchboardError): boolean {
  return error.code !== undefined && ACCOUNT_CODES.has(error.code);
}

/** An outage of the provider — capacity, 5xx, slowness, network, dead credentials: what the breaker counts. */
export function isOutage(error: SwitchboardError): boolean {
  if (error.type === 'cancelled') return false;
  if (error.retryable) return true;
  return error.code === 'expired_credentials' || error.code === 'expired_sso_session';
}

/** Fail over on what the other provider can answer: an outage, or one provider's account state (once: neither is retried). */
export function shouldFailOver(error: SwitchboardError): boolean {
  return isOutage(error) || (error.type !== 'cancelled' && isAccountError(error));
}

/** The failover reason as the log, status bar and CLI show it: the type, the account cause when it is one, the message. */
export function failoverReason(error: SwitchboardError): string {
  return `${error.type}${isAccountError(error) ? ` (${error.code})` : ''}: ${error.message}`;
}

/** Errors that say something about the provider (not the caller's request or a cancel). */
export function countsAgainstHealth(error: SwitchboardError): boolean {
  return shouldFailOver(error) || error.type === 'authentication' || error.type === 'permission' || error.type === 'unknown';
}

export type DeadlineKind = 'first_token' | 'idle' | 'total';

const LABEL: Record<ProviderId, string> = { anthropic: 'Anthropic', bedrock: 'Bedrock' };

/** A deadline the product set was missed. First-token / idle misses are retryable (slow = like an outage). */
export function deadlineError(kind: DeadlineKind, ms: number, provider: ProviderId | undefined, midStream: boolean): SwitchboardError {
  const who = provider ? LABEL[provider] : 'The provider';
  const s = Math.round(ms / 100) / 10;
  const text: Record<DeadlineKind, string> = {
    first_token: `${who} sent no answer within ${s} s (first-token deadline); treated as slow.`,
    idle: `${who} stopped sending: no event for ${s} s after the answer started (idle timeout).`,
    total: `The request took longer than ${s} s in all (total limit).`,
  };
  const setting: Record<DeadlineKind, string> = { first_token: 'firstTokenSeconds', idle: 'idleSeconds', total: 'totalSeconds' };
  const flag: Record<DeadlineKind, string> = { first_token: '--first-token-timeout', idle: '--idle-timeout', total: '--total-timeout' };
  return new SwitchboardError({
    type: 'timeout',
    ...(provider ? { provider } : {}),
    message: text[kind],
    hint: `If the network or the model is just slow, raise switchboard.timeouts.${setting[kind]} (CLI ${flag[kind]} SECONDS; 0 turns it off).`,
    retryable: kind !== 'total' && !midStream,
    details: { deadline: kind, deadlineMs: ms, midStream },
  });
}
