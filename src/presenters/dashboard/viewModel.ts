// The whole dashboard view model: each tab's part, built by its own pure function. The controller
// gathers each section's input and calls this once per update.
import type { DashboardViewModel } from '../../shared/dashboard/protocol';
import type { OverviewPart } from '../../shared/dashboard/overview';
import { configurePart } from './configureView';
import type { ConfigureSectionInput } from './configureView';
import { healthPart } from './healthView';
import { migratePart } from './migrateView';
import type { MigrateSectionInput } from './migrateView';
import type { HealthInput } from './healthView';
import { overviewPart } from './overviewView';
import type { OverviewInput } from './overviewView';
import { usagePart } from './usageView';
import type { UsageInput } from './usageView';

export type DashboardInput = OverviewInput & { compare: OverviewPart['compare'] } & ConfigureSectionInput & UsageInput & HealthInput & MigrateSectionInput;

export function buildDashboardViewModel(input: DashboardInput): DashboardViewModel {
  return { ...overviewPart(input), ...configurePart(input), ...usagePart(input), ...healthPart(input), ...migratePart(input) };
}
