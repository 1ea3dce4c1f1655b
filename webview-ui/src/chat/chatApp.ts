// The chat view: toolbar (model picker, New Chat, history), transcript, composer. Reacts to
// host messages; user actions become protocol messages. Keeps its own small state (open session,
// scroll position, unsent draft) with setState so a hidden/reloaded view comes back as it was.
import { modelHint } from '../../../src/shared/chatFormat';
import type { Attachment, ChatSession, ModelOption, SessionSummary } from '../../../src/shared/chatTypes';
import { isHostMessage } from '../../../src/shared/protocol';
import type { HostMessage, WebviewMessage } from '../../../src/shared/protocol';
import { h, icon, relativeDate } from './dom';
import { modelOptionElements, optionNameFor } from './modelOptions';
import { AnswerView, renderUserMessage } from './messageView';

export interface ViewState {
  sessionId?: string;
  scrollTop?: number;
  draft?: string;
}

interface SelectElement extends HTMLElement { value: string }

export class ChatApp {
  private session: ChatSession | undefined;
  private models: ModelOption[] = [];
  private busy = false;
  private readonly answers = new Map<string, AnswerView>();
  private stickToBottom = true;
  private scrollScheduled = false;
  private lastScrollTop = 0;
  private scrollSaveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly picker: SelectElement;
  private readonly modelHint: HTMLElement;
  private readonly history: HTMLElement;
  private readonly transcript: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLElement;

