// The Health tab's view model. Its page starts from the providers' current health (the Overview
// part); the history this tab adds — latency, error rate, failovers, outages for 24 h and 7 d — is
// built in healthCharts.ts from the store's timelines.
import type { HealthChartsView, HealthPart } from '../../shared/dashboard/health';

/** What the Health tab is built from (the backend's `health()`); absent when the history cannot be read. */
export interface HealthInput {
  history?: HealthChartsView;
}

export function healthPart(input: HealthInput): HealthPart {
  return input.history ? { healthHistory: input.history } : {};
}
