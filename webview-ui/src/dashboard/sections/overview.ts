// The Overview tab: routing, one card per provider (auth, region or endpoint, the full model ID,
// health, the last Test Connection) and the side-by-side test with its prompt and both answers.
import type { CompareRow, CompareView, ProviderView, TestView } from '../../../../src/shared/dashboard/overview';
import type { DashboardViewModel } from '../../../../src/shared/dashboard/protocol';
import { isProviderId } from '../../../../src/shared/providers';
import { h, icon } from '../../chat/dom';
import { answerElement } from '../answerMarkdown';
import { button, card, clickedAction, modelIdCode, preservingFocus, problem, row } from '../ui';
import type { SectionView, Send } from '../ui';

const STATUS_ICON: Record<ProviderView['health']['status'], string> = { ok: 'pass', degraded: 'warning', down: 'error', unknown: 'circle-outline' };

function testLine(test: TestView | undefined): HTMLElement {
  // The slot is always there, so a result arriving does not push the buttons down.
  const slot = h('div', { class: 'test-slot' });
  if (!test) slot.append(h('div', { class: 'muted' }, 'Not tested in this window yet.'));
  else if (test.state === 'running') slot.append(h('div', { class: 'test running' }, icon('loading codicon-modifier-spin'), ' Testing…'));
  else if (test.state === 'ok') slot.append(h('div', { class: 'test ok' }, icon('pass'), ` ${test.identity} · model ${test.modelId}${test.region ? ` · ${test.region}` : ''} · ${test.latencyMs} ms`));
  else slot.append(problem(`${test.errorType}: ${test.message}${test.hint ? ` ${test.hint}` : ''}`, 'div', { class: 'test error' }));
  return slot;
}

function modelIdValue(p: ProviderView): HTMLElement {
  return p.modelId ? modelIdCode(p.modelId) : problem(p.modelError ?? 'cannot be resolved');
}

function providerCard(p: ProviderView): HTMLElement {
  const role = h('span', { class: `role role-${p.role}` }, p.roleLabel);
  const health = h('span', { class: `health health-${p.health.status}` }, icon(STATUS_ICON[p.health.status]), ` ${p.health.status} · ${p.health.summary}`);
  const where = p.id === 'bedrock'
    ? [row('Region', p.region ?? 'not set'), ...(p.endpoint ? [row('Endpoint', modelIdCode(p.endpoint))] : [])]
    : [row('Endpoint', modelIdCode(p.endpoint ?? 'api.anthropic.com'))];
  return h('div', { class: 'provider', 'data-provider': p.id },
    h('h3', {}, p.label, ' ', role),
    h('div', { class: 'facts' },
      row('Auth', p.auth),
      ...where,
      row('Model ID', modelIdValue(p)),
      row('Price', p.price),
      row('Health', health),
      ...(p.health.lastError ? [row('Last error', problem(p.health.lastError))] : [])),
    testLine(p.test),
    h('div', { class: 'actions card-actions' },
      button('Test Connection', 'testConnection', { 'data-provider': p.id }, false),
      ...(p.role === 'primary' ? [] : [button('Make Primary', 'switchProvider', { 'data-provider': p.id, title: `Send requests to ${p.label} first (Switch Provider)` })]),
      h('vscode-button', { 'data-action': 'openSettings', 'data-provider': p.id, secondary: '', icon: 'settings-gear', title: `${p.label} settings`, 'aria-label': `${p.label} settings` })),
  );
}

function compareTable(rows: CompareRow[]): HTMLElement {
  const table = h('table', { class: 'compare' },
    h('thead', {}, h('tr', {}, ...['Provider', 'Model ID', 'Latency', 'Tokens', 'Cost'].map((t) => h('th', {}, t)))));
  const body = h('tbody');
  for (const r of rows) {
    if (r.state === 'ok') {
      body.append(h('tr', { 'data-provider': r.provider }, h('td', {}, r.label), h('td', {}, modelIdCode(r.modelId ?? '')), h('td', {}, r.latency ?? ''), h('td', {}, r.tokens ?? ''), h('td', {}, r.cost ?? '')));
    } else {
      const cell = r.state === 'error' ? problem(r.error ?? 'failed', 'td') : h('td', { class: 'muted' }, 'running…');
      cell.setAttribute('colspan', '4');
      body.append(h('tr', { 'data-provider': r.provider }, h('td', {}, r.label), cell));
    }
  }
  table.append(body);
  return table;
}