  constructor(private readonly root: HTMLElement, private readonly vscode: VsCodeWebviewApi<ViewState>) {
    this.picker = h('vscode-single-select', { class: 'model-picker', 'aria-label': 'Model', title: 'Model' }) as SelectElement;
    const toolbar = h('div', { class: 'toolbar' },
      this.picker,
      h('vscode-toolbar-button', { 'data-action': 'toggle-history', icon: 'history', title: 'Chat history', 'aria-label': 'Chat history' }),
      h('vscode-toolbar-button', { 'data-action': 'new-chat', icon: 'add', title: 'New Chat', 'aria-label': 'New Chat' }),
    );
    this.modelHint = h('div', { class: 'model-hint' });
    this.history = h('div', { class: 'history', hidden: '' });
    this.transcript = h('div', { class: 'transcript', tabindex: '0' });
    this.chips = h('div', { class: 'attachments composer-attachments' });
    this.input = h('textarea', { class: 'prompt', rows: '3', placeholder: 'Ask Switchboard… (Enter to send, Shift+Enter for a new line)', 'aria-label': 'Message' }) as HTMLTextAreaElement;
    this.sendButton = h('vscode-button', { class: 'send', 'data-action': 'send', icon: 'send', title: 'Send (Enter)' }, 'Send');
    const composer = h('div', { class: 'composer' },
      this.chips,
      this.input,
      h('div', { class: 'composer-actions' },
        h('vscode-toolbar-button', { 'data-action': 'attach-file', icon: 'file-add', title: 'Add the active file to the chat', 'aria-label': 'Add File to Chat' }),
        h('span', { class: 'spacer' }),
        this.sendButton),
    );
    root.append(toolbar, this.modelHint, this.history, this.transcript, composer);
    this.input.value = this.state().draft ?? '';

    root.addEventListener('click', (e) => this.onClick(e));
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.send();
      }
    });
    this.input.addEventListener('input', () => this.saveState({ draft: this.input.value }));
    this.picker.addEventListener('change', () => {
      this.post({ type: 'selectModel', model: this.picker.value });
      this.updateModelHint(this.picker.value);
    });
    this.transcript.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  receive(raw: unknown): void {
    if (!isHostMessage(raw)) return;
    const m: HostMessage = raw;
    switch (m.type) {
      case 'init':
        this.setModels(m.models, m.session.model);
        this.renderSessions(m.sessions);
        this.renderAttachments(m.attachments);
        this.renderSession(m.session, m.busy);
        break;
      case 'session':
        this.renderSession(m.session, m.busy);
        break;
      case 'models':
        this.setModels(m.models, m.selected);
        break;
      case 'sessions':
        this.renderSessions(m.sessions);
        break;
      case 'attachments':
        this.renderAttachments(m.attachments);
        break;
      case 'turnStart': {
        if (this.session && m.sessionId !== this.session.id) return;
        this.transcript.querySelector('.empty-state')?.remove();
        const answer = new AnswerView(m.assistantId, m.model);
        this.answers.set(m.assistantId, answer);
        this.transcript.append(renderUserMessage(m.user), answer.el);
        this.setBusy(true);
        this.stickToBottom = true;
        this.scheduleScroll();
        break;
      }
      case 'delta': {
        const answer = this.answers.get(m.messageId);
        if (!answer) return;
        if (m.kind === 'text') answer.appendText(m.text);
        else answer.appendThinking(m.text);
        this.scheduleScroll();
        break;
      }
      case 'toolCall':
        this.answers.get(m.messageId)?.toolCall(m.call);
        this.scheduleScroll();
        break;
      case 'failover':
        this.answers.get(m.messageId)?.failover(m);
        break;
      case 'turnEnd':
        this.answers.get(m.messageId)?.end(m.status, m.footer, m.error);
        this.setBusy(false);
        this.scheduleScroll();
        break;
      case 'restoreInput':
        if (!this.input.value.trim()) {
          this.input.value = m.text;
          this.saveState({ draft: m.text });
        }
        this.input.focus();
        break;
      case 'focusInput':
        this.input.focus();
        break;
    }
  }

  private post(message: WebviewMessage): void {
    this.vscode.postMessage(message);
  }

  private state(): ViewState {
    return this.vscode.getState() ?? {};
  }

  private saveState(patch: Partial<ViewState>): void {
    this.vscode.setState({ ...this.state(), ...patch });
  }

  private send(): void {
    const text = this.input.value;
    if (!text.trim() || this.busy) return;
    this.post({ type: 'send', text, model: this.picker.value || this.session?.model || 'sonnet' });
    this.input.value = '';
    this.saveState({ draft: '' });
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.setAttribute('icon', busy ? 'debug-stop' : 'send');
    this.sendButton.setAttribute('data-action', busy ? 'stop' : 'send');
    this.sendButton.setAttribute('title', busy ? 'Stop' : 'Send (Enter)');
    this.sendButton.textContent = busy ? 'Stop' : 'Send';
    this.root.classList.toggle('busy', busy);
  }

  private setModels(models: ModelOption[], selected: string): void {
    this.models = models;
    selected = optionNameFor(models, selected);
    this.picker.replaceChildren(...modelOptionElements(models, selected));
    this.picker.value = selected;
    this.updateModelHint(selected);
  }

  private updateModelHint(name: string): void {
    const m = this.models.find((x) => x.name === name);
    const text = modelHint(m, name);
    this.modelHint.replaceChildren(icon('server'), h('span', { class: 'model-hint-text' }, text));
    this.modelHint.title = text;
  }

  private renderSession(session: ChatSession, busy: boolean): void {
    const switched = this.session?.id !== session.id;
    this.session = session;
    this.answers.clear();
    const nodes: HTMLElement[] = [];
    for (const m of session.messages) {
      if (m.role === 'user') {
        nodes.push(renderUserMessage(m));
      } else {
        const view = AnswerView.restore(m, session.model);
        this.answers.set(m.id, view);
        nodes.push(view.el);
      }
    }
    if (nodes.length === 0) nodes.push(this.emptyState());
    this.transcript.replaceChildren(...nodes);
    this.setBusy(busy);
    if (this.picker.value !== session.model && this.models.some((m) => m.name === session.model)) {
      this.picker.value = session.model;
      this.updateModelHint(session.model);
    }
    const saved = this.state();
    // The host's copy wins: it is saved to disk as the reader scrolls, while the webview state a
    // window reload brings back can be older (the workbench flushes it lazily).
    const top = session.scrollTop ?? (saved.sessionId === session.id ? saved.scrollTop : undefined);
    if (switched) this.saveState({ sessionId: session.id, scrollTop: top });
    this.restoreScroll(top);
    this.history.hidden = true;
  }

  /**
   * Restore after layout: the transcript has its height only once the nodes are laid out, and a
   * view that is still opening (after a window reload) has no height at all yet. Deciding
   * "stick to bottom" against a zero-height transcript would later scroll the reader away.
   */
  private restoreScroll(top: number | undefined): void {
    const t = this.transcript;
    const apply = (): void => {
      if (top !== undefined) {
        t.scrollTop = top;
        this.stickToBottom = top + t.clientHeight >= t.scrollHeight - 40;
      } else {
        t.scrollTop = t.scrollHeight;
        this.stickToBottom = true;
      }
      this.lastScrollTop = t.scrollTop;
    };
    this.stickToBottom = false;
    this.pendingRestore?.disconnect();
    if (t.clientHeight > 0) {
      requestAnimationFrame(apply);
      return;
    }
    const observer = new ResizeObserver(() => {
      if (t.clientHeight === 0) return;
      observer.disconnect();
      this.pendingRestore = undefined;
      requestAnimationFrame(apply);
    });
    this.pendingRestore = observer;
    observer.observe(t);
  }

  private pendingRestore: ResizeObserver | undefined;

  private emptyState(): HTMLElement {
    return h('div', { class: 'empty-state' },
      h('div', { class: 'empty-title' }, icon('comment-discussion'), 'Ask anything'),
      h('p', {}, 'Enter sends, Shift+Enter adds a line. Answers stream through your configured provider, with failover.'),
      h('p', {}, 'Right-click code in an editor → "Switchboard: Add Selection to Chat" or "Add File to Chat" to attach it.'));
  }

  private renderSessions(sessions: SessionSummary[]): void {
    if (sessions.length === 0) {
      this.history.replaceChildren(h('div', { class: 'history-empty' }, 'No saved chats yet.'));
      return;
    }
    this.history.replaceChildren(h('div', { class: 'history-title' }, 'Chats'), ...sessions.map((s) =>
      h('div', { class: `history-item${s.id === this.session?.id ? ' current' : ''}`, 'data-action': 'open-session', 'data-session-id': s.id, title: s.title, role: 'button', tabindex: '0' },
        h('div', { class: 'history-text' },
          h('div', { class: 'history-item-title' }, s.title),
          h('div', { class: 'history-item-meta' }, `${relativeDate(s.updatedAt)} · ${s.model}`)),
        h('button', { type: 'button', class: 'icon-button', 'data-action': 'delete-session', 'data-session-id': s.id, title: 'Delete chat', 'aria-label': `Delete chat ${s.title}` }, icon('trash')))));
  }

  private renderAttachments(attachments: Attachment[]): void {
    this.chips.replaceChildren(...attachments.map((a) =>
      h('span', { class: 'chip', title: a.fileName }, icon('file-code'), a.lines ? `${a.fileName}:${a.lines.start}-${a.lines.end}` : a.fileName,
        h('button', { type: 'button', class: 'icon-button', 'data-action': 'remove-attachment', 'data-attachment-id': a.id, title: 'Remove', 'aria-label': `Remove ${a.fileName}` }, icon('close')))));
  }

  private onClick(e: Event): void {
    const target = (e.target as HTMLElement | null)?.closest<HTMLElement>('[data-action]');
    if (!target) return;
    const action = target.dataset.action;
    switch (action) {
      case 'send': return this.send();
      case 'stop': return this.post({ type: 'stop' });
      case 'new-chat': return this.post({ type: 'newChat' });
      case 'attach-file': return this.post({ type: 'runCommand', command: 'addFile' });
      case 'toggle-history':
        this.history.hidden = !this.history.hidden;
        if (!this.history.hidden) this.post({ type: 'listSessions' });
        return;
      case 'open-session':
        if (target.dataset.sessionId) this.post({ type: 'openSession', sessionId: target.dataset.sessionId });
        return;
      case 'delete-session':
        e.stopPropagation();
        if (target.dataset.sessionId) this.post({ type: 'deleteSession', sessionId: target.dataset.sessionId });
        return;
      case 'remove-attachment':
        if (target.dataset.attachmentId) this.post({ type: 'removeAttachment', attachmentId: target.dataset.attachmentId });
        return;
      case 'copy':
      case 'insert': {
        const code = target.closest('.code-block')?.querySelector('code')?.textContent ?? '';
        this.post(action === 'copy' ? { type: 'copyCode', code } : { type: 'insertCode', code });
        if (action === 'copy') {
          const glyph = target.querySelector('.codicon');
          glyph?.classList.replace('codicon-copy', 'codicon-check');
          setTimeout(() => glyph?.classList.replace('codicon-check', 'codicon-copy'), 1200);
        }
        return;
      }
      case 'fix': {
        const fixIndex = Number(target.dataset.fixIndex);
        if (target.dataset.messageId && Number.isInteger(fixIndex)) this.post({ type: 'fix', messageId: target.dataset.messageId, fixIndex });
        return;
      }
    }
  }

  private onScroll(): void {
    const t = this.transcript;
    // Growing content does not move scrollTop; only the user scrolling up un-sticks the view.
    if (t.scrollTop + t.clientHeight >= t.scrollHeight - 40) this.stickToBottom = true;
    else if (t.scrollTop < this.lastScrollTop) this.stickToBottom = false;
    this.lastScrollTop = t.scrollTop;
    if (this.scrollSaveTimer) clearTimeout(this.scrollSaveTimer);
    this.scrollSaveTimer = setTimeout(() => {
      if (!this.session) return;
      this.saveState({ sessionId: this.session.id, scrollTop: t.scrollTop });
      this.post({ type: 'scrolled', sessionId: this.session.id, scrollTop: Math.round(t.scrollTop) });
    }, 250);
  }

  /** At most one layout per frame however many tokens arrive. */
  private scheduleScroll(): void {
    if (!this.stickToBottom || this.scrollScheduled) return;
    this.scrollScheduled = true;
    requestAnimationFrame(() => {
      this.scrollScheduled = false;
      if (this.stickToBottom) this.transcript.scrollTop = this.transcript.scrollHeight;
    });
  }
}
