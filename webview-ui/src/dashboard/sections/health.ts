// The Health tab: each provider's health now (status, latency percentiles, error rate, last error),
// then the recorded history for the last 24 hours or 7 days — latency p50 / p95, error rate,
// failovers (charts, each with its table) — and the outages and failovers as tables.
import type { HealthChartsView, HealthRangeId, HealthRangeView } from '../../../../src/shared/dashboard/health';
import type { DashboardViewModel } from '../../../../src/shared/dashboard/protocol';
import type { HealthStatus } from '../../../../src/shared/providers';
import { h, icon } from '../../chat/dom';
import { ChartGrid, chartPrefs } from '../charts/chartGrid';
import { chartTable } from '../charts/chartTable';
import type { PagePrefs } from '../charts/pagePrefs';
import { card, problem, row } from '../ui';
import type { SectionView } from '../ui';

const STATUS_ICON: Record<HealthStatus, string> = { ok: 'pass', degraded: 'warning', down: 'error', unknown: 'circle-outline' };

function stat(label: string, value: string, detail?: string): HTMLElement {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value' }, value), ...(detail ? [h('span', { class: 'stat-detail' }, detail)] : []));
}

export class HealthSection implements SectionView {
  readonly element = h('div', { class: 'section-health' });
  private readonly grid: ChartGrid;
  private readonly historyCard: HTMLElement;
  private readonly toggle: HTMLElement;
  private readonly rangeBody = h('div', { class: 'health-range' });
  private history: HealthChartsView | undefined;

  constructor(private readonly prefs: PagePrefs) {
    this.grid = new ChartGrid(chartPrefs(prefs));
    this.toggle = h('div', { class: 'range-toggle', role: 'group', 'aria-label': 'Time range' });
    this.toggle.addEventListener('click', (event) => {
      const range = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-range]')?.dataset.range;
      if (range !== '24h' && range !== '7d') return;
      this.prefs.set('healthRange', range);
      this.renderHistory();
    });
    this.historyCard = card('History', 'health-history', this.toggle, this.rangeBody);
  }

  private get range(): HealthRangeId {
    return this.prefs.get('healthRange') === '7d' ? '7d' : '24h';
  }

  update(model: DashboardViewModel): void {
    const now = card('Health now', 'health-now',
      ...model.providers.map((p) => h('div', { class: 'provider-health', 'data-provider': p.id },
        h('h3', {}, p.label),
        row('Status', h('span', { class: `health health-${p.health.status}` }, icon(STATUS_ICON[p.health.status]), ` ${p.health.status} · ${p.health.summary}`)),
        ...(p.health.lastError ? [row('Last error', problem(p.health.lastError))] : []))));
    this.history = model.healthHistory;
    if (!this.history) {
      this.grid.update([]);
      this.element.replaceChildren(now, card('History', 'health-history', h('div', { class: 'muted' }, 'The health history could not be read.')));
      return;
    }
    this.renderHistory();
    this.element.replaceChildren(now, this.historyCard);
  }

  private renderHistory(): void {
    const history = this.history;
    if (!history) return;
    const selected = history.ranges.find((r) => r.id === this.range) ?? history.ranges[0];
    if (!selected) return;
    // The chosen range carries a check as well as the primary colour: in the high-contrast themes
    // the two button styles alone do not say which one is on.
    this.toggle.replaceChildren(...history.ranges.map((r) => r.id === selected.id
      ? h('vscode-button', { 'data-range': r.id, 'aria-pressed': 'true' }, icon('check'), ` ${r.label}`)
      : h('vscode-button', { 'data-range': r.id, 'aria-pressed': 'false', secondary: '' }, r.label)));
    this.grid.update(selected.charts);
    this.rangeBody.replaceChildren(stats(selected), this.grid.element, ...tables(selected));
    this.rangeBody.dataset.range = selected.id;
  }
}

/** Per provider, side by side: latency and errors over the range. */
function stats(r: HealthRangeView): HTMLElement {
  return h('div', { class: 'stat-groups' }, ...r.stats.map((s) => h('section', { class: 'stat-group', 'aria-label': `${s.label}, ${r.label.toLowerCase()}`, 'data-provider': s.provider },
    h('h4', {}, s.label),
    h('div', { class: 'stat-row' },
      stat('Latency p50 / p95', `${s.p50} / ${s.p95}`, `${s.samples} samples`),
      stat('Errors', s.errorRate, `${s.outages} outage${s.outages === 1 ? '' : 's'} · ${s.failoversFrom} failover${s.failoversFrom === 1 ? '' : 's'} away`)))));
}

function tables(r: HealthRangeView): HTMLElement[] {
  return [
    h('h3', {}, 'Outages'),
    r.outages.rows.length ? h('div', { class: 'chart-table', id: `health-outages-${r.id}` }, chartTable({ table: r.outages }, { wrap: true })) : h('div', { class: 'muted', id: `health-outages-${r.id}` }, `No outages in the ${r.label.toLowerCase()}.`),
    h('h3', {}, 'Failovers'),
    r.failovers.rows.length ? h('div', { class: 'chart-table', id: `health-failover-list-${r.id}` }, chartTable({ table: r.failovers }, { wrap: true })) : h('div', { class: 'muted', id: `health-failover-list-${r.id}` }, `No failovers in the ${r.label.toLowerCase()}.`),
  ];
}
