import type {
  ContentBlockParam,
  ImageBlockParam,
  Message,
  MessageCountTokensParams,
  MessageCreateParamsBase,
  MessageParam,
  TextBlockParam,
  Tool,
  ToolChoice as AnthropicToolChoice,
  ToolResultBlockParam,
  Usage as AnthropicUsage,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type {
  CacheBreakpoint,
  ChatMessage,
  ContentBlock,
  ImageBlock,
  ModelRequest,
  StopReason,
  SystemBlock,
  TextBlock,
  ToolCall,
  ToolChoice,
  ToolDefinition,
  Usage,
} from '../../types';
import { fitRequest } from '../fitRequest';

/**
 * Pure conversion between our provider-neutral shapes and the Anthropic Messages API.
 * No SDK values here (types only), so it is cheap to load and easy to test.
 */
export const DEFAULT_MAX_TOKENS = 4096;

const EPHEMERAL = { type: 'ephemeral' } as const;
const EPHEMERAL_1H = { type: 'ephemeral', ttl: '1h' } as const;

/** `cache: '1h'` asks for the 1-hour TTL; `true` keeps the API default (5 minutes). */
function cacheControl(cache: CacheBreakpoint): typeof EPHEMERAL | typeof EPHEMERAL_1H {
  return cache === '1h' ? EPHEMERAL_1H : EPHEMERAL;
}

/**
 * SDK 1.12's types no longer list the sampling fields (newer models ignore or refuse them), but the
 * API still takes them for the models that support them, so we send them as plain body fields.
 */
export type AnthropicCreateBody = MessageCreateParamsBase & { temperature?: number; top_p?: number };

export interface AnthropicParams {
  /** Body for `messages.create` without `stream`. */
  body: AnthropicCreateBody;
  /** Extra request headers (`anthropic-beta`). */
  headers: Record<string, string>;
  /** Things we changed to keep the request valid, for the log. */
  adjustments: string[];
}

function textParam(block: TextBlock): TextBlockParam {
  return block.cache ? { type: 'text', text: block.text, cache_control: cacheControl(block.cache) } : { type: 'text', text: block.text };
}

function imageParam(block: ImageBlock): ImageBlockParam {
  return { type: 'image', source: { type: 'base64', media_type: block.mediaType, data: block.data } };
}

function toolResultParam(block: Extract<ContentBlock, { type: 'tool_result' }>): ToolResultBlockParam {
  const content = typeof block.content === 'string' ? block.content : block.content.map((b) => (b.type === 'text' ? textParam(b) : imageParam(b)));
  return {
    type: 'tool_result',
    tool_use_id: block.toolUseId,
    content,
    ...(block.isError ? { is_error: true } : {}),
    ...(block.cache ? { cache_control: cacheControl(block.cache) } : {}),
  };
}

/** One of our content blocks as a Messages API block; undefined when it cannot be replayed. */
export function toContentBlockParam(block: ContentBlock): ContentBlockParam | undefined {
  switch (block.type) {
    case 'text':
      return textParam(block);
    case 'image':
      return imageParam(block);
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: (block.input ?? {}) as Record<string, unknown> };
    case 'tool_result':
      return toolResultParam(block);
    case 'thinking':
      // The API rejects thinking without the signature that proves it came from the model.
      return block.signature ? { type: 'thinking', thinking: block.thinking, signature: block.signature } : undefined;
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
  }
}

export function toMessageParam(message: ChatMessage): MessageParam {
  if (typeof message.content === 'string') return { role: message.role, content: message.content };
  const content = message.content.map(toContentBlockParam).filter((b): b is ContentBlockParam => b !== undefined);
  return { role: message.role, content };
}

export function toSystemParam(system: string | SystemBlock[] | undefined): string | TextBlockParam[] | undefined {
  if (system === undefined) return undefined;
  if (typeof system === 'string') return system.length > 0 ? system : undefined;
  const blocks = system.filter((b) => b.text.length > 0).map((b) => textParam({ type: 'text', text: b.text, cache: b.cache }));
  return blocks.length > 0 ? blocks : undefined;
}

export function toToolParam(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    input_schema: { type: 'object', ...tool.inputSchema } as Tool['input_schema'],
    ...(tool.cache ? { cache_control: cacheControl(tool.cache) } : {}),
  };
}

export function toToolChoiceParam(choice: ToolChoice): AnthropicToolChoice {
  if (typeof choice === 'object') return { type: 'tool', name: choice.name };
  return { type: choice };
}

/**
 * The full request body and headers for `messages.create`. The request is first fitted to the
 * model's rules (providers/fitRequest): what the API would reject is adjusted (listed in
 * `adjustments`) or refused with a SwitchboardError before anything is sent.
 */
