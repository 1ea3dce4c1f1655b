// The Usage tab's host side: the month's figures from the store, the tab's actions. The first view
// comes from SQL sums (totals, budget, charts: fast whatever the ledger holds); the comparison and
// the savings advice need the month's records, so they are worked out after it and the tab is
// updated — once per state of the ledger (the month, its request count and spend), not per refresh.
import type { UsageReport } from '../../core/usage/report';
import type { USAGE_SHAPES } from '../../shared/dashboard/usage';
import type { SectionMessage } from '../../shared/dashboard/protocol';
import type { SectionHost } from './section';
import type { UsageInput } from './usageView';

export interface UsageBackend {
  /** The month's figures and the cache stats; a part that cannot be read is left out. */
  usage(): Promise<UsageInput>;
  /** The whole month report from the records (comparison, savings advice), when `usage()` gave only the overview. */
  usageReport?(): Promise<UsageReport>;
  clearCache(): Promise<void>;
  showUsage(): Promise<void>;
}

export type UsageMessage = SectionMessage<typeof USAGE_SHAPES>;

const BUDGET_ADVICE = new Set(['over-budget', 'budget-pace']);
/** The records of a busy month take a while to read: while requests keep coming, at most this often. */
export const READ_INTERVAL_MS = 10_000;

export class UsageSection {
  /** The last whole report and the ledger state it was read at. */
  private report: { key: string; value: UsageReport } | undefined;
  private reading: string | undefined;
  private readAt = 0;

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

  async input(): Promise<UsageInput> {
    const input = await this.backend.usage();
    const overview = input.overview;
    if (input.report || !overview || !this.backend.usageReport) return input;
    const key = `${overview.month}|${overview.summary.requests}|${overview.summary.totalCostUsd}|${overview.summary.unpricedRequests}`;
    if (this.report?.key !== key) this.read(key);
    const last = this.report;
    if (!last || last.value.month !== overview.month) return input;
    // Until the new records are read: today's totals and budget advice, the comparison and savings advice of a moment ago.
    return { ...input, report: { ...last.value, month: overview.month, summary: overview.summary, byModel: overview.byModel, ...(overview.budget ? { budget: overview.budget } : {}), advice: [...overview.advice, ...last.value.advice.filter((a) => !BUDGET_ADVICE.has(a.id))] } };
  }

  private read(key: string): void {
    if (this.reading === key) return;
    this.reading = key;
    // After this view model is posted (reading the records is synchronous SQLite work), and at most
    // once per READ_INTERVAL_MS while requests keep changing the ledger.
    const wait = this.report ? Math.max(0, this.readAt + READ_INTERVAL_MS - this.host.now()) : 0;
    setTimeout(() => this.readNow(key), wait);
  }

  private readNow(key: string): void {
    if (this.reading !== key) return;
    this.readAt = this.host.now();
    void this.backend.usageReport!().then(
      (value) => {
        this.report = { key, value };
        if (this.reading === key) this.reading = undefined;
        void this.host.refresh();
      },
      (e: unknown) => {
        if (this.reading === key) this.reading = undefined;
        this.host.logger.warn(`dashboard: the month's usage records could not be read: ${(e as Error)?.message ?? String(e)}`);
      },
    );
  }
}
