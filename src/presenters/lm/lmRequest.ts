// VS Code's language-model request (messages, tools, tool mode, model options) → the engine's
// ModelRequest. Pure: the same conversion for every caller (VS Code Chat, Copilot, Cline, Roo).
import type { ChatMessage, ContentBlock, ImageBlock, ImageMediaType, ModelRequest, SystemBlock, TextBlock, ToolDefinition } from '../../core/types';
import type { LmMessageShape, LmRequestOptionsShape, LmToolShape } from './lmShapes';
import { LM_ROLE, LM_TOOL_MODE, isDataPart, isTextPart, isToolCallPart, isToolResultPart } from './lmShapes';

const IMAGE_TYPES: readonly ImageMediaType[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
/** The prompt-cache hint VS Code's Chat (Copilot) puts after a block: a data part of this type. */
export const CACHE_CONTROL_MIME = 'cache_control';

/** A request VS Code handed us that we cannot send as-is: the message says which part and why. */
export class LmRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LmRequestError';
  }
}

export interface LmRequestInput {
  /** The logical model (the picker entry's id). */
  model: string;
  messages: readonly LmMessageShape[];
  options: LmRequestOptionsShape;
}

export function toModelRequest(input: LmRequestInput): ModelRequest {
  const system: SystemBlock[] = [];
  const messages: ChatMessage[] = [];
  input.messages.forEach((message, i) => {
    const where = `message ${i + 1}`;
    if (message.role === LM_ROLE.system) {
      for (const block of contentBlocks(message.content, where, 'system')) {
        if (block.type === 'text') system.push({ text: block.text, ...(block.cache ? { cache: block.cache } : {}) });
      }
      return;
    }
    const role = message.role === LM_ROLE.assistant ? 'assistant' : message.role === LM_ROLE.user ? 'user' : undefined;
    if (!role) throw new LmRequestError(`${where} has role ${String(message.role)}, which is neither user, assistant nor system`);
    const blocks = contentBlocks(message.content, where, role);
    if (blocks.length === 0) return;
    const last = messages[messages.length - 1];
    // Both APIs want user / assistant turns alternating: consecutive messages of a role are one turn.
    if (last && last.role === role) (last.content as ContentBlock[]).push(...blocks);
    else messages.push({ role, content: blocks });
  });
  // Tool results lead their user turn (both APIs require it after an assistant tool_use).
  for (const m of messages) {
    if (m.role === 'user' && Array.isArray(m.content)) m.content = [...m.content.filter((b) => b.type === 'tool_result'), ...m.content.filter((b) => b.type !== 'tool_result')];
  }
  const tools = (input.options.tools ?? []).map(toTool);
  const request: ModelRequest = { model: input.model, messages, ...(system.length ? { system } : {}) };
  if (tools.length) {
    request.tools = tools;
    request.toolChoice = input.options.toolMode === LM_TOOL_MODE.required ? (tools.length === 1 ? { name: tools[0]!.name } : 'any') : 'auto';
  }
  Object.assign(request, samplingOptions(input.options.modelOptions ?? {}));
  return request;
}

function contentBlocks(parts: readonly unknown[], where: string, role: 'user' | 'assistant' | 'system'): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  parts.forEach((part, j) => {
    const at = `${where}, part ${j + 1}`;
    if (isToolResultPart(part)) {
      if (role !== 'user') throw new LmRequestError(`${at}: a tool result belongs in a user message`);
      blocks.push({ type: 'tool_result', toolUseId: part.callId, content: toolResultContent(part.content, at) });
    } else if (isToolCallPart(part)) {
      if (role !== 'assistant') throw new LmRequestError(`${at}: a tool call belongs in an assistant message`);
      blocks.push({ type: 'tool_use', id: part.callId, name: part.name, input: part.input ?? {} });
    } else if (isDataPart(part)) {
      if (part.mimeType === CACHE_CONTROL_MIME) {
        markCache(blocks);
        return;
      }
      const block = dataBlock(part.mimeType, part.data, at);
      if (block.type === 'image' && role !== 'user') throw new LmRequestError(`${at}: images are accepted in user messages only`);
      if (block.type !== 'text' || block.text) blocks.push(block);
    } else if (isTextPart(part)) {
      // Both APIs reject empty text blocks.
      if (part.value) blocks.push({ type: 'text', text: part.value });
    } else {
      throw new LmRequestError(`${at} is of a kind Switchboard does not send (${describe(part)})`);
    }
  });
  return blocks;
}

