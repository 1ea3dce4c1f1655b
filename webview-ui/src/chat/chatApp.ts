// The chat view: toolbar (model picker, history), history panel, transcript, composer. Reacts to
// host messages; user actions become protocol messages. Keeps its own small state (open session,
// scroll position, unsent draft) with setState so a hidden/reloaded view comes back as it was.
// New Chat is the view's title-bar action (with its keybinding in the tooltip), not a button here.
import { CHAT_KEYBINDINGS, keyLabel } from '../../../src/shared/chatKeybindings';
import { modelHint } from '../../../src/shared/chatFormat';
import type { ChatSession, ModelOption } from '../../../src/shared/chatTypes';
import { isHostMessage } from '../../../src/shared/protocol';
import type { HostMessage, WebviewMessage } from '../../../src/shared/protocol';
import { AnswerView } from './answerView';
import { Composer } from './composer';
import { flashDone, h, icon, isMac } from './dom';
import { HistoryPanel } from './historyPanel';
import { modelOptionElements, optionNameFor } from './modelOptions';
import { TranscriptScroll } from './transcriptScroll';
import { cancelEdit, renderUserMessage, startEdit, toggleMore } from './userMessage';

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
  private readonly picker: SelectElement;
  private readonly modelHint: HTMLElement;
  private readonly history: HistoryPanel;
  private readonly transcript: HTMLElement;
  private readonly scroll: TranscriptScroll;
  private readonly composer: Composer;

  constructor(private readonly root: HTMLElement, private readonly vscode: VsCodeWebviewApi<ViewState>) {
    this.picker = h('vscode-single-select', { class: 'model-picker', 'aria-label': 'Model', title: 'Model' }) as SelectElement;
    const toolbar = h('div', { class: 'toolbar' },
      this.picker,
      h('vscode-toolbar-button', { 'data-action': 'toggle-history', icon: 'history', title: 'Chat History (search saved chats)', 'aria-label': 'Chat History' }),
    );
    this.modelHint = h('div', { class: 'model-hint' });
    this.history = new HistoryPanel((m) => this.post(m));
    this.transcript = h('div', { class: 'transcript', tabindex: '0' });
    this.scroll = new TranscriptScroll(this.transcript, (top) => {
      if (!this.session) return;
      this.saveState({ sessionId: this.session.id, scrollTop: top });
      this.post({ type: 'scrolled', sessionId: this.session.id, scrollTop: Math.round(top) });
    });
    this.composer = new Composer({ send: (text) => this.send(text), draftChanged: (draft) => this.saveState({ draft }) }, this.state().draft ?? '');
    root.append(toolbar, this.modelHint, this.history.el, this.transcript, this.composer.el);

    root.addEventListener('click', (e) => this.onClick(e));
    root.addEventListener('keydown', (e) => {
      const item = (e.target as HTMLElement | null)?.closest<HTMLElement>('.history-item');
      if (item && (e.key === 'Enter' || e.key === ' ') && e.target === item) {
        e.preventDefault();
        item.click();
      }
    });
    // The view taking focus (Open Chat, its keybinding, a click on the view's title) with nothing
    // inside focused yet puts the cursor in the message box at once: keys typed before the host's
    // focusInput arrives are not lost.
    window.addEventListener('focus', () => {
      if (!document.activeElement || document.activeElement === document.body) this.composer.focus();
    });
    this.picker.addEventListener('change', () => {
      this.post({ type: 'selectModel', model: this.picker.value });
      this.updateModelHint(this.picker.value);
    });
  }

  receive(raw: unknown): void {
    if (!isHostMessage(raw)) return;
    const m: HostMessage = raw;
    switch (m.type) {
      case 'init':
        this.setModels(m.models, m.session.model);
        this.history.render(m.sessions, m.session.id);
        this.composer.renderAttachments(m.attachments);
        this.renderSession(m.session, m.busy);
        break;
      case 'session':
        this.renderSession(m.session, m.busy);
        break;
      case 'models':
        this.setModels(m.models, m.selected);
        break;
      case 'sessions':
        this.history.render(m.sessions, this.session?.id, m.query);
        break;
      case 'attachments':
        this.composer.renderAttachments(m.attachments);
        break;
      case 'turnStart': {
        if (this.session && m.sessionId !== this.session.id) return;
        this.transcript.querySelector('.empty-state')?.remove();
        const answer = new AnswerView(m.assistantId, m.model);
        this.answers.set(m.assistantId, answer);
        // Retry, Regenerate: the question is already on screen (the host re-sent the session ending with it).
        const shown = this.transcript.lastElementChild?.matches(`.message.user[data-id="${CSS.escape(m.user.id)}"]`) ?? false;
        this.transcript.append(...(shown ? [] : [renderUserMessage(m.user)]), answer.el);
        // The question is asked again (Retry, Regenerate): the copy the host gave back is not a draft any more.
        if (this.composer.value === m.user.text) this.composer.value = '';
        this.setBusy(true);
        this.scroll.follow();
        break;
      }
      case 'turnResume':
        if (this.session && m.sessionId !== this.session.id) return;
        this.answers.get(m.messageId)?.resume();
        this.setBusy(true);
        this.scroll.follow();
        break;
      case 'delta': {
        const answer = this.answers.get(m.messageId);
        if (!answer) return;
        if (m.kind === 'text') answer.appendText(m.text);
        else answer.appendThinking(m.text);
        this.scroll.schedule();
        break;
      }
      case 'toolCall':
        this.answers.get(m.messageId)?.toolCall(m.call);
        this.scroll.schedule();
        break;
      case 'failover':
        this.answers.get(m.messageId)?.failover(m);
        break;
      case 'turnEnd':
        this.answers.get(m.messageId)?.end(m.status, m.footer, m.error);
        this.setBusy(false);
        this.scroll.schedule();
        break;
      case 'restoreInput':
        this.composer.restore(m.text);
        break;
      case 'focusInput':
        this.composer.focus();
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

  private send(text: string): void {
    if (!text.trim() || this.busy) return;
    this.post({ type: 'send', text, model: this.model() });
    this.composer.value = '';
  }

  private model(): string {
    return this.picker.value || this.session?.model || 'sonnet';
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.composer.setBusy(busy);
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
    this.scroll.restore(top);
    this.history.hide();
  }

  private emptyState(): HTMLElement {
    const key = (k: keyof typeof CHAT_KEYBINDINGS): HTMLElement => h('kbd', {}, keyLabel(CHAT_KEYBINDINGS[k], isMac));
    return h('div', { class: 'empty-state' },
      h('div', { class: 'empty-title' }, icon('comment-discussion'), 'Ask anything'),
      h('p', {}, 'Enter sends, Shift+Enter adds a line. Answers stream through your configured provider, with failover.'),
      h('p', {}, 'Select code in an editor and press ', key('addSelection'), ' (or right-click → "Add Selection to Chat") to attach it.'),
      h('p', {}, key('openChat'), ' opens this chat from anywhere; ', key('newChat'), ' starts a new one.'));
  }

  private onClick(e: Event): void {
    const target = (e.target as HTMLElement | null)?.closest<HTMLElement>('[data-action]');
    if (!target) return;
    if (target.tagName === 'A') e.preventDefault();
    const action = target.dataset.action;
    const messageId = target.dataset.messageId;
    const message = target.closest<HTMLElement>('.message');
    switch (action) {
      case 'send': return this.send(this.composer.value);
      case 'stop': return this.post({ type: 'stop' });
      case 'attach-file': return this.post({ type: 'runCommand', command: 'addFile' });
      case 'toggle-history': return this.history.toggle();
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
        if (action === 'copy') flashDone(target);
        return;
      }
      case 'copy-message':
        if (messageId) this.post({ type: 'copyMessage', messageId });
        return flashDone(target);
      case 'edit-message': {
        // The question as sent: the text node holds it verbatim (questions are not rendered as markdown).
        const text = message?.querySelector('.user-text')?.textContent;
        if (message && text !== undefined && text !== null && !this.busy) startEdit(message, text);
        return;
      }
      case 'edit-send': {
        const text = message?.querySelector<HTMLTextAreaElement>('.edit-box')?.value ?? '';
        if (messageId && text.trim() && !this.busy) this.post({ type: 'editResend', messageId, text, model: this.model() });
        return;
      }
      case 'edit-cancel':
        if (message) cancelEdit(message);
        return;
      case 'toggle-more': return toggleMore(target);
      case 'regenerate':
        if (messageId && !this.busy) this.post({ type: 'regenerate', messageId });
        return;
      case 'continue':
        if (messageId && !this.busy) this.post({ type: 'continue', messageId });
        return;
      case 'fix': {
        const fixIndex = Number(target.dataset.fixIndex);
        if (messageId && Number.isInteger(fixIndex)) this.post({ type: 'fix', messageId, fixIndex });
        return;
      }
      case 'open-setting': {
        const settingIndex = Number(target.dataset.settingIndex);
        if (messageId && Number.isInteger(settingIndex)) this.post({ type: 'openSetting', messageId, settingIndex });
        return;
      }
    }
  }
}
