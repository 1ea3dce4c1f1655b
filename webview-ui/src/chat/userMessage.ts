// A question in the transcript: attachments, the text (a long one collapsed behind "Show more"),
// and its actions, Copy and Edit (edit in place, then send the edited question again).
import type { UserChatMessage } from '../../../src/shared/chatTypes';
import { fitHeight, h, icon, iconButton } from './dom';

/** Lines a question shows before it is collapsed (the CSS clamps `.user-text` to the same). */
export const COLLAPSED_LINES = 8;

export function attachmentLabel(a: { fileName: string; lines?: { start: number; end: number } }): string {
  return a.lines ? `${a.fileName}:${a.lines.start}-${a.lines.end}` : a.fileName;
}

export function renderUserMessage(m: UserChatMessage): HTMLElement {
  const el = h('div', { class: 'message user', 'data-id': m.id });
  el.append(h('div', { class: 'message-role' }, icon('account'), 'You',
    h('span', { class: 'message-actions' },
      iconButton('copy-message', 'copy', 'Copy', { 'message-id': m.id }),
      iconButton('edit-message', 'edit', 'Edit and Resend', { 'message-id': m.id }))));
  if (m.attachments.length > 0) {
    const list = h('div', { class: 'attachments' });
    for (const a of m.attachments) list.append(h('span', { class: 'chip', title: a.fileName }, icon('file-code'), attachmentLabel(a)));
    el.append(list);
  }
  const text = h('div', { class: 'user-text' }, m.text);
  const more = h('button', { type: 'button', class: 'link-button show-more', 'data-action': 'toggle-more', 'aria-expanded': 'false' }, 'Show more');
  more.hidden = true;
  el.append(text, more);
  // Whether the text overflows its clamp is known only once it is laid out (and again when the view is resized).
  new ResizeObserver(() => {
    more.hidden = !(el.classList.contains('expanded') || text.scrollHeight > text.clientHeight + 1);
  }).observe(text);
  return el;
}

/** Show more / Show less on a collapsed question. */
export function toggleMore(button: HTMLElement): void {
  const message = button.closest('.message.user');
  if (!message) return;
  const expanded = message.classList.toggle('expanded');
  button.textContent = expanded ? 'Show less' : 'Show more';
  button.setAttribute('aria-expanded', String(expanded));
}

/** Replaces the question's text with an editor holding it; Enter sends (through the Send button), Escape cancels. */
export function startEdit(message: HTMLElement, text: string): HTMLTextAreaElement {
  cancelEdit(message);
  const id = message.dataset.id ?? '';
  const box = h('textarea', { class: 'prompt edit-box', rows: '2', 'aria-label': 'Edit your question' }) as HTMLTextAreaElement;
  box.value = text;
  const send = h('vscode-button', { 'data-action': 'edit-send', 'data-message-id': id, title: 'Send the edited question (Enter); the answers after it are replaced' }, 'Send');
  const cancel = h('vscode-button', { 'data-action': 'edit-cancel', secondary: '', title: 'Cancel (Escape)' }, 'Cancel');
  message.classList.add('editing');
  message.append(h('div', { class: 'edit-area' }, box, h('div', { class: 'edit-actions' }, cancel, send)));
  const fit = (): void => fitHeight(box, Math.max(120, Math.floor(window.innerHeight * 0.4)));
  box.addEventListener('input', fit);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send.click();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel.click();
    }
  });
  requestAnimationFrame(fit);
  box.focus();
  box.setSelectionRange(box.value.length, box.value.length);
  return box;
}

export function cancelEdit(message: Element): void {
  message.querySelector('.edit-area')?.remove();
  message.classList.remove('editing');
}