/** A cache hint after a block: a prompt-cache breakpoint there (the engine's promptCache stage adds its own too). */
function markCache(blocks: ContentBlock[]): void {
  const last = blocks[blocks.length - 1];
  if (last && (last.type === 'text' || last.type === 'tool_result')) last.cache = true;
}

function dataBlock(mimeType: string, data: Uint8Array, at: string): TextBlock | ImageBlock {
  const mime = mimeType.toLowerCase().split(';')[0]!.trim();
  const media = (mime === 'image/jpg' ? 'image/jpeg' : mime) as ImageMediaType;
  if (IMAGE_TYPES.includes(media)) return { type: 'image', mediaType: media, data: Buffer.from(data).toString('base64') };
  if (mime.startsWith('text/') || mime === 'application/json' || mime.endsWith('+json')) return { type: 'text', text: new TextDecoder().decode(data) };
  throw new LmRequestError(`${at}: data of type ${mimeType} cannot be sent (images: PNG, JPEG, GIF, WebP; text and JSON are sent as text)`);
}

function toolResultContent(content: readonly unknown[], at: string): string | Array<TextBlock | ImageBlock> {
  const out: Array<TextBlock | ImageBlock> = [];
  for (const item of content) {
    if (isDataPart(item)) {
      if (item.mimeType === CACHE_CONTROL_MIME) continue;
      out.push(dataBlock(item.mimeType, item.data, at));
    } else if (isTextPart(item)) {
      out.push({ type: 'text', text: item.value });
    } else if (typeof item === 'object' && item !== null && 'value' in item) {
      // LanguageModelPromptTsxPart: a JSON-serializable prompt element.
      out.push({ type: 'text', text: JSON.stringify((item as { value: unknown }).value) });
    } else {
      throw new LmRequestError(`${at}: a tool result holds a part of a kind Switchboard does not send (${describe(item)})`);
    }
  }
  const nonEmpty = out.filter((b) => b.type !== 'text' || b.text);
  if (nonEmpty.every((b) => b.type === 'text')) return nonEmpty.map((b) => (b as TextBlock).text).join('');
  return nonEmpty;
}

function toTool(tool: LmToolShape): ToolDefinition {
  const schema = tool.inputSchema && typeof tool.inputSchema === 'object' && Object.keys(tool.inputSchema).length ? (tool.inputSchema as Record<string, unknown>) : { type: 'object', properties: {} };
  return { name: tool.name, ...(tool.description ? { description: tool.description } : {}), inputSchema: schema };
}

/** The model options callers pass (`temperature`, `max_tokens` / `maxTokens`, `top_p`, `stop`); others are ignored. */
function samplingOptions(o: { readonly [name: string]: unknown }): Partial<ModelRequest> {
  const num = (...keys: string[]): number | undefined => {
    for (const k of keys) if (typeof o[k] === 'number' && Number.isFinite(o[k])) return o[k] as number;
    return undefined;
  };
  const out: Partial<ModelRequest> = {};
  const temperature = num('temperature');
  const maxTokens = num('maxTokens', 'max_tokens', 'maxOutputTokens');
  const topP = num('topP', 'top_p');
  const stop = o.stopSequences ?? o.stop;
  if (temperature !== undefined) out.temperature = temperature;
  if (maxTokens !== undefined && maxTokens > 0) out.maxTokens = Math.floor(maxTokens);
  if (topP !== undefined) out.topP = topP;
  if (Array.isArray(stop) && stop.every((s) => typeof s === 'string') && stop.length) out.stopSequences = stop as string[];
  else if (typeof stop === 'string' && stop) out.stopSequences = [stop];
  return out;
}

function describe(part: unknown): string {
  if (part === null || typeof part !== 'object') return typeof part;
  return part.constructor?.name && part.constructor.name !== 'Object' ? part.constructor.name : `fields ${Object.keys(part).join(', ') || 'none'}`;
}
