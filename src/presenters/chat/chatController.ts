// The chat's host side without the editor: validates what the webview sends, runs turns through
// the client's stream(), keeps the session model and persists it. The VS Code view provider
// only adapts postMessage / commands / storage to this class, so unit tests and the fuzz test run
// the real handler with a fake webview.
import type { AssistantChatMessage, Attachment, ChatSession, ModelOption, UserChatMessage } from '../../shared/chatTypes';
import { validateWebviewMessage } from '../../shared/protocol';
import type { ChatCommand, HostMessage, WebviewMessage } from '../../shared/protocol';
import type { ClientEvent } from '../../core/engine/types';
import { redactSecrets } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { ModelRequest } from '../../core/types';
import type { ProviderId } from '../../shared/providers';
import { buildModelRequest } from '../../core/chat/requestBuilder';
import type { BuildOptions } from '../../core/chat/requestBuilder';
import { deriveTitle, newId, newSession } from '../../core/chat/session';
import type { SessionStore } from '../../core/chat/sessionStore';
import type { FixAction, FixContext } from '../../core/errorFixes';
import { parseFixAction } from '../../core/chat/fixActionData';
import { AnswerReducer } from './answerReducer';
import { DeltaBatcher } from './deltaBatcher';

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
  private abort: AbortController | undefined;
  /** The turn in progress, from the moment it is accepted (before any await) until it is saved. */
  private turn: Promise<void> | undefined;
  private readonly deltas: DeltaBatcher;
  private scrollSave: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;
  private loaded: Promise<void>;
  private readonly now: () => number;
  private readonly listeners = new Set<(m: HostMessage) => void>();
  private modelChoice: string | undefined;
  private stopRequested = false;

  constructor(private readonly options: ChatControllerOptions) {
    this.now = options.now ?? Date.now;
    this.deltas = new DeltaBatcher(options.flushMs ?? 16, (d) => this.deliver(d));
    this.current = newSession(options.backend.defaultModel(), this.now());
    this.loaded = this.restore();
  }

  /** The open session (the view's model); a live object: do not mutate. */
  get session(): ChatSession {
    return this.current;
  }

  get busy(): boolean {
    return this.turn !== undefined;
  }

  get pendingAttachments(): readonly Attachment[] {
    return this.attachments;
  }

  /** Resolves when no turn is running (tests, shutdown). */
  async whenIdle(): Promise<void> {
    await this.loaded;
    await this.idle();
  }

  private async idle(): Promise<void> {
    while (this.turn) await this.turn;
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
    switch (m.type) {
      case 'ready': return this.onReady();
      case 'send': return this.send(m.text, m.model);
      case 'stop': return this.stop();
      case 'newChat': return this.newChat();
      case 'selectModel': return this.selectModel(m.model);
      case 'retry': return this.retry(m.messageId);
      case 'fix': return this.fix(m.messageId, m.fixIndex);
      case 'openSession': return this.openSession(m.sessionId);
      case 'deleteSession': return this.deleteSession(m.sessionId);
      case 'listSessions': return this.emit({ type: 'sessions', sessions: await this.options.store.list() });
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

  async newChat(): Promise<void> {
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
    if (!this.busy) return;
    this.stopRequested = true;
    this.abort?.abort();
    await this.idle();
  }

  dispose(): void {
    this.abort?.abort();
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
    const session = this.current;
    session.model = model;
    this.modelChoice = model;
    const user: UserChatMessage = { id: newId('m_'), role: 'user', text, attachments: this.attachments, at: this.now() };
    this.attachments = [];
    if (session.messages.length === 0) session.title = deriveTitle(text, user.attachments[0]?.fileName);
    session.messages.push(user);
    this.emit({ type: 'attachments', attachments: [] });
    await this.startTurn(session, user);
  }

  private async retry(messageId: string): Promise<void> {
    const session = this.current;
    const last = session.messages[session.messages.length - 1];
    if (this.busy || !last || last.id !== messageId || last.role !== 'assistant' || last.status === 'done') {
      this.options.logger.warn('chat: retry refused (not the last unfinished answer)');
      return;
    }
    session.messages.pop();
    const user = session.messages[session.messages.length - 1];
    if (!user || user.role !== 'user') return;
    this.emit({ type: 'session', session, busy: false });
    await this.startTurn(session, user);
  }

  /** The action at `fixIndex` of the error on `messageId`, as the host computed and stored it. */
  private fixContext(model: string): FixContext {
    try {
      return this.options.backend.fixContext?.(model) ?? {};
    } catch (e) {
      this.options.logger.warn(`chat: no fix context (${redactSecrets((e as Error)?.message ?? String(e))})`);
      return {};
    }
  }

  private async fix(messageId: string, fixIndex: number): Promise<void> {
    const message = this.current.messages.find((x) => x.id === messageId);
    const action = message?.role === 'assistant' ? parseFixAction(message.error?.fixes?.[fixIndex]) : undefined;
    if (!action) {
      this.options.logger.warn(`chat: fix refused (no action ${fixIndex} on that answer)`);
      return;
    }
    if (action.kind === 'retry') return this.retry(messageId);
    await this.options.backend.runFix?.(action);
  }

  private async startTurn(session: ChatSession, user: UserChatMessage): Promise<void> {
    this.stopRequested = false;
    // Set synchronously, before any await, so a second send can't slip in.
    const turn = this.startTurnUnguarded(session, user).finally(() => {
      if (this.turn === turn) this.turn = undefined;
    });
    this.turn = turn;
    await turn;
  }

  private async startTurnUnguarded(session: ChatSession, user: UserChatMessage): Promise<void> {
    const assistant: AssistantChatMessage = { id: newId('m_'), role: 'assistant', text: '', thinking: '', toolCalls: [], status: 'streaming', at: this.now() };
    let request: ModelRequest;
    try {
      request = buildModelRequest(session, this.options.backend.requestOptions?.() ?? {});
    } catch (e) {
      this.options.logger.warn(`chat: ${(e as Error).message}`);
      return;
    }
    session.messages.push(assistant);
    session.updatedAt = this.now();
    this.emit({ type: 'turnStart', sessionId: session.id, user, assistantId: assistant.id, model: session.model });
    await this.save();
    this.emit({ type: 'sessions', sessions: await this.options.store.list() });
    await this.runTurn(session, user, assistant, request);
  }

  private async runTurn(session: ChatSession, user: UserChatMessage, assistant: AssistantChatMessage, request: ModelRequest): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    if (this.stopRequested) abort.abort();
    const started = this.now();
    const answer = new AnswerReducer(assistant, { delta: (kind, text) => this.deltas.push(assistant.id, kind, text), emit: (m) => this.emit(m) });
    try {
      for await (const event of this.options.backend.stream(request, { signal: abort.signal })) answer.apply(event);
      answer.finish();
    } catch (e) {
      const { shown, error } = answer.fail(e, abort.signal.aborted, session.model, this.now() - started, this.fixContext(session.model));
      this.options.logger.info(`chat: answer ${assistant.status}${assistant.status === 'stopped' ? '' : ` (${error.type}: ${error.message})`}`);
      // Nothing reached the screen: give the question back so the user can edit and resend it.
      if (!shown && assistant.status !== 'stopped') this.emit({ type: 'restoreInput', text: user.text });
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
    session.updatedAt = this.now();
    this.emit({ type: 'turnEnd', messageId: assistant.id, status: assistant.status as 'done', ...(assistant.footer ? { footer: assistant.footer } : {}), ...(assistant.error ? { error: assistant.error } : {}) });
    await this.save();
  }
}
