// Stage: per leg, the outcome in ONE place — the ledger record, passive health, the failback,
// and the request's result. The footer (`done`) and the ledger are built from the same values:
// total latency from the request's start, attempts and providers across the whole request, cost.
// Runs on every exit (`finally`), including a consumer that stops reading early.
import { PartialAnswerError, asError, attachResult, countsAgainstHealth, deadlineError } from '../requestErrors';
import type { SwitchboardError } from '../../errors';
import { cacheWriteTtlFor } from '../../models/requestRules';
import { estimateCost } from '../../usage/prices';
import type { UsageRecord } from '../../usage/ledger';
import { emptyUsage } from '../../types';
import type { ModelRequest, ProviderId, StopReason, Usage } from '../../types';
import type { Leg, Next, RequestContext } from '../context';
import type { ClientEvent, RequestResult } from '../types';

interface Answer {
  text: string;
  toolCalls: RequestResult['toolCalls'];
  usage: Usage;
  usageSeen: boolean;
  stopReason: StopReason;
  modelId: string;
  content: boolean;
}

export async function* usageRecorderStage(request: ModelRequest, ctx: RequestContext, next: Next): AsyncGenerator<ClientEvent> {
  const leg = ctx.leg!;
  const a: Answer = { text: leg.prefixText ?? '', toolCalls: [], usage: emptyUsage(), usageSeen: false, stopReason: 'unknown', modelId: leg.resolved.modelId, content: false };
  const { logger, state } = ctx.deps;
  logger.info(`request → ${leg.provider} model ${leg.resolved.logical ?? request.model} as ${leg.resolved.modelId}${leg.region ? ` in ${leg.region}` : ''}`);
  let settled = false;
  try {
    for await (const event of next(request, ctx)) {
      observe(a, event, ctx);
      yield event;
    }
    settled = true;
  } catch (e) {
    settled = true;
    const error = requestError(e, ctx, leg.provider);
    if (error.details?.breakerOpen) {
      // Nothing was sent, so no ledger line; but the provider is not usable: health says so.
      state.recordRequest(leg.provider, { ok: false, latencyMs: 0, errorType: error.type, message: 'circuit breaker open' });
      throw error;
    }
    const outcome: UsageRecord['outcome'] = error.type === 'cancelled' ? 'cancelled' : a.content ? 'partial' : 'error';
    if (error.type !== 'cancelled' && (a.content || countsAgainstHealth(error))) state.recordRequest(leg.provider, { ok: false, latencyMs: ctx.deps.now() - ctx.started, errorType: error.type, message: error.message });
    const result = await record(ctx, leg, a, outcome, error.type);
    logger.error(`request on ${leg.provider} failed after ${ctx.attempts} attempt(s): ${error.type}: ${error.message}`);
    const thrown = a.content || leg.prefixText ? new PartialAnswerError(error, { text: a.text, provider: leg.provider, modelId: a.modelId }) : error;
    throw attachResult(thrown, result);
  } finally {
    if (!settled) {
      settled = true;
      // The consumer stopped reading: what was billed is still recorded, and nothing is held.
      const complete = a.stopReason !== 'unknown';
      await record(ctx, leg, a, complete ? 'ok' : 'cancelled', complete ? undefined : 'cancelled').catch(() => undefined);
    }
  }
  // Reached only when the provider's stream ended and the consumer is still reading.
  state.recordRequest(leg.provider, { ok: true, latencyMs: (ctx.firstTokenAt ?? ctx.deps.now()) - ctx.started });
  if (!leg.failover) state.failback(leg.provider);
  const result = await record(ctx, leg, a, 'ok');
  yield { type: 'done', result };
}

function observe(a: Answer, event: ClientEvent, ctx: RequestContext): void {
  switch (event.type) {
    case 'message_start':
      a.modelId = event.modelId;
      return;
    case 'text_delta':
      a.text += event.text;
      break;
    case 'tool_use_stop':
      a.toolCalls.push({ id: event.id, name: event.name, input: event.input });
      break;
    case 'stop':
      a.stopReason = event.stopReason;
      return;
    case 'usage':
      a.usageSeen = true;
      // Providers report cumulative counts; keep the largest seen for each field.
      a.usage.inputTokens = Math.max(a.usage.inputTokens, event.usage.inputTokens);
      a.usage.outputTokens = Math.max(a.usage.outputTokens, event.usage.outputTokens);
      a.usage.cacheReadInputTokens = Math.max(a.usage.cacheReadInputTokens, event.usage.cacheReadInputTokens);
      a.usage.cacheWriteInputTokens = Math.max(a.usage.cacheWriteInputTokens, event.usage.cacheWriteInputTokens);
      return;
    default:
      break;
  }
  if (event.type === 'text_delta' || event.type === 'thinking_delta' || event.type === 'tool_use_start') {
    a.content = true;
    ctx.firstTokenAt ??= ctx.deps.now();
  }
}

