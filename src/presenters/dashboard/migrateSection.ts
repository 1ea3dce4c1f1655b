// The Migrate tab's host side: which way the user migrates, the checks' results (this section owns
// them), and the fixes behind the checklist's buttons. Each check is a real call through the
// engine: Test Connection for the credentials, the cheapest request per logical model for access
// (forced onto the target, no failover, no cache), the side-by-side for the answers.
import { fixActionsFor } from '../../core/errorFixes';
import type { FixAction, FixContext, FixableError } from '../../core/errorFixes';
import { isSwitchboardError } from '../../core/errors';
import type { MappingRowInput } from '../../shared/dashboard/configure';
import type { MIGRATE_SHAPES } from '../../shared/dashboard/migrate';
import type { SectionMessage } from '../../shared/dashboard/protocol';
import type { ProviderId } from '../../shared/providers';
import { CompareRunner } from './compareRunner';
import type { ConfigureBackend } from './configureSection';
import type { ChecklistItem, CheckResult, Failure, MigrateInput, MigrateSectionInput, MigrateState, WizardAction } from './migrateView';
import { migrateView, modelRows } from './migrateView';
import { COMPARE_PROMPT } from './overviewSection';
import type { OverviewBackend } from './overviewSection';
import type { SectionHost } from './section';

/** The ledger's surface for the wizard's calls, so a user can tell them from their own. */
export const MIGRATE_SURFACE = 'vscode:migrate';

export interface MigrateBackend {
  migrate(): Promise<MigrateInput>;
  /** The cheapest real request for `model` on `provider` (forced, no failover, no cache): the ID that answered and the latency. */
  probeModel(provider: ProviderId, model: string): Promise<{ modelId: string; latencyMs: number }>;
  /** What the fixes depend on (who serves the model, key sources, profile), as the other surfaces use it. */
  fixContext(model: string): FixContext;
  /** Runs a fix that belongs to the editor (a command, a terminal, a URL). */
  runFix(action: FixAction): Promise<void>;
  /** Asks the user which model `name` should use on `provider` instead, among those that answered there. */
  pickModel(provider: ProviderId, name: string, candidates: Array<{ name: string; modelId: string }>): Promise<string | undefined>;
  /** The configuration after the migration as the YAML config, in a new editor. */
  exportMigration(result: { provider: ProviderId; fallback: ProviderId }): Promise<void>;
}

export type MigrateSectionBackend = MigrateBackend & Pick<OverviewBackend, 'testConnection' | 'stream' | 'switchProvider'> & Pick<ConfigureBackend, 'writeSetting' | 'writeMapping'>;
export type MigrateMessage = SectionMessage<typeof MIGRATE_SHAPES>;

const other = (p: ProviderId): ProviderId => (p === 'anthropic' ? 'bedrock' : 'anthropic');

function failure(e: unknown, ctx: FixContext, exclude: ProviderId): Failure {
  const error = e instanceof Error ? e : new Error(String(e));
  const fixable: FixableError = isSwitchboardError(error) ? error : { type: 'unknown', retryable: false };
  // Switching back to the provider being left would undo the migration, not fix the check.
  const fixes = fixActionsFor(fixable, ctx).filter((a) => !(a.kind === 'switchProvider' && a.provider === exclude));
  return { message: `${isSwitchboardError(error) ? `${error.type}: ` : ''}${error.message}`, ...(isSwitchboardError(error) && error.hint ? { hint: error.hint } : {}), fixes };
}

export class MigrateSection {
  private direction: { from: ProviderId; to: ProviderId } | undefined;
  private credentials: MigrateState['credentials'] = { state: 'idle' };
  private readonly access = new Map<string, CheckResult<{ modelId: string; latencyMs: number }>>();
  private running = 0;
  private readonly compareRunner: CompareRunner;
  /** The checklist as last shown, with the action behind each button. */
  private items: ChecklistItem[] = [];
  private lastInput: MigrateInput | undefined;

  constructor(private readonly backend: MigrateSectionBackend, private readonly host: SectionHost) {
    this.compareRunner = new CompareRunner((request, options) => backend.stream(request, options), COMPARE_PROMPT, () => host.refresh(), MIGRATE_SURFACE);
  }

  private state(): MigrateState {
    const d = this.direction ?? { from: 'anthropic', to: 'bedrock' };
    return { ...d, credentials: this.credentials, access: this.access, compare: this.compareRunner.view(), busy: this.running > 0 };
  }

  async input(): Promise<MigrateSectionInput> {
    const input = await this.backend.migrate();
    this.lastInput = input;
    // The direction is chosen once (from the primary at first sight) and kept: making the target primary must not flip it.
    this.direction ??= { from: input.primary, to: other(input.primary) };
    const built = migrateView(input, this.state());
    this.items = built.items;
    return { migrate: { view: built.view } };
  }

