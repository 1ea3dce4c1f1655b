// The Usage tab: month-to-date spend, budget, spend by provider and model, and the response cache.
import type { DashboardViewModel } from '../../../../src/shared/dashboard/protocol';
import type { BarRow, CacheView, UsageView } from '../../../../src/shared/dashboard/usage';
import { h, icon } from '../../chat/dom';
import { button, card, clickedAction, row } from '../ui';
import type { SectionView, Send } from '../ui';

function bars(title: string, rows: BarRow[]): HTMLElement {
  const list = h('div', { class: 'bars' }, h('h3', {}, title));
  if (rows.length === 0) list.append(h('div', { class: 'muted' }, 'No requests this month.'));
  for (const r of rows) {
    const fill = h('div', { class: 'bar-fill' });
    // Through the CSSOM: the page's CSP allows that, unlike inline style attributes.
    fill.style.width = `${Math.max(1, Math.round(r.fraction * 100))}%`;
    list.append(h('div', { class: 'bar-row' },
      h('span', { class: 'bar-key', title: r.key }, r.key),
      h('div', { class: 'bar' }, fill),
      h('span', { class: 'bar-value' }, `${r.cost} · ${r.requests} req`)));
  }
  return list;
}

function usageCard(u: UsageView | undefined): HTMLElement {
  if (!u) return card('Usage', 'usage', h('div', { class: 'muted' }, 'The usage ledger could not be read.'));
  const parts: HTMLElement[] = [
    h('div', { class: 'total' }, h('span', { class: 'big' }, u.total), ` month to date (${u.month}) over ${u.requests} request${u.requests === 1 ? '' : 's'}`),
    ...(u.cacheWrite ? [h('div', { class: 'muted' }, u.cacheWrite)] : []),
  ];
  if (u.budget) {
    const fill = h('div', { class: `bar-fill${u.budget.percent >= 100 ? ' over' : u.budget.percent >= 80 ? ' warn' : ''}` });
    fill.style.width = `${u.budget.percent}%`;
    const bar = h('div', { class: 'bar budget', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(u.budget.percent)) }, fill);
    parts.push(h('div', { class: 'budget-row' }, h('span', { class: 'k' }, 'Budget'), bar, h('span', { class: 'bar-value' }, u.budget.label)));
  } else {
    parts.push(h('div', { class: 'muted' }, 'No monthly budget set (switchboard.budget.monthlyUsd).'));
  }
  parts.push(h('div', { class: 'columns' }, bars('By provider', u.byProvider), bars('By model', u.byModel)));
  if (u.comparison.length) parts.push(h('h3', {}, 'Same tokens, other price tables'), h('ul', {}, ...u.comparison.map((c) => h('li', {}, c))));
  parts.push(h('h3', {}, 'Advice'));
  parts.push(u.advice.length === 0
    ? h('div', { class: 'muted' }, 'Nothing to suggest this month.')
    : h('ul', {}, ...u.advice.map((a) => h('li', a.warning ? { class: 'advice-warning' } : {}, ...(a.warning ? [icon('warning'), ' '] : []), h('strong', {}, a.title), `${a.saving ? ` (saves about ${a.saving})` : ''}: ${a.detail}`))));
  parts.push(h('div', { class: 'actions' }, button('Open Usage Report', 'showUsage')));
  return card('Usage', 'usage', ...parts);
}

function cacheCard(c: CacheView | undefined): HTMLElement {
  return card('Response cache', 'cache',
    ...(c
      ? [
        ...(c.enabled ? [] : [h('div', { class: 'muted' }, 'The response cache is off (switchboard.cache.enabled).')]),
        h('div', { class: 'stats' }, row('Entries', String(c.entries)), row('Size', c.size), row('Hit rate', c.hitRate), row('Saved', c.saved)),
        h('div', { class: 'actions' }, button('Clear Cache', 'clearCache')),
      ]
      : [h('div', { class: 'muted' }, 'No cache statistics.')]));
}

export class UsageSection implements SectionView {
  readonly element = h('div', { class: 'section-usage' });

  constructor(private readonly send: Send) {
    this.element.addEventListener('click', (event) => {
      const action = clickedAction(event)?.dataset.action;
      if (action === 'clearCache' || action === 'showUsage') this.send({ type: action });
    });
  }

  update(model: DashboardViewModel): void {
    this.element.replaceChildren(usageCard(model.usage), cacheCard(model.cache));
  }
}
