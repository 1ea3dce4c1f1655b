// The chat's host side without the editor: validates what the webview sends, keeps the session
// model and persists it; the turns themselves (ask, edit, retry, regenerate, continue, stop) run in
// chatTurns.ts. The VS Code view provider only adapts postMessage / commands / storage to this
// class, so unit tests and the fuzz test run the real handler with a fake webview.
import type { Attachment, ChatSession, ModelOption, UserChatMessage } from '../../shared/chatTypes';
import { validateWebviewMessage } from '../../shared/protocol';
import type { ChatCommand, HostMessage, WebviewMessage } from '../../shared/protocol';
import type { ClientEvent } from '../../core/engine/types';
import { redactSecrets } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { ModelRequest } from '../../core/types';
import type { ProviderId } from '../../shared/providers';
import type { BuildOptions } from '../../core/chat/requestBuilder';
import { newId, newSession } from '../../core/chat/session';
import type { SessionStore } from '../../core/chat/sessionStore';
import type { FixAction, FixContext } from '../../core/errorFixes';
import { ChatTurns } from './chatTurns';
import { MessageActions } from './messageActions';
import { DeltaBatcher } from './deltaBatcher';
import { searchSessions } from './sessionSearch';

/** What the controller needs from the host: the client, the model list and editor actions. */
export interface ChatBackend {
  stream(request: ModelRequest, options: { signal: AbortSignal }): AsyncIterable<ClientEvent>;
  models(): ModelOption[];
  defaultModel(): string;
  requestOptions?(): BuildOptions;
  copy(text: string): void | Promise<void>;
  insertAtCursor(text: string): void | Promise<void>;
  runCommand(command: ChatCommand, provider?: ProviderId): void | Promise<void>;
  /** What the error fixes depend on (provider, fallback, stored keys, who serves `model`). */
  fixContext?(model: string): FixContext;
  /** Runs a fix action the host computed (every kind but `retry`, which the controller runs). */
  runFix?(action: FixAction): void | Promise<void>;
}

export interface ChatControllerOptions {
  store: SessionStore;
  backend: ChatBackend;
  logger: Logger;
  /** Deltas are coalesced for this long before one post (0 = post every delta). */
  flushMs?: number;
  now?: () => number;
}

export class ChatController {
  private current: ChatSession;
  private post: ((message: HostMessage) => void) | undefined;
  private ready = false;
  /** Posts made before `ready` that the init snapshot does not cover (input restore, focus). */
  private readonly queued: HostMessage[] = [];
  private attachments: Attachment[] = [];
  private readonly turns: ChatTurns;
  private readonly actions: MessageActions;
  private readonly deltas: DeltaBatcher;
  private scrollSave: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;
  private loaded: Promise<void>;
  private readonly now: () => number;
  private readonly listeners = new Set<(m: HostMessage) => void>();
  private modelChoice: string | undefined;

  constructor(private readonly options: ChatControllerOptions) {
    this.now = options.now ?? Date.now;
    this.deltas = new DeltaBatcher(options.flushMs ?? 16, (d) => this.deliver(d));
    const backend = options.backend;
    this.actions = new MessageActions(backend, options.logger, (session, messageId) => this.turns.reanswer(session, messageId, 'retry'));
    this.turns = new ChatTurns({
      logger: options.logger,
      now: this.now,
      stream: (request, o) => backend.stream(request, o),
      requestOptions: () => backend.requestOptions?.() ?? {},
      fixContext: (model) => this.actions.fixContext(model),
      emit: (m) => this.emit(m),
      delta: (messageId, kind, text) => this.deltas.push(messageId, kind, text),
      save: () => this.save(),
      sessionsChanged: async () => this.emit({ type: 'sessions', sessions: await options.store.list() }),
    });
    this.current = newSession(backend.defaultModel(), this.now());
    this.loaded = this.restore();
  }

  /** The open session (the view's model); a live object: do not mutate. */
  get session(): ChatSession {
    return this.current;
  }

  get busy(): boolean {
    return this.turns.busy;
  }

