// The Configure tab: one card per group of settings (routing, each provider — Bedrock's fields
// follow its auth method —, budget, output and deadlines), the keys kept in SecretStorage with
// Set / Clear, and the model-mapping editor. Every change goes to the host, which validates it as
// settings.json is validated and writes user settings, or answers with the error beside the field.
import type { FieldGroup, SecretView } from '../../../../src/shared/dashboard/configure';
import type { DashboardViewModel } from '../../../../src/shared/dashboard/protocol';
import { h, icon } from '../../chat/dom';
import { card, clickedAction, problem } from '../ui';
import type { SectionView, Send } from '../ui';
import { FieldWidget } from './fieldWidget';
import { MappingEditor } from './mappingEditor';

function secretRow(s: SecretView): HTMLElement {
  return h('div', { class: 'field secret', 'data-secret': s.id },
    h('span', { class: 'field-label' }, s.label),
    h('div', { class: 'field-body' },
      h('div', { class: 'field-row' },
        (s.present ? h('span', { class: 'secret-state' }, icon('key'), ` ${s.state}`) : problem(s.state, 'span', { class: 'secret-state' })),
        h('vscode-button', { secondary: '', 'data-action': 'setSecret', 'data-key': `${s.id}:set`, 'data-target': s.id }, s.stored ? 'Replace…' : 'Set…'),
        ...(s.stored ? [h('vscode-button', { secondary: '', 'data-action': 'clearSecret', 'data-key': `${s.id}:clear`, 'data-target': s.id }, 'Clear')] : [])),
      h('div', { class: 'help muted' }, 'Kept in VS Code\'s secret storage; VS Code asks for it, this page never sees it.')));
}

export class ConfigureSection implements SectionView {
  readonly element = h('div', { class: 'section-configure' });
  private readonly trustNote = h('div', { class: 'trust-note lock', role: 'note' });
  private readonly groups = h('div', { class: 'groups' });
  private readonly missing = h('div', { class: 'muted' }, 'Loading the settings…');
  private readonly widgets = new Map<string, FieldWidget>();
  private readonly groupCards = new Map<string, { card: HTMLElement; fields: HTMLElement; secrets: HTMLElement; keys: string }>();
  private readonly mapping: MappingEditor;
  private seq = 0;
  private handled = 0;

  constructor(private readonly send: Send) {
    const next = (): number => ++this.seq;
    this.mapping = new MappingEditor((rows, seq) => this.send({ type: 'setMapping', rows, seq }), next);
    this.element.append(this.trustNote, this.missing, this.groups, this.mapping.element);
    this.element.addEventListener('click', (event) => {
      const target = clickedAction(event);
      const id = target?.dataset.target;
      if (id !== 'anthropicApiKey' && id !== 'bedrockApiKey' && id !== 'awsAccessKeys') return;
      if (target?.dataset.action === 'setSecret') this.send({ type: 'setSecret', target: id });
      if (target?.dataset.action === 'clearSecret') this.send({ type: 'clearSecret', target: id });
    });
  }

  private widget(view: FieldGroup['fields'][number]): FieldWidget {
    let w = this.widgets.get(view.key);
    if (!w) {
      w = new FieldWidget(view, {
        change: (key, value, seq) => this.send({ type: 'setSetting', key, value, seq }),
        reset: (key, seq) => this.send({ type: 'resetSetting', key, seq }),
      }, () => ++this.seq);
      this.widgets.set(view.key, w);
    }
    w.update(view, this.handled);
    return w;
  }

  private group(g: FieldGroup): HTMLElement {
    let entry = this.groupCards.get(g.id);
    if (!entry) {
      const fields = h('div', { class: 'fields' });
      const secrets = h('div', { class: 'fields' });
      entry = { card: card(g.title, `configure-${g.id}`, ...(g.description ? [h('div', { class: 'muted group-intro' }, g.description)] : []), secrets, fields), fields, secrets, keys: '' };
      this.groupCards.set(g.id, entry);
    }
    const widgets = g.fields.map((f) => this.widget(f));
    const keys = g.fields.map((f) => f.key).join('|');
    // Re-attach only when the set of fields changed (the auth method): moving a node would drop its focus.
    if (keys !== entry.keys) {
      entry.fields.replaceChildren(...widgets.map((w) => w.element));
      entry.keys = keys;
    }
    entry.secrets.replaceChildren(...g.secrets.map(secretRow));
    entry.secrets.hidden = g.secrets.length === 0;
    return entry.card;
  }

  update(model: DashboardViewModel): void {
    const c = model.configure;
    this.missing.hidden = c !== undefined;
    if (!c) {
      this.missing.textContent = 'The settings could not be read (see Switchboard: Show Log).';
      return;
    }
    this.handled = c.handled;
    this.trustNote.replaceChildren(...(c.trustNote ? [icon('shield'), ` ${c.trustNote}`] : []));
    this.trustNote.hidden = !c.trustNote;
    const cards = c.groups.map((g) => this.group(g));
    if (cards.some((el, i) => this.groups.children[i] !== el) || this.groups.children.length !== cards.length) this.groups.replaceChildren(...cards);
    this.mapping.update(c.mapping, c.handled);
  }
}
