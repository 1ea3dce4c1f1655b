// The Configure tab: the settings that decide where requests go. (The form is built next; until
// then the tab sends the user to VS Code's settings for Switchboard.)
import { h } from '../../chat/dom';
import { button, card, clickedAction } from '../ui';
import type { SectionView, Send } from '../ui';

export class ConfigureSection implements SectionView {
  readonly element = h('div', { class: 'section-configure' });

  constructor(private readonly send: Send) {
    this.element.addEventListener('click', (event) => {
      if (clickedAction(event)?.dataset.action === 'openSettings') this.send({ type: 'openSettings' });
    });
  }

  update(): void {
    if (this.element.childElementCount) return;
    this.element.append(card('Configure', 'configure',
      h('div', { class: 'muted' }, 'Switchboard reads its configuration from your settings.'),
      h('div', { class: 'actions' }, button('Open Settings', 'openSettings'))));
  }
}