  get pendingAttachments(): readonly Attachment[] {
    return this.attachments;
  }

  /** Resolves when no turn is running (tests, shutdown). */
  async whenIdle(): Promise<void> {
    await this.loaded;
    await this.turns.idle();
  }

  /** Every message posted to the webview (test hook; the live view sees the same). */
  onDidPost(listener: (m: HostMessage) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A webview appeared: nothing is posted until it says `ready`. */
  attachView(post: (message: HostMessage) => void): void {
    this.post = post;
    this.ready = false;
  }

  detachView(): void {
    this.post = undefined;
    this.ready = false;
  }

  /**
   * The message handler. Never throws and never rejects: malformed input is dropped and logged,
   * and failures inside a handler are logged (the webview is untrusted, the host must survive it).
   */
  async handle(raw: unknown): Promise<void> {
    const checked = validateWebviewMessage(raw);
    if (!checked.ok) {
      this.options.logger.warn(`chat: dropped a malformed message from the webview (${checked.reason})`);
      return;
    }
    try {
      await this.dispatch(checked.message);
    } catch (e) {
      this.options.logger.error(`chat: handling "${checked.message.type}" failed: ${redactSecrets((e as Error)?.message ?? String(e))}`);
    }
  }

  private async dispatch(m: WebviewMessage): Promise<void> {
    await this.loaded;
    const session = this.current;
    switch (m.type) {
      case 'ready': return this.onReady();
      case 'send': return this.send(m.text, m.model);
      case 'stop': return this.stop();
      case 'newChat': return this.newChat();
      case 'selectModel': return this.selectModel(m.model);
      case 'retry': return this.turns.reanswer(session, m.messageId, 'retry');
      case 'regenerate': return this.turns.reanswer(session, m.messageId, 'regenerate');
      case 'continue': return this.turns.continueAnswer(session, m.messageId);
      case 'editResend':
        if (await this.turns.editResend(session, m.messageId, m.text, m.model)) this.modelChoice = m.model;
        return;
      case 'copyMessage': return this.actions.copy(session, m.messageId);
      case 'fix': return this.actions.fix(session, m.messageId, m.fixIndex);
      case 'openSetting': return this.actions.openSetting(session, m.messageId, m.settingIndex);
      case 'openSession': return this.openSession(m.sessionId);
      case 'deleteSession': return this.deleteSession(m.sessionId);
      case 'listSessions': return this.emit({ type: 'sessions', sessions: await this.options.store.list() });
      case 'searchSessions': return this.emit({ type: 'sessions', sessions: await searchSessions(this.options.store, m.query), query: m.query });
      case 'removeAttachment':
        this.attachments = this.attachments.filter((a) => a.id !== m.attachmentId);
        return this.emit({ type: 'attachments', attachments: this.attachments });
      case 'copyCode': return void (await this.options.backend.copy(m.code));
      case 'insertCode': return void (await this.options.backend.insertAtCursor(m.code));
      case 'runCommand': return void (await this.options.backend.runCommand(m.command, m.provider));
      case 'scrolled': return this.rememberScroll(m.sessionId, m.scrollTop);
    }
  }

  private async onReady(): Promise<void> {
    this.ready = true;
    this.deltas.discard(); // the snapshot below already holds every delta
    const sessions = await this.options.store.list();
    this.emit({ type: 'init', session: this.current, sessions, models: this.options.backend.models(), attachments: this.attachments, busy: this.busy });
    for (const m of this.queued.splice(0)) this.emit(m);
  }

  private emit(message: HostMessage): void {
    this.deltas.flush();
    this.deliver(message);
  }

  private deliver(message: HostMessage): void {
    for (const l of this.listeners) l(message);
    if (!this.post || !this.ready) {
      if (message.type === 'restoreInput' || message.type === 'focusInput') this.queued.push(message);
      return;
    }
    try {
      this.post(message);
    } catch (e) {
      this.options.logger.warn(`chat: posting to the webview failed: ${(e as Error).message}`);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Host API (commands call these).

  /** Adds code as context for the next question. */
  attach(attachment: Omit<Attachment, 'id'>): void {
    this.attachments = [...this.attachments, { ...attachment, id: newId('a_') }];
    this.emit({ type: 'attachments', attachments: this.attachments });
    this.emit({ type: 'focusInput' });
  }

  /** Puts the cursor in the message box (Open Chat, its keybinding). */
  focusInput(): void {
    this.emit({ type: 'focusInput' });
  }

  async newChat(): Promise<void> {
    // The open session is still being restored when New Chat is the controller's first use.
    await this.loaded;
    await this.stop();
    this.current = newSession(this.modelChoice ?? this.options.backend.defaultModel(), this.now());
    await this.options.store.setOpenSessionId(undefined);
    this.emit({ type: 'session', session: this.current, busy: false });
    this.emit({ type: 'focusInput' });
  }

  /** Config changed: the picker shows who answers now. */
  refreshModels(): void {
    this.emit({ type: 'models', models: this.options.backend.models(), selected: this.current.model });
  }

  async stop(): Promise<void> {
    await this.turns.stop();
  }

  dispose(): void {
    this.turns.cancel();
    this.deltas.flush();
    this.saveScrollNow();
    this.detachView();
  }

  /** Resolves once a pending save (the debounced scroll position) is on disk. */
  async flushSaves(): Promise<void> {
    this.saveScrollNow();
    await this.saving;
  }

  private saveScrollNow(): void {
    if (!this.scrollSave) return;
    clearTimeout(this.scrollSave);
    this.scrollSave = undefined;
    this.saving = this.save();
  }

  // ------------------------------------------------------------------------------------------

  private async restore(): Promise<void> {
    try {
      const id = await this.options.store.openSessionId();
      const session = id ? await this.options.store.load(id) : undefined;
      if (session) this.current = session;
    } catch (e) {
      this.options.logger.warn(`chat: could not restore the open session (${(e as Error).message})`);
    }
  }

  private async selectModel(model: string): Promise<void> {
    this.modelChoice = model;
    this.current.model = model;
    if (this.current.messages.length > 0) await this.save();
    this.emit({ type: 'models', models: this.options.backend.models(), selected: model });
  }

  private async openSession(id: string): Promise<void> {
    const session = await this.options.store.load(id);
    if (!session) {
      this.options.logger.warn(`chat: session ${id} not found`);
      return this.emit({ type: 'sessions', sessions: await this.options.store.list() });
    }
    await this.stop();
    this.current = session;
    await this.options.store.setOpenSessionId(id);
    this.emit({ type: 'session', session, busy: false });
  }

  private async deleteSession(id: string): Promise<void> {
    if (id === this.current.id) await this.newChat();
    await this.options.store.delete(id);
    this.emit({ type: 'sessions', sessions: await this.options.store.list() });
  }

  private rememberScroll(sessionId: string, scrollTop: number): void {
    if (sessionId !== this.current.id) return;
    this.current.scrollTop = scrollTop;
    if (this.current.messages.length === 0) return;
    if (this.scrollSave) clearTimeout(this.scrollSave);
    this.scrollSave = setTimeout(() => this.saveScrollNow(), 300);
  }

  private async save(): Promise<void> {
    try {
      await this.options.store.save(this.current);
      await this.options.store.setOpenSessionId(this.current.id);
    } catch (e) {
      this.options.logger.error(`chat: could not save the session (${(e as Error).message})`);
    }
  }

  private async send(text: string, model: string): Promise<void> {
    if (this.busy) {
      this.options.logger.warn('chat: a question arrived while an answer is streaming; ignored');
      this.emit({ type: 'restoreInput', text });
      return;
    }
    this.current.model = model;
    this.modelChoice = model;
    const user: UserChatMessage = { id: newId('m_'), role: 'user', text, attachments: this.attachments, at: this.now() };
    this.attachments = [];
    this.emit({ type: 'attachments', attachments: [] });
    await this.turns.ask(this.current, user);
  }
}
