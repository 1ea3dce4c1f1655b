// The Migrate tab: a wizard from the Anthropic API to Amazon Bedrock or back. Credentials, the
// region and the ID each logical model gets there, model access (one real call per model), the same
// prompt answered on both, prices side by side, and a checklist whose failing items carry the
// buttons that fix them. The result can be exported as the YAML config.
import type { ChecklistItemView, ChecklistState, CheckState, MigrateView, ModelRowView } from '../../../../src/shared/dashboard/migrate';
import type { DashboardViewModel } from '../../../../src/shared/dashboard/protocol';
import { isProviderId } from '../../../../src/shared/providers';
import { h, icon } from '../../chat/dom';
import { button, card, clickedAction, modelIdCode, preservingFocus } from '../ui';
import type { SectionView, Send } from '../ui';
import { CompareBox } from './overview';

const CHECK_ICON: Record<CheckState, string> = { idle: 'circle-outline', running: 'loading codicon-modifier-spin', ok: 'pass', error: 'error' };
const ITEM_ICON: Record<ChecklistState, string> = { pass: 'pass', fail: 'error', pending: 'circle-outline', warn: 'warning' };
const ITEM_WORD: Record<ChecklistState, string> = { pass: 'done', fail: 'failed', pending: 'to do', warn: 'attention' };

function modelsTable(v: MigrateView): HTMLElement {
  const head = ['Model', v.fromLabel, v.toLabel, `Price on ${v.fromLabel}`, `Price on ${v.toLabel}`, `Answers on ${v.toLabel}`];
  const row = (r: ModelRowView): HTMLElement => h('tr', { 'data-model': r.name },
    h('td', {}, r.name),
    h('td', {}, r.fromId === '—' ? '—' : modelIdCode(r.fromId)),
    h('td', { title: r.toReason }, r.toId === '—' ? h('span', { class: 'muted' }, r.toReason) : modelIdCode(r.toId)),
    h('td', {}, r.fromPrice),
    h('td', {}, r.toPrice),
    h('td', { class: `access access-${r.access}` }, icon(CHECK_ICON[r.access]), ` ${r.access === 'idle' ? (r.toId === '—' ? 'not offered' : 'not checked') : r.access === 'running' ? 'checking…' : r.accessDetail ?? r.access}`));
  return h('table', { class: 'migrate-models' }, h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))), h('tbody', {}, ...v.models.map(row)));
}

function checklistItem(item: ChecklistItemView, busy: boolean): HTMLElement {
  return h('li', { class: `check check-${item.state}`, 'data-item': item.id },
    h('span', { class: 'check-icon' }, icon(ITEM_ICON[item.state]), h('span', { class: 'visually-hidden' }, ITEM_WORD[item.state])),
    h('div', { class: 'check-body' },
      h('div', { class: 'check-label' }, item.label),
      ...(item.detail ? [h('div', { class: 'check-detail muted' }, item.detail)] : []),
      ...(item.fixes.length ? [h('div', { class: 'actions fixes' }, ...item.fixes.map((f, i) => button(f.label, 'migrateFix', { 'data-item': item.id, 'data-index': String(i), ...(busy ? { disabled: '' } : {}) }, !f.primary)))] : [])));
}

export class MigrateSection implements SectionView {
  readonly element = h('div', { class: 'section-migrate' });
  private readonly intro = h('div', {});
  private readonly credentials = h('div', {});
  private readonly models = h('div', {});
  private readonly checklist = h('div', {});
  private readonly compare: CompareBox;
  private view: MigrateView | undefined;

  constructor(private readonly send: Send) {
    this.compare = new CompareBox('migrate', (prompt) => this.send(prompt ? { type: 'migrateCompare', prompt } : { type: 'migrateCompare' }),
      'The same prompt on both providers (each forced: no failover, no cache), to see the answers side by side before moving.');
    this.element.append(
      card('Migrate', 'migrate-intro', this.intro),
      card('1. Credentials', 'migrate-credentials', this.credentials),
      card('2. Region and models', 'migrate-models', this.models),
      card('3. The same prompt on both', 'migrate-compare', this.compare.element),
      card('4. Checklist', 'migrate-checklist', this.checklist),
    );
    this.element.addEventListener('click', (event) => this.onClick(event));
  }

