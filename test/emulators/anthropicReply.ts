import { createHash } from 'node:crypto';

/**
 * What the Anthropic emulator answers: deterministic content derived from the request, token
 * estimates, and prompt-cache accounting. Pure functions; the server renders them on the wire.
 */
type Json = Record<string, unknown>;

export type ReplyBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface Reply {
  content: ReplyBlock[];
  stopReason: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';
  stopSequence: string | null;
  outputTokens: number;
}

/** A test's own answer; truncation by max_tokens / stop_sequences still applies. */
export interface CustomTurn {
  content: Array<{ type: 'text'; text: string } | { type: 'thinking'; thinking: string; signature?: string } | { type: 'tool_use'; name: string; input: Record<string, unknown>; id?: string }>;
}

export interface CacheEntry {
  key: string;
  model: string;
  tokens: number;
  createdAt: number;
  reads: number;
}

export interface CacheResult {
  inputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON with sorted keys, so equal content hashes equally whatever the client's key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function withoutCacheControl(block: Json): Json {
  const { cache_control: _ignored, ...rest } = block;
  if (rest.type === 'tool_result' && Array.isArray(rest.content)) {
    rest.content = (rest.content as Json[]).map(withoutCacheControl);
  }
  return rest;
}

interface Segment {
  text: string;
  tokens: number;
  breakpoint: boolean;
}

function segmentTokens(block: Json): number {
  // Images cost about (w*h)/750 tokens; without decoding, a size-based stand-in is deterministic.
  if (block.type === 'image' && isObject(block.source) && typeof block.source.data === 'string') {
    return 85 + Math.ceil(block.source.data.length / 1000);
  }
  return Math.max(1, estimateTokens(canonicalJson(block)));
}

/** The prompt in cache order (tools → system → messages), one segment per block. */
function segments(body: Json): Segment[] {
  const out: Segment[] = [];
  const push = (prefix: string, block: Json): void => {
    const clean = withoutCacheControl(block);
    out.push({ text: `${prefix}:${canonicalJson(clean)}`, tokens: segmentTokens(clean), breakpoint: Boolean(block.cache_control) || (block.type === 'tool_result' && Array.isArray(block.content) && (block.content as Json[]).some((b) => Boolean(b.cache_control))) });
  };
  if (Array.isArray(body.tools)) for (const t of body.tools) if (isObject(t)) push('tool', t);
  if (typeof body.system === 'string') push('system', { type: 'text', text: body.system });
  else if (Array.isArray(body.system)) for (const b of body.system) if (isObject(b)) push('system', b);
  if (Array.isArray(body.messages)) {
    body.messages.forEach((m: unknown, i: number) => {
      if (!isObject(m)) return;
      if (typeof m.content === 'string') push(`${String(m.role)}${i}`, { type: 'text', text: m.content });
      else if (Array.isArray(m.content)) for (const b of m.content) if (isObject(b)) push(`${String(m.role)}${i}`, b);
    });
  }
  return out;
}

/** Total input tokens of a request, cache-agnostic (what count_tokens answers). */
export function countInputTokens(body: Json): number {
  return segments(body).reduce((n, s) => n + s.tokens, 0) + 3;
}

/**
 * Prompt-cache accounting: the prefix up to each breakpoint is hashed; the longest cached one is
 * read, the prefix up to the last breakpoint is written when new. `input_tokens` excludes both.
 */
export function applyPromptCache(body: Json, cache: Map<string, CacheEntry>, minCacheableTokens: number, now: number): CacheResult {
  const segs = segments(body);
  const total = segs.reduce((n, s) => n + s.tokens, 0) + 3;
  const hash = createHash('sha256');
  hash.update(String(body.model));
  let tokens = 0;
  const prefixes: Array<{ key: string; tokens: number }> = [];
  for (const s of segs) {
    hash.update('\n');
    hash.update(s.text);
    tokens += s.tokens;
    if (s.breakpoint) prefixes.push({ key: hash.copy().digest('hex'), tokens });
  }
  const cacheable = prefixes.filter((p) => p.tokens >= minCacheableTokens);
  let read = 0;
  for (const p of cacheable) {
    const hit = cache.get(p.key);
    if (hit && p.tokens > read) read = p.tokens;
  }
  for (const p of cacheable) {
    const hit = cache.get(p.key);
    if (hit && p.tokens === read) hit.reads++;
  }
  let write = 0;
  const last = cacheable[cacheable.length - 1];
  if (last && !cache.has(last.key)) {
    write = last.tokens - read;
    cache.set(last.key, { key: last.key, model: String(body.model), tokens: last.tokens, createdAt: now, reads: 0 });
  }
  return { inputTokens: total - read - write, cacheCreationInputTokens: write, cacheReadInputTokens: read };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isObject)
    .map((b) => {
      if (b.type === 'text') return String(b.text);
      if (b.type === 'image' && isObject(b.source)) return `[image ${String(b.source.media_type)}]`;
      if (b.type === 'tool_result') return typeof b.content === 'string' ? b.content : textOf(b.content);
      return '';
    })
    .filter((t) => t.length > 0)
    .join(' ');
}

