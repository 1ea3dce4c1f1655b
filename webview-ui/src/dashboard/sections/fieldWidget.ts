// One Configure field: its label, its control (text box, select, checkbox), and what the host says
// about it (what is in effect, a pin, a note, the last refusal). The element stays the same across
// updates so typing is never interrupted; the host's value replaces the text only when the field
// is not being edited and no change of the user's is waiting for an answer.
import type { FieldOption, FieldView } from '../../../../src/shared/dashboard/configure';
import { h, icon } from '../../chat/dom';

type Control = HTMLElement & { value?: string; checked?: boolean; disabled?: boolean };

export interface FieldEvents {
  /** The user committed a value (Enter / leaving a text box, choosing an option, ticking a box). */
  change(key: string, value: string | boolean, seq: number): void;
  reset(key: string, seq: number): void;
}

/** Text with `backticked` words (package.json descriptions use them) as code elements. */
function withCode(text: string): Array<Node | string> {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? h('code', {}, part) : part));
}

function optionsSignature(options: FieldOption[] | undefined): string {
  return JSON.stringify(options?.map((o) => [o.value, o.label]) ?? []);
}

export class FieldWidget {
  readonly element: HTMLElement;
  private readonly control: Control;
  private readonly detail = h('div', { class: 'field-detail muted' });
  private readonly effective = h('div', { class: 'effective muted' });
  private readonly lock = h('div', { class: 'lock' });
  private readonly note = h('div', { class: 'note' });
  private readonly error = h('div', { class: 'field-error', role: 'alert' });
  private readonly help = h('div', { class: 'help muted' });
  private readonly resetButton: HTMLElement;
  private optionsKey = '';
  private options: FieldOption[] = [];
  /** What the user committed last, shown until the host answers for it (and kept when refused). */
  pending: { value: string | boolean; seq: number } | undefined;

  constructor(private view: FieldView, private readonly events: FieldEvents, private readonly nextSeq: () => number) {
    const id = `field-${view.key.replace(/\W+/g, '-')}`;
    this.control = this.createControl(view, id);
    this.resetButton = h('vscode-button', { secondary: '', 'data-key': `${view.key}:reset`, title: 'Remove it from your user settings (the default applies)' }, 'Reset');
    this.resetButton.addEventListener('click', () => {
      if (this.resetButton.hasAttribute('disabled')) return;
      this.pending = { value: '', seq: this.nextSeq() };
      this.events.reset(this.view.key, this.pending.seq);
    });
    const label = view.control === 'checkbox' ? h('span', { class: 'field-label' }) : h('label', { class: 'field-label', for: id }, view.label);
    this.element = h('div', { class: 'field', 'data-field': view.key },
      label,
      h('div', { class: 'field-body' }, h('div', { class: 'field-row' }, this.control, this.resetButton), this.detail, this.effective, this.lock, this.note, this.error, this.help));
    this.update(view, 0);
  }

  private createControl(view: FieldView, id: string): Control {
    let control: Control;
    if (view.control === 'checkbox') {
      control = h('vscode-checkbox', { id, 'data-key': view.key }, view.label) as Control;
      control.addEventListener('change', () => this.commit(Boolean(control.checked)));
    } else if (view.control === 'select') {
      control = h('vscode-single-select', { id, 'data-key': view.key, 'aria-label': view.label }) as Control;
      control.addEventListener('change', () => {
        this.showDetail(control.value ?? '');
        this.commit(control.value ?? '');
      });
    } else {
      control = h('vscode-textfield', { id, 'data-key': view.key, 'aria-label': view.label, ...(view.control === 'number' ? { inputmode: 'decimal' } : {}) }) as Control;
      control.addEventListener('change', () => this.commit(control.value ?? ''));
    }
    return control;
  }

  private commit(value: string | boolean): void {
    if (this.view.locked) return;
    const seq = this.nextSeq();
    this.pending = { value, seq };
    if (value === '' && this.view.control !== 'checkbox') this.events.reset(this.view.key, seq);
    else this.events.change(this.view.key, value, seq);
  }

  private showDetail(value: string): void {
    this.detail.replaceChildren(...withCode(this.options.find((o) => o.value === value)?.detail ?? ''));
    this.detail.hidden = !this.detail.textContent;
  }

  private setOptions(options: FieldOption[] | undefined): void {
    const key = optionsSignature(options);
    if (key === this.optionsKey) return;
    this.optionsKey = key;
    this.options = options ?? [];
    this.control.replaceChildren(...this.options.map((o) => h('vscode-option', { value: o.value, ...(o.detail ? { description: o.detail } : {}) }, o.label)));
  }

  private editing(): boolean {
    const active = document.activeElement;
    return active === this.control || (active !== null && this.control.contains(active));
  }

  /** `handled`: the host's highest answered change number. */
  update(view: FieldView, handled: number): void {
    this.view = view;
    if (view.control === 'select') this.setOptions(view.options);
    const waiting = this.pending !== undefined && this.pending.seq > handled;
    // Refused: keep what the user typed beside the error so it can be corrected, not retyped.
    const keepTyped = this.pending !== undefined && (waiting || view.error !== undefined);
    if (!keepTyped) this.pending = undefined;
    if (!this.editing() && !keepTyped) {
      if (view.control === 'checkbox') this.control.checked = view.value === true;
      else this.control.value = String(view.value);
    }
    if (view.control === 'select') this.showDetail(keepTyped ? String(this.pending?.value ?? '') : String(view.value));
    if (view.placeholder && view.control !== 'checkbox' && view.control !== 'select') this.control.setAttribute('placeholder', view.placeholder);
    const locked = view.locked !== undefined;
    if (locked) this.control.setAttribute('disabled', '');
    else this.control.removeAttribute('disabled');
    this.resetButton.hidden = !view.userSet || locked;
    if (view.error) this.control.setAttribute('invalid', '');
    else this.control.removeAttribute('invalid');
    this.effective.textContent = view.effective ?? '';
    this.lock.replaceChildren(...(view.locked ? [icon('lock'), ` ${view.locked.message}`] : []));
    this.lock.dataset.kind = view.locked?.kind ?? '';
    this.note.replaceChildren(...(view.note ? [icon('warning'), ` ${view.note}`] : []));
    this.error.replaceChildren(...(view.error ? [icon('error'), ` ${view.error}. Nothing was written.`] : []));
    this.help.textContent = view.help ?? '';
    for (const part of [this.detail, this.effective, this.lock, this.note, this.error, this.help]) part.hidden = !part.textContent;
  }
}
