// The Health tab's view model. Its page starts from the providers' current health (the Overview
// part); the history this tab adds is built here.
import type { HealthPart } from '../../shared/dashboard/health';

/** What the Health tab is built from (the backend's `health()`). */
export type HealthInput = Record<never, never>;

export function healthPart(_input: HealthInput): HealthPart {
  return {};
}
