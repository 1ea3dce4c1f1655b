// Pure conversion between our provider-neutral shapes and the Converse API (no SDK values, no I/O).
import type {
  ContentBlock as ConverseContentBlock,
  ConverseRequest,
  ConverseResponse,
  Message as ConverseMessage,
  StopReason as ConverseStopReason,
  SystemContentBlock,
  TokenUsage,
  Tool,
  ToolConfiguration,
  ToolResultContentBlock,
} from '@aws-sdk/client-bedrock-runtime';
import type { CacheBreakpoint, ChatMessage, ContentBlock, ImageBlock, ModelRequest, ModelResponse, StopReason, TextBlock, ToolCall, Usage } from '../../types';
import type { BedrockFamily } from './bedrockModelIds';
import { supportsPromptCache } from './bedrockModelIds';
import { fitRequest } from '../fitRequest';
import { requestRulesFor } from '../../models/requestRules';

export interface ConverseBuildOptions {
  modelId: string;
  family: BedrockFamily;
  /** Receives what was changed to fit the model's rules (providers/fitRequest), for the log. */
  onAdjust?: (note: string) => void;
}

/** What Bedrock uses for Claude when `maxTokens` is not sent (the thinking check needs a number). */
const SERVICE_DEFAULT_MAX_TOKENS = 4096;

type DocumentValue = ConverseRequest['additionalModelRequestFields'];
const CACHE_POINT = { cachePoint: { type: 'default' as const } };
const CACHE_POINT_1H = { cachePoint: { type: 'default' as const, ttl: '1h' as const } };

/** `cache: '1h'` asks for the 1-hour TTL; `true` keeps the service default (5 minutes). */
function cachePoint(cache: CacheBreakpoint | undefined): typeof CACHE_POINT | typeof CACHE_POINT_1H {
  return cache === '1h' ? CACHE_POINT_1H : CACHE_POINT;
}

function imageBlock(block: ImageBlock): ConverseContentBlock {
  const format = block.mediaType.slice('image/'.length) as 'png' | 'jpeg' | 'gif' | 'webp';
  return { image: { format, source: { bytes: Buffer.from(block.data, 'base64') } } };
}

function toolResultContent(content: string | Array<TextBlock | ImageBlock>): ToolResultContentBlock[] {
  if (typeof content === 'string') return [{ text: content || '(empty)' }];
  const out: ToolResultContentBlock[] = [];
  for (const c of content) {
    if (c.type === 'text') out.push({ text: c.text });
    else out.push({ image: { format: c.mediaType.slice('image/'.length) as 'png', source: { bytes: Buffer.from(c.data, 'base64') } } });
  }
  return out.length > 0 ? out : [{ text: '(empty)' }];
}

function contentBlocks(message: ChatMessage, family: BedrockFamily, cache: boolean): ConverseContentBlock[] {
  const blocks: ContentBlock[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
  const out: ConverseContentBlock[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        // Bedrock rejects empty text blocks; an empty string carries nothing anyway.
        if (block.text.length > 0) out.push({ text: block.text });
        if (block.cache && cache && out.length > 0) out.push(cachePoint(block.cache));
        break;
      case 'image':
        out.push(imageBlock(block));
        break;
      case 'tool_use':
        out.push({ toolUse: { toolUseId: block.id, name: block.name, input: (block.input ?? {}) as DocumentValue } });
        break;
      case 'tool_result':
        out.push({ toolResult: { toolUseId: block.toolUseId, content: toolResultContent(block.content), ...(block.isError ? { status: 'error' as const } : {}) } });
        if (block.cache && cache) out.push(cachePoint(block.cache));
        break;
      case 'thinking':
        // Reasoning replays only make sense to Claude, and only with the signature it issued.
        if (family === 'anthropic' && block.signature) out.push({ reasoningContent: { reasoningText: { text: block.thinking, signature: block.signature } } });
        break;
      case 'redacted_thinking':
        if (family === 'anthropic') out.push({ reasoningContent: { redactedContent: Buffer.from(block.data, 'base64') } });
        break;
    }
  }
  return out;
}

function hasToolBlocks(messages: ChatMessage[]): boolean {
  return messages.some((m) => typeof m.content !== 'string' && m.content.some((b) => b.type === 'tool_use' || b.type === 'tool_result'));
}

