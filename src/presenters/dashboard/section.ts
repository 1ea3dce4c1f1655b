// What a dashboard section (one tab's host side) gets from the controller that owns the panel.
import type { Logger } from '../../core/logger';
import type { DashboardTab } from '../../shared/dashboard/protocol';

export interface SectionHost {
  /** Rebuild and post the view model (calls during a rebuild coalesce). */
  refresh(): Promise<void>;
  readonly logger: Logger;
  now(): number;
  /** Brings a tab of the page to the front. */
  show(tab: DashboardTab): void;
}
