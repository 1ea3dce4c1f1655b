// The dashboard page shell: a header and one tab per section (Overview, Configure, Usage, Health,
// Migrate). It receives the host's view model (sent whole on every change) and hands it to every
// section; each section draws its own panel and sends its own typed messages. The selected tab
// survives hiding and reloads through getState / setState.
import { DASHBOARD_TABS, isDashboardHostMessage, isDashboardTab } from '../../../src/shared/dashboard/protocol';
import type { DashboardTab, DashboardViewModel, DashboardWebviewMessage } from '../../../src/shared/dashboard/protocol';
import { h, icon } from '../chat/dom';
import { ConfigureSection } from './sections/configure';
import { HealthSection } from './sections/health';
import { MigrateSection } from './sections/migrate';
import { OverviewSection } from './sections/overview';
import { UsageSection } from './sections/usage';
import type { PagePrefs } from './charts/pagePrefs';
import { button, clickedAction } from './ui';
import type { SectionView } from './ui';

/** What survives the panel being hidden or the window reloading (getState / setState). */
export interface DashboardState { model?: DashboardViewModel; tab?: DashboardTab; scrollTop?: number; /** Sections' own view choices (charts/pagePrefs.ts). */ prefs?: Record<string, unknown> }

const TAB_TITLES: Record<DashboardTab, string> = { overview: 'Overview', configure: 'Configure', usage: 'Usage', health: 'Health', migrate: 'Migrate' };

export class DashboardApp {
  private state: DashboardState;
  private readonly sections: Record<DashboardTab, SectionView>;
  private readonly tabs: HTMLElement & { selectedIndex?: number };
  private rendered = false;

  constructor(private readonly root: HTMLElement, private readonly vscode: VsCodeWebviewApi<DashboardState>) {
    this.state = vscode.getState() ?? {};
    const send = (message: DashboardWebviewMessage): void => this.send(message);
    const prefs: PagePrefs = { get: (key) => this.state.prefs?.[key], set: (key, value) => this.save({ prefs: { ...this.state.prefs, [key]: value } }) };
    this.sections = {
      overview: new OverviewSection(send),
      configure: new ConfigureSection(send),
      usage: new UsageSection(send, prefs),
      health: new HealthSection(prefs),
      migrate: new MigrateSection(send),
    };
    const selected = DASHBOARD_TABS.indexOf(isDashboardTab(this.state.tab) ? this.state.tab : 'overview');
    this.tabs = h('vscode-tabs', { 'selected-index': String(selected), 'aria-label': 'Dashboard sections' });
    for (const tab of DASHBOARD_TABS) {
      this.tabs.append(h('vscode-tab-header', { slot: 'header', 'data-tab': tab }, TAB_TITLES[tab]));
    }
    for (const tab of DASHBOARD_TABS) {
      this.tabs.append(h('vscode-tab-panel', { 'data-tab': tab }, h('div', { class: 'tab-body', id: `tab-${tab}` }, this.sections[tab].element)));
    }
    this.tabs.addEventListener('vsc-tabs-select', (event) => {
      const index = (event as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
      const tab = DASHBOARD_TABS[index];
      if (tab) this.save({ tab });
    });
    // The element moves focus with the arrow keys and selects with Enter; Space selects too (as in VS Code's own tabs).
    this.tabs.addEventListener('keydown', (event) => {
      const header = (event.target as HTMLElement | null)?.closest<HTMLElement>('vscode-tab-header');
      if (event.key !== ' ' || !header || !isDashboardTab(header.dataset.tab)) return;
      event.preventDefault();
      this.select(header.dataset.tab);
    });
    const header = h('header', { class: 'page-header' },
      h('h1', {}, icon('dashboard'), ' Switchboard'),
      h('div', { class: 'actions header-actions' }, button('Refresh', 'refresh'), button('Open Settings', 'openSettings')));
    header.addEventListener('click', (event) => {
      const action = clickedAction(event)?.dataset.action;
      if (action === 'refresh') this.send({ type: 'refresh' });
      if (action === 'openSettings') this.send({ type: 'openSettings' });
    });
    window.addEventListener('scroll', () => this.save({ scrollTop: window.scrollY }), { passive: true });
    root.replaceChildren(header, this.tabs);
    // Show the last known view at once after a reload; the host's update replaces it.
    if (this.state.model) this.render(this.state.model);
    else root.append(h('div', { class: 'muted loading' }, 'Loading…'));
  }

  receive(raw: unknown): void {
    if (!isDashboardHostMessage(raw)) return;
    if (raw.type === 'show') {
      this.select(raw.tab);
      return;
    }
    this.save({ model: raw.model });
    this.render(raw.model);
  }

  /** Brings a tab to the front (as a click on its header would). */
  select(tab: DashboardTab): void {
    this.tabs.selectedIndex = DASHBOARD_TABS.indexOf(tab);
    this.save({ tab });
  }

  private save(patch: Partial<DashboardState>): void {
    this.state = { ...this.state, ...patch };
    this.vscode.setState(this.state);
  }

  private send(message: DashboardWebviewMessage): void {
    this.vscode.postMessage(message);
  }

  render(model: DashboardViewModel): void {
    this.root.querySelector(':scope > .loading')?.remove();
    for (const tab of DASHBOARD_TABS) this.sections[tab].update(model);
    if (!this.rendered && this.state.scrollTop) window.scrollTo(0, this.state.scrollTop);
    this.rendered = true;
  }
}
