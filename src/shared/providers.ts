// The provider vocabulary every layer shares: core, the presenters, the extension, the CLI and
// both webviews. This is its only home — src/shared imports nothing from src/core, and the lint
// config refuses a second `'anthropic' | 'bedrock'` union anywhere else.

export type ProviderId = 'anthropic' | 'bedrock';
export const PROVIDER_IDS: readonly ProviderId[] = ['anthropic', 'bedrock'];

export function isProviderId(value: unknown): value is ProviderId {
  return value === 'anthropic' || value === 'bedrock';
}

/** Short names (status bar, chat footer, quick picks). */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = { anthropic: 'Anthropic', bedrock: 'Bedrock' };
/** Full names (dashboard cards, reports). */
export const PROVIDER_FULL_LABELS: Readonly<Record<ProviderId, string>> = { anthropic: 'Anthropic', bedrock: 'Amazon Bedrock' };

/** `ok` answers, `degraded` answers but slowly or with errors, `down` does not answer. */
export type HealthStatus = 'ok' | 'degraded' | 'down' | 'unknown';
export const HEALTH_STATUSES: readonly HealthStatus[] = ['ok', 'degraded', 'down', 'unknown'];

/** A failover in effect (or one that answered a request): who failed, who answers, and why (`type: message`). */
export interface FailoverShape {
  from: ProviderId;
  to: ProviderId;
  reason: string;
}

/** Who answers a request for `primary` now: the fallback while failed over from it, else the primary. */
export function answeringProvider(primary: ProviderId, failover: Pick<FailoverShape, 'from' | 'to'> | null): ProviderId {
  return failover && failover.from === primary ? failover.to : primary;
}
