import { createHash } from 'node:crypto';
import type { EmulatedModel } from './bedrockModels';
import { acceptsImages, checkCacheTtl, claudeRule, thinkingTurnFailure, toolChoicesOf } from './bedrockRules';
import { BEDROCK_REAL_ERRORS } from './realErrors';

/**
 * What the Bedrock emulator does with a Converse body: validate it as strictly as the service,
 * produce a deterministic answer, and account tokens including the prompt cache.
 */
type Json = Record<string, unknown>;

export interface ValidationFailure {
  errorType: 'ValidationException';
  message: string;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const constraint = (value: unknown, path: string, rule: string): ValidationFailure => ({
  errorType: 'ValidationException',
  message: `1 validation error detected: Value '${String(value)}' at '${path}' failed to satisfy constraint: ${rule}`,
});
const modelError = (detail: string): ValidationFailure => ({ errorType: 'ValidationException', message: `The model returned the following errors: ${detail}` });
const plain = (message: string): ValidationFailure => ({ errorType: 'ValidationException', message });

export const CACHE_UNSUPPORTED_MESSAGE = 'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.';
const GUARDRAIL_VERSION_RE = /^(([1-9][0-9]{0,7})|(DRAFT))$/;
const DEFAULT_MAX_TOKENS = 4_096;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function thinkingOf(body: Json): { budget: number } | undefined {
  const extra = body.additionalModelRequestFields;
  if (!isObj(extra) || !isObj(extra.thinking)) return undefined;
  if (extra.thinking.type !== 'enabled') return undefined;
  return { budget: Number(extra.thinking.budget_tokens) };
}

function hasCachePoint(body: Json): boolean {
  const lists: unknown[] = [];
  if (Array.isArray(body.system)) lists.push(...body.system);
  if (isObj(body.toolConfig) && Array.isArray(body.toolConfig.tools)) lists.push(...body.toolConfig.tools);
  if (Array.isArray(body.messages)) for (const m of body.messages) if (isObj(m) && Array.isArray(m.content)) lists.push(...m.content);
  return lists.some((b) => isObj(b) && 'cachePoint' in b);
}

/** Validation for Converse / ConverseStream (and the `converse` input of CountTokens). */
export function validateConverse(body: unknown, model: EmulatedModel, options: { operation: 'converse' | 'count-tokens'; maxInputTokens?: number }): ValidationFailure | undefined {
  if (!isObj(body)) return plain('Malformed input request, please reformat your input and try again.');
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    return options.operation === 'converse' ? constraint('null', 'messages', 'Member must not be null') : undefined;
  }
  const toolUseIdsByMessage: string[][] = [];
  const hasToolConfig = isObj(body.toolConfig);
  for (let i = 0; i < messages.length; i++) {
    const msg: unknown = messages[i];
    if (!isObj(msg)) return constraint('null', `messages.${i + 1}.member`, 'Member must not be null');
    if (msg.role !== 'user' && msg.role !== 'assistant') {
      return constraint(msg.role, `messages.${i + 1}.member.role`, 'Member must satisfy enum value set: [user, assistant]');
    }
    if (i === 0 && msg.role !== 'user') return plain('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
    if (i > 0 && (messages[i - 1] as Json).role === msg.role) {
      return plain('A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.');
    }
    if (!Array.isArray(msg.content) || msg.content.length === 0) {
      return plain(`The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`);
    }
    const toolUseIds: string[] = [];
    for (let j = 0; j < msg.content.length; j++) {
      const block: unknown = msg.content[j];
      if (!isObj(block) || Object.keys(block).length !== 1) return plain('Malformed input request, please reformat your input and try again.');
      if ('text' in block && (typeof block.text !== 'string' || block.text.length === 0)) {
        return modelError('messages: text content blocks must be non-empty');
      }
      if ('text' in block && (block.text as string).trim().length === 0) return modelError('messages: text content blocks must contain non-whitespace text');
      // Text-only models (Llama 3.3 70B, Mistral Large 24.07: the Vision column of conversation-inference-supported-models-features).
      // The service's text for a model that takes no image in a user message (BEDROCK_REAL_ERRORS.imageUnsupported:
      // earendil-works/pi#8960, anomalyco/opencode#49443); those threads show it for other text-in-this-position models, not Llama itself.
      if ('image' in block && !acceptsImages(model)) return plain(BEDROCK_REAL_ERRORS.imageUnsupported.fault.message);
      if ('image' in block) {
        const img = block.image;
        if (!isObj(img) || !['png', 'jpeg', 'gif', 'webp'].includes(String(img.format))) {
          return constraint(isObj(img) ? img.format : 'null', `messages.${i + 1}.member.content.${j + 1}.member.image.format`, 'Member must satisfy enum value set: [png, jpeg, gif, webp]');
        }
        if (!isObj(img.source) || typeof img.source.bytes !== 'string' || img.source.bytes.length === 0) {
          return plain('The provided image is invalid or empty.');
        }
      }
      if (('toolUse' in block || 'toolResult' in block) && !hasToolConfig) {
        return plain('The toolConfig field must be defined when using toolUse and toolResult content blocks.');
      }
      if ('toolUse' in block) {
        if (msg.role !== 'assistant') return modelError(`messages.${i}.content.${j}: tool_use blocks may only appear in assistant messages`);
        const tu = block.toolUse as Json;
        toolUseIds.push(String(tu.toolUseId));
      }
      if ('toolResult' in block) {
        const tr = block.toolResult as Json;
        const previous = toolUseIdsByMessage[i - 1] ?? [];
        if (msg.role !== 'user' || !previous.includes(String(tr.toolUseId))) {
          return modelError(
            `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(tr.toolUseId)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
      }
      if ('reasoningContent' in block && msg.role !== 'assistant') return plain('Malformed input request, please reformat your input and try again.');
    }
    toolUseIdsByMessage.push(toolUseIds);
    if (i > 0 && toolUseIds.length === 0 && msg.role === 'user') {
      const answered = (msg.content as Json[]).filter((b) => 'toolResult' in b).map((b) => String((b.toolResult as Json).toolUseId));
      const missing = (toolUseIdsByMessage[i - 1] ?? []).filter((id) => !answered.includes(id));
      if (missing.length > 0) {
        return modelError(`messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`);
      }
    }
  }

  const inference = body.inferenceConfig;
  if (inference !== undefined) {
    if (!isObj(inference)) return plain('Malformed input request, please reformat your input and try again.');
    const { maxTokens, temperature, topP, stopSequences } = inference;
    if (maxTokens !== undefined) {
      if (typeof maxTokens !== 'number' || maxTokens < 1) return constraint(maxTokens, 'inferenceConfig.maxTokens', 'Member must have value greater than or equal to 1');
      if (maxTokens > model.maxOutputTokens) {
        return plain(`The maximum tokens you requested exceeds the model limit of ${model.maxOutputTokens}. Try again with a maximum tokens value that is lower than ${model.maxOutputTokens}.`);
      }
    }
    for (const [name, value] of [['temperature', temperature], ['topP', topP]] as const) {
      if (value === undefined) continue;
      if (typeof value !== 'number' || value < 0) return constraint(value, `inferenceConfig.${name}`, 'Member must have value greater than or equal to 0');
      if (value > 1) return constraint(value, `inferenceConfig.${name}`, 'Member must have value less than or equal to 1');
    }
    if (stopSequences !== undefined && (!Array.isArray(stopSequences) || stopSequences.length > 4 || stopSequences.some((s) => typeof s !== 'string' || s.length === 0))) {
      return constraint(JSON.stringify(stopSequences), 'inferenceConfig.stopSequences', 'Member must have length less than or equal to 4');
    }
  }

  const extra = body.additionalModelRequestFields;
  if (extra !== undefined && isObj(extra)) {
    if (model.family !== 'claude' && 'thinking' in extra) {
      return modelError('Malformed input request: #: extraneous key [thinking] is not permitted, please reformat your input and try again.');
    }
    const thinking = thinkingOf(body);
    if (thinking && options.operation === 'converse') {
      if (!Number.isInteger(thinking.budget) || thinking.budget < 1024) return modelError('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
      const maxTokens = isObj(inference) && typeof inference.maxTokens === 'number' ? inference.maxTokens : DEFAULT_MAX_TOKENS;
      if (maxTokens <= thinking.budget) {
        return modelError('`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size');
      }
      if (isObj(inference) && inference.temperature !== undefined && inference.temperature !== 1) {
        return modelError('`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility');
      }
      if (isObj(inference) && typeof inference.topP === 'number' && inference.topP < 0.95) return modelError('`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled.');
      if ('top_k' in extra) return modelError('`top_k` must be unset when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility');
    }
  }
  const rules = claudeRule(model);
  if (rules.adaptiveOnly && thinkingOf(body)) {
    return modelError('"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.');
  }
  if (isObj(inference)) {
    if (rules.noSamplers) for (const key of ['temperature', 'topP'] as const) if (inference[key] !== undefined) return modelError(`\`${key === 'topP' ? 'top_p' : key}\` is deprecated for this model.`);
    if (rules.oneSampler && inference.temperature !== undefined && inference.topP !== undefined) {
      // skydiscover-ai/skydiscover#15 (Sonnet 4.6 on Bedrock, through LiteLLM).
      return modelError('`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
    }
  }
  if (model.family === 'claude' && (isObj(extra) ? isObj(extra.thinking) && (extra.thinking.type === 'enabled' || extra.thinking.type === 'adaptive') : false)) {
    const turns = thinkingTurnFailure(body);
    if (turns) return turns;
  }
  const choice = isObj(body.toolConfig) && isObj(body.toolConfig.toolChoice) ? Object.keys(body.toolConfig.toolChoice)[0] : undefined;
  if (choice && !toolChoicesOf(model).includes(choice)) {
    // strands-agents/harness-sdk#1241 (any); the same form for tool.
    return plain(`This model doesn't support the toolConfig.toolChoice.${choice} field. Remove toolConfig.toolChoice.${choice} and try again.`);
  }
  const ttlFailure = checkCacheTtl(body, model, rules.oneHourTtl);
  if (ttlFailure) return ttlFailure;

  const tc = body.toolConfig;
  if (tc !== undefined) {
    if (!isObj(tc) || !Array.isArray(tc.tools) || tc.tools.length === 0) return constraint('[]', 'toolConfig.tools', 'Member must have length greater than or equal to 1');
    const names = tc.tools.filter((t): t is Json => isObj(t) && isObj(t.toolSpec)).map((t) => String((t.toolSpec as Json).name));
    for (const n of names) if (!/^[a-zA-Z0-9_-]{1,64}$/.test(n)) return constraint(n, 'toolConfig.tools.member.toolSpec.name', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+');
    if (isObj(tc.toolChoice) && isObj(tc.toolChoice.tool) && !names.includes(String(tc.toolChoice.tool.name))) {
      return modelError(`tool_choice: Tool '${String(tc.toolChoice.tool.name)}' not found in 'tools'`);
    }
  }

  const guard = body.guardrailConfig;
  if (guard !== undefined) {
    if (!isObj(guard) || typeof guard.guardrailIdentifier !== 'string' || guard.guardrailIdentifier.length === 0) {
      return constraint('null', 'guardrailConfig.guardrailIdentifier', 'Member must not be null');
    }
    if (typeof guard.guardrailVersion !== 'string' || !GUARDRAIL_VERSION_RE.test(guard.guardrailVersion)) {
      return constraint(guard.guardrailVersion, 'guardrailConfig.guardrailVersion', 'Member must satisfy regular expression pattern: (([1-9][0-9]{0,7})|(DRAFT))');
    }
    if (guard.trace !== undefined && !['enabled', 'disabled', 'enabled_full'].includes(String(guard.trace))) {
      return constraint(guard.trace, 'guardrailConfig.trace', 'Member must satisfy enum value set: [enabled, disabled, enabled_full]');
    }
  }
  const perf = body.performanceConfig;
  if (perf !== undefined && (!isObj(perf) || !['standard', 'optimized'].includes(String(perf.latency)))) {
    return constraint(isObj(perf) ? perf.latency : 'null', 'performanceConfig.latency', 'Member must satisfy enum value set: [standard, optimized]');
  }

  if (hasCachePoint(body) && !model.caching) return plain(CACHE_UNSUPPORTED_MESSAGE);
  if (estimateInputTokens(body) > (options.maxInputTokens ?? model.contextWindow)) return plain('Input is too long for requested model.');
  return undefined;
}

// ---- tokens and the prompt cache -------------------------------------------------------------

interface Segment {
  tokens: number;
  key: string;
  cachePoint: boolean;
}

function blockText(block: Json): string {
  if (typeof block.text === 'string') return block.text;
  if (isObj(block.toolUse)) return JSON.stringify(block.toolUse.input ?? {}) + String(block.toolUse.name);
  if (isObj(block.toolResult)) return JSON.stringify(block.toolResult.content ?? []);
  if (isObj(block.reasoningContent)) return JSON.stringify(block.reasoningContent);
  if (isObj(block.image)) return 'x'.repeat(6_400); // an image counts about 1600 tokens
  if (isObj(block.toolSpec)) return JSON.stringify(block.toolSpec);
  return '';
}

/** The prompt in cache order (tools, system, messages), one segment per block. */
function segments(body: Json): Segment[] {
  const out: Segment[] = [];
  const push = (block: unknown, where: string): void => {
    if (!isObj(block)) return;
    if ('cachePoint' in block) {
      // A marker, not content: like Claude's cache_control it does not change the prefix's identity,
      // so moving breakpoints forward turn by turn still reads what an earlier turn wrote.
      out.push({ tokens: 0, key: '', cachePoint: true });
      return;
    }
    out.push({ tokens: estimateTokens(blockText(block)), key: `${where}:${JSON.stringify(block)}`, cachePoint: false });
  };
  if (isObj(body.toolConfig) && Array.isArray(body.toolConfig.tools)) for (const t of body.toolConfig.tools) push(t, 'tool');
  if (Array.isArray(body.system)) for (const s of body.system) push(s, 'system');
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (!isObj(m)) continue;
      out.push({ tokens: 3, key: `role:${String(m.role)}`, cachePoint: false });
      if (Array.isArray(m.content)) for (const b of m.content) push(b, String(m.role));
    }
  }
  return out;
}

export function estimateInputTokens(body: Json): number {
  return segments(body).reduce((n, s) => n + s.tokens, 0);
}

export interface CacheEntry {
  modelId: string;
  tokens: number;
  hits: number;
  createdAt: number;
}

export class PromptCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly minTokens: (model: EmulatedModel) => number) {}

  /** Usage for one request; updates the cache like the service does (first sight writes, same prefix reads). */
  account(body: Json, model: EmulatedModel): { inputTokens: number; cacheReadInputTokens: number; cacheWriteInputTokens: number } {
    const segs = segments(body);
    const total = segs.reduce((n, s) => n + s.tokens, 0);
    if (!model.caching) return { inputTokens: total, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 };
    const hash = createHash('sha256');
    hash.update(model.baseId);
    let running = 0;
    const breakpoints: Array<{ key: string; tokens: number }> = [];
    for (const s of segs) {
      hash.update(s.key);
      running += s.tokens;
      if (s.cachePoint) breakpoints.push({ key: hash.copy().digest('hex'), tokens: running });
    }
    const eligible = breakpoints.filter((b) => b.tokens >= this.minTokens(model) && b.tokens > 0);
    let read = 0;
    for (const b of eligible) {
      const hit = this.entries.get(b.key);
      if (hit && b.tokens > read) read = b.tokens;
    }
    for (const b of eligible) if (b.tokens === read) this.entries.get(b.key)!.hits += 1;
    const last = eligible[eligible.length - 1];
    let write = 0;
    if (last && !this.entries.has(last.key)) {
      write = last.tokens - read;
      for (const b of eligible) if (!this.entries.has(b.key)) this.entries.set(b.key, { modelId: model.baseId, tokens: b.tokens, hits: 0, createdAt: Date.now() });
    }
    return { inputTokens: total - read - write, cacheReadInputTokens: read, cacheWriteInputTokens: write };
  }

  list(): CacheEntry[] {
    return [...this.entries.values()].map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries.clear();
  }
}

// ---- deterministic answers ---------------------------------------------------------------------

export type AnswerBlock =
  | { kind: 'reasoning'; text: string; signature: string }
  | { kind: 'text'; text: string }
  | { kind: 'toolUse'; id: string; name: string; input: Record<string, unknown> };

export interface Answer {
  blocks: AnswerBlock[];
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'guardrail_intervened';
  outputTokens: number;
}

/** Word-sized pieces: the unit of streaming deltas and of output tokens. */
export function pieces(text: string): string[] {
  return text.match(/\s*\S+/g) ?? (text ? [text] : []);
}

function lastUserMessage(body: Json): Json | undefined {
  const messages = body.messages as Json[];
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === 'user') return messages[i];
  return undefined;
}

