// The dashboard's Health tab: its part of the view model and the messages its page sends. The
// providers' current health comes from the Overview part; the history — latency p50 / p95, error
// rate, failovers and outages for the last 24 hours and 7 days — is this part. No vscode, no DOM.
import type { ProviderId } from '../providers';
import type { ChartView } from './chartView';

export type HealthRangeId = '24h' | '7d';

export interface HealthStatView {
  provider: ProviderId;
  label: string;
  samples: number;
  errorRate: string;
  p50: string;
  p95: string;
  outages: number;
  failoversFrom: number;
}

export interface HealthRangeView {
  id: HealthRangeId;
  label: string;
  stats: HealthStatView[];
  charts: ChartView[];
  /** Provider, start, end ("ongoing"), length, failures: one row per outage, newest first. */
  outages: ChartView['table'];
  /** Time, from → to, reason: one row per failover, newest first. */
  failovers: ChartView['table'];
}

export interface HealthChartsView {
  ranges: HealthRangeView[];
}

/** The Health tab's own part of the dashboard view model (absent when the history cannot be read). */
export interface HealthPart {
  healthHistory?: HealthChartsView;
}

/** webview → host messages of the Health tab (the range toggle is the page's own state). */
export const HEALTH_SHAPES = {};
