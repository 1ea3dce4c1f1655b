// Small building blocks every dashboard section uses (built with the DOM API, never from HTML strings).
import type { DashboardViewModel, DashboardWebviewMessage } from '../../../src/shared/dashboard/protocol';
import { h } from '../chat/dom';

/** One tab's page: its panel content, redrawn from each new view model. */
export interface SectionView {
  readonly element: HTMLElement;
  update(model: DashboardViewModel): void;
}

export type Send = (message: DashboardWebviewMessage) => void;

export function button(label: string, action: string, attrs: Record<string, string> = {}, secondary = true): HTMLElement {
  return h('vscode-button', { 'data-action': action, ...(secondary ? { secondary: '' } : {}), ...attrs }, label);
}

/** A titled card; `id` is what tests and the page's anchors use. */
export function card(title: string, id: string, ...children: Array<Node | string>): HTMLElement {
  return h('section', { class: 'card', id, 'aria-label': title }, h('h2', {}, title), ...children);
}

export function row(label: string, value: Node | string): HTMLElement {
  return h('div', { class: 'kv' }, h('span', { class: 'k' }, label), h('span', { class: 'v' }, value));
}

/** The `[data-action]` element a click landed on (enabled only), with its action and dataset. */
export function clickedAction(event: Event): HTMLElement | undefined {
  const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-action]');
  return target && !target.hasAttribute('disabled') ? target : undefined;
}
