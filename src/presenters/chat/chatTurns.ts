// The turns of a conversation: a new question, a question edited and asked again, the last
// question answered again (Retry, Regenerate), a stopped answer continued, and Stop. Owns what a
// running turn needs (its abort controller and its promise); the controller owns the session and
// the view, and hands the session in.
import type { AnswerFooter, AssistantChatMessage, ChatSession, UserChatMessage } from '../../shared/chatTypes';
import type { HostMessage } from '../../shared/protocol';
import type { ClientEvent } from '../../core/engine/types';
import type { Logger } from '../../core/logger';
import type { ModelRequest } from '../../core/types';
import { buildContinueRequest, buildModelRequest } from '../../core/chat/requestBuilder';
import type { BuildOptions } from '../../core/chat/requestBuilder';
import { deriveTitle, newId } from '../../core/chat/session';
import type { FixContext } from '../../core/errorFixes';
import { AnswerReducer, continuedFooter } from './answerReducer';

/** What the turns need from the controller. */
export interface TurnHost {
  readonly logger: Logger;
  readonly now: () => number;
  stream(request: ModelRequest, options: { signal: AbortSignal }): AsyncIterable<ClientEvent>;
  requestOptions(): BuildOptions;
  fixContext(model: string): FixContext;
  emit(message: HostMessage): void;
  /** A streamed piece of an answer (batched before it is posted). */
  delta(messageId: string, kind: 'text' | 'thinking', text: string): void;
  save(): Promise<void>;
  /** The session list changed (a new chat got its first turn, a title changed). */
  sessionsChanged(): Promise<void>;
}

export class ChatTurns {
  private abort: AbortController | undefined;
  /** The turn in progress, from the moment it is accepted (before any await) until it is saved. */
  private turn: Promise<void> | undefined;
  private stopRequested = false;

  constructor(private readonly host: TurnHost) {}

  get busy(): boolean {
    return this.turn !== undefined;
  }

  /** Resolves when no turn is running. */
  async idle(): Promise<void> {
    while (this.turn) await this.turn;
  }

  async stop(): Promise<void> {
    if (!this.busy) return;
    this.stopRequested = true;
    this.abort?.abort();
    await this.idle();
  }

  /** Shutdown: cancel without waiting. */
  cancel(): void {
    this.abort?.abort();
  }

  /** A new question at the end of the conversation. */
  async ask(session: ChatSession, user: UserChatMessage): Promise<void> {
    if (session.messages.length === 0) session.title = deriveTitle(user.text, user.attachments[0]?.fileName);
    session.messages.push(user);
    await this.answer(session, user);
  }

  /** The question `messageId` edited: everything from it on is replaced by the edited question and its answer. */
  async editResend(session: ChatSession, messageId: string, text: string, model: string): Promise<boolean> {
    const index = session.messages.findIndex((m) => m.id === messageId);
    const old = session.messages[index];
    if (this.busy || !old || old.role !== 'user') {
      this.host.logger.warn('chat: edit refused (no such question, or an answer is streaming)');
      return false;
    }
    session.messages.splice(index);
    session.model = model;
    this.host.emit({ type: 'session', session, busy: false });
    await this.ask(session, { id: newId('m_'), role: 'user', text, attachments: old.attachments, at: this.host.now() });
    return true;
  }

  /**
   * The last question answered again in place of the answer `messageId`: Retry (a failed or
   * stopped answer) or Regenerate (any finished one, a done answer included).
   */
  async reanswer(session: ChatSession, messageId: string, kind: 'retry' | 'regenerate'): Promise<void> {
    const last = session.messages[session.messages.length - 1];
    const allowed = last?.role === 'assistant' && last.id === messageId && last.status !== 'streaming' && (kind === 'regenerate' || last.status !== 'done');
    if (this.busy || !allowed) {
      this.host.logger.warn(`chat: ${kind} refused (not the last finished answer)`);
      return;
    }
    session.messages.pop();
    const user = session.messages[session.messages.length - 1];
    if (!user || user.role !== 'user') return;
    this.host.emit({ type: 'session', session, busy: false });
    await this.answer(session, user);
  }

