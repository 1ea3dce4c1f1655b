// The dashboard page: renders the host's view model (sent whole on every change) and turns button
// clicks into typed messages. Built with the DOM API only; no HTML strings from the host.
import type { BarRow, CompareRow, DashboardViewModel, DashboardWebviewMessage, ProviderView, TestView, UsageView } from '../../../src/shared/dashboardProtocol';
import { isDashboardHostMessage } from '../../../src/shared/dashboardProtocol';
import { h, icon } from '../chat/dom';

/** What survives the panel being hidden or the window reloading (getState / setState). */
export interface DashboardState { model?: DashboardViewModel; scrollTop?: number }

const STATUS_ICON: Record<ProviderView['health']['status'], string> = { ok: 'pass', degraded: 'warning', down: 'error', unknown: 'circle-outline' };

function button(label: string, action: string, attrs: Record<string, string> = {}, secondary = true): HTMLElement {
  return h('vscode-button', { 'data-action': action, ...(secondary ? { secondary: '' } : {}), ...attrs }, label);
}

function section(title: string, id: string, ...children: Array<Node | string>): HTMLElement {
  return h('section', { class: 'card', id, 'aria-label': title }, h('h2', {}, title), ...children);
}

function row(label: string, value: Node | string): HTMLElement {
  return h('div', { class: 'kv' }, h('span', { class: 'k' }, label), h('span', { class: 'v' }, value));
}

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
  const card = h('div', { class: 'provider', 'data-provider': p.id },
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
  if (test) card.append(test);
  return card;
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

function usageSection(u: UsageView | undefined): HTMLElement {
  if (!u) return section('Usage', 'usage', h('div', { class: 'muted' }, 'The usage ledger could not be read.'));
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
  return section('Usage', 'usage', ...parts);
}

export class DashboardApp {
  private state: DashboardState;

  constructor(private readonly root: HTMLElement, private readonly vscode: VsCodeWebviewApi<DashboardState>) {
    this.state = vscode.getState() ?? {};
    root.addEventListener('click', (event) => this.onClick(event));
    window.addEventListener('scroll', () => this.save({ scrollTop: window.scrollY }), { passive: true });
    // Show the last known view at once after a reload; the host's update replaces it.
    if (this.state.model) this.render(this.state.model);
    else root.append(h('div', { class: 'muted loading' }, 'Loading…'));
  }

  receive(raw: unknown): void {
    if (!isDashboardHostMessage(raw)) return;
    this.save({ model: raw.model });
    this.render(raw.model);
  }

  private save(patch: Partial<DashboardState>): void {
    this.state = { ...this.state, ...patch };
    this.vscode.setState(this.state);
  }

  private send(message: DashboardWebviewMessage): void {
    this.vscode.postMessage(message);
  }

  private onClick(event: Event): void {
    const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-action]');
    if (!target || target.hasAttribute('disabled')) return;
    const action = target.dataset.action;
    const provider = target.dataset.provider;
    switch (action) {
      case 'testConnection':
      case 'switchProvider':
        if (provider === 'anthropic' || provider === 'bedrock') this.send({ type: action, provider });
        return;
      case 'openSettings':
        this.send(provider === 'anthropic' || provider === 'bedrock' ? { type: 'openSettings', provider } : { type: 'openSettings' });
        return;
      case 'compare':
      case 'clearCache':
      case 'showUsage':
      case 'refresh':
        this.send({ type: action });
        return;
    }
  }

  render(model: DashboardViewModel): void {
    const header = h('header', {},
      h('h1', {}, icon('dashboard'), ' Switchboard'),
      h('div', { class: 'routing' }, `Default model: ${model.model}. ${model.routing}`),
      ...(model.failover ? [h('div', { class: 'failover' }, icon('warning'), ` ${model.failover}`)] : []),
      h('div', { class: 'actions' }, button('Refresh', 'refresh'), button('Open Settings', 'openSettings')));
    const providers = section('Providers', 'providers', h('div', { class: 'providers' }, ...model.providers.map(providerCard)));
    const compare = section('Side-by-side test', 'compare',
      h('div', { class: 'muted' }, `Sends “${model.compare.prompt}” to both providers (forced, no failover, no cache).`),
      h('div', { class: 'actions' }, button(model.compare.running ? 'Running…' : 'Run on both providers', 'compare', model.compare.running ? { disabled: '' } : {}, false)),
      ...(model.compare.rows.length ? [compareTable(model.compare.rows)] : []));
    const c = model.cache;
    const cache = section('Response cache', 'cache',
      ...(c
        ? [
          ...(c.enabled ? [] : [h('div', { class: 'muted' }, 'The response cache is off (switchboard.cache.enabled).')]),
          h('div', { class: 'stats' }, row('Entries', String(c.entries)), row('Size', c.size), row('Hit rate', c.hitRate), row('Saved', c.saved)),
          h('div', { class: 'actions' }, button('Clear Cache', 'clearCache')),
        ]
        : [h('div', { class: 'muted' }, 'No cache statistics.')]));
    this.root.replaceChildren(header, providers, compare, usageSection(model.usage), cache);
    if (this.state.scrollTop) window.scrollTo(0, this.state.scrollTop);
  }
}
