// What the buttons and links on one message run: Copy, an error's fix buttons and the settings its
// hint links to. The webview names only a message id and an index; everything else is read from
// the host's own copy of the session (and re-checked: a reopened session is untrusted JSON).
import type { ChatSession } from '../../shared/chatTypes';
import { redactSecrets } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { FixAction, FixContext } from '../../core/errorFixes';
import { parseFixAction } from '../../core/chat/fixActionData';
import type { ChatBackend } from './chatController';

export class MessageActions {
  constructor(
    private readonly backend: ChatBackend,
    private readonly logger: Logger,
    /** The chat's own Retry (a fix of kind `retry` re-asks in the conversation, it is no command). */
    private readonly retry: (session: ChatSession, messageId: string) => Promise<void>,
  ) {}

  /** What the error fixes depend on; a failure to compute it only drops actions. */
  fixContext(model: string): FixContext {
    try {
      return this.backend.fixContext?.(model) ?? {};
    } catch (e) {
      this.logger.warn(`chat: no fix context (${redactSecrets((e as Error)?.message ?? String(e))})`);
      return {};
    }
  }

  /** Copy: the text as written (markdown for an answer), from the session, not the screen. */
  async copy(session: ChatSession, messageId: string): Promise<void> {
    const message = session.messages.find((m) => m.id === messageId);
    if (!message) return this.logger.warn('chat: copy refused (no such message)');
    await this.backend.copy(message.text);
  }

  /** The action at `fixIndex` of the error on `messageId`, as the host computed and stored it. */
  async fix(session: ChatSession, messageId: string, fixIndex: number): Promise<void> {
    const message = session.messages.find((x) => x.id === messageId);
    const action = message?.role === 'assistant' ? parseFixAction(message.error?.fixes?.[fixIndex]) : undefined;
    if (!action) return this.logger.warn(`chat: fix refused (no action ${fixIndex} on that answer)`);
    if (action.kind === 'retry') return this.retry(session, messageId);
    await this.backend.runFix?.(action);
  }

  /** A setting link in an error's hint: the setting the host stored on that error, at `settingIndex`. */
  async openSetting(session: ChatSession, messageId: string, settingIndex: number): Promise<void> {
    const message = session.messages.find((x) => x.id === messageId);
    const setting = message?.role === 'assistant' ? message.error?.settings?.[settingIndex] : undefined;
    const action: FixAction | undefined = setting ? parseFixAction({ kind: 'openSetting', setting, label: setting.label }) : undefined;
    if (!action) return this.logger.warn(`chat: open setting refused (no setting ${settingIndex} on that answer)`);
    await this.backend.runFix?.(action);
  }
}
