// The Usage tab's host side: the month's figures from the store, the tab's actions. Everything —
// totals, budget, charts, the price comparison and all the advice — comes from one read of the
// store's month sums (the usage roll-up), as fast with 100,000 records as with ten, so the first
// view is the whole tab.
import type { USAGE_SHAPES } from '../../shared/dashboard/usage';
import type { SectionMessage } from '../../shared/dashboard/protocol';
import type { SectionHost } from './section';
import type { UsageInput } from './usageView';

export interface UsageBackend {
  /** The month's report, its charts and the cache stats; a part that cannot be read is left out. */
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
