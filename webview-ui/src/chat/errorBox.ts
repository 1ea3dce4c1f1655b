// The error under a failed answer: the message, the hint (settings it names are links that open
// the setting) and the fixes the host computed, primary first. Links and buttons answer with the
// message id and an index only; the host runs what it stored.
import type { ErrorView, SettingLink } from '../../../src/shared/chatTypes';
import { h, icon } from './dom';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The hint as text with each setting label it contains turned into a link. */
export function hintWithLinks(messageId: string, hint: string, settings: readonly SettingLink[]): HTMLElement {
  const el = h('div', { class: 'error-hint' });
  const labels = settings.map((s, index) => ({ label: s.label, index })).filter((s) => s.label && hint.includes(s.label));
  if (labels.length === 0) {
    el.textContent = hint;
    return el;
  }
  // Longest first, so "AWS Region" inside a longer label is not linked on its own.
  const pattern = new RegExp(labels.map((s) => escapeRe(s.label)).sort((a, b) => b.length - a.length).join('|'), 'g');
  let at = 0;
  for (const match of hint.matchAll(pattern)) {
    const start = match.index ?? 0;
    el.append(hint.slice(at, start));
    const setting = labels.find((s) => s.label === match[0])!;
    el.append(h('a', { href: '#', class: 'setting-link', 'data-action': 'open-setting', 'data-message-id': messageId, 'data-setting-index': String(setting.index), title: `Open the "${setting.label}" setting` }, match[0]));
    at = start + match[0].length;
  }
  el.append(hint.slice(at));
  return el;
}

export function errorBox(messageId: string, error: ErrorView): HTMLElement {
  const box = h('div', { class: 'answer-error', role: 'alert' });
  box.append(h('div', { class: 'error-message' }, icon('error'), h('span', {}, error.message)));
  if (error.hint) box.append(hintWithLinks(messageId, error.hint, error.settings ?? []));
  const fixes = error.fixes ?? [];
  if (fixes.length > 0) {
    const actions = h('div', { class: 'error-actions' });
    fixes.forEach((fix, index) => {
      const b = h('vscode-button', { 'data-action': 'fix', 'data-message-id': messageId, 'data-fix-index': String(index), 'data-fix-kind': fix.kind }, fix.label);
      if (index > 0) b.setAttribute('secondary', '');
      actions.append(b);
    });
    box.append(actions);
  }
  return box;
}
