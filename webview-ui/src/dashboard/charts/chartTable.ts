// A chart's figures as a real table (caption, column headers, row headers): what a screen reader
// or a keyboard user reads instead of the canvas. The host formatted every cell.
import type { ChartTable } from '../../../../src/shared/dashboard/chartView';
import { h } from '../../chat/dom';

/** `wrap`: a list with text (reasons, errors) whose cells may break lines; figures never do. */
export function chartTable(view: { table: ChartTable }, options: { wrap?: boolean } = {}): HTMLElement {
  const t = view.table;
  const table = h('table', { class: `data${options.wrap ? ' wrap' : ''}` }, h('caption', {}, t.caption));
  table.append(h('thead', {}, h('tr', {}, ...t.columns.map((c) => h('th', { scope: 'col' }, c)))));
  const body = h('tbody');
  if (t.rows.length === 0) {
    const cell = h('td', { class: 'muted' }, 'Nothing recorded.');
    cell.setAttribute('colspan', String(Math.max(1, t.columns.length)));
    body.append(h('tr', {}, cell));
  }
  for (const row of t.rows) {
    const [head, ...cells] = row;
    body.append(h('tr', {}, h('th', { scope: 'row' }, head ?? ''), ...cells.map((c) => h('td', {}, c))));
  }
  table.append(body);
  return table;
}
