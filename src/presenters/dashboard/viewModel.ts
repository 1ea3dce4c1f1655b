// The whole dashboard view model: each tab's part, built by its own pure function. The controller
// gathers each section's input and calls this once per update.
import type { DashboardViewModel } from '../../shared/dashboard/protocol';
import type { OverviewPart } from '../../shared/dashboard/overview';
import { healthPart } from './healthView';
import type { HealthInput } from './healthView';
import { overviewPart } from './overviewView';
import type { OverviewInput } from './overviewView';
import { usagePart } from './usageView';
import type { UsageInput } from './usageView';

export type DashboardInput = OverviewInput & { compare: OverviewPart['compare'] } & UsageInput & HealthInput;

export function buildDashboardViewModel(input: DashboardInput): DashboardViewModel {
  return { ...overviewPart(input), ...usagePart(input), ...healthPart(input) };
}