function toolConfig(request: ModelRequest, family: BedrockFamily, cache: boolean): ToolConfiguration | undefined {
  const tools = request.tools ?? [];
  // Converse has no "none": leave the tools out, unless the history holds tool blocks (then
  // Bedrock requires toolConfig) — in that case the model may still call one.
  if (tools.length === 0 || (request.toolChoice === 'none' && !hasToolBlocks(request.messages))) return undefined;
  const out: Tool[] = [];
  for (const t of tools) {
    out.push({ toolSpec: { name: t.name, ...(t.description ? { description: t.description } : {}), inputSchema: { json: t.inputSchema as NonNullable<DocumentValue> } } });
    // Nova caches system and messages, not tool definitions.
    if (t.cache && cache && family === 'anthropic') out.push(cachePoint(t.cache));
  }
  const choice = request.toolChoice;
  let toolChoice: ToolConfiguration['toolChoice'];
  // Which choices a family accepts is in models/requestRules (fitRequest has applied it); Llama
  // takes only the default, so nothing is sent for it.
  if (choice === 'any') toolChoice = { any: {} };
  else if (typeof choice === 'object') toolChoice = { tool: { name: choice.name } };
  else if (choice === 'auto' && family !== 'llama') toolChoice = { auto: {} };
  return { tools: out, ...(toolChoice ? { toolChoice } : {}) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One level of merge: the user's `thinking: {...}` refines ours instead of replacing it. */
function mergeFields(ours: Record<string, unknown>, theirs: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...ours };
  for (const [k, v] of Object.entries(theirs ?? {})) {
    const mine = out[k];
    out[k] = isPlainObject(mine) && isPlainObject(v) ? { ...mine, ...v } : v;
  }
  return out;
}

/**
 * ModelRequest → Converse / ConverseStream input (the two share every field we use). The request
 * is first fitted to the model's rules (providers/fitRequest): adjusted with a note to
 * `onAdjust`, or refused with a SwitchboardError before anything is sent.
 */
export function toConverseRequest(original: ModelRequest, options: ConverseBuildOptions): ConverseRequest {
  const { family } = options;
  const fitted = fitRequest(original, { provider: 'bedrock', modelId: options.modelId, family, defaultMaxTokens: SERVICE_DEFAULT_MAX_TOKENS });
  for (const note of fitted.notes) options.onAdjust?.(note);
  const request = fitted.request;
  // Cache points only where Bedrock caches the model (requestRules, from the catalog's facts); else by family.
  const cache = requestRulesFor(options.modelId, family)?.bedrockCache ?? supportsPromptCache(family);
  const system: SystemContentBlock[] = [];
  const systemBlocks = typeof request.system === 'string' ? [{ text: request.system }] : (request.system ?? []);
  for (const s of systemBlocks) {
    if (s.text.length > 0) system.push({ text: s.text });
    if (s.cache && cache && system.length > 0) system.push(cachePoint(s.cache));
  }
  const messages: ConverseMessage[] = request.messages.map((m) => ({ role: m.role, content: contentBlocks(m, family, cache) }));

  const inferenceConfig: NonNullable<ConverseRequest['inferenceConfig']> = {};
  if (request.maxTokens !== undefined || fitted.maxTokens !== SERVICE_DEFAULT_MAX_TOKENS) inferenceConfig.maxTokens = fitted.maxTokens;
  if (request.temperature !== undefined) inferenceConfig.temperature = request.temperature;
  if (request.topP !== undefined) inferenceConfig.topP = request.topP;
  if (request.stopSequences && request.stopSequences.length > 0) inferenceConfig.stopSequences = request.stopSequences;

  const generated: Record<string, unknown> = {};
  if (family === 'anthropic' && fitted.thinking) {
    generated.thinking = fitted.thinking.type === 'enabled' ? { type: 'enabled', budget_tokens: fitted.thinking.budgetTokens } : { type: 'adaptive' };
  }
  const extra = mergeFields(generated, request.bedrock?.additionalModelRequestFields);

  const tc = toolConfig(request, family, cache);
  const guardrail = request.bedrock?.guardrail;
  const out: ConverseRequest = {
    modelId: options.modelId,
    messages,
    ...(system.length > 0 ? { system } : {}),
    ...(Object.keys(inferenceConfig).length > 0 ? { inferenceConfig } : {}),
    ...(tc ? { toolConfig: tc } : {}),
    ...(Object.keys(extra).length > 0 ? { additionalModelRequestFields: extra as DocumentValue } : {}),
    ...(guardrail ? { guardrailConfig: { guardrailIdentifier: guardrail.identifier, guardrailVersion: guardrail.version, ...(guardrail.trace ? { trace: guardrail.trace } : {}) } } : {}),
    ...(request.bedrock?.latency ? { performanceConfig: { latency: request.bedrock.latency } } : {}),
  };
  return out;
}

/** Only the fields CountTokens' `converse` input accepts. */
export function toCountTokensInput(converse: ConverseRequest): { messages?: ConverseMessage[]; system?: SystemContentBlock[]; toolConfig?: ToolConfiguration; additionalModelRequestFields?: DocumentValue } {
  return {
    messages: converse.messages,
    ...(converse.system ? { system: converse.system } : {}),
    ...(converse.toolConfig ? { toolConfig: converse.toolConfig } : {}),
  };
}

export function fromConverseStopReason(reason: ConverseStopReason | string | undefined): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'tool_use':
    case 'max_tokens':
    case 'stop_sequence':
    case 'guardrail_intervened':
    case 'content_filtered':
    case 'model_context_window_exceeded':
      return reason;
    default:
      return 'unknown';
  }
}

