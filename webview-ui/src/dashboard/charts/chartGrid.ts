// A set of chart cards that live across view-model updates: a card is kept (and its uPlot with it)
// while its chart id is in the list, updated in place, and destroyed when it leaves.
import type { ChartView } from '../../../../src/shared/dashboard/chartView';
import { h } from '../../chat/dom';
import { ChartCard } from './chartCard';
import type { ChartPrefs } from './chartCard';

export class ChartGrid {
  readonly element = h('div', { class: 'charts' });
  private readonly cards = new Map<string, ChartCard>();

  constructor(private readonly prefs: ChartPrefs) {}

  update(views: readonly ChartView[]): void {
    const keep = new Set(views.map((v) => v.id));
    for (const [id, card] of this.cards) {
      if (keep.has(id)) continue;
      card.destroy();
      this.cards.delete(id);
    }
    const elements = views.map((v) => {
      let card = this.cards.get(v.id);
      if (card) card.update(v);
      else this.cards.set(v.id, (card = new ChartCard(v, this.prefs)));
      return card.element;
    });
    this.element.replaceChildren(...elements);
  }
}

/** Page preferences (a key-value part of the page's saved state) as the charts' table toggles. */
export function chartPrefs(prefs: { get(key: string): unknown; set(key: string, value: unknown): void }): ChartPrefs {
  const open = (): string[] => {
    const v = prefs.get('chartTables');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  return {
    tableOpen: (id) => open().includes(id),
    setTableOpen: (id, show) => prefs.set('chartTables', show ? [...new Set([...open(), id])] : open().filter((x) => x !== id)),
  };
}
