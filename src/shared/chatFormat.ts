// How the footer under an answer reads. Pure so the unit tests pin the wording the README shows.
import type { AnswerFooter, ModelGroup, ModelOption } from './chatTypes';
import { PROVIDER_LABELS, isProviderId } from './providers';

export function providerName(id: string): string {
  return isProviderId(id) ? PROVIDER_LABELS[id] : id;
}

/** The model picker's group headings (the QuickPick's separators and the chat picker's). */
export const MODEL_GROUP_LABELS: Record<ModelGroup, string> = {
  current: 'Current models',
  older: 'Older versions',
  other: 'Other Bedrock models',
  custom: 'Your model mapping',
};

/** The hint under the model picker: who answers this name now ("Bedrock answers with eu.anthropic…" while failed over). */
export function modelHint(option: ModelOption | undefined, name: string): string {
  if (!option) return name;
  return option.modelId ? `${providerName(option.provider)} answers with ${option.modelId}` : `⚠ ${option.problem ?? 'unavailable'}`;
}

/** `$0.0123`; `unknown` when the model has no known price (never `$0`). */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return 'cost unknown';
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  return `$${usd < 0.01 ? usd.toFixed(4) : usd < 1 ? usd.toFixed(3) : usd.toFixed(2)}`;
}

export function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function n(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)}k` : String(value);
}

/** `1200 in · 350 out · 1024 cache read · 0 cache write`; cache parts only when non-zero. */
export function formatTokens(usage: AnswerFooter['usage']): string {
  if (!usage) return 'tokens unknown';
  const parts = [`${n(usage.inputTokens)} in`, `${n(usage.outputTokens)} out`];
  if (usage.cacheReadInputTokens > 0) parts.push(`${n(usage.cacheReadInputTokens)} cache read`);
  if (usage.cacheWriteInputTokens > 0) parts.push(`${n(usage.cacheWriteInputTokens)} cache write`);
  return parts.join(' · ');
}

const REASONS: Record<string, string> = {
  overloaded: 'overloaded',
  rate_limit: 'was rate-limited',
  throttled: 'was throttled',
  unavailable: 'was unavailable',
  network: 'was unreachable',
  timeout: 'timed out',
  server: 'had a server error',
  authentication: 'rejected the credentials',
};

/** `answered by Bedrock after Anthropic overloaded`. The reason is `type: message` from the client. */
export function failoverText(failover: { from: string; to: string; reason: string }): string {
  const type = failover.reason.split(':')[0]?.trim() ?? '';
  const why = REASONS[type] ?? (type ? `failed (${type})` : 'failed');
  return `answered by ${providerName(failover.to)} after ${providerName(failover.from)} ${why}`;
}

/** The footer's one line, badges excluded. */
export function footerLine(f: AnswerFooter): string {
  return [providerName(f.provider), f.modelId, formatTokens(f.usage), formatCost(f.costUsd), formatLatency(f.latencyMs)].join(' · ');
}