  async handle(message: MigrateMessage): Promise<void> {
    switch (message.type) {
      case 'migrateDirection':
        if (this.direction?.to !== message.to) {
          this.direction = { from: other(message.to), to: message.to };
          this.credentials = { state: 'idle' };
          this.access.clear();
        }
        await this.host.refresh();
        return;
      case 'migrateCheck':
        if (message.step === 'credentials') await this.busy(() => this.checkCredentials());
        else if (message.step === 'models') await this.busy(() => this.checkModels());
        else await this.busy(() => Promise.all([this.checkCredentials(), this.checkModels(), this.compare()]).then(() => undefined));
        return;
      case 'migrateCompare':
        await this.compare(message.prompt);
        return;
      case 'migrateFix':
        await this.fix(message.item, message.fixIndex);
        return;
      case 'migrateExport': {
        const d = this.direction ?? { from: 'anthropic', to: 'bedrock' };
        await this.backend.exportMigration({ provider: d.to, fallback: d.from });
        return;
      }
    }
  }

  private async busy(work: () => Promise<unknown>): Promise<void> {
    this.running++;
    void this.host.refresh();
    try {
      await work();
    } finally {
      this.running--;
      await this.host.refresh();
    }
  }

  private async current(): Promise<{ input: MigrateInput; from: ProviderId; to: ProviderId }> {
    const input = await this.backend.migrate();
    this.direction ??= { from: input.primary, to: other(input.primary) };
    return { input, ...this.direction };
  }

  async checkCredentials(): Promise<void> {
    const { input, from, to } = await this.current();
    this.credentials = { state: 'running' };
    void this.host.refresh();
    try {
      const info = await this.backend.testConnection(to);
      this.credentials = { state: 'ok', value: { identity: info.identity, modelId: info.modelId, latencyMs: Math.round(info.latencyMs), ...(info.region ? { region: info.region } : {}) } };
    } catch (e) {
      this.credentials = { state: 'error', failure: failure(e, this.backend.fixContext(input.model), from) };
    }
  }

  async checkModels(names?: string[]): Promise<void> {
    const { input, to } = await this.current();
    const rows = modelRows(input, this.state()).filter((r) => r.toId !== '—' && (!names || names.includes(r.name)));
    for (const r of rows) this.access.set(r.name, { state: 'running' });
    void this.host.refresh();
    await Promise.all(rows.map((r) => this.checkModel(to, r.name)));
  }

  private async checkModel(to: ProviderId, name: string): Promise<void> {
    try {
      const value = await this.backend.probeModel(to, name);
      this.access.set(name, { state: 'ok', value: { modelId: value.modelId, latencyMs: Math.round(value.latencyMs) } });
    } catch (e) {
      this.access.set(name, { state: 'error', failure: failure(e, this.backend.fixContext(name), other(to)) });
    }
  }

  async compare(prompt?: string): Promise<void> {
    const { input, from, to } = await this.current();
    await this.compareRunner.run([from, to], input.model, prompt);
  }

  /** Runs the item's fix number `index`, then checks the item again so the list shows whether it worked. */
  private async fix(itemId: string, index: number): Promise<void> {
    const item = this.items.find((i) => i.id === itemId);
    const entry = item?.actions[index];
    if (!item || !entry) {
      this.host.logger.warn(`dashboard: no fix ${index} for checklist item ${itemId}`);
      return;
    }
    await this.busy(async () => {
      await this.run(item, entry.action);
      await this.recheck(itemId);
    });
  }

  private async run(item: ChecklistItem, action: WizardAction): Promise<void> {
    const to = this.direction?.to ?? 'bedrock';
    switch (action.kind) {
      case 'setFallback': {
        const outcome = await this.backend.writeSetting('modelProvider.fallbackProvider', action.provider);
        if (!outcome.ok) this.host.logger.warn(`dashboard: fallback not set: ${outcome.error}`);
        return;
      }
      case 'makePrimary':
        await this.backend.switchProvider(action.provider);
        return;
      case 'showConfigure':
        this.host.show('configure');
        return;
      case 'errorFix':
        if (action.action.kind === 'retry') return;
        if (action.action.kind === 'pickModel') {
          await this.remap(item.id.replace(/^model:/, ''), to);
          return;
        }
        await this.backend.runFix(action.action);
        return;
    }
  }

  /** "Pick Another Model" in the wizard: map the name, on the target only, to one that answered there. */
  private async remap(name: string, to: ProviderId): Promise<void> {
    const input = this.lastInput ?? (await this.backend.migrate());
    const candidates = modelRows(input, this.state())
      .filter((r) => r.name !== name && this.access.get(r.name)?.state === 'ok')
      .map((r) => ({ name: r.name, modelId: r.toId }));
    const chosen = await this.backend.pickModel(to, name, candidates);
    if (!chosen) return;
    const rows: MappingRowInput[] = Object.entries(input.userMapping).map(([n, e]) => ({ name: n, anthropic: e.anthropic ?? '', bedrock: e.bedrock ?? '', fallback: e.fallback ?? '' }));
    const existing = rows.find((r) => r.name === name);
    const row = existing ?? { name, anthropic: '', bedrock: '', fallback: '' };
    row[to] = chosen;
    if (!existing) rows.push(row);
    const outcome = await this.backend.writeMapping(rows);
    if (!outcome.ok) this.host.logger.warn(`dashboard: ${name} not remapped: ${outcome.error}`);
  }

  private async recheck(itemId: string): Promise<void> {
    if (itemId === 'credentials') await this.checkCredentials();
    else if (itemId.startsWith('model:')) await this.checkModels([itemId.slice('model:'.length)]);
  }
}
