// The typed messages between the extension host and the chat webview, and the runtime checks
// for what the webview sends (it is untrusted input: anything that fails a check is dropped).
// Compiled by both tsconfigs; no vscode, no DOM.
import type { AnswerFooter, Attachment, ChatSession, ErrorView, ModelOption, SessionSummary, ToolCallView, UserChatMessage } from './chatTypes';
import { PROVIDER_IDS } from './providers';
import type { FailoverShape } from './providers';

/** Commands the webview may ask the host to run; anything else is refused. */
export const CHAT_COMMANDS = ['switchProvider', 'setApiKey', 'addFile', 'addSelection'] as const;
export type ChatCommand = (typeof CHAT_COMMANDS)[number];

/** webview → host: inferred from the checks below (SHAPES), so the type and the runtime check cannot drift. */
export type WebviewMessage = MessageOf<typeof SHAPES>;

/** host → webview */
export type HostMessage =
  | { type: 'init'; session: ChatSession; sessions: SessionSummary[]; models: ModelOption[]; attachments: Attachment[]; busy: boolean }
  | { type: 'models'; models: ModelOption[]; selected: string }
  | { type: 'session'; session: ChatSession; busy: boolean }
  /** `query`: the history search these sessions answer (absent = the whole list). */
  | { type: 'sessions'; sessions: SessionSummary[]; query?: string }
  | { type: 'attachments'; attachments: Attachment[] }
  | { type: 'turnStart'; sessionId: string; user: UserChatMessage; assistantId: string; model: string }
  /** A stopped answer continues: the view makes it stream again, deltas append to its text. */
  | { type: 'turnResume'; sessionId: string; messageId: string }
  | { type: 'delta'; messageId: string; kind: 'text' | 'thinking'; text: string }
  | { type: 'toolCall'; messageId: string; call: ToolCallView }
  | ({ type: 'failover'; messageId: string } & FailoverShape)
  | { type: 'turnEnd'; messageId: string; status: 'done' | 'partial' | 'stopped' | 'error'; footer?: AnswerFooter; error?: ErrorView }
  | { type: 'restoreInput'; text: string }
  | { type: 'focusInput' };

/** Longest text the webview may send in one message (a pasted file is fine, a runaway loop is not). */
export const MAX_TEXT_CHARS = 1_000_000;
const ID = /^[A-Za-z0-9_-]{1,100}$/;

/** A runtime check that is also a type guard: the message types are inferred from these. */
export type Check<T> = (value: unknown) => value is T;
/** A field that may be absent (the key is optional in the inferred type). */
export type OptionalCheck<T> = Check<T | undefined> & { readonly optional: true };

const str = (max: number): Check<string> => (v): v is string => typeof v === 'string' && v.length <= max;
const nonEmpty = (max: number): Check<string> => (v): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const id: Check<string> = (v): v is string => typeof v === 'string' && ID.test(v);
/** Most fix actions an error offers (errorFixes lists a handful); an index beyond is refused. */
export const MAX_FIXES = 16;
const fixIndex: Check<number> = (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < MAX_FIXES;
const finite: Check<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e9;
export const oneOf = <T extends string>(values: readonly T[]): Check<T> => (v): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
export const optional = <T>(check: Check<T>): OptionalCheck<T> => Object.assign((v: unknown): v is T | undefined => v === undefined || check(v), { optional: true as const });

type Shape = Record<string, Check<unknown>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type RequiredFields<S extends Shape> = { [K in keyof S as S[K] extends { optional: true } ? never : K]: S[K] extends Check<infer T> ? T : never };
type OptionalFields<S extends Shape> = { [K in keyof S as S[K] extends { optional: true } ? K : never]?: S[K] extends Check<infer T> ? Exclude<T, undefined> : never };
/** The union of messages a table of shapes accepts: `{ type: K } & fields` per entry. */
export type MessageOf<Shapes extends Record<string, Shape>> = { [K in keyof Shapes & string]: Simplify<{ type: K } & RequiredFields<Shapes[K]> & OptionalFields<Shapes[K]>> }[keyof Shapes & string];

/** Required fields (and their checks) per message type; extra fields are ignored, not trusted. */
const SHAPES = {
  ready: {},
  send: { text: nonEmpty(MAX_TEXT_CHARS), model: nonEmpty(300) },
  stop: {},
  newChat: {},
  selectModel: { model: nonEmpty(300) },
  retry: { messageId: id },
  /** Per-message actions: copy its text, edit a question and ask it again, answer the last question again, continue a stopped answer. */
  copyMessage: { messageId: id },
  editResend: { messageId: id, text: nonEmpty(MAX_TEXT_CHARS), model: nonEmpty(300) },
  regenerate: { messageId: id },
  continue: { messageId: id },
  /** Open a setting the error on `messageId` names (by index into its `settings`: the webview never names the setting). */
  openSetting: { messageId: id, settingIndex: fixIndex },
  /** Run one of the fix actions the host attached to this answer's error (by index: the webview never names the action). */
  fix: { messageId: id, fixIndex },
  openSession: { sessionId: id },
  deleteSession: { sessionId: id },
  listSessions: {},
  /** History search over titles and message text; an empty query lists every chat. */
  searchSessions: { query: str(200) },
  removeAttachment: { attachmentId: id },
  copyCode: { code: str(MAX_TEXT_CHARS) },
  insertCode: { code: str(MAX_TEXT_CHARS) },
  runCommand: { command: oneOf(CHAT_COMMANDS), provider: optional(oneOf(PROVIDER_IDS)) },
  scrolled: { sessionId: id, scrollTop: finite },
} satisfies Record<string, Shape>;

export type Validated<T> = { ok: true; message: T } | { ok: false; reason: string };

/**
 * Checks a message from the webview. Returns a fresh object holding only the known fields, so
 * nothing the webview added (prototype tricks, getters, extra keys) reaches the handler.
 */
export function validateWebviewMessage(raw: unknown): Validated<WebviewMessage> {
  return validateMessage<WebviewMessage>(raw, SHAPES);
}

/** The check behind validateWebviewMessage, for any webview's table of message shapes (the dashboard's too). */
export function validateMessage<T extends { type: string }>(raw: unknown, shapes: Record<T['type'], Shape>): Validated<T> {
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
  'init', 'models', 'session', 'sessions', 'attachments', 'turnStart', 'turnResume', 'delta', 'toolCall', 'failover', 'turnEnd', 'restoreInput', 'focusInput',
]);

export function isHostMessage(raw: unknown): raw is HostMessage {
  return typeof raw === 'object' && raw !== null && HOST_MESSAGE_TYPES.has((raw as { type?: unknown }).type as HostMessage['type']);
}
