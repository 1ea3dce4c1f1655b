// The Health tab's host side.
import type { HealthInput } from './healthView';

export interface HealthBackend {
  /** The health history the tab shows. */
  health(): Promise<HealthInput>;
}

export class HealthSection {
  constructor(private readonly backend: HealthBackend) {}

  input(): Promise<HealthInput> {
    return this.backend.health();
  }
}
