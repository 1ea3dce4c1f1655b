// The Usage tab: this month's spend against the budget with the advice, the charts from the store
// (daily spend by provider and by model, spend so far against the budget, tokens with cache reads
// and writes, what prompt caching saved), spend by surface, the price comparison, the response cache.
import type { DashboardViewModel } from '../../../../src/shared/dashboard/protocol';
import type { CacheView, SurfaceRow, UsageChartsView, UsageView } from '../../../../src/shared/dashboard/usage';
import { h, icon } from '../../chat/dom';
import { ChartGrid, chartPrefs } from '../charts/chartGrid';
import type { PagePrefs } from '../charts/pagePrefs';
import { button, card, clickedAction, row } from '../ui';
import type { SectionView, Send } from '../ui';

function usageCard(u: UsageView | undefined): HTMLElement {
  if (!u) return card('Usage', 'usage', h('div', { class: 'muted' }, 'The usage ledger could not be read.'));
  const parts: HTMLElement[] = [
    h('div', { class: 'total' }, h('span', { class: 'big' }, u.total), ` month to date (${u.month}) over ${u.requests} request${u.requests === 1 ? '' : 's'}`),
    ...(u.cacheWrite ? [h('div', { class: 'muted' }, u.cacheWrite)] : []),
  ];
  if (u.budget) {
    const fill = h('div', { class: `bar-fill${u.budget.percent >= 100 ? ' over' : u.budget.percent >= 80 ? ' warn' : ''}` });
    // Through the CSSOM: the page's CSP allows that, unlike inline style attributes.
    fill.style.width = `${u.budget.percent}%`;
    const bar = h('div', { class: 'bar budget', role: 'progressbar', 'aria-label': 'Budget used', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(u.budget.percent)), 'aria-valuetext': u.budget.label }, fill);
    parts.push(h('div', { class: 'budget-row' }, h('span', { class: 'k' }, 'Budget'), bar, h('span', { class: 'bar-value' }, u.budget.label)));
  } else {
    parts.push(h('div', { class: 'muted' }, 'No monthly budget set (switchboard.budget.monthlyUsd).'));
  }
  parts.push(h('h3', {}, 'Advice'));
  if (u.advice.length) parts.push(h('ul', { class: 'advice' }, ...u.advice.map((a) => h('li', a.warning ? { class: 'advice-warning' } : {}, ...(a.warning ? [icon('warning'), ' '] : []), h('strong', {}, a.title), `${a.saving ? ` (saves about ${a.saving})` : ''}: ${a.detail}`))));
  if (u.advice.length === 0) parts.push(h('div', { class: 'muted' }, 'Nothing to suggest this month.'));
  if (u.comparison.length) parts.push(h('h3', {}, 'Same tokens, other price tables'), h('ul', {}, ...u.comparison.map((c) => h('li', {}, c))));
  return card('Usage', 'usage', ...parts);
}

/** Spend by surface as a table whose cost cells carry a bar: readable as text, seen as a chart. */
function surfacesCard(rows: SurfaceRow[]): HTMLElement {
  if (rows.length === 0) return card('Spend by surface', 'usage-surfaces', h('div', { class: 'muted' }, 'No requests this month yet.'));
  const table = h('table', { class: 'data surfaces' }, h('caption', {}, 'Who asked this month: the chat, the CLI, other extensions through the language model API'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Surface'), h('th', { scope: 'col' }, 'Requests'), h('th', { scope: 'col' }, 'Spend'), h('th', { scope: 'col', 'aria-hidden': 'true' }, ''))));
  const body = h('tbody');
  for (const r of rows) {
    const fill = h('div', { class: 'bar-fill' });
    fill.style.width = `${Math.max(1, Math.round(r.fraction * 100))}%`;
    body.append(h('tr', { 'data-surface': r.key }, h('th', { scope: 'row' }, r.label), h('td', {}, String(r.requests)), h('td', {}, r.cost), h('td', { class: 'bar-cell', 'aria-hidden': 'true' }, h('div', { class: 'bar' }, fill))));
  }
  table.append(body);
  return card('Spend by surface', 'usage-surfaces', table);
}

function cacheCard(c: CacheView | undefined): HTMLElement {
  return card('Response cache', 'cache',
    ...(c
      ? [
        h('div', { class: 'stats' }, row('Entries', String(c.entries)), row('Size', c.size), row('Hit rate', c.hitRate), row('Saved', c.saved)),
        ...(c.note ? [h('div', { class: 'muted cache-note' }, icon('info'), ' ', c.note)] : []),
        h('div', { class: 'actions' }, button('Clear Cache', 'clearCache')),
      ]
      : [h('div', { class: 'muted' }, 'No cache statistics.')]));
}

export class UsageSection implements SectionView {
  readonly element = h('div', { class: 'section-usage' });
  private readonly grid: ChartGrid;
  private readonly chartsCard: HTMLElement;

  constructor(private readonly send: Send, prefs: PagePrefs) {
    this.grid = new ChartGrid(chartPrefs(prefs));
    this.chartsCard = card('This month', 'usage-charts', this.grid.element);
    this.element.addEventListener('click', (event) => {
      const action = clickedAction(event)?.dataset.action;
      if (action === 'clearCache' || action === 'showUsage') this.send({ type: action });
    });
  }

  update(model: DashboardViewModel): void {
    const charts: UsageChartsView | undefined = model.usageCharts;
    this.grid.update(charts?.charts ?? []);
    const chartsPart = charts ? [this.chartsCard, surfacesCard(charts.surfaces)] : [card('This month', 'usage-charts', h('div', { class: 'muted' }, 'The usage store could not be read; no charts.'))];
    this.element.replaceChildren(usageCard(model.usage), ...chartsPart, cacheCard(model.cache));
  }
}
