// The dashboard's Overview tab: provider cards (auth, region, the model ID a request is sent as,
// health, the last Test Connection), routing, and the side-by-side test. Its part of the view
// model and the messages its page sends. No vscode, no DOM.
import { oneOf, optional } from '../protocol';
import type { Check } from '../protocol';
import { PROVIDER_IDS } from '../providers';
import type { HealthStatus, ProviderId } from '../providers';

export type TestView =
  | { state: 'running' }
  | { state: 'ok'; identity: string; modelId: string; latencyMs: number; region?: string }
  | { state: 'error'; errorType: string; message: string; hint?: string };

export interface ProviderView {
  id: ProviderId;
  label: string;
  role: 'primary' | 'fallback' | 'standby';
  /** "API key stored (…abcd)", "profile dev": never the secret. */
  auth: string;
  region?: string;
  modelId?: string;
  modelError?: string;
  health: { status: HealthStatus; summary: string; lastError?: string };
  test?: TestView;
}

export interface CompareRow {
  provider: ProviderId;
  label: string;
  state: 'running' | 'ok' | 'error';
  modelId?: string;
  latency?: string;
  tokens?: string;
  cost?: string;
  error?: string;
}

/** The Overview tab's part of the dashboard view model. */
export interface OverviewPart {
  /** The default logical model (e.g. "sonnet"). */
  model: string;
  providers: ProviderView[];
  /** One line about routing: primary, fallback, and any failover in effect. */
  routing: string;
  failover?: string;
  compare: { prompt: string; running: boolean; rows: CompareRow[] };
}

const provider: Check<ProviderId> = oneOf(PROVIDER_IDS);

/** webview → host messages of the Overview tab (fields and their runtime checks). */
export const OVERVIEW_SHAPES = {
  testConnection: { provider },
  switchProvider: { provider },
  openSettings: { provider: optional(provider) },
  compare: {},
};
