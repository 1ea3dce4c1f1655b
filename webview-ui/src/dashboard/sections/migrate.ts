// The Migrate tab: moving between the Anthropic API and Amazon Bedrock. (The wizard is built next.)
import { h } from '../../chat/dom';
import { card } from '../ui';
import type { SectionView } from '../ui';

export class MigrateSection implements SectionView {
  readonly element = h('div', { class: 'section-migrate' });

  update(): void {
    if (this.element.childElementCount) return;
    this.element.append(card('Migrate', 'migrate', h('div', { class: 'muted' }, 'Move between the Anthropic API and Amazon Bedrock.')));
  }
}
