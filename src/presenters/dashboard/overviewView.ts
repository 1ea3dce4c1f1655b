// The Overview tab's view model: provider cards and the routing line, from what the extension
// knows (the engine's resolution, health, the last Test Connection). Pure, so it is unit-tested.
import type { ProviderHealth } from '../../core/routing/healthMonitor';
import { usdPerMTok } from './format';
import type { HealthResult } from '../../core/types';
import type { OverviewPart, ProviderView, TestView } from '../../shared/dashboard/overview';
import { PROVIDER_FULL_LABELS } from '../../shared/providers';
import type { FailoverShape, ProviderId } from '../../shared/providers';

export interface ProviderInput {
  id: ProviderId;
  auth: string;
  region?: string;
  /** A base URL / endpoint other than the provider's public one. */
  endpoint?: string;
  resolved: { modelId?: string; error?: string };
  /** USD per million tokens in / out for that ID (the engine's price). */
  price?: { input: number; output: number };
  /** Last health the extension recorded (test connection, checks, requests). */
  health?: HealthResult;
  /** The health monitor's window, when the client has one (p50 / p95 / error rate). */
  snapshot?: Pick<ProviderHealth, 'status' | 'samples' | 'errorRate' | 'p50Ms' | 'p95Ms' | 'lastError'>;
  test?: TestView;
}

/** What the Overview tab is built from (the backend's `overview()`, plus the section's own test state). */
export interface OverviewInput {
  model: string;
  primary: ProviderId;
  fallback: ProviderId | null;
  autoFallback: boolean;
  failover?: FailoverShape;
  providers: ProviderInput[];
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

function healthView(p: ProviderInput): ProviderView['health'] {
  // A monitor window without samples says nothing; the last recorded check (if any) does.
  const s = p.snapshot && p.snapshot.samples > 0 ? p.snapshot : undefined;
  const h = p.health;
  const status = s?.status ?? h?.status ?? (h ? (h.ok ? 'ok' : 'down') : 'unknown');
  const parts: string[] = [];
  if (s) {
    if (s.p50Ms !== undefined) parts.push(`p50 ${ms(s.p50Ms)}`);
    if (s.p95Ms !== undefined) parts.push(`p95 ${ms(s.p95Ms)}`);
    parts.push(`${Math.round(s.errorRate * 100)} % errors over ${s.samples} sample${s.samples === 1 ? '' : 's'}`);
  } else if (h?.ok) {
    parts.push(`last check ${ms(h.latencyMs)}`);
  }
  if (parts.length === 0) parts.push(status === 'unknown' ? 'not checked yet' : 'no samples yet');
  const lastError = s?.lastError ? `${s.lastError.type}: ${s.lastError.message}` : h?.error ? `${h.error.type}: ${h.error.message}` : undefined;
  return { status, summary: parts.join(' · '), ...(lastError ? { lastError } : {}) };
}

function roleOf(p: ProviderInput, input: OverviewInput): Pick<ProviderView, 'role' | 'roleLabel'> {
  const role: ProviderView['role'] = p.id === input.primary ? 'primary' : p.id === input.fallback ? 'fallback' : 'standby';
  if (input.failover?.to === p.id) return { role, roleLabel: 'answering (failover)' };
  if (input.failover?.from === p.id) return { role, roleLabel: 'primary (failed over)' };
  // Not the primary and not the fallback: nothing sends it a request, so it is not "standing by".
  return { role, roleLabel: role === 'standby' ? 'not configured as fallback' : role };
}

export function overviewPart(input: OverviewInput & { compare: OverviewPart['compare'] }): OverviewPart {
  const providers: ProviderView[] = input.providers.map((p) => {
    const health = healthView(p);
    // Never a green Test Connection under a provider shown as down: the newer verdict wins.
    const test = p.test && !(p.test.state === 'ok' && health.status === 'down') ? p.test : undefined;
    return {
      id: p.id,
      label: PROVIDER_FULL_LABELS[p.id],
      ...roleOf(p, input),
      auth: p.auth,
      ...(p.region ? { region: p.region } : {}),
      ...(p.endpoint ? { endpoint: p.endpoint } : {}),
      ...(p.resolved.modelId ? { modelId: p.resolved.modelId } : { modelError: p.resolved.error ?? 'cannot be resolved' }),
      price: p.price ? `${usdPerMTok(p.price.input)} in · ${usdPerMTok(p.price.output)} out per million tokens` : p.resolved.modelId ? 'no price known' : '—',
      health,
      ...(test ? { test } : {}),
    };
  });
  const fallback = input.fallback && input.fallback !== input.primary
    ? `falls back to ${PROVIDER_FULL_LABELS[input.fallback]}${input.autoFallback ? ' automatically' : ' (automatic fallback off)'}`
    : 'no fallback provider';
  const failover = input.failover ? `Failed over from ${PROVIDER_FULL_LABELS[input.failover.from]} to ${PROVIDER_FULL_LABELS[input.failover.to]}: ${input.failover.reason}` : undefined;
  return {
    model: input.model,
    providers,
    routing: `${PROVIDER_FULL_LABELS[input.primary]} is primary; ${fallback}.`,
    ...(failover ? { failover } : {}),
    compare: input.compare,
  };
}
