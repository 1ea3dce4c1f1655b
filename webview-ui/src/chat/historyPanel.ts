// The chat history under the toolbar: a search box (the host searches titles and messages) and the
// saved chats, newest first. A reply for an older query than the one in the box is ignored.
import type { SessionSummary } from '../../../src/shared/chatTypes';
import type { WebviewMessage } from '../../../src/shared/protocol';
import { h, icon, relativeDate } from './dom';

const SEARCH_DELAY_MS = 150;

export class HistoryPanel {
  readonly el: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly post: (m: WebviewMessage) => void) {
    this.search = h('input', { type: 'search', class: 'history-search', placeholder: 'Search chats', 'aria-label': 'Search chats', spellcheck: 'false' }) as HTMLInputElement;
    this.list = h('div', { class: 'history-list', role: 'list' });
    this.el = h('div', { class: 'history', hidden: '' }, h('div', { class: 'history-search-row' }, icon('search'), this.search), this.list);
    this.search.addEventListener('input', () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(), SEARCH_DELAY_MS);
    });
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.search.value) {
        e.stopPropagation();
        this.search.value = '';
        this.refresh();
      }
    });
  }

  get hidden(): boolean {
    return this.el.hidden;
  }

  toggle(): void {
    if (this.el.hidden) this.show();
    else this.hide();
  }

  show(): void {
    this.el.hidden = false;
    this.refresh();
    this.search.focus();
  }

  hide(): void {
    this.el.hidden = true;
  }

  /** Asks the host for the list the box's query selects. */
  refresh(): void {
    const query = this.query();
    this.post(query ? { type: 'searchSessions', query } : { type: 'listSessions' });
  }

  /** A list from the host: the whole list (no `query`) or a search's answer. */
  render(sessions: SessionSummary[], currentId: string | undefined, query?: string): void {
    const wanted = this.query();
    if (query === undefined && wanted) {
      // The whole list changed (a new chat, a title) while a search is shown: search again.
      if (!this.el.hidden) this.refresh();
      return;
    }
    if (query !== undefined && query !== wanted) return; // an answer to an older query
    if (sessions.length === 0) {
      this.list.replaceChildren(h('div', { class: 'history-empty' }, wanted ? `No chats match "${wanted}".` : 'No saved chats yet.'));
      return;
    }
    this.list.replaceChildren(h('div', { class: 'history-title' }, wanted ? 'Matching chats' : 'Chats'), ...sessions.map((s) =>
      h('div', { class: `history-item${s.id === currentId ? ' current' : ''}`, 'data-action': 'open-session', 'data-session-id': s.id, title: s.title, role: 'listitem', tabindex: '0' },
        h('div', { class: 'history-text' },
          h('div', { class: 'history-item-title' }, s.title),
          h('div', { class: 'history-item-meta' }, `${relativeDate(s.updatedAt)} · ${s.model}`)),
        h('button', { type: 'button', class: 'icon-button', 'data-action': 'delete-session', 'data-session-id': s.id, title: 'Delete chat', 'aria-label': `Delete chat ${s.title}` }, icon('trash')))));
  }

  private query(): string {
    return this.search.value.trim();
  }
}
