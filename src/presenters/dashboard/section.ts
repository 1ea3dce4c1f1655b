// What a dashboard section (one tab's host side) gets from the controller that owns the panel.
import type { Logger } from '../../core/logger';

export interface SectionHost {
  /** Rebuild and post the view model (calls during a rebuild coalesce). */
  refresh(): Promise<void>;
  readonly logger: Logger;
  now(): number;
}
