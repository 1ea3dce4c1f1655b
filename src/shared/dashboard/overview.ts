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
  /** The role in words: "primary", "fallback", "answering (failover)", "not configured as fallback". */
  roleLabel: string;
  /** "API key stored (…abcd)", "profile dev": never the secret. */
  auth: string;
  region?: string;
  /** Where requests go when it is not the provider's public endpoint (base URL, Bedrock endpoint). */
  endpoint?: string;
  modelId?: string;
  modelError?: string;
  /** The price of that ID, per million tokens in and out ("no price known" for a custom ID). */
  price: string;
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
  /** The answer's text (markdown; the page renders it without raw HTML). */
  answer?: string;
  error?: string;
}

/** The side-by-side test: the prompt last run (or the suggested one), its state and one row per provider. */
export interface CompareView { prompt: string; running: boolean; rows: CompareRow[]; maxTokens: number }

/** The Overview tab's part of the dashboard view model. */
export interface OverviewPart {
  /** The default logical model (e.g. "sonnet"). */
  model: string;
  providers: ProviderView[];
  /** One line about routing: primary, fallback, and any failover in effect. */
  routing: string;
  failover?: string;
  compare: CompareView;
}

const provider: Check<ProviderId> = oneOf(PROVIDER_IDS);
/** Longest prompt the side-by-side test takes (a long pasted file, not a runaway loop). */
export const MAX_PROMPT_CHARS = 100_000;
/** A prompt typed in the page: not blank, not over MAX_PROMPT_CHARS. */
export const promptText: Check<string> = (v): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_PROMPT_CHARS;

/** webview → host messages of the Overview tab (fields and their runtime checks). */
export const OVERVIEW_SHAPES = {
  testConnection: { provider },
  switchProvider: { provider },
  openSettings: { provider: optional(provider) },
  /** Runs the prompt (or the suggested one) on both providers, side by side. */
  compare: { prompt: optional(promptText) },
};