/** The two answers beside each other, rendered (raw HTML in an answer is shown as text). */
export function answersView(rows: CompareRow[]): HTMLElement {
  return h('div', { class: 'answers' }, ...rows.map((r) => h('div', { class: 'answer', 'data-provider': r.provider },
    h('h4', {}, r.label, ...(r.modelId ? [' · ', modelIdCode(r.modelId)] : [])),
    r.state === 'ok' ? answerElement(r.answer ?? '') : r.state === 'error' ? problem(r.error ?? 'failed', 'div') : h('div', { class: 'muted' }, 'Waiting for the answer…'),
    ...(r.state === 'ok' ? [h('div', { class: 'answer-meta muted' }, `${r.latency ?? ''} · ${r.tokens ?? ''} · ${r.cost ?? ''}`)] : []))));
}

/** The prompt box, the Run button and the results; the prompt box survives re-renders (the user may be typing). */
export class CompareBox {
  readonly element: HTMLElement;
  private readonly prompt: HTMLElement & { value?: string };
  private readonly run: HTMLElement;
  private readonly results = h('div', { class: 'compare-results' });
  private seeded = false;

  /** `id` names the box's controls (`<id>-prompt`; the Run button's action is `compare` on the Overview, `<id>Compare` elsewhere). */
  constructor(id: string, private readonly onRun: (prompt: string | undefined) => void, intro: string) {
    this.prompt = h('vscode-textarea', { 'data-key': `${id}-prompt`, rows: '3', resize: 'vertical', 'aria-label': 'Prompt for both providers', class: 'prompt' });
    this.run = button('Run on both providers', id === 'overview' ? 'compare' : `${id}Compare`, {}, false);
    this.element = h('div', { class: 'compare-box' }, h('div', { class: 'muted' }, intro), this.prompt, h('div', { class: 'actions' }, this.run), this.results);
    this.run.addEventListener('click', () => {
      if (this.run.hasAttribute('disabled')) return;
      const text = this.prompt.value?.trim();
      this.onRun(text ? this.prompt.value : undefined);
    });
  }

  update(view: CompareView): void {
    if (!this.seeded) {
      this.prompt.value = view.prompt;
      this.seeded = true;
    }
    if (view.running) this.run.setAttribute('disabled', '');
    else this.run.removeAttribute('disabled');
    this.run.textContent = view.running ? 'Running…' : 'Run on both providers';
    this.results.replaceChildren(...(view.rows.length
      ? [compareTable(view.rows), answersView(view.rows)]
      : [h('div', { class: 'muted answers-empty' }, 'The two answers appear here, each with its latency, tokens and cost.')]));
  }
}

export class OverviewSection implements SectionView {
  readonly element = h('div', { class: 'section-overview' });
  private readonly routing = h('div', { class: 'routing' });
  private readonly cards = h('div', { class: 'providers' });
  private readonly compare: CompareBox;

  constructor(private readonly send: Send) {
    this.compare = new CompareBox('overview', (prompt) => this.send(prompt ? { type: 'compare', prompt } : { type: 'compare' }),
      'Sends the prompt to both providers (each forced: no failover, no cache; up to 1,024 output tokens each) and shows both answers.');
    this.element.append(card('Providers', 'providers', this.routing, this.cards), card('Side-by-side test', 'compare', this.compare.element));
    this.cards.addEventListener('click', (event) => this.onClick(event));
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
    }
  }

  update(model: DashboardViewModel): void {
    this.routing.replaceChildren(`Default model: ${model.model}. ${model.routing}`, ...(model.failover ? [h('div', { class: 'failover' }, icon('warning'), ` ${model.failover}`)] : []));
    preservingFocus(this.cards, () => this.cards.replaceChildren(...model.providers.map(providerCard)));
    this.compare.update(model.compare);
  }
}