  /** The stopped (or cut-off) answer `messageId` goes on where it ended; its footer then covers both requests. */
  async continueAnswer(session: ChatSession, messageId: string): Promise<void> {
    const last = session.messages[session.messages.length - 1];
    if (this.busy || last?.role !== 'assistant' || last.id !== messageId || (last.status !== 'stopped' && last.status !== 'partial') || !last.text.trim()) {
      this.host.logger.warn('chat: continue refused (not the last stopped answer with text)');
      return;
    }
    let request: ModelRequest;
    try {
      request = buildContinueRequest(session, messageId, this.host.requestOptions());
    } catch (e) {
      this.host.logger.warn(`chat: ${(e as Error).message}`);
      return;
    }
    const before = last.footer;
    last.status = 'streaming';
    delete last.error;
    this.host.emit({ type: 'turnResume', sessionId: session.id, messageId });
    await this.guarded(async () => {
      await this.run(session, last, request);
      last.footer = continuedFooter(before, last.footer);
      this.endTurn(session, last);
      await this.host.save();
    });
  }

  /** Answers the last question (`user`) with a new answer. */
  private async answer(session: ChatSession, user: UserChatMessage): Promise<void> {
    await this.guarded(async () => {
      let request: ModelRequest;
      try {
        request = buildModelRequest(session, this.host.requestOptions());
      } catch (e) {
        this.host.logger.warn(`chat: ${(e as Error).message}`);
        return;
      }
      const assistant: AssistantChatMessage = { id: newId('m_'), role: 'assistant', text: '', thinking: '', toolCalls: [], status: 'streaming', model: session.model, at: this.host.now() };
      session.messages.push(assistant);
      session.updatedAt = this.host.now();
      this.host.emit({ type: 'turnStart', sessionId: session.id, user, assistantId: assistant.id, model: session.model });
      await this.host.save();
      await this.host.sessionsChanged();
      const shown = await this.run(session, assistant, request);
      // Nothing reached the screen: give the question back so the user can edit and resend it.
      if (!shown && assistant.status === 'error') this.host.emit({ type: 'restoreInput', text: user.text });
      this.endTurn(session, assistant);
      await this.host.save();
    });
  }

  /** Runs `work` as the one turn in progress; set synchronously, before any await, so a second send can't slip in. */
  private async guarded(work: () => Promise<void>): Promise<void> {
    this.stopRequested = false;
    const turn = work().finally(() => {
      if (this.turn === turn) this.turn = undefined;
    });
    this.turn = turn;
    await turn;
  }

  /** Streams `request` into `assistant`; returns whether anything of the answer is on screen. */
  private async run(session: ChatSession, assistant: AssistantChatMessage, request: ModelRequest): Promise<boolean> {
    const abort = new AbortController();
    this.abort = abort;
    if (this.stopRequested) abort.abort();
    const started = this.host.now();
    const model = assistant.model ?? session.model;
    const answer = new AnswerReducer(assistant, { delta: (kind, text) => this.host.delta(assistant.id, kind, text), emit: (m) => this.host.emit(m) });
    try {
      for await (const event of this.host.stream(request, { signal: abort.signal })) answer.apply(event);
      answer.finish();
      return true;
    } catch (e) {
      const { shown, error } = answer.fail(e, abort.signal.aborted, model, this.host.now() - started, this.host.fixContext(model));
      this.host.logger.info(`chat: answer ${assistant.status}${assistant.status === 'stopped' ? '' : ` (${error.type}: ${error.message})`}`);
      return shown;
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  private endTurn(session: ChatSession, assistant: AssistantChatMessage): void {
    session.updatedAt = this.host.now();
    const footer: AnswerFooter | undefined = assistant.footer;
    this.host.emit({ type: 'turnEnd', messageId: assistant.id, status: assistant.status as 'done', ...(footer ? { footer } : {}), ...(assistant.error ? { error: assistant.error } : {}) });
  }
}