/** Bedrock's inputTokens already exclude cache reads and writes: take them as they are. */
export function fromConverseUsage(usage: TokenUsage | undefined): Usage {
  return {
    inputTokens: usage?.inputTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    cacheReadInputTokens: usage?.cacheReadInputTokens ?? 0,
    cacheWriteInputTokens: usage?.cacheWriteInputTokens ?? 0,
  };
}

function toBase64(bytes: Uint8Array | undefined): string {
  return bytes ? Buffer.from(bytes).toString('base64') : '';
}

export function fromConverseContent(blocks: ConverseContentBlock[] | undefined): { content: ContentBlock[]; text: string; toolCalls: ToolCall[] } {
  const content: ContentBlock[] = [];
  const toolCalls: ToolCall[] = [];
  let text = '';
  for (const b of blocks ?? []) {
    if (b.text !== undefined) {
      content.push({ type: 'text', text: b.text });
      text += b.text;
    } else if (b.toolUse) {
      const call = { id: b.toolUse.toolUseId ?? '', name: b.toolUse.name ?? '', input: b.toolUse.input ?? {} };
      content.push({ type: 'tool_use', ...call });
      toolCalls.push(call);
    } else if (b.reasoningContent?.reasoningText) {
      const r = b.reasoningContent.reasoningText;
      content.push({ type: 'thinking', thinking: r.text ?? '', ...(r.signature ? { signature: r.signature } : {}) });
    } else if (b.reasoningContent?.redactedContent) {
      content.push({ type: 'redacted_thinking', data: toBase64(b.reasoningContent.redactedContent) });
    }
  }
  return { content, text, toolCalls };
}

export function fromConverseResponse(response: ConverseResponse, modelId: string, latencyMs: number): ModelResponse {
  const { content, text, toolCalls } = fromConverseContent(response.output?.message?.content);
  return {
    provider: 'bedrock',
    modelId,
    content,
    text,
    toolCalls,
    stopReason: fromConverseStopReason(response.stopReason),
    usage: fromConverseUsage(response.usage),
    latencyMs,
  };
}

/** Rough local count (≈4 characters a token, ~1600 per image) when no count endpoint answers. */
export function estimateRequestTokens(request: ModelRequest): number {
  let chars = 0;
  let images = 0;
  const sys = typeof request.system === 'string' ? request.system : (request.system ?? []).map((s) => s.text).join('\n');
  chars += sys.length;
  for (const t of request.tools ?? []) chars += t.name.length + (t.description?.length ?? 0) + JSON.stringify(t.inputSchema).length;
  for (const m of request.messages) {
    chars += 12;
    const blocks: ContentBlock[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    for (const b of blocks) {
      if (b.type === 'text') chars += b.text.length;
      else if (b.type === 'image') images += 1;
      else if (b.type === 'tool_use') chars += b.name.length + JSON.stringify(b.input ?? {}).length;
      else if (b.type === 'tool_result') chars += typeof b.content === 'string' ? b.content.length : JSON.stringify(b.content).length;
      else if (b.type === 'thinking') chars += b.thinking.length;
    }
  }
  return Math.ceil(chars / 4) + images * 1600;
}
