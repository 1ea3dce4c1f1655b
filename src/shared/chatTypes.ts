// The chat's data as both sides see it: persisted by the host (src/core/chat), rendered by the
// webview. Plain JSON only (no Dates, no classes) so it survives postMessage and the session file.
import type { FailoverShape, ProviderId } from './providers';

/** Code the user attached as context ("Add Selection / File to Chat"). */
export interface Attachment {
  id: string;
  /** Workspace-relative path (or the file name) shown on the chip and sent to the model. */
  fileName: string;
  /** 1-based inclusive line range when a selection was attached. */
  lines?: { start: number; end: number };
  languageId?: string;
  text: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
}

/** What the line under an answer shows. */
export interface AnswerFooter {
  provider: ProviderId;
  /** Logical model name (or what was asked for). */
  model: string;
  /** The ID actually sent to the provider. */
  modelId: string;
  /** Undefined when the provider never reported usage (a partial answer). */
  usage?: TokenUsage;
  /** null = unknown price (shown "unknown", never $0). */
  costUsd: number | null;
  latencyMs: number;
  cacheHit: boolean;
  failover: FailoverShape | null;
}

/** A setting an error points at: a link in the webview, the label in text. */
export interface SettingLink {
  id: string;
  label: string;
}

/**
 * One action that fixes an error (src/core/errorFixes `FixAction`, computed on the host). The webview
 * shows `label` and answers with its index only; the host runs the action it stored.
 */
export interface FixActionView {
  kind: string;
  label: string;
  [field: string]: unknown;
}

export interface ErrorView {
  type: string;
  message: string;
  /** The specific cause (src/core/errors ErrorCode), when known. */
  code?: string;
  hint?: string;
  provider?: ProviderId;
  /** What fixes the cause, primary first; empty when nothing can (e.g. a cancel). */
  fixes?: FixActionView[];
  /** Settings the error refers to. */
  settings?: SettingLink[];
}

export interface ToolCallView {
  id: string;
  name: string;
  /** JSON text of the input as far as it has streamed. */
  input: string;
}

export interface UserChatMessage {
  id: string;
  role: 'user';
  text: string;
  attachments: Attachment[];
  at: number;
}

export type AssistantStatus = 'streaming' | 'done' | 'partial' | 'stopped' | 'error';

export interface AssistantChatMessage {
  id: string;
  role: 'assistant';
  text: string;
  thinking: string;
  toolCalls: ToolCallView[];
  status: AssistantStatus;
  /** The model asked for when the question was sent (the session's model may change later). */
  model?: string;
  footer?: AnswerFooter;
  error?: ErrorView;
  at: number;
}

export type ChatTurnMessage = UserChatMessage | AssistantChatMessage;

export interface ChatSession {
  version: 1;
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** Logical model name (or model ID) picked for this session. */
  model: string;
  messages: ChatTurnMessage[];
  /** Last scroll position of the transcript, restored on reopen. */
  scrollTop?: number;
}

export interface SessionSummary {
  id: string;
  title: string;
  updatedAt: number;
  model: string;
  messageCount: number;
}

/** Where a model sits in the picker: the current generation first, then older versions, other families, the user's mapping. */
export type ModelGroup = 'current' | 'older' | 'other' | 'custom';

/** One entry of the model picker: who will answer a request for this logical name. */
export interface ModelOption {
  name: string;
  provider: ProviderId;
  /** Resolved model ID on that provider; undefined when it cannot be resolved (then `problem`). */
  modelId?: string;
  problem?: string;
  /** What the picker shows ("opus — Opus 4.7"); `name` when absent. */
  label?: string;
  /** The line under it: the ID, other names for the same model, the price; or why it cannot be used. */
  detail?: string;
  group?: ModelGroup;
  /** Other names for the same model (`opus-4.7` for `opus`): a session saved with one selects this entry. */
  aliases?: string[];
}
