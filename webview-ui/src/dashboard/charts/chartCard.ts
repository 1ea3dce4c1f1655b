// One chart on the page: title, the sentence that says what it shows, a legend (with the value
// under the cursor), the uPlot canvas, and a "Show table" toggle with the same figures as a real
// table for screen readers and keyboard users. Redrawn when the data or the theme changes; sized to
// its container (a hidden tab has no width: it is drawn when it first gets one).
import uPlot from 'uplot';
import type { ChartView } from '../../../../src/shared/dashboard/chartView';
import { h } from '../../chat/dom';
import { CHART_HEIGHT, formatValue, plotData, plotOptions } from './chartPlot';
import { chartTable } from './chartTable';
import { chartTheme, themeKind, watchTheme } from './chartTheme';
import { ensureChartStyles } from './chartStyles';

/** Which charts show their table: kept by the page's state, so the choice survives a reload. */
export interface ChartPrefs {
  tableOpen(id: string): boolean;
  setTableOpen(id: string, open: boolean): void;
}

const live = new Set<ChartCard>();
let stopWatching: (() => void) | undefined;

export class ChartCard {
  readonly element: HTMLElement;
  private view: ChartView;
  private key = '';
  private plot: uPlot | undefined;
  private readonly plotBox: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly resize: ResizeObserver;

  constructor(view: ChartView, private readonly prefs: ChartPrefs) {
    ensureChartStyles();
    this.view = view;
    this.plotBox = h('div', { class: 'chart-plot', role: 'img' });
    this.legend = h('ul', { class: 'chart-legend', 'aria-hidden': 'true' });
    this.element = h('figure', { class: 'chart' });
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(this.plotBox);
    this.render(view);
    live.add(this);
    stopWatching ??= watchTheme(() => {
      for (const card of live) card.redraw();
    });
  }

  get id(): string {
    return this.view.id;
  }

  /** New figures: redrawn only when something changed (health updates arrive often). */
  update(view: ChartView): void {
    if (JSON.stringify(view) === this.key) return;
    this.render(view);
  }

  /** The theme changed: same data, new colours. */
  redraw(): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.renderLegend(null);
    this.fit();
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
    live.delete(this);
  }

  private render(view: ChartView): void {
    this.view = view;
    this.key = JSON.stringify(view);
    const ids = { title: `${view.id}-title`, summary: `${view.id}-summary`, table: `${view.id}-table` };
    const open = this.prefs.tableOpen(view.id);
    const toggle = h('vscode-button', { secondary: '', class: 'chart-toggle', 'aria-expanded': String(open), 'aria-controls': ids.table }, open ? 'Hide table' : 'Show table');
    const tableBox = h('div', { class: 'chart-table', id: ids.table }, chartTable(view));
    tableBox.hidden = !open;
    toggle.addEventListener('click', () => {
      const show = tableBox.hidden;
      tableBox.hidden = !show;
      toggle.setAttribute('aria-expanded', String(show));
      toggle.textContent = show ? 'Hide table' : 'Show table';
      this.prefs.setTableOpen(view.id, show);
    });
    this.plotBox.setAttribute('aria-labelledby', ids.title);
    this.plotBox.setAttribute('aria-describedby', ids.summary);
    this.renderLegend(null);
    const body: HTMLElement[] = view.empty
      ? [h('div', { class: 'chart-empty muted' }, view.empty)]
      : [this.legend, this.plotBox];
    this.element.dataset.chart = view.id;
    this.element.replaceChildren(
      h('div', { class: 'chart-head' }, h('h3', { id: ids.title }, view.title), toggle),
      h('p', { class: 'chart-summary', id: ids.summary }, view.summary),
      ...body,
      tableBox,
    );
    this.plot?.destroy();
    this.plot = undefined;
    this.fit();
  }

  /** The legend in the view's order; with the cursor on a bucket, each series' value there. */
  private renderLegend(index: number | null): void {
    const view = this.view;
    const colors = chartTheme().colors;
    this.legend.replaceChildren(...view.series.map((s) => {
      const swatch = h('span', { class: `swatch${s.dashed ? ' dashed' : ''}` });
      // Through the CSSOM (the CSP forbids style attributes, not this).
      const color = colors[s.color];
      if (s.dashed) swatch.style.borderColor = color;
      else swatch.style.background = color;
      const value = index === null ? '' : `: ${formatValue(view.unit, s.values[index])}`;
      return h('li', {}, swatch, `${s.label}${value}`);
    }));
  }

  private fit(): void {
    if (this.view.empty || !this.plotBox.isConnected) return;
    const width = Math.floor(this.plotBox.clientWidth);
    if (width <= 0) return;
    if (this.plot) {
      if (Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: CHART_HEIGHT });
      return;
    }
    const view = this.view;
    this.plot = new uPlot(plotOptions(view, chartTheme(), width, (i) => this.renderLegend(i)), plotData(view), this.plotBox);
    // uPlot's cursor layer is for the mouse; the figures are in the legend and the table.
    this.plot.over.setAttribute('aria-hidden', 'true');
    // Which theme's colours it was drawn with (tests wait for a redraw after a theme switch).
    this.plotBox.dataset.theme = themeKind();
  }
}
