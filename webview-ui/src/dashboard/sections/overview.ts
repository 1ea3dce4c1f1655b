// The Overview tab: routing, one card per provider (auth, region, model ID, health, Test
// Connection) and the side-by-side test.
import type { CompareRow, ProviderView, TestView } from '../../../../src/shared/dashboard/overview';
import type { DashboardViewModel } from '../../../../src/shared/dashboard/protocol';
import { isProviderId } from '../../../../src/shared/providers';
import { h, icon } from '../../chat/dom';
import { button, card, clickedAction, row } from '../ui';
import type { SectionView, Send } from '../ui';

const STATUS_ICON: Record<ProviderView['health']['status'], string> = { ok: 'pass', degraded: 'warning', down: 'error', unknown: 'circle-outline' };

function testLine(test: TestView | undefined): HTMLElement | undefined {
  if (!test) return undefined;
  if (test.state === 'running') return h('div', { class: 'test running' }, icon('loading codicon-modifier-spin'), ' Testing…');
  if (test.state === 'ok') {
    return h('div', { class: 'test ok' }, icon('pass'), ` ${test.identity} · model ${test.modelId}${test.region ? ` · ${test.region}` : ''} · ${test.latencyMs} ms`);
  }
  return h('div', { class: 'test error' }, icon('error'), ` ${test.errorType}: ${test.message}${test.hint ? ` ${test.hint}` : ''}`);
}

function providerCard(p: ProviderView): HTMLElement {
  const role = h('span', { class: `role role-${p.role}` }, p.role);
  const health = h('span', { class: `health health-${p.health.status}` }, icon(STATUS_ICON[p.health.status]), ` ${p.health.status} · ${p.health.summary}`);
  const el = h('div', { class: 'provider', 'data-provider': p.id },
    h('h3', {}, p.label, ' ', role),
    row('Auth', p.auth),
    ...(p.region ? [row('Region', p.region)] : []),
    row('Model ID', p.modelId ?? h('span', { class: 'problem' }, p.modelError ?? 'cannot be resolved')),
    row('Health', health),
    ...(p.health.lastError ? [row('Last error', h('span', { class: 'problem' }, p.health.lastError))] : []),
    h('div', { class: 'actions' },
      button('Test Connection', 'testConnection', { 'data-provider': p.id }, false),
      ...(p.role === 'primary' ? [] : [button('Switch to this provider', 'switchProvider', { 'data-provider': p.id })]),
      button('Open Settings', 'openSettings', { 'data-provider': p.id })),
  );
  const test = testLine(p.test);
  if (test) el.append(test);
  return el;
}

function compareTable(rows: CompareRow[]): HTMLElement {
  const table = h('table', { class: 'compare' },
    h('thead', {}, h('tr', {}, ...['Provider', 'Model ID', 'Latency', 'Tokens', 'Cost'].map((t) => h('th', {}, t)))));
  const body = h('tbody');
  for (const r of rows) {
    if (r.state === 'ok') {
      body.append(h('tr', { 'data-provider': r.provider }, h('td', {}, r.label), h('td', {}, r.modelId ?? ''), h('td', {}, r.latency ?? ''), h('td', {}, r.tokens ?? ''), h('td', {}, r.cost ?? '')));
    } else {
      const cell = h('td', { class: r.state === 'error' ? 'problem' : 'muted' }, r.state === 'error' ? (r.error ?? 'failed') : 'running…');
      cell.setAttribute('colspan', '4');
      body.append(h('tr', { 'data-provider': r.provider }, h('td', {}, r.label), cell));
    }
  }
  table.append(body);
  return table;
}

export class OverviewSection implements SectionView {
  readonly element = h('div', { class: 'section-overview' });

  constructor(private readonly send: Send) {
    this.element.addEventListener('click', (event) => this.onClick(event));
  }

  private onClick(event: Event): void {
    const target = clickedAction(event);
    if (!target) return;
    const provider = target.dataset.provider;
    switch (target.dataset.action) {
      case 'testConnection':
        if (isProviderId(provider)) this.send({ type: 'testConnection', provider });
        return;
      case 'switchProvider':
        if (isProviderId(provider)) this.send({ type: 'switchProvider', provider });
        return;
      case 'openSettings':
        this.send(isProviderId(provider) ? { type: 'openSettings', provider } : { type: 'openSettings' });
        return;
      case 'compare':
        this.send({ type: 'compare' });
        return;
    }
  }

  update(model: DashboardViewModel): void {
    const routing = h('div', { class: 'routing' }, `Default model: ${model.model}. ${model.routing}`);
    const failover = model.failover ? [h('div', { class: 'failover' }, icon('warning'), ` ${model.failover}`)] : [];
    const providers = card('Providers', 'providers', routing, ...failover, h('div', { class: 'providers' }, ...model.providers.map(providerCard)));
    const compare = card('Side-by-side test', 'compare',
      h('div', { class: 'muted' }, `Sends “${model.compare.prompt}” to both providers (forced, no failover, no cache).`),
      h('div', { class: 'actions' }, button(model.compare.running ? 'Running…' : 'Run on both providers', 'compare', model.compare.running ? { disabled: '' } : {}, false)),
      ...(model.compare.rows.length ? [compareTable(model.compare.rows)] : []));
    this.element.replaceChildren(providers, compare);
  }
}
