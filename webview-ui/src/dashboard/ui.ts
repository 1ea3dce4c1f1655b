// Small building blocks every dashboard section uses (built with the DOM API, never from HTML strings).
import type { DashboardViewModel, DashboardWebviewMessage } from '../../../src/shared/dashboard/protocol';
import { h, icon } from '../chat/dom';

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

/** An element's identity across re-renders: its action and the provider / key / tab it acts on. */
function focusKey(el: Element | null): string | undefined {
  const target = el?.closest<HTMLElement>('[data-action],[data-key]');
  if (!target) return undefined;
  const d = target.dataset;
  return [d.action ?? '', d.provider ?? '', d.key ?? '', d.tab ?? '', d.index ?? ''].join('|');
}

/**
 * Re-renders `container` with `render` and puts keyboard focus back on the control that had it
 * (a re-render replaces the elements; without this a keyboard user would be thrown to the top).
 */
export function preservingFocus(container: HTMLElement, render: () => void): void {
  const active = document.activeElement;
  const key = active && container.contains(active) ? focusKey(active) : undefined;
  render();
  if (!key) return;
  for (const el of container.querySelectorAll<HTMLElement>('[data-action],[data-key]')) {
    if (focusKey(el) === key && !el.hasAttribute('disabled')) {
      el.focus();
      return;
    }
  }
}

/**
 * A model ID (or URL) in full: it may wrap after a `.`, `-`, `:` or `/` (never mid-word, never cut
 * off), and a triple-click selects exactly the ID for copying.
 */
export function modelIdCode(id: string): HTMLElement {
  const code = h('code', { class: 'model-id', title: id });
  for (const part of id.split(/(?<=[.\-:/])/)) code.append(part, document.createElement('wbr'));
  return code;
}

/**
 * Text about something that failed: the text in the theme's foreground and an error icon in the
 * error colour (red text on a tinted card falls below 4.5:1 in Light Modern).
 */
export function problem(text: string, tag = 'span', attrs: Record<string, string> = {}): HTMLElement {
  return h(tag, { ...attrs, class: `problem${attrs.class ? ` ${attrs.class}` : ''}` }, icon('error'), ` ${text}`);
}
