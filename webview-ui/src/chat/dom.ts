// Tiny DOM helpers: elements are built with the DOM API (never from untrusted HTML strings).
export function h(tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

export function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

export function relativeDate(at: number, now = Date.now()): string {
  const minutes = Math.round((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const d = new Date(at);
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return d.toLocaleDateString(undefined, { year: d.getFullYear() === today.getFullYear() ? undefined : 'numeric', month: 'short', day: 'numeric' });
}

/** macOS labels keys its own way (⇧⌥⌘S); the webview sees the same platform as the workbench. */
export const isMac: boolean = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** An icon-only button (the label is its tooltip and accessible name). */
export function iconButton(action: string, codicon: string, label: string, data: Record<string, string> = {}): HTMLElement {
  const attrs: Record<string, string> = { type: 'button', class: 'icon-button', 'data-action': action, title: label, 'aria-label': label };
  for (const [k, v] of Object.entries(data)) attrs[`data-${k}`] = v;
  return h('button', attrs, icon(codicon));
}

/** A textarea as tall as its text, up to `maxPx`; beyond that it scrolls. */
export function fitHeight(area: HTMLTextAreaElement, maxPx: number): void {
  area.style.height = 'auto';
  const frame = area.offsetHeight - area.clientHeight;
  const wanted = area.scrollHeight + frame;
  area.style.height = `${Math.min(wanted, maxPx)}px`;
  area.style.overflowY = wanted > maxPx ? 'auto' : 'hidden';
}

/** Briefly swaps a button's icon for a check mark (after Copy). */
export function flashDone(button: HTMLElement, codicon = 'copy'): void {
  const glyph = button.querySelector('.codicon');
  glyph?.classList.replace(`codicon-${codicon}`, 'codicon-check');
  setTimeout(() => glyph?.classList.replace('codicon-check', `codicon-${codicon}`), 1200);
}