/** The total limit fires as an abort of the request signal: say it was the deadline, not the user. */
function requestError(e: unknown, ctx: RequestContext, provider: ProviderId): SwitchboardError {
  const error = asError(e, provider, ctx.signal);
  if (error.type === 'cancelled' && ctx.totalDeadlineHit()) return deadlineError('total', ctx.deps.deadlines.totalMs, provider, true);
  return error;
}

/**
 * Cost, the same number for the ledger and the footer: known usage → priced (null when the model
 * has no price); an answer stopped before the provider reported usage → null ("unknown"); a
 * failure before any content → what the provider reported (usually nothing: $0).
 */
function costOf(ctx: RequestContext, leg: Leg, a: Answer, outcome: UsageRecord['outcome']): { costUsd: number | null; cacheWriteCostUsd: number | null } {
  if ((outcome === 'cancelled' || outcome === 'partial') && !a.usageSeen) return { costUsd: null, cacheWriteCostUsd: null };
  const cost = estimateCost(leg.provider, a.modelId, a.usage, { mapping: ctx.deps.mapping, overrides: ctx.deps.priceOverrides, cacheWriteTtl: ttlSent(ctx, leg, a) ?? '5m' });
  return { costUsd: cost.usd === undefined ? null : cost.usd, cacheWriteCostUsd: cost.breakdown ? cost.breakdown.cacheWrite : null };
}

/**
 * The cache-write TTL this leg's request went out with: the prompt-cache stage may ask for 1 hour,
 * but a Bedrock model without the 1-hour cache gets (and bills) 5 minutes — so does a failover leg.
 */
function ttlSent(ctx: RequestContext, leg: Leg, a: Answer): '1h' | undefined {
  return cacheWriteTtlFor(leg.provider, a.modelId, ctx.cacheWriteTtl, leg.resolved.family);
}

export type EngineUsageRecord = UsageRecord & { requestId: string; attempts: number; providersTried: ProviderId[] };

/** Writes the ledger record and returns the result built from the same values. Never throws. */
export async function record(ctx: RequestContext, leg: Leg, a: Answer, outcome: UsageRecord['outcome'], errorType?: string): Promise<RequestResult> {
  const { costUsd, cacheWriteCostUsd } = costOf(ctx, leg, a, outcome);
  const latencyMs = ctx.deps.now() - ctx.started;
  const timeToFirstTokenMs = ctx.firstTokenAt === undefined ? undefined : ctx.firstTokenAt - ctx.started;
  const logical = leg.resolved.logical ?? leg.resolved.input;
  const entry: EngineUsageRecord = {
    time: new Date(ctx.started).toISOString(),
    provider: leg.provider,
    model: logical,
    modelId: a.modelId,
    ...(leg.region ? { region: leg.region } : {}),
    ...a.usage,
    latencyMs,
    ...(timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs } : {}),
    costUsd,
    cacheWriteCostUsd,
    ...(ttlSent(ctx, leg, a) ? { cacheWriteTtl: '1h' as const } : {}),
    outcome,
    ...(errorType ? { errorType } : {}),
    failover: leg.failover,
    cached: false,
    ...((ctx.options.surface ?? ctx.deps.surface) ? { surface: ctx.options.surface ?? ctx.deps.surface } : {}),
    requestId: ctx.id,
    attempts: ctx.attempts,
    providersTried: [...ctx.providersTried],
  };
  await writeRecord(ctx, entry);
  return {
    provider: leg.provider, model: logical, modelId: a.modelId, text: a.text, toolCalls: a.toolCalls, stopReason: a.stopReason,
    usage: a.usage, costUsd, latencyMs, ...(timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs } : {}),
    attempts: ctx.attempts, providersTried: [...ctx.providersTried], cached: false, failover: leg.failover, outcome,
  };
}

/** Ledger + budget. A write that fails is reported once, clearly (engine notice); the answer is never lost. */
export async function writeRecord(ctx: RequestContext, entry: UsageRecord): Promise<void> {
  const { ledger, budget, state, logger } = ctx.deps;
  if (ledger) {
    try {
      await ledger.append(entry);
      state.ledgerWrite();
    } catch (e) {
      logger.warn(`usage ledger: could not append (${(e as Error).message})`);
      state.ledgerWrite(e);
    }
  }
  if (budget) {
    try {
      await budget.observe(entry);
      await state.refreshSpend(budget);
    } catch (e) {
      logger.warn(`budget: could not evaluate (${(e as Error).message})`);
    }
  }
}
