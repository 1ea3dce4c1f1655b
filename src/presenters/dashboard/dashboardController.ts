// The dashboard's logic without the editor: validates what the panel sends, hands each message to
// the section (tab) that owns it, and posts the whole view model after every change. The extension
// supplies a backend per section; the unit and fuzz tests supply fake ones.
import type { Logger } from '../../core/logger';
import { CONFIGURE_SHAPES } from '../../shared/dashboard/configure';
import { MIGRATE_SHAPES } from '../../shared/dashboard/migrate';
import { HEALTH_SHAPES } from '../../shared/dashboard/health';
import { OVERVIEW_SHAPES } from '../../shared/dashboard/overview';
import { validateDashboardMessage } from '../../shared/dashboard/protocol';
import type { DashboardHostMessage, DashboardTab, DashboardViewModel, DashboardWebviewMessage } from '../../shared/dashboard/protocol';
import { USAGE_SHAPES } from '../../shared/dashboard/usage';
import { ConfigureSection } from './configureSection';
import type { ConfigureBackend, ConfigureMessage } from './configureSection';
import type { ConfigureSectionInput } from './configureView';
import { HealthSection } from './healthSection';
import { MigrateSection } from './migrateSection';
import type { MigrateBackend, MigrateMessage } from './migrateSection';
import type { MigrateSectionInput } from './migrateView';
import type { HealthBackend } from './healthSection';
import { OverviewSection } from './overviewSection';
import type { OverviewBackend, OverviewMessage } from './overviewSection';
import type { SectionHost } from './section';
import { UsageSection } from './usageSection';
import type { UsageBackend, UsageMessage } from './usageSection';
import { buildDashboardViewModel } from './viewModel';

/** What the extension supplies: one backend per section. */
export type DashboardBackend = OverviewBackend & ConfigureBackend & UsageBackend & HealthBackend & MigrateBackend;

const owns = (shapes: object, type: string): boolean => Object.prototype.hasOwnProperty.call(shapes, type);

export class DashboardController {
  private post: ((message: DashboardHostMessage) => void) | undefined;
  private ready = false;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  /** A tab to bring to the front once the page is ready (Show Usage before the panel loaded). */
  private pendingTab: DashboardTab | undefined;
  readonly overview: OverviewSection;
  readonly configure: ConfigureSection;
  readonly usage: UsageSection;
  readonly health: HealthSection;
  readonly migrate: MigrateSection;
  /** The last view model posted (the in-host tests read it). */
  lastModel: DashboardViewModel | undefined;
  /** Messages dropped by validation (for tests and the log). */
  dropped = 0;

  constructor(backend: DashboardBackend, private readonly logger: Logger, private readonly now: () => number = Date.now) {
    const host: SectionHost = { refresh: () => this.refresh(), logger, now: () => this.now(), show: (tab) => this.show(tab) };
    this.overview = new OverviewSection(backend, host);
    this.configure = new ConfigureSection(backend, host);
    this.usage = new UsageSection(backend, host);
    this.health = new HealthSection(backend);
    this.migrate = new MigrateSection(backend, host);
  }

  /** A panel appeared: nothing is posted until its `ready` arrives. */
  attachView(post: (message: DashboardHostMessage) => void): void {
    this.post = post;
    this.ready = false;
  }

  detachView(): void {
    this.post = undefined;
    this.ready = false;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Brings a tab to the front now, or as soon as the page is ready. */
  show(tab: DashboardTab): void {
    if (this.post && this.ready) this.post({ type: 'show', tab });
    else this.pendingTab = tab;
  }

  /** Never throws: a malformed message is dropped and logged, a failing action is logged. */
  async handle(raw: unknown): Promise<void> {
    const checked = validateDashboardMessage(raw);
    if (!checked.ok) {
      this.dropped++;
      this.logger.warn(`dashboard: dropped a message from the panel (${checked.reason})`);
      return;
    }
    const message = checked.message;
    try {
      await this.dispatch(message);
    } catch (e) {
      this.logger.error(`dashboard: ${message.type} failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  private async dispatch(message: DashboardWebviewMessage): Promise<void> {
    if (message.type === 'ready') {
      this.ready = true;
      if (this.pendingTab) {
        this.post?.({ type: 'show', tab: this.pendingTab });
        this.pendingTab = undefined;
      }
      await this.refresh();
      return;
    }
    if (message.type === 'refresh') return this.refresh();
    if (owns(OVERVIEW_SHAPES, message.type)) return this.overview.handle(message as OverviewMessage);
    if (owns(CONFIGURE_SHAPES, message.type)) return this.configure.handle(message as ConfigureMessage);
    if (owns(USAGE_SHAPES, message.type)) return this.usage.handle(message as UsageMessage);
    if (owns(MIGRATE_SHAPES, message.type)) return this.migrate.handle(message as MigrateMessage);
    if (owns(HEALTH_SHAPES, message.type)) return;
  }

  /** Rebuild and post the view model; calls during a rebuild coalesce into one more. */
  async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          await this.rebuild();
        } while (this.refreshAgain);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async rebuild(): Promise<void> {
    if (!this.post || !this.ready) return;
    // The other tabs still render when one section's data cannot be read.
    const optionalPart = async <T>(name: string, read: () => Promise<T>, empty: T): Promise<T> => {
      try {
        return await read();
      } catch (e) {
        this.logger.error(`dashboard: could not read the ${name}: ${(e as Error)?.message ?? String(e)}`);
        return empty;
      }
    };
    let overview: Awaited<ReturnType<OverviewSection['input']>>;
    try {
      overview = await this.overview.input();
    } catch (e) {
      this.logger.error(`dashboard: could not read the state: ${(e as Error)?.message ?? String(e)}`);
      return;
    }
    const [configure, usage, health, migrate] = await Promise.all([
      optionalPart<ConfigureSectionInput>('settings', async () => ({ configure: { input: await this.configure.input(), errors: this.configure.errors() } }), {}),
      optionalPart('usage', () => this.usage.input(), {}),
      optionalPart('health history', () => this.health.input(), {}),
      optionalPart<MigrateSectionInput>('migration checks', () => this.migrate.input(), {}),
    ]);
    const model = buildDashboardViewModel({ ...overview, ...configure, ...usage, ...health, ...migrate });
    this.lastModel = model;
    this.post?.({ type: 'update', model });
  }
}