export function toAnthropicParams(request: ModelRequest, modelId: string): AnthropicParams {
  const fitted = fitRequest(request, { provider: 'anthropic', modelId, defaultMaxTokens: DEFAULT_MAX_TOKENS });
  const req = fitted.request;
  const adjustments = [...fitted.notes];
  const body: AnthropicCreateBody = {
    model: modelId,
    max_tokens: fitted.maxTokens,
    messages: req.messages.map(toMessageParam),
  };
  const system = toSystemParam(req.system);
  if (system !== undefined) body.system = system;
  if (req.tools && req.tools.length > 0) {
    body.tools = req.tools.map(toToolParam);
    if (req.toolChoice !== undefined) body.tool_choice = toToolChoiceParam(req.toolChoice);
  }
  if (req.stopSequences && req.stopSequences.length > 0) body.stop_sequences = [...req.stopSequences];
  if (fitted.thinking?.type === 'enabled') body.thinking = { type: 'enabled', budget_tokens: fitted.thinking.budgetTokens };
  else if (fitted.thinking?.type === 'adaptive') (body as { thinking?: unknown }).thinking = { type: 'adaptive' };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  const headers: Record<string, string> = {};
  const betas = req.anthropic?.betas?.filter((b) => b.length > 0) ?? [];
  if (betas.length > 0) headers['anthropic-beta'] = [...new Set(betas)].join(',');
  return { body, headers, adjustments };
}

/** The body for `messages.countTokens` (same prompt, no sampling fields). */
export function toCountTokensParams(request: ModelRequest, modelId: string): MessageCountTokensParams {
  const { body } = toAnthropicParams(request, modelId);
  const params: MessageCountTokensParams = { model: body.model, messages: body.messages };
  if (body.system !== undefined) params.system = body.system;
  if (body.tools !== undefined) params.tools = body.tools;
  if (body.tool_choice !== undefined) params.tool_choice = body.tool_choice;
  if (body.thinking !== undefined) params.thinking = body.thinking;
  return params;
}

const STOP_REASONS: ReadonlySet<string> = new Set(['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal', 'model_context_window_exceeded']);

export function mapStopReason(reason: string | null | undefined): StopReason {
  return reason && STOP_REASONS.has(reason) ? (reason as StopReason) : 'unknown';
}

type UsageLike = Partial<Pick<AnthropicUsage, 'input_tokens' | 'output_tokens' | 'cache_creation_input_tokens' | 'cache_read_input_tokens'>>;

/** Anthropic's input_tokens already exclude cache reads / writes, like ours. */
export function toUsage(usage: UsageLike | null | undefined): Usage {
  return {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    cacheReadInputTokens: usage?.cache_read_input_tokens ?? 0,
    cacheWriteInputTokens: usage?.cache_creation_input_tokens ?? 0,
  };
}

export interface ConvertedMessage {
  content: ContentBlock[];
  text: string;
  toolCalls: ToolCall[];
  stopReason: StopReason;
  stopSequence?: string;
  usage: Usage;
}

/** A non-streamed Messages API answer in our shapes. Unknown (server-tool) blocks are skipped. */
export function fromAnthropicMessage(message: Pick<Message, 'content' | 'stop_reason' | 'stop_sequence' | 'usage'>): ConvertedMessage {
  const content: ContentBlock[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') content.push({ type: 'text', text: block.text });
    else if (block.type === 'thinking') content.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    else if (block.type === 'redacted_thinking') content.push({ type: 'redacted_thinking', data: block.data });
    else if (block.type === 'tool_use') {
      content.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
      toolCalls.push({ id: block.id, name: block.name, input: block.input });
    }
  }
  const text = content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  return {
    content,
    text,
    toolCalls,
    stopReason: mapStopReason(message.stop_reason),
    ...(message.stop_sequence ? { stopSequence: message.stop_sequence } : {}),
    usage: toUsage(message.usage),
  };
}

/** A local token estimate (about 4 characters per token) for when count_tokens is unavailable. */
export function estimateInputTokens(request: ModelRequest): number {
  let chars = 0;
  let images = 0;
  const addBlock = (b: ContentBlock): void => {
    if (b.type === 'text') chars += b.text.length;
    else if (b.type === 'image') images++;
    else if (b.type === 'tool_use') chars += JSON.stringify(b.input ?? {}).length + b.name.length;
    else if (b.type === 'tool_result') {
      if (typeof b.content === 'string') chars += b.content.length;
      else b.content.forEach(addBlock);
    } else if (b.type === 'thinking') chars += b.thinking.length;
  };
  if (typeof request.system === 'string') chars += request.system.length;
  else request.system?.forEach((s) => (chars += s.text.length));
  for (const m of request.messages) {
    if (typeof m.content === 'string') chars += m.content.length;
    else m.content.forEach(addBlock);
  }
  for (const t of request.tools ?? []) chars += t.name.length + (t.description?.length ?? 0) + JSON.stringify(t.inputSchema).length;
  // ~1,600 tokens is what a typical 1092x1092 image costs; the real size is unknown here.
  return Math.ceil(chars / 4) + images * 1600 + request.messages.length * 3;
}
