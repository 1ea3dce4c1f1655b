/**
 * Request validation for the Anthropic emulator, as strict as the Messages API: a client that
 * sends something the service would refuse must fail here too, or the tests hide the bug.
 */
export interface ApiFailure {
  status: number;
  type: string;
  message: string;
}

export interface ValidateOptions {
  models: readonly string[];
  /** `max_tokens` is required by /v1/messages, not by /v1/messages/count_tokens. */
  requireMaxTokens: boolean;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const MAX_CACHE_BREAKPOINTS = 4;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(message: string): ApiFailure {
  return { status: 400, type: 'invalid_request_error', message };
}

function checkCacheControl(block: Json, where: string): ApiFailure | undefined {
  if (block.cache_control === undefined || block.cache_control === null) return undefined;
  const cc = block.cache_control;
  if (!isObject(cc) || cc.type !== 'ephemeral') return bad(`${where}.cache_control.type: Input should be 'ephemeral'`);
  if (cc.ttl !== undefined && cc.ttl !== '5m' && cc.ttl !== '1h') return bad(`${where}.cache_control.ttl: Input should be '5m' or '1h'`);
  return undefined;
}

function checkTextBlock(block: Json, where: string): ApiFailure | undefined {
  if (typeof block.text !== 'string') return bad(`${where}.text: Field required`);
  if (block.text.length === 0) return bad(`${where}: text content blocks must be non-empty`);
  // Real text: "messages: text content blocks must contain non-whitespace text" (the section, not the block path).
  if (block.text.trim().length === 0) return bad(`${where.split('.')[0]}: text content blocks must contain non-whitespace text`);
  return checkCacheControl(block, where);
}

function checkImageBlock(block: Json, where: string): ApiFailure | undefined {
  const src = block.source;
  if (!isObject(src)) return bad(`${where}.source: Field required`);
  if (src.type === 'base64') {
    if (typeof src.media_type !== 'string' || !IMAGE_TYPES.has(src.media_type)) {
      return bad(`${where}.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
    }
    if (typeof src.data !== 'string' || src.data.length === 0 || !/^[A-Za-z0-9+/]+=*$/.test(src.data)) {
      return bad(`${where}.source.base64.data: The image data is not valid base64`);
    }
  } else if (src.type === 'url') {
    if (typeof src.url !== 'string') return bad(`${where}.source.url.url: Field required`);
  } else {
    return bad(`${where}.source.type: Input should be 'base64' or 'url'`);
  }
  return checkCacheControl(block, where);
}

function checkBlock(block: unknown, role: string, where: string): ApiFailure | undefined {
  if (!isObject(block)) return bad(`${where}: Input should be a valid dictionary`);
  switch (block.type) {
    case 'text':
      return checkTextBlock(block, where);
    case 'image':
      return checkImageBlock(block, where);
    case 'tool_use':
      if (role !== 'assistant') return bad(`${where}: tool_use blocks are only allowed in assistant messages`);
      if (typeof block.id !== 'string' || typeof block.name !== 'string') return bad(`${where}: tool_use blocks need id and name`);
      if (!isObject(block.input)) return bad(`${where}.input: Input should be a valid dictionary`);
      return checkCacheControl(block, where);
    case 'tool_result': {
      if (role !== 'user') return bad(`${where}: tool_result blocks are only allowed in user messages`);
      if (typeof block.tool_use_id !== 'string') return bad(`${where}.tool_use_id: Field required`);
      const c = block.content;
      if (c !== undefined && typeof c !== 'string') {
        if (!Array.isArray(c)) return bad(`${where}.content: Input should be a valid list`);
        for (let i = 0; i < c.length; i++) {
          const inner = c[i];
          if (!isObject(inner) || (inner.type !== 'text' && inner.type !== 'image')) return bad(`${where}.content.${i}: Input tag does not match 'text' or 'image'`);
          const f = inner.type === 'text' ? checkTextBlock(inner, `${where}.content.${i}`) : checkImageBlock(inner, `${where}.content.${i}`);
          if (f) return f;
        }
      }
      return checkCacheControl(block, where);
    }
    case 'thinking':
      if (role !== 'assistant') return bad(`${where}: thinking blocks are only allowed in assistant messages`);
      if (typeof block.thinking !== 'string') return bad(`${where}.thinking: Field required`);
      if (typeof block.signature !== 'string' || block.signature.length === 0) return bad(`${where}.signature: Field required`);
      return undefined;
    case 'redacted_thinking':
      if (role !== 'assistant') return bad(`${where}: redacted_thinking blocks are only allowed in assistant messages`);
      if (typeof block.data !== 'string') return bad(`${where}.data: Field required`);
      return undefined;
    default:
      return bad(`${where}: Input tag '${String(block.type)}' found using 'type' does not match any of the expected tags`);
  }
}

function blocksOf(content: unknown): Json[] {
  return Array.isArray(content) ? content.filter(isObject) : [];
}

function checkMessages(messages: unknown): ApiFailure | undefined {
  if (messages === undefined) return bad('messages: Field required');
  if (!Array.isArray(messages)) return bad('messages: Input should be a valid list');
  if (messages.length === 0) return bad('messages: at least one message is required');
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    const where = `messages.${i}`;
    if (!isObject(m)) return bad(`${where}: Input should be a valid dictionary`);
    if (m.role !== 'user' && m.role !== 'assistant') return bad(`${where}.role: Input should be 'user' or 'assistant'`);
    if (i === 0 && m.role !== 'user') return bad('messages: first message must use the "user" role');
    if (i > 0 && (messages[i - 1] as Json).role === m.role) return bad('messages: roles must alternate between "user" and "assistant", but found multiple "' + m.role + '" roles in a row');
    if (typeof m.content === 'string') {
      if (m.content.length === 0 && !(m.role === 'assistant' && i === messages.length - 1)) return bad(`${where}: user messages must have non-empty content`);
      continue;
    }
    if (!Array.isArray(m.content)) return bad(`${where}.content: Input should be a valid string or list`);
    if (m.content.length === 0) return bad(`${where}: all messages must have non-empty content except for the optional final assistant message`);
    for (let j = 0; j < m.content.length; j++) {
      const f = checkBlock(m.content[j], m.role, `${where}.content.${j}`);
      if (f) return f;
    }
  }
  // tool_use / tool_result pairing, as the service enforces it: results answer the previous turn.
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as Json;
    if (m.role === 'user') {
      const results = blocksOf(m.content).filter((b) => b.type === 'tool_result');
      if (results.length === 0) continue;
      const prev = i > 0 ? blocksOf((messages[i - 1] as Json).content) : [];
      const ids = new Set(prev.filter((b) => b.type === 'tool_use').map((b) => b.id));
      const orphan = results.find((r) => !ids.has(r.tool_use_id));
      if (orphan) {
        return bad(`messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(orphan.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`);
      }
    } else if (i + 1 < messages.length) {
      const uses = blocksOf(m.content).filter((b) => b.type === 'tool_use');
      if (uses.length === 0) continue;
      const answered = new Set(blocksOf((messages[i + 1] as Json).content).filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id));
      const missing = uses.filter((u) => !answered.has(u.id)).map((u) => String(u.id));
      if (missing.length > 0) {
        return bad(`messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`);
      }
    }
  }
  return undefined;
}

function checkSystem(system: unknown): ApiFailure | undefined {
  if (system === undefined || typeof system === 'string') return undefined;
  if (!Array.isArray(system)) return bad('system: Input should be a valid string or list');
  for (let i = 0; i < system.length; i++) {
    const b: unknown = system[i];
    if (!isObject(b) || b.type !== 'text') return bad(`system.${i}.type: Input should be 'text'`);
    const f = checkTextBlock(b, `system.${i}`);
    if (f) return f;
  }
  return undefined;
}

function checkTools(tools: unknown, toolChoice: unknown): ApiFailure | undefined {
  if (tools !== undefined) {
    if (!Array.isArray(tools)) return bad('tools: Input should be a valid list');
    const names = new Set<string>();
    for (let i = 0; i < tools.length; i++) {
      const t: unknown = tools[i];
      if (!isObject(t)) return bad(`tools.${i}: Input should be a valid dictionary`);
      if (typeof t.name !== 'string' || !TOOL_NAME.test(t.name)) return bad(`tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
      if (names.has(t.name)) return bad(`tools: Tool names must be unique. Found duplicate: ${t.name}`);
      names.add(t.name);
      if (!isObject(t.input_schema)) return bad(`tools.${i}.custom.input_schema: Field required`);
      if (t.input_schema.type !== 'object') return bad(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
      const f = checkCacheControl(t, `tools.${i}`);
      if (f) return f;
    }
  }
  if (toolChoice === undefined) return undefined;
  if (!isObject(toolChoice)) return bad('tool_choice: Input should be a valid dictionary');
  const kinds = ['auto', 'any', 'none', 'tool'];
  if (!kinds.includes(String(toolChoice.type))) return bad(`tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'`);
  const list = Array.isArray(tools) ? (tools as Json[]) : [];
  if (toolChoice.type !== 'none' && toolChoice.type !== 'auto' && list.length === 0) return bad('tool_choice: tool_choice may only be specified while providing tools.');
  if (toolChoice.type === 'tool' && !list.some((t) => t.name === toolChoice.name)) return bad(`tool_choice.name: Tool '${String(toolChoice.name)}' not found in tools`);
  return undefined;
}

function countBreakpoints(body: Json): number {
  let n = 0;
  const visit = (b: unknown): void => {
    if (!isObject(b)) return;
    if (b.cache_control) n++;
    if (b.type === 'tool_result' && Array.isArray(b.content)) b.content.forEach(visit);
  };
  if (Array.isArray(body.tools)) body.tools.forEach(visit);
  if (Array.isArray(body.system)) body.system.forEach(visit);
  if (Array.isArray(body.messages)) for (const m of body.messages) if (isObject(m) && Array.isArray(m.content)) m.content.forEach(visit);
  return n;
}

// ---- per-model rules, from the public sources (kept apart from the product's own table on purpose:
// a test against the product's rules would only prove the product agrees with itself) -------------

/**
 * Output limits per model (Anthropic's per-model pages, read 2026-12-07: every Claude 5-generation
 * model and Opus 4.6-4.8 128K; Sonnet 4.6 128K — "Max output: 128K tokens" on its page, although
 * LiteLLM and several third parties still say 64K; Haiku / Opus 4.5 64K).
 */
const MAX_OUTPUT: ReadonlyArray<[RegExp, number]> = [
  [/^claude-(fable-5|opus-5|sonnet-5|haiku-5-5)/, 128_000],
  [/^claude-opus-4-(8|7|6)/, 128_000],
  [/^claude-sonnet-4-6/, 128_000],
  [/^claude-(sonnet-4-5|haiku-4-5|opus-4-5|sonnet-4-2)/, 64_000],
  [/^claude-opus-4-(1|2)/, 32_000],
  [/^claude-3-haiku/, 4096],
];
/** "use only temperature or top_p, not both" (migrating-to-claude-4; open-webui/functions#9; Vali-98/ChatterUI#564). */
const ONE_SAMPLER = /^claude-(opus-4-1|opus-4-5|opus-4-6|sonnet-4-5|sonnet-4-6|haiku-4-5)/;
/**
 * Opus 4.7 and every later model: adaptive thinking only, no sampling parameters (migration guide;
 * NousResearch/hermes-agent#11137; Comfy-Org/ComfyUI#13923; Sonnet 5's page: "manual extended
 * thinking now returns a 400 … non-default sampling parameters … return a 400").
 */
const NO_SAMPLERS_ADAPTIVE_ONLY = /^claude-(opus-4-[78]|opus-5|sonnet-5|haiku-5-5|fable-5)/;

const NO_FORCED_TOOL_CHOICE = /^claude-(opus-5-5|sonnet-5-5|fable-5-[12])/;

function checkModelRules(body: Json): ApiFailure | undefined {
  const model = String(body.model);
  const limit = MAX_OUTPUT.find(([re]) => re.test(model))?.[1];
  // The service's text (ANTHROPIC_REAL_ERRORS.outputLimitClaude4: "max_tokens: 65536 > 64000, which is the maximum
  // allowed number of output tokens for claude-sonnet-4-5-20250929", Natively-AI-assistant/natively-cluely-ai-assistant#54).
  if (limit !== undefined && typeof body.max_tokens === 'number' && body.max_tokens > limit) {
    return bad(`max_tokens: ${body.max_tokens} > ${limit}, which is the maximum allowed number of output tokens for ${model}`);
  }
  if (NO_SAMPLERS_ADAPTIVE_ONLY.test(model)) {
    if (isObject(body.thinking) && body.thinking.type === 'enabled') {
      return bad('"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.');
    }
    // "`temperature` is deprecated for this model." (ComfyUI#13923); top_p / top_k answer the same way.
    for (const key of ['temperature', 'top_p', 'top_k']) if (body[key] !== undefined) return bad(`\`${key}\` is deprecated for this model.`);
  }
  // Opus 5.5, Sonnet 5.5, Fable 5.1 / 5.2: "forced tool use returns an error" (Anthropic's model pages).
  // Their thinking is always on, so the text used is the one the API gives for thinking with a forced
  // tool_choice (oh-my-pi#341; router-for-me/CLIProxyAPI#4070 names the same cause) — inferred, not seen for these models.
  if (NO_FORCED_TOOL_CHOICE.test(model) && isObject(body.tool_choice) && (body.tool_choice.type === 'any' || body.tool_choice.type === 'tool')) {
    return bad('Thinking may not be enabled when tool_choice forces tool use.');
  }
  if (ONE_SAMPLER.test(model) && body.temperature !== undefined && body.top_p !== undefined) {
    return bad('`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
  }
  return undefined;
}

/**
 * cache_control TTLs must not increase in the order the API reads the blocks: tools, system,
 * messages (ANTHROPIC_REAL_ERRORS.cacheTtlOrder: cnighswonger/claude-code-cache-fix#44,
 * headroomlabs-ai/headroom#2939, vellum-ai/vellum-assistant#22191).
 */
function checkCacheTtlOrder(body: Json): ApiFailure | undefined {
  const marks: Array<{ ttl: unknown; path: string }> = [];
  const take = (b: unknown, path: string): void => {
    if (isObject(b) && isObject(b.cache_control)) marks.push({ ttl: b.cache_control.ttl ?? '5m', path: `${path}.cache_control.ttl` });
  };
  if (Array.isArray(body.tools)) body.tools.forEach((t, i) => take(t, `tools.${i}`));
  if (Array.isArray(body.system)) body.system.forEach((b, i) => take(b, `system.${i}`));
  if (Array.isArray(body.messages)) body.messages.forEach((m, i) => isObject(m) && Array.isArray(m.content) && m.content.forEach((b, j) => take(b, `messages.${i}.content.${j}`)));
  const firstShort = marks.findIndex((m) => m.ttl !== '1h');
  const late = firstShort >= 0 ? marks.slice(firstShort).find((m) => m.ttl === '1h') : undefined;
  if (!late) return undefined;
  return bad(`${late.path}: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: \`tools\`, \`system\`, \`messages\`.`);
}

/**
 * With thinking on, the assistant turn of a tool loop in progress (the last message holds its
 * tool results) must start with a thinking block; a forced tool_choice is refused.
 */
function checkThinkingTurns(body: Json): ApiFailure | undefined {
  const thinking = body.thinking;
  if (!isObject(thinking) || (thinking.type !== 'enabled' && thinking.type !== 'adaptive')) return undefined;
  if (isObject(body.tool_choice) && (body.tool_choice.type === 'any' || body.tool_choice.type === 'tool')) {
    return bad('Thinking may not be enabled when tool_choice forces tool use.');
  }
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const last = messages.length - 1;
  if (last < 1 || !blocksOf(messages[last]!.content).some((b) => b.type === 'tool_result')) return undefined;
  const turn = messages[last - 1]!;
  if (turn.role !== 'assistant') return undefined;
  const first = typeof turn.content === 'string' ? { type: 'text' } : blocksOf(turn.content)[0];
  if (first && (first.type === 'thinking' || first.type === 'redacted_thinking')) return undefined;
  return bad(
    `messages.${last - 1}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first?.type)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
  );
}

function checkSampling(body: Json): ApiFailure | undefined {
  const maxTokens = body.max_tokens;
  if (body.temperature !== undefined && (typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 1)) {
    return bad('temperature: Input should be less than or equal to 1 and greater than or equal to 0');
  }
  if (body.top_p !== undefined && (typeof body.top_p !== 'number' || body.top_p < 0 || body.top_p > 1)) {
    return bad('top_p: Input should be less than or equal to 1 and greater than or equal to 0');
  }
  if (body.top_k !== undefined && (!Number.isInteger(body.top_k) || (body.top_k as number) < 0)) return bad('top_k: Input should be a valid non-negative integer');
  if (body.stop_sequences !== undefined) {
    if (!Array.isArray(body.stop_sequences) || body.stop_sequences.some((s) => typeof s !== 'string' || s.trim().length === 0)) {
      return bad('stop_sequences: each stop sequence must be a non-empty string that contains non-whitespace');
    }
  }
  const thinking = body.thinking;
  if (thinking !== undefined) {
    if (!isObject(thinking)) return bad('thinking: Input should be a valid dictionary');
    if (thinking.type === 'enabled') {
      const budget = thinking.budget_tokens;
      if (!Number.isInteger(budget)) return bad('thinking.enabled.budget_tokens: Field required');
      if ((budget as number) < 1024) return bad('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
      if (typeof maxTokens === 'number' && (budget as number) >= maxTokens) return bad('`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size');
      if (body.temperature !== undefined && body.temperature !== 1) return bad('`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility');
      if (body.top_k !== undefined) return bad('`top_k` must be unset when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility');
      if (body.top_p !== undefined && (body.top_p as number) < 0.95) return bad('`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled.');
    } else if (thinking.type !== 'disabled' && thinking.type !== 'adaptive') {
      return bad(`thinking.type: Input should be 'enabled', 'disabled' or 'adaptive'`);
    }
  }
  return undefined;
}

/** Validate a /v1/messages or /v1/messages/count_tokens body; undefined when the service would accept it. */
export function validateMessagesBody(body: unknown, options: ValidateOptions): ApiFailure | undefined {
  if (!isObject(body)) return bad('Request body must be a JSON object');
  if (typeof body.model !== 'string' || body.model.length === 0) return bad('model: Field required');
  if (options.requireMaxTokens || body.max_tokens !== undefined) {
    if (body.max_tokens === undefined) return bad('max_tokens: Field required');
    if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1) return bad('max_tokens: Input should be greater than or equal to 1');
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') return bad('stream: Input should be a valid boolean');
  const failure = checkMessages(body.messages) ?? checkSystem(body.system) ?? checkTools(body.tools, body.tool_choice) ?? checkModelRules(body) ?? checkSampling(body) ?? checkCacheTtlOrder(body) ?? checkThinkingTurns(body);
  if (failure) return failure;
  const breakpoints = countBreakpoints(body);
  if (breakpoints > MAX_CACHE_BREAKPOINTS) return bad(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`);
  // The model is checked last, like the service: a malformed body is a 400 whatever the model.
  if (!options.models.includes(body.model)) return { status: 404, type: 'not_found_error', message: `model: ${body.model}` };
  return undefined;
}
