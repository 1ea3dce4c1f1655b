import { SwitchboardError, isSwitchboardError } from '../errors';
import type { StreamEvent } from '../types';

/**
 * Our one retry layer. Providers make exactly one attempt (their SDKs run with retries off:
 * Anthropic `maxRetries: 0`, Bedrock `maxAttempts: 1`) so retries never stack.
 */
export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry is started that would end after this much time since the first attempt. */
  totalBudgetMs: number;
  /** A `retry-after` longer than this is not waited for: the error surfaces (or fails over). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  totalBudgetMs: 60_000,
  maxRetryAfterMs: 30_000,
};

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  error: SwitchboardError;
}

export interface RetryDeps {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface RetryOptions extends RetryDeps {
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
  /** Receives the number of attempts made, whatever the outcome. */
  onAttempts?: (attempts: number) => void;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelledError(): SwitchboardError {
  return new SwitchboardError({ type: 'cancelled', message: 'The request was cancelled.' });
}

/**
 * The wait before the next attempt, or undefined when we should stop retrying.
 * Exponential backoff with full jitter; a server's retry-after wins when present.
 */
export function nextDelay(policy: RetryPolicy, attempt: number, error: SwitchboardError, elapsedMs: number, random: () => number): number | undefined {
  if (!error.retryable || attempt >= policy.maxAttempts) return undefined;
  let delay: number;
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > policy.maxRetryAfterMs) return undefined;
    delay = error.retryAfterMs;
  } else {
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    delay = Math.floor(random() * cap);
  }
  if (elapsedMs + delay > policy.totalBudgetMs) return undefined;
  return delay;
}

function toSwitchboardError(e: unknown): SwitchboardError {
  if (isSwitchboardError(e)) return e;
  return new SwitchboardError({ type: 'unknown', message: e instanceof Error ? e.message : String(e), cause: e });
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy, options: RetryOptions = {}): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await fn(attempt);
      options.onAttempts?.(attempt);
      return value;
    } catch (e) {
      const error = toSwitchboardError(e);
      const delay = options.signal?.aborted ? undefined : nextDelay(policy, attempt, error, now() - started, random);
      if (delay === undefined) {
        options.onAttempts?.(attempt);
        throw error;
      }
      options.onRetry?.({ attempt, delayMs: delay, error });
      await sleep(delay, options.signal);
    }
  }
}

/** Events that show the user something; once one has been yielded, we never silently re-send. */
export function isContentEvent(event: StreamEvent): boolean {
  return event.type !== 'message_start' && event.type !== 'usage';
}

/**
 * Retry a stream only while nothing has reached the consumer: events before the first content
 * event (message_start, early usage) are held back, so a failed attempt leaves no trace. After
 * content has been yielded an error is thrown as-is (the caller keeps the partial answer).
 */
export async function* streamWithRetry(
  makeStream: (attempt: number) => AsyncIterable<StreamEvent>,
  policy: RetryPolicy,
  options: RetryOptions = {},
): AsyncGenerator<StreamEvent> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    const held: StreamEvent[] = [];
    let emitted = false;
    try {
      for await (const event of makeStream(attempt)) {
        if (!emitted && !isContentEvent(event)) {
          held.push(event);
          continue;
        }
        if (!emitted) {
          emitted = true;
          options.onAttempts?.(attempt);
          yield* held;
        }
        yield event;
      }
      if (!emitted) {
        options.onAttempts?.(attempt);
        yield* held;
      }
      return;
    } catch (e) {
      const error = toSwitchboardError(e);
      if (emitted) throw error;
      const delay = options.signal?.aborted ? undefined : nextDelay(policy, attempt, error, now() - started, random);
      if (delay === undefined) {
        options.onAttempts?.(attempt);
        throw error;
      }
      options.onRetry?.({ attempt, delayMs: delay, error });
      await sleep(delay, options.signal);
    }
  }
}
