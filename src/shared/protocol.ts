// The typed messages between the extension host and the chat webview, and the runtime checks
// for what the webview sends (it is untrusted input: anything that fails a check is dropped).
// Compiled by both tsconfigs; no vscode, no DOM.
import type { AnswerFooter, Attachment, ChatSession, ErrorView, ModelOption, SessionSummary, ToolCallView, UserChatMessage } from './chatTypes';
import { PROVIDER_IDS } from './providers';
import type { FailoverShape, ProviderId } from './providers';

/** Commands the webview may ask the host to run; anything else is refused. */
export const CHAT_COMMANDS = ['switchProvider', 'setApiKey', 'addFile', 'addSelection'] as const;
export type ChatCommand = (typeof CHAT_COMMANDS)[number];

/** webview → host */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'send'; text: string; model: string }
  | { type: 'stop' }
  | { type: 'newChat' }
  | { type: 'selectModel'; model: string }
  | { type: 'retry'; messageId: string }
  | { type: 'openSession'; sessionId: string }
  | { type: 'deleteSession'; sessionId: string }
  | { type: 'listSessions' }
  | { type: 'removeAttachment'; attachmentId: string }
  | { type: 'copyCode'; code: string }
  | { type: 'insertCode'; code: string }
  | { type: 'runCommand'; command: ChatCommand; provider?: ProviderId }
  | { type: 'scrolled'; sessionId: string; scrollTop: number };

/** host → webview */
export type HostMessage =
  | { type: 'init'; session: ChatSession; sessions: SessionSummary[]; models: ModelOption[]; attachments: Attachment[]; busy: boolean }
  | { type: 'models'; models: ModelOption[]; selected: string }
  | { type: 'session'; session: ChatSession; busy: boolean }
  | { type: 'sessions'; sessions: SessionSummary[] }
  | { type: 'attachments'; attachments: Attachment[] }
  | { type: 'turnStart'; sessionId: string; user: UserChatMessage; assistantId: string; model: string }
  | { type: 'delta'; messageId: string; kind: 'text' | 'thinking'; text: string }
  | { type: 'toolCall'; messageId: string; call: ToolCallView }
  | ({ type: 'failover'; messageId: string } & FailoverShape)
  | { type: 'turnEnd'; messageId: string; status: 'done' | 'partial' | 'stopped' | 'error'; footer?: AnswerFooter; error?: ErrorView }
  | { type: 'restoreInput'; text: string }
  | { type: 'focusInput' };

/** Longest text the webview may send in one message (a pasted file is fine, a runaway loop is not). */
export const MAX_TEXT_CHARS = 1_000_000;
const ID = /^[A-Za-z0-9_-]{1,100}$/;

export type Check = (value: unknown) => boolean;
const str = (max: number): Check => (v) => typeof v === 'string' && v.length <= max;
const nonEmpty = (max: number): Check => (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const id: Check = (v) => typeof v === 'string' && ID.test(v);
const finite: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e9;
export const oneOf = (values: readonly string[]): Check => (v) => typeof v === 'string' && values.includes(v);
export const optional = (check: Check): Check => (v) => v === undefined || check(v);

/** Required fields (and their checks) per message type; extra fields are ignored, not trusted. */
const SHAPES: Record<WebviewMessage['type'], Record<string, Check>> = {
  ready: {},
  send: { text: nonEmpty(MAX_TEXT_CHARS), model: nonEmpty(300) },
  stop: {},
  newChat: {},
  selectModel: { model: nonEmpty(300) },
  retry: { messageId: id },
  openSession: { sessionId: id },
  deleteSession: { sessionId: id },
  listSessions: {},
  removeAttachment: { attachmentId: id },
  copyCode: { code: str(MAX_TEXT_CHARS) },
  insertCode: { code: str(MAX_TEXT_CHARS) },
  runCommand: { command: oneOf(CHAT_COMMANDS), provider: optional(oneOf(PROVIDER_IDS)) },
  scrolled: { sessionId: id, scrollTop: finite },
};

export type Validated<T> = { ok: true; message: T } | { ok: false; reason: string };

/**
 * Checks a message from the webview. Returns a fresh object holding only the known fields, so
 * nothing the webview added (prototype tricks, getters, extra keys) reaches the handler.
 */
export function validateWebviewMessage(raw: unknown): Validated<WebviewMessage> {
  return validateMessage<WebviewMessage>(raw, SHAPES);
}

/** The check behind validateWebviewMessage, for any webview's table of message shapes (the dashboard's too). */
export function validateMessage<T extends { type: string }>(raw: unknown, shapes: Record<T['type'], Record<string, Check>>): Validated<T> {
  try {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
    const type = (raw as { type?: unknown }).type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(shapes, type)) {
      return { ok: false, reason: `unknown type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}` };
    }
    const shape = shapes[type as T['type']];
    const copy: Record<string, unknown> = { type };
    for (const [field, check] of Object.entries(shape)) {
      const value = Object.prototype.hasOwnProperty.call(raw, field) ? (raw as Record<string, unknown>)[field] : undefined;
      if (!check(value)) return { ok: false, reason: `${type}: bad or missing field "${field}"` };
      if (value !== undefined) copy[field] = value;
    }
    return { ok: true, message: copy as T };
  } catch (e) {
    // A hostile object (throwing getter, revoked proxy) must not escape the validator.
    return { ok: false, reason: `unreadable message (${(e as Error)?.message ?? 'error'})` };
  }
}

/** The webview checks what the host sends too (cheap: the type tag), so a stale bundle fails soft. */
export const HOST_MESSAGE_TYPES: ReadonlySet<HostMessage['type']> = new Set<HostMessage['type']>([
  'init', 'models', 'session', 'sessions', 'attachments', 'turnStart', 'delta', 'toolCall', 'failover', 'turnEnd', 'restoreInput', 'focusInput',
]);

export function isHostMessage(raw: unknown): raw is HostMessage {
  return typeof raw === 'object' && raw !== null && HOST_MESSAGE_TYPES.has((raw as { type?: unknown }).type as HostMessage['type']);
}
