// What every surface shows about the engine — the status bar, Switch Provider, Verify Model
// Mapping, the chat model picker, the dashboard — computed from ONE input: the engine's resolved
// view (the region with its source and the model IDs a request is sent as) and its state
// (health, failover, spend). No surface resolves a region or a model ID on its own. The model
// lists (chat picker, Verify Model Mapping) are in modelChoices.ts.
import type { EngineState, ResolvedConfig } from '../core/engine/types';
import type { HealthResult } from '../core/types';
import { PROVIDER_IDS, PROVIDER_LABELS } from '../shared/providers';
import type { HealthStatus, ProviderId } from '../shared/providers';
import type { ProviderInput } from './dashboard/overviewView';

export interface EngineView {
  resolved: ResolvedConfig;
  state: EngineState;
  /** "API key stored (…abcd)", "profile team": how a provider authenticates. Never the secret. */
  auth(provider: ProviderId): string;
  /** The variable pinning the provider (`SWITCHBOARD_PROVIDER`), when one does. */
  providerPinnedBy?: string;
}

/** Who answers now: the fallback while failed over, else the primary. */
export function activeProvider(view: EngineView): ProviderId {
  return view.state.failover?.to ?? view.resolved.provider;
}

/**
 * The ID a request for `model` is sent as on `provider`, as the engine resolved it, or why not.
 * `resolved.models` lists every logical name and the default model (also when it is an ID or ARN).
 */
export function modelIdOf(view: EngineView, provider: ProviderId, model = view.resolved.model): { modelId?: string; error?: string } {
  const row = view.resolved.models[model]?.[provider];
  if (row?.modelId) return { modelId: row.modelId };
  return { error: row?.error ?? `${model} is not a known model name` };
}

/**
 * The newest word on a provider's health: the monitor's (checks and real requests) or the last
 * Test Connection, whichever came later. A test older than a "down" verdict says nothing now.
 */
export function healthOf(view: EngineView, provider: ProviderId): HealthResult | undefined {
  const monitored = view.state.health[provider];
  const test = view.state.lastTest[provider];
  if (!test || (monitored && monitored.checkedAt >= test.at)) return monitored;
  return test.ok
    ? { ok: true, provider, latencyMs: test.info?.latencyMs ?? 0, checkedAt: test.at, status: 'ok' }
    : { ok: false, provider, latencyMs: 0, checkedAt: test.at, status: 'down', error: { type: 'test_connection', message: test.error ?? 'Test Connection failed' } };
}

/** "eu-west-1 (profile "team" in ~/.aws/config)": the region and where it came from. */
export function regionText(view: EngineView): string {
  const r = view.resolved.bedrock.region;
  return r.source === 'default' ? `${r.region} (default)` : `${r.region} (${r.source === 'explicit' ? 'settings' : r.origin})`;
}

/** Health of the provider now answering; failover makes the primary "degraded" at best. */
export function healthLevel(health: HealthResult | undefined, failoverActive: boolean): HealthStatus {
  if (!health) return failoverActive ? 'degraded' : 'unknown';
  if (!health.ok) return failoverActive ? 'degraded' : 'down';
  if (health.status === 'degraded') return 'degraded';
  return failoverActive ? 'degraded' : 'ok';
}

export function statusLine(view: EngineView): { label: string; model: string; level: HealthStatus } {
  const failover = view.state.failover;
  const active = activeProvider(view);
  return {
    label: PROVIDER_LABELS[active] + (failover ? ' (failover)' : ''),
    model: view.resolved.model,
    level: failover ? 'degraded' : healthLevel(healthOf(view, active), false),
  };
}

/** The status bar tooltip's rows (label, value), plain text. */
export function statusRows(view: EngineView): Array<[string, string]> {
  const active = activeProvider(view);
  const id = modelIdOf(view, active);
  const rows: Array<[string, string]> = [['Model', view.resolved.model], ['Model ID', id.modelId ?? `⚠ ${id.error}`]];
  if (active === 'bedrock') rows.push(['Region', regionText(view)]);
  rows.push(['Auth', view.auth(active)]);
  const health = healthOf(view, active);
  if (health) {
    rows.push(['Health', health.ok ? (health.status === 'degraded' ? 'degraded' : 'ok') : `down — ${health.error?.message ?? 'error'}`]);
    rows.push(['Latency', `${Math.round(health.latencyMs)} ms`]);
  } else {
    rows.push(['Health', 'not checked yet']);
  }
  // Whether a failover is armed (while failed over, the heading says from where).
  if (!view.state.failover) {
    const fallback = view.resolved.fallback;
    rows.push(['Fallback', fallback ? `${PROVIDER_LABELS[fallback]} (${modelIdOf(view, fallback).modelId ?? 'no model ID there'})` : 'none']);
  }
  if (view.providerPinnedBy) rows.push(['Pinned by', view.providerPinnedBy]);
  return rows;
}

export interface ProviderPickItem { provider: ProviderId; label: string; description: string; detail: string }

function healthText(view: EngineView, provider: ProviderId, now: number): string {
  const h = healthOf(view, provider);
  if (!h) return 'health unknown';
  const ago = Math.max(0, Math.round((now - h.checkedAt) / 60000));
  return h.ok ? `ok, ${Math.round(h.latencyMs)} ms (${ago} min ago)` : `down: ${h.error?.message ?? 'error'} (${ago} min ago)`;
}

/** Switch Provider's items: each provider with its auth, region, model ID and health. */
export function providerItems(view: EngineView, now = Date.now()): ProviderPickItem[] {
  return PROVIDER_IDS.map((provider) => {
    const id = modelIdOf(view, provider);
    return {
      provider,
      label: `${provider === view.resolved.provider ? '$(check) ' : ''}${PROVIDER_LABELS[provider]}`,
      description: `${view.auth(provider)}${provider === 'bedrock' ? ` · ${view.resolved.bedrock.region.region}` : ''}`,
      detail: `${view.resolved.model} → ${id.modelId ?? `⚠ ${id.error}`} · ${healthText(view, provider, now)}`,
    };
  });
}

/** The Anthropic base URL or Bedrock endpoint when it is not the provider's public one (an emulator, a proxy, a VPC endpoint). */
export function endpointOf(view: EngineView, provider: ProviderId): string | undefined {
  if (provider === 'bedrock') return view.resolved.bedrock.endpoint || undefined;
  const url = view.resolved.anthropic.baseUrl;
  return url && url.replace(/\/+$/, '') !== 'https://api.anthropic.com' ? url : undefined;
}

/** USD per million tokens in / out for the default model on `provider`, as the engine prices the ID it sends. */
export function priceOf(view: EngineView, provider: ProviderId, model = view.resolved.model): { input: number; output: number } | undefined {
  return view.resolved.models[model]?.[provider]?.priceUsdPerMTok ?? undefined;
}

/** The dashboard's provider cards: the same region, IDs and health every other surface shows. */
export function dashboardProviders(view: EngineView, snapshots: (provider: ProviderId) => ProviderInput['snapshot'] | undefined): ProviderInput[] {
  return PROVIDER_IDS.map((id) => {
    const health = healthOf(view, id);
    const snapshot = snapshots(id);
    return {
      id,
      auth: view.auth(id),
      ...(id === 'bedrock' ? { region: view.resolved.bedrock.region.region } : {}),
      ...(endpointOf(view, id) ? { endpoint: endpointOf(view, id) } : {}),
      resolved: modelIdOf(view, id),
      ...(priceOf(view, id) ? { price: priceOf(view, id) } : {}),
      ...(health ? { health } : {}),
      ...(snapshot ? { snapshot } : {}),
    };
  });
}