function sampleFromSchema(schema: unknown): unknown {
  if (!isObject(schema)) return 'example';
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'number':
    case 'integer':
      return 42;
    case 'boolean':
      return true;
    case 'array':
      return [sampleFromSchema(schema.items)];
    case 'object': {
      const props = isObject(schema.properties) ? schema.properties : {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props)) out[k] = sampleFromSchema(v);
      return out;
    }
    default:
      return 'example';
  }
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 24);
}

function chooseTool(body: Json, lastUserText: string, lastUserHasResults: boolean): Json | undefined {
  const tools = Array.isArray(body.tools) ? body.tools.filter(isObject) : [];
  if (tools.length === 0 || lastUserHasResults) return undefined;
  const choice = isObject(body.tool_choice) ? body.tool_choice : { type: 'auto' };
  if (choice.type === 'none') return undefined;
  if (choice.type === 'tool') return tools.find((t) => t.name === choice.name);
  const mentioned = tools.find((t) => lastUserText.includes(String(t.name)));
  if (choice.type === 'any') return mentioned ?? tools[0];
  return mentioned;
}

function defaultTurn(body: Json): CustomTurn {
  const messages = Array.isArray(body.messages) ? body.messages.filter(isObject) : [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const blocks = lastUser && Array.isArray(lastUser.content) ? lastUser.content.filter(isObject) : [];
  const results = blocks.filter((b) => b.type === 'tool_result');
  const userText = textOf(lastUser?.content);
  const content: CustomTurn['content'] = [];
  if (isObject(body.thinking) && body.thinking.type !== 'disabled') {
    content.push({ type: 'thinking', thinking: `The user wrote ${JSON.stringify(userText)}. I will answer by echoing it.` });
  }
  const tool = chooseTool(body, userText, results.length > 0);
  if (tool) {
    const forced = isObject(body.tool_choice) && (body.tool_choice.type === 'any' || body.tool_choice.type === 'tool');
    if (!forced) content.push({ type: 'text', text: `I'll use the ${String(tool.name)} tool.` });
    content.push({ type: 'tool_use', name: String(tool.name), input: sampleFromSchema({ ...(tool.input_schema as Json), type: 'object' }) as Record<string, unknown> });
  } else if (results.length > 0) {
    const rendered = results.map((r) => `${r.is_error ? 'error' : 'result'} ${textOf(r.content)}`).join('; ');
    content.push({ type: 'text', text: `Tool said: ${rendered}` });
  } else {
    content.push({ type: 'text', text: `Echo: ${userText}` });
  }
  return { content };
}

/** Build the assistant turn, then apply the service's limits: stop sequences, then max_tokens. */
export function buildReply(body: Json, custom: CustomTurn | undefined): Reply {
  const turn = custom ?? defaultTurn(body);
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 4096;
  const stops = Array.isArray(body.stop_sequences) ? (body.stop_sequences as string[]) : [];
  let budget = maxTokens * 4; // characters left, at 4 characters per token
  const content: ReplyBlock[] = [];
  let stopReason: Reply['stopReason'] = 'end_turn';
  let stopSequence: string | null = null;
  for (const block of turn.content) {
    if (block.type === 'thinking') {
      const thinking = block.thinking.slice(0, budget);
      budget -= thinking.length;
      content.push({ type: 'thinking', thinking, signature: block.signature ?? `sig_${shortHash(thinking)}` });
      if (budget <= 0) { stopReason = 'max_tokens'; break; }
    } else if (block.type === 'text') {
      let text = block.text;
      let hit: { at: number; seq: string } | undefined;
      for (const seq of stops) {
        const at = text.indexOf(seq);
        if (at >= 0 && (!hit || at < hit.at)) hit = { at, seq };
      }
      if (hit) text = text.slice(0, hit.at);
      if (text.length > budget) {
        text = text.slice(0, budget);
        budget = 0;
        if (text.length > 0) content.push({ type: 'text', text });
        stopReason = 'max_tokens';
        break;
      }
      budget -= text.length;
      if (text.length > 0) content.push({ type: 'text', text });
      if (hit) { stopReason = 'stop_sequence'; stopSequence = hit.seq; break; }
    } else {
      const json = JSON.stringify(block.input);
      if (json.length > budget) { stopReason = 'max_tokens'; break; }
      budget -= json.length;
      content.push({ type: 'tool_use', id: block.id ?? `toolu_${shortHash(canonicalJson(body.messages) + block.name)}`, name: block.name, input: block.input });
      stopReason = 'tool_use';
    }
  }
  const chars = content.reduce((n, b) => n + (b.type === 'text' ? b.text.length : b.type === 'thinking' ? b.thinking.length : JSON.stringify(b.input).length), 0);
  return { content, stopReason, stopSequence, outputTokens: Math.max(1, Math.ceil(chars / 4)) };
}

/** Split text into small word-aligned chunks, the way the service streams deltas. */
export function chunkText(text: string, size = 12): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + size);
    const space = text.indexOf(' ', end);
    if (space >= 0 && space - i < size * 2) end = space + 1;
    out.push(text.slice(i, end));
    i = end;
  }
  return out.length > 0 ? out : [''];
}
