// The provider-neutral request / response / event shapes every surface and provider share.
// Providers translate these to and from their wire formats; nothing here knows an SDK.

import type { HealthStatus } from '../shared/providers';
// The provider vocabulary lives in src/shared (the webviews compile it too); core re-exports it.
export type { ProviderId } from '../shared/providers';
export { PROVIDER_IDS } from '../shared/providers';
import type { ProviderId } from '../shared/providers';

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/**
 * A prompt-cache breakpoint after a block (Anthropic `cache_control`, Bedrock `cachePoint`):
 * `true` = the default 5-minute TTL, `'1h'` = the 1-hour TTL (dearer writes, longer life).
 */
export type CacheBreakpoint = boolean | '1h';

export interface TextBlock {
  type: 'text';
  text: string;
  /** Prompt-cache breakpoint after this block. */
  cache?: CacheBreakpoint;
}
export interface ImageBlock {
  type: 'image';
  mediaType: ImageMediaType;
  /** base64, no data: prefix */
  data: string;
}
export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}
export interface ToolResultBlock {
  type: 'tool_result';
  toolUseId: string;
  content: string | Array<TextBlock | ImageBlock>;
  isError?: boolean;
  cache?: CacheBreakpoint;
}
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  /** Provider signature; only valid when replayed to the provider (family) that produced it. */
  signature?: string;
}
export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}
export type ContentBlock = TextBlock | ImageBlock | ToolUseBlock | ToolResultBlock | ThinkingBlock | RedactedThinkingBlock;

export type Role = 'user' | 'assistant';
export interface ChatMessage {
  role: Role;
  content: string | ContentBlock[];
}

export interface SystemBlock {
  text: string;
  cache?: CacheBreakpoint;
}

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the tool input (an object schema). */
  inputSchema: Record<string, unknown>;
  /** Cache breakpoint after this tool definition (put it on the last tool to cache all tools). */
  cache?: CacheBreakpoint;
}

export type ToolChoice = 'auto' | 'any' | 'none' | { name: string };

export interface BedrockRequestOptions {
  /** Bedrock Guardrails (`guardrailConfig`). */
  guardrail?: { identifier: string; version: string; trace?: 'enabled' | 'disabled' | 'enabled_full' };
  /** Latency-optimized inference (`performanceConfig.latency`). */
  latency?: 'standard' | 'optimized';
  /** Extra model-specific fields (`additionalModelRequestFields`), merged over what we generate. */
  additionalModelRequestFields?: Record<string, unknown>;
}

export interface AnthropicRequestOptions {
  /** Values for the `anthropic-beta` header. */
  betas?: string[];
}

export interface ModelRequest {
  /** Logical name (`sonnet`), provider-specific model ID, inference-profile ID or ARN. */
  model: string;
  system?: string | SystemBlock[];
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  /** Extended-thinking budget in tokens; 0 / undefined = off. */
  thinkingBudget?: number;
  bedrock?: BedrockRequestOptions;
  anthropic?: AnthropicRequestOptions;
}

export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'guardrail_intervened'
  | 'content_filtered'
  | 'model_context_window_exceeded'
  | 'unknown';

export interface Usage {
  /** Input tokens EXCLUDING cache reads and writes (both APIs report it this way). */
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
}

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 };
}

export type StreamEvent =
  | { type: 'message_start'; provider: ProviderId; modelId: string }
  | { type: 'text_delta'; index: number; text: string }
  | { type: 'thinking_delta'; index: number; text: string }
  | { type: 'thinking_signature'; index: number; signature: string }
  | { type: 'redacted_thinking'; index: number; data: string }
  | { type: 'tool_use_start'; index: number; id: string; name: string }
  | { type: 'tool_use_delta'; index: number; partialJson: string }
  | { type: 'tool_use_stop'; index: number; id: string; name: string; input: unknown }
  | { type: 'usage'; usage: Usage }
  | { type: 'stop'; stopReason: StopReason; stopSequence?: string };

export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

export interface ModelResponse {
  provider: ProviderId;
  /** The ID actually sent to the provider (after mapping / profile resolution). */
  modelId: string;
  /** Assistant content in order: thinking, text, tool_use blocks. */
  content: ContentBlock[];
  text: string;
  toolCalls: ToolCall[];
  stopReason: StopReason;
  usage: Usage;
  latencyMs: number;
  /** Time to first content event, when streamed. */
  timeToFirstTokenMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface TokenCount {
  inputTokens: number;
  /** true when the provider's count endpoint answered; false for a local estimate. */
  exact: boolean;
}

export interface HealthResult {
  ok: boolean;
  provider: ProviderId;
  latencyMs: number;
  checkedAt: number;
  error?: { type: string; message: string };
  /** From the health monitor (checks + real requests): `degraded` still answers, `down` does not. */
  status?: HealthStatus;
}

export interface AuthInfo {
  provider: ProviderId;
  /** e.g. `arn:aws:sts::123456789012:assumed-role/dev/me` or `API key …abcd` (never the whole key). */
  identity: string;
  account?: string;
  region?: string;
  modelId: string;
  latencyMs: number;
}

export interface CostEstimate {
  /** undefined when the model has no known price: show "unknown", never $0. */
  usd: number | undefined;
  breakdown?: { input: number; output: number; cacheWrite: number; cacheRead: number };
  priceKnown: boolean;
}

/** One provider behind one small interface; a registry keyed by `id` builds them from config. */
export interface ModelProvider {
  readonly id: ProviderId;
  /** The model ID that a request for `model` would be sent as (mapping + inference profile). */
  resolveModelId(model: string): string;
  /** One attempt; typed `SwitchboardError` on failure. Retries live in routing/retry. */
  stream(request: ModelRequest, options?: CallOptions): AsyncIterable<StreamEvent>;
  send(request: ModelRequest, options?: CallOptions): Promise<ModelResponse>;
  countTokens(request: ModelRequest, options?: CallOptions): Promise<TokenCount>;
  healthCheck(options?: CallOptions): Promise<HealthResult>;
  validateAuth(options?: CallOptions): Promise<AuthInfo>;
  estimateCost(usage: Usage, modelId: string): CostEstimate;
}
