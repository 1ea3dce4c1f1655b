// The typed messages between the extension host and the dashboard panel, what the panel shows
// (the view model, built in presenters/dashboard/viewModel), and the runtime check for what the panel
// sends (untrusted input: anything that fails is dropped). No vscode, no DOM.
import { oneOf, optional, validateMessage } from './protocol';
import type { Check, MessageOf, Validated } from './protocol';
import { PROVIDER_IDS } from './providers';
import type { HealthStatus, ProviderId } from './providers';

/** webview → host: inferred from the checks below, so the type and the runtime check cannot drift. */
export type DashboardWebviewMessage = MessageOf<typeof SHAPES>;

/** host → webview: the whole view model each time (it is small; the panel re-renders it). */
export type DashboardHostMessage = { type: 'update'; model: DashboardViewModel };

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

export interface BarRow { key: string; cost: string; requests: number; /** 0..1 of the largest row */ fraction: number }

export interface UsageView {
  month: string;
  total: string;
  requests: number;
  /** Absent when nothing was written to the prompt cache this month. */
  cacheWrite?: string;
  budget?: { limit: string; percent: number; label: string; hardStop: boolean };
  byProvider: BarRow[];
  byModel: BarRow[];
  comparison: string[];
  /** `warning`: the budget's own advice (no saving), shown first. */
  advice: Array<{ title: string; detail: string; saving?: string; warning?: boolean }>;
}

export interface CacheView { enabled: boolean; entries: number; size: string; hitRate: string; saved: string }

export interface DashboardViewModel {
  /** The default logical model (e.g. "sonnet"). */
  model: string;
  providers: ProviderView[];
  /** One line about routing: primary, fallback, and any failover in effect. */
  routing: string;
  failover?: string;
  compare: { prompt: string; running: boolean; rows: CompareRow[] };
  usage?: UsageView;
  cache?: CacheView;
}

const provider: Check<ProviderId> = oneOf(PROVIDER_IDS);

const SHAPES = {
  ready: {},
  refresh: {},
  testConnection: { provider },
  switchProvider: { provider },
  openSettings: { provider: optional(provider) },
  compare: {},
  clearCache: {},
  showUsage: {},
};

/** A fresh object with only the known fields, or why the message was refused. */
export function validateDashboardMessage(raw: unknown): Validated<DashboardWebviewMessage> {
  return validateMessage<DashboardWebviewMessage>(raw, SHAPES);
}

export function isDashboardHostMessage(raw: unknown): raw is DashboardHostMessage {
  return typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'update' && typeof (raw as { model?: unknown }).model === 'object';
}