  private onClick(event: Event): void {
    const target = clickedAction(event);
    if (!target || !this.view) return;
    switch (target.dataset.action) {
      case 'migrateDirection': {
        const to = target.dataset.provider;
        if (isProviderId(to)) this.send({ type: 'migrateDirection', to });
        return;
      }
      case 'migrateCheckAll':
        this.send({ type: 'migrateCheck', step: 'all' });
        return;
      case 'migrateCheckCredentials':
        this.send({ type: 'migrateCheck', step: 'credentials' });
        return;
      case 'migrateCheckModels':
        this.send({ type: 'migrateCheck', step: 'models' });
        return;
      case 'migrateExport':
        this.send({ type: 'migrateExport' });
        return;
      case 'migrateFix': {
        const item = target.dataset.item;
        const index = Number(target.dataset.index);
        if (item && Number.isInteger(index)) this.send({ type: 'migrateFix', item, fixIndex: index });
        return;
      }
    }
  }

  update(model: DashboardViewModel): void {
    const v = model.migrate;
    this.view = v;
    if (!v) {
      this.intro.replaceChildren(h('div', { class: 'muted' }, 'The migration checks could not be prepared (see Switchboard: Show Log).'));
      return;
    }
    const busy: Record<string, string> = v.busy ? { disabled: '' } : {};
    preservingFocus(this.intro, () => this.intro.replaceChildren(
      h('div', { class: 'direction' }, h('strong', {}, `From ${v.fromLabel} to ${v.toLabel}`),
        ' ', button(`Migrate to ${v.fromLabel} instead`, 'migrateDirection', { 'data-provider': v.from, ...busy })),
      h('div', { class: 'muted' }, `Each check is a real call through Switchboard (recorded in the usage ledger as "vscode:migrate"); nothing changes until you press a fix or Make ${v.toLabel} Primary.`),
      ...(v.pinned ? [h('div', { class: 'lock' }, icon('lock'), ` ${v.pinned}`)] : []),
      h('div', { class: 'actions' }, button(v.busy ? 'Checking…' : 'Run All Checks', 'migrateCheckAll', busy, false), button('Export as YAML', 'migrateExport', { title: 'The configuration after the migration, as the YAML config (no secrets)' }))));
    const c = v.credentials;
    preservingFocus(this.credentials, () => this.credentials.replaceChildren(
      h('div', { class: `check-line access-${c.state}` }, icon(CHECK_ICON[c.state]),
        c.state === 'ok' ? ` ${c.identity ?? ''} · ${c.detail ?? ''}` : c.state === 'error' ? ` ${c.error ?? 'failed'}` : c.state === 'running' ? ' Checking…' : ` Not checked yet: Switchboard calls ${v.toLabel} with the credentials it finds.`),
      h('div', { class: 'actions' }, button('Check Credentials', 'migrateCheckCredentials', busy))));
    preservingFocus(this.models, () => this.models.replaceChildren(
      ...(v.to === 'bedrock' || v.from === 'bedrock'
        ? [h('div', {}, `Bedrock region: ${v.region.region} (${v.region.source}). Each model below is sent with the profile the region gives it; change the region in the Configure tab.`)]
        : []),
      modelsTable(v),
      h('div', { class: 'muted' }, 'Prices are USD per million tokens in / out, for the ID each side sends.'),
      h('div', { class: 'actions' }, button('Check Model Access', 'migrateCheckModels', busy))));
    this.compare.update(v.compare);
    preservingFocus(this.checklist, () => this.checklist.replaceChildren(h('ul', { class: 'checklist' }, ...v.checklist.map((i) => checklistItem(i, v.busy)))));
  }
}
