// The deadlines the product sets on every request unless the user changes them
// (settings `switchboard.timeouts.*`, YAML `timeouts.*`, `--first-token-timeout` / `--idle-timeout`
// / `--total-timeout`, SWITCHBOARD_FIRST_TOKEN_TIMEOUT / _IDLE_TIMEOUT / _TOTAL_TIMEOUT, in seconds; 0 = off).
import type { SwitchboardConfig } from '../config/schema';
import { estimateTokens } from '../cache/promptCache';
import type { ModelRequest } from '../types';
import type { RequestContext } from './context';

export interface Deadlines {
  /** No answer token within this long → "slow": retried, or failed over at once when a fallback exists. 0 = off. */
  firstTokenMs: number;
  /** The longest silence between two stream events once content has started. 0 = off. */
  idleMs: number;
  /** The whole request: every attempt, wait and provider. 0 = off. */
  totalMs: number;
}

/**
 * Why these values:
 * - first token 20 s: Claude's time to first token is well under 5 s for ordinary prompts on both
 *   services; 20 s is four times that, and below the 25–30 s retry-after a throttled service asks
 *   for, so "wait longer than the deadline" means "fail over now". Large prompts get more time
 *   (see firstTokenDeadline): prefill grows with the input.
 * - idle 30 s: once a stream runs, events arrive every few hundred milliseconds; 30 s of silence
 *   is a stalled connection, not a slow model (the services keep streams alive well inside that).
 * - total 15 min: the default 8,192 output tokens take about 2–3 minutes; 15 minutes covers a
 *   64,000-token answer at ~80 tokens/s and still ends a request nobody is reading any more.
 */
export const DEFAULT_DEADLINES: Deadlines = { firstTokenMs: 20_000, idleMs: 30_000, totalMs: 900_000 };

/** Extra first-token time for big prompts: 1 s per 5,000 input tokens above 20,000. */
const LARGE_PROMPT_TOKENS = 20_000;
const TOKENS_PER_EXTRA_SECOND = 5_000;

/** Deadlines from the effective config (seconds) over the defaults; `override` wins (tests, callers). */
export function deadlinesFrom(config: SwitchboardConfig, override: Partial<Deadlines> = {}): Deadlines {
  const t = config.timeouts;
  const ms = (s: number | undefined, fallback: number): number => (s === undefined || !Number.isFinite(s) || s < 0 ? fallback : Math.round(s * 1000));
  return {
    firstTokenMs: override.firstTokenMs ?? ms(t?.firstTokenSeconds, DEFAULT_DEADLINES.firstTokenMs),
    idleMs: override.idleMs ?? ms(t?.idleSeconds, DEFAULT_DEADLINES.idleMs),
    totalMs: override.totalMs ?? ms(t?.totalSeconds, DEFAULT_DEADLINES.totalMs),
  };
}

/** The first-token deadline for this request: the configured one, plus prefill time for a large prompt. */
export function firstTokenDeadline(deadlines: Deadlines, request: ModelRequest): number {
  if (deadlines.firstTokenMs <= 0) return 0;
  const tokens = estimateTokens(promptText(request));
  const extra = tokens > LARGE_PROMPT_TOKENS ? Math.ceil((tokens - LARGE_PROMPT_TOKENS) / TOKENS_PER_EXTRA_SECOND) * 1000 : 0;
  return deadlines.firstTokenMs + extra;
}

function promptText(request: ModelRequest): string {
  let text = typeof request.system === 'string' ? request.system : (request.system ?? []).map((b) => b.text).join('\n');
  for (const m of request.messages) {
    if (typeof m.content === 'string') text += m.content;
    else for (const b of m.content) if (b.type === 'text') text += b.text;
  }
  return text;
}

/** The request's first-token deadline, computed once per request (the retry and deadlines stages both need it). */
export function firstTokenDeadlineOf(ctx: RequestContext, request: ModelRequest): number {
  ctx.firstTokenMs ??= firstTokenDeadline(ctx.deps.deadlines, request);
  return ctx.firstTokenMs;
}