function toolResultText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content
    .map((c: unknown) => (isObj(c) ? (typeof c.text === 'string' ? c.text : c.json !== undefined ? JSON.stringify(c.json) : '') : ''))
    .join(' ');
}

function inputFromSchema(schema: unknown, text: string): Record<string, unknown> {
  const props = isObj(schema) && isObj(schema.json) && isObj(schema.json.properties) ? schema.json.properties : {};
  const out: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(props)) {
    const d = isObj(def) ? def : {};
    if (Array.isArray(d.enum) && d.enum.length > 0) out[name] = d.enum[0];
    else if (d.type === 'number' || d.type === 'integer') out[name] = 42;
    else if (d.type === 'boolean') out[name] = true;
    else out[name] = text;
  }
  return out;
}

export function answerConverse(body: Json, model: EmulatedModel, requestCounter: number): Answer {
  const last = lastUserMessage(body);
  const content = (last?.content as Json[] | undefined) ?? [];
  const userText = content.filter((b) => typeof b.text === 'string').map((b) => b.text as string).join(' ').trim();
  const results = content.filter((b) => isObj(b.toolResult)).map((b) => b.toolResult as Json);
  const blocks: AnswerBlock[] = [];
  let stopReason: Answer['stopReason'] = 'end_turn';

  const thinking = model.family === 'claude' ? thinkingOf(body) : undefined;
  if (thinking) {
    const text = `Thinking about: ${userText || 'the tool result'}`;
    blocks.push({ kind: 'reasoning', text, signature: `sig-${createHash('sha256').update(text).digest('base64').slice(0, 24)}` });
  }

  const guard = body.guardrailConfig;
  const tc = isObj(body.toolConfig) ? body.toolConfig : undefined;
  const tools = (tc && Array.isArray(tc.tools) ? tc.tools : []).filter((t): t is Json => isObj(t) && isObj(t.toolSpec)).map((t) => t.toolSpec as Json);
  const choice = tc && isObj(tc.toolChoice) ? tc.toolChoice : undefined;

  if (isObj(guard) && userText.includes('guardrail-block')) {
    blocks.length = 0;
    blocks.push({ kind: 'text', text: 'Sorry, the model cannot answer this question.' });
    stopReason = 'guardrail_intervened';
  } else if (results.length > 0) {
    blocks.push({ kind: 'text', text: `Tool result: ${results.map((r) => toolResultText(r.content)).join(' | ')}` });
  } else {
    const named = choice && isObj(choice.tool) ? String(choice.tool.name) : undefined;
    const tool = named
      ? tools.find((t) => t.name === named)
      : tools.find((t) => userText.includes(String(t.name))) ?? (choice && 'any' in choice ? tools[0] : undefined);
    if (tool) {
      blocks.push({ kind: 'text', text: `Using ${String(tool.name)}.` });
      blocks.push({ kind: 'toolUse', id: `tooluse_${requestCounter}_${String(tool.name)}`, name: String(tool.name), input: inputFromSchema(tool.inputSchema, userText) });
      stopReason = 'tool_use';
    } else {
      blocks.push({ kind: 'text', text: `Echo: ${userText}` });
    }
  }

  // Stop sequences and maxTokens cut the text like the model would.
  const inference = isObj(body.inferenceConfig) ? body.inferenceConfig : {};
  const stops = Array.isArray(inference.stopSequences) ? (inference.stopSequences as string[]) : [];
  for (const b of blocks) {
    if (b.kind !== 'text') continue;
    const at = stops.map((s) => b.text.indexOf(s)).filter((i) => i >= 0).sort((x, y) => x - y)[0];
    if (at !== undefined) {
      b.text = b.text.slice(0, at);
      blocks.splice(blocks.indexOf(b) + 1);
      stopReason = 'stop_sequence';
      break;
    }
  }
  let budget = typeof inference.maxTokens === 'number' ? inference.maxTokens : Infinity;
  let outputTokens = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const cost = b.kind === 'toolUse' ? estimateTokens(JSON.stringify(b.input)) : pieces(b.text).length;
    if (cost > budget && b.kind === 'text') {
      b.text = pieces(b.text).slice(0, budget).join('');
      outputTokens += budget;
      blocks.splice(i + 1);
      stopReason = 'max_tokens';
      break;
    }
    outputTokens += cost;
    budget -= cost;
  }
  return { blocks, stopReason, outputTokens };
}
