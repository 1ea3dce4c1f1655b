// The model-mapping editor: one row per logical name with its Anthropic and Bedrock IDs (or another
// name) and its fallback, and beside each row what the resolver makes of it in the region in use.
// Save sends the rows; the host validates them as settings.json is validated and writes all or
// nothing. What the user typed stays until the host has answered, and stays when refused.
import type { MappingRowInput, MappingView } from '../../../../src/shared/dashboard/configure';
import { h, icon } from '../../chat/dom';
import { button, card, problem } from '../ui';

const COLUMNS: Array<{ key: keyof MappingRowInput; label: string; placeholder: string }> = [
  { key: 'name', label: 'Name', placeholder: 'e.g. fast' },
  { key: 'anthropic', label: 'Anthropic', placeholder: 'model ID or name' },
  { key: 'bedrock', label: 'Bedrock', placeholder: 'model ID, profile or name' },
  { key: 'fallback', label: 'Fallback', placeholder: 'name' },
];

type Field = HTMLElement & { value?: string };

export class MappingEditor {
  readonly element: HTMLElement;
  private readonly body = h('tbody') as HTMLTableSectionElement;
  private readonly intro = h('div', { class: 'muted' });
  private readonly error = h('div', { class: 'field-error', role: 'alert' });
  private readonly lock = h('div', { class: 'lock' });
  private readonly note = h('div', { class: 'note' });
  private readonly save: HTMLElement;
  private dirty = false;
  private pendingSeq: number | undefined;
  private view: MappingView | undefined;

  constructor(private readonly send: (rows: MappingRowInput[], seq: number) => void, private readonly nextSeq: () => number) {
    const add = button('Add row', 'mappingAdd', { 'data-key': 'mapping:add', icon: 'add' });
    this.save = button('Save mapping', 'mappingSave', { 'data-key': 'mapping:save' }, false);
    const table = h('table', { class: 'mapping', 'aria-label': 'Model mapping' },
      h('thead', {}, h('tr', {}, ...COLUMNS.map((c) => h('th', {}, c.label)), h('th', {}, 'Sent as (resolver)'), h('th', {}, h('span', { class: 'visually-hidden' }, 'Remove')))),
      this.body);
    this.element = card('Model mapping', 'mapping', this.intro, table, h('div', { class: 'actions' }, add, this.save), this.error, this.lock, this.note);
    add.addEventListener('click', () => {
      if (add.hasAttribute('disabled')) return;
      this.body.append(this.row({ name: '', anthropic: '', bedrock: '', fallback: '' }, undefined, this.body.rows.length));
      this.dirty = true;
      (this.body.lastElementChild?.querySelector('vscode-textfield') as HTMLElement | null)?.focus();
    });
    this.save.addEventListener('click', () => {
      if (this.save.hasAttribute('disabled')) return;
      this.pendingSeq = this.nextSeq();
      this.send(this.rows(), this.pendingSeq);
    });
    this.body.addEventListener('input', () => { this.dirty = true; });
    this.body.addEventListener('click', (event) => {
      const remove = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-action="mappingRemove"]');
      if (!remove) return;
      remove.closest('tr')?.remove();
      this.dirty = true;
    });
  }

  private row(r: MappingRowInput, resolved: MappingView['rows'][number]['resolved'] | undefined, index: number): HTMLElement {
    const locked = this.view?.locked !== undefined;
    const cells = COLUMNS.map((c) => {
      const field = h('vscode-textfield', { 'data-column': c.key, 'data-key': `mapping:${index}:${c.key}`, 'aria-label': `${c.label}, row ${index + 1}`, placeholder: c.placeholder, ...(locked ? { disabled: '' } : {}) }) as Field;
      field.value = r[c.key];
      return h('td', {}, field);
    });
    const sent = resolved
      ? h('td', { class: 'resolved' }, ...[`Anthropic: ${resolved.anthropic}`, `Bedrock: ${resolved.bedrock}`].map((line) => (line.includes('⚠') ? problem(line.replace('⚠ ', ''), 'div') : h('div', {}, line))))
      : h('td', { class: 'muted' }, 'after Save');
    const remove = h('vscode-button', { secondary: '', icon: 'trash', 'data-action': 'mappingRemove', 'data-key': `mapping:${index}:remove`, 'aria-label': `Remove row ${index + 1}`, title: 'Remove this row', ...(locked ? { disabled: '' } : {}) });
    return h('tr', { 'data-name': r.name }, ...cells, sent, h('td', {}, remove));
  }

  private rows(): MappingRowInput[] {
    return [...this.body.rows].map((tr) => {
      const value = (column: string): string => (tr.querySelector<Field>(`[data-column="${column}"]`)?.value ?? '');
      return { name: value('name'), anthropic: value('anthropic'), bedrock: value('bedrock'), fallback: value('fallback') };
    });
  }

  update(view: MappingView, handled: number): void {
    this.view = view;
    const waiting = this.pendingSeq !== undefined && this.pendingSeq > handled;
    if (this.pendingSeq !== undefined && !waiting) {
      // The host answered the last Save: accepted → show what it wrote; refused → keep the rows to correct.
      if (!view.error) this.dirty = false;
      this.pendingSeq = undefined;
    }
    if (!this.dirty && !waiting) this.body.replaceChildren(...view.rows.map((r, i) => this.row(r, r.resolved, i)));
    this.intro.textContent = `Your own names, or other IDs for a built-in name. Built in: ${view.builtIn.slice(0, 12).join(', ')}${view.builtIn.length > 12 ? ', …' : ''}. "Sent as" is the resolver's answer in ${view.region}.`;
    this.error.replaceChildren(...(view.error ? [icon('error'), ` ${view.error}. Nothing was written.`] : []));
    this.lock.replaceChildren(...(view.locked ? [icon('lock'), ` ${view.locked.message}`] : []));
    this.note.replaceChildren(...(view.note ? [icon('warning'), ` ${view.note}`] : []));
    if (view.locked) this.save.setAttribute('disabled', '');
    else this.save.removeAttribute('disabled');
    for (const part of [this.error, this.lock, this.note]) part.hidden = !part.textContent;
  }
}
