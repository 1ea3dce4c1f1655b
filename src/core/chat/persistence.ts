// The session file format (one JSON file per session, version 1) and its tolerant reader:
// a damaged or foreign file yields undefined instead of breaking the session list.
import type { AssistantChatMessage, AssistantStatus, Attachment, ChatSession, ChatTurnMessage, ErrorView, ToolCallView, UserChatMessage } from '../../shared/chatTypes';
import type { FixAction } from '../errorFixes';
import { parseFixAction, parseSettingLinks } from './fixActionData';

export const SESSION_FORMAT_VERSION = 1;

export function serializeSession(session: ChatSession): string {
  return `${JSON.stringify(session)}\n`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const s = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const n = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const STATUSES: readonly AssistantStatus[] = ['streaming', 'done', 'partial', 'stopped', 'error'];

function attachment(v: unknown): Attachment | undefined {
  if (!isObj(v) || typeof v.text !== 'string' || typeof v.fileName !== 'string') return undefined;
  const lines = isObj(v.lines) ? { start: n(v.lines.start, 1), end: n(v.lines.end, 1) } : undefined;
  return { id: s(v.id, 'a'), fileName: v.fileName, text: v.text, ...(lines ? { lines } : {}), ...(typeof v.languageId === 'string' ? { languageId: v.languageId } : {}) };
}

function toolCall(v: unknown): ToolCallView | undefined {
  return isObj(v) && typeof v.name === 'string' ? { id: s(v.id), name: v.name, input: s(v.input) } : undefined;
}

function message(v: unknown): ChatTurnMessage | undefined {
  if (!isObj(v) || typeof v.id !== 'string') return undefined;
  if (v.role === 'user') {
    const m: UserChatMessage = { id: v.id, role: 'user', text: s(v.text), attachments: Array.isArray(v.attachments) ? v.attachments.map(attachment).filter((a): a is Attachment => Boolean(a)) : [], at: n(v.at) };
    return m;
  }
  if (v.role === 'assistant') {
    let status = STATUSES.includes(v.status as AssistantStatus) ? (v.status as AssistantStatus) : 'done';
    // A file saved mid-stream (window closed while answering) holds what had arrived: a stopped answer.
    if (status === 'streaming') status = 'stopped';
    const m: AssistantChatMessage = {
      id: v.id,
      role: 'assistant',
      text: s(v.text),
      thinking: s(v.thinking),
      toolCalls: Array.isArray(v.toolCalls) ? v.toolCalls.map(toolCall).filter((t): t is ToolCallView => Boolean(t)) : [],
      status,
      at: n(v.at),
      ...(typeof v.model === 'string' && v.model ? { model: v.model } : {}),
      ...(isObj(v.footer) ? { footer: v.footer as unknown as AssistantChatMessage['footer'] } : {}),
      ...(isObj(v.error) && typeof v.error.message === 'string' ? { error: errorView(v.error, v.error.message) } : {}),
    };
    return m;
  }
  return undefined;
}

function errorView(v: Obj, message: string): ErrorView {
  return {
    type: s(v.type, 'unknown'),
    message,
    ...(typeof v.code === 'string' ? { code: v.code } : {}),
    ...(typeof v.hint === 'string' ? { hint: v.hint } : {}),
    ...(v.provider === 'anthropic' || v.provider === 'bedrock' ? { provider: v.provider } : {}),
    // A reopened chat keeps its buttons; a forged or unknown action is dropped.
    fixes: Array.isArray(v.fixes) ? v.fixes.map(parseFixAction).filter((f): f is FixAction => Boolean(f)) : [],
    settings: parseSettingLinks(v.settings),
  };
}

/** Reads a session file; undefined when it is not one (wrong version, not JSON, no id). */
export function parseSession(text: string): ChatSession | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObj(raw) || raw.version !== SESSION_FORMAT_VERSION || typeof raw.id !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(raw.id)) return undefined;
  const messages = Array.isArray(raw.messages) ? raw.messages.map(message).filter((m): m is ChatTurnMessage => Boolean(m)) : [];
  return {
    version: 1,
    id: raw.id,
    title: s(raw.title, 'New Chat'),
    createdAt: n(raw.createdAt),
    updatedAt: n(raw.updatedAt),
    model: s(raw.model, 'sonnet'),
    messages,
    ...(typeof raw.scrollTop === 'number' && Number.isFinite(raw.scrollTop) ? { scrollTop: raw.scrollTop } : {}),
  };
}
