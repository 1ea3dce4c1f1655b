// The Usage tab's host side: reads the ledger report and cache stats, runs the tab's actions.
import type { USAGE_SHAPES } from '../../shared/dashboard/usage';
import type { SectionMessage } from '../../shared/dashboard/protocol';
import type { SectionHost } from './section';
import type { UsageInput } from './usageView';

export interface UsageBackend {
  /** The month's report and the cache stats; a part that cannot be read is left out. */
  usage(): Promise<UsageInput>;
  clearCache(): Promise<void>;
  showUsage(): Promise<void>;
}

export type UsageMessage = SectionMessage<typeof USAGE_SHAPES>;

export class UsageSection {
  constructor(private readonly backend: UsageBackend, private readonly host: SectionHost) {}

  async handle(message: UsageMessage): Promise<void> {
    switch (message.type) {
      case 'clearCache':
        await this.backend.clearCache();
        await this.host.refresh();
        return;
      case 'showUsage':
        await this.backend.showUsage();
        return;
    }
  }

  input(): Promise<UsageInput> {
    return this.backend.usage();
  }
}
