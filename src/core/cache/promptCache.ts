// Automatic prompt-cache breakpoints (SPEC §4): a pure transform the client applies before
// sending. Both providers cache the prompt prefix up to a breakpoint; a later request with the
// same prefix reads it at a tenth of the input price. We mark the prefixes that repeat:
//   - the last user message (written now, so the next turn can read it),
//   - the previous user message (the prefix the previous turn wrote: read now),
//   - the system prompt and the last tool (stable across conversations).
// Anthropic rejects more than 4 breakpoints and Bedrock allows 4 cachePoints per request, so we
// never exceed 4 together with the caller's own. A breakpoint below the model's minimum
// cacheable prefix is ignored by the service (and the write would not pay), so we skip those.
import { requestRulesFor } from '../models/requestRules';
import type { CacheBreakpoint, ChatMessage, ContentBlock, ModelRequest, SystemBlock, ToolDefinition } from '../types';

export type PromptCacheTtl = '5m' | '1h';

export interface PromptCacheOptions {
  /** Default true. */
  enabled?: boolean;
  /** Default '5m'. '1h' costs 2× input per written token instead of 1.25×, and lives an hour. */
  ttl?: PromptCacheTtl;
  /** Smallest prefix worth a breakpoint, in (estimated) tokens; default from the model name. */
  minTokens?: number;
  /** Provider limit on breakpoints per request (Anthropic and Bedrock: 4). */
  maxBreakpoints?: number;
}

export interface PromptCacheResult {
  request: ModelRequest;
  /** Breakpoints this transform added. */
  added: number;
  /** Breakpoints in the request after the transform (the caller's + ours). */
  total: number;
  /** True when any breakpoint in the request asks for the 1-hour TTL (cache writes are priced at it). */
  usesOneHourTtl: boolean;
}

export const MAX_CACHE_BREAKPOINTS = 4;

/**
 * Minimum cacheable prefix of the model (models/requestRules, from Anthropic's and AWS's prompt
 * caching docs: 4096 tokens for Opus 4.5–4.7 and Haiku 4.5, 1024 for Sonnet 4–4.6 and Opus 4.1,
 * about 1K for Nova). The model is whatever the caller asked for: a logical name, an ID, a
 * profile ID. A name the rules do not know gets 1024 (2048 when it names a Haiku).
 */
export function minCacheableTokens(model: string): number {
  return requestRulesFor(model)?.minCacheableTokens ?? (/haiku/i.test(model) ? 2048 : 1024);
}

/** The same rough estimate the providers' local counters use: about 4 characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function blockTokens(block: ContentBlock): number {
  switch (block.type) {
    case 'text':
      return estimateTokens(block.text);
    case 'image':
      return 1600;
    case 'tool_use':
      return estimateTokens(block.name + JSON.stringify(block.input ?? {}));
    case 'tool_result':
      return estimateTokens(typeof block.content === 'string' ? block.content : JSON.stringify(block.content));
    case 'thinking':
      return estimateTokens(block.thinking);
    case 'redacted_thinking':
      return estimateTokens(block.data);
  }
}

function messageTokens(m: ChatMessage): number {
  return typeof m.content === 'string' ? estimateTokens(m.content) : m.content.reduce((n, b) => n + blockTokens(b), 0);
}

function hasCache(block: ContentBlock): boolean {
  if (block.type === 'text' && block.cache) return true;
  if (block.type === 'tool_result') return Boolean(block.cache) || (Array.isArray(block.content) && block.content.some((c) => c.type === 'text' && Boolean(c.cache)));
  return false;
}

/** Breakpoints the caller set, in prompt order (tools → system → messages) with their TTL. */
function callerBreakpoints(request: ModelRequest): CacheBreakpoint[] {
  const out: CacheBreakpoint[] = [];
  for (const t of request.tools ?? []) if (t.cache) out.push(t.cache);
  if (Array.isArray(request.system)) for (const s of request.system) if (s.cache) out.push(s.cache);
  for (const m of request.messages) {
    if (typeof m.content === 'string') continue;
    for (const b of m.content) {
      if (b.type === 'text' && b.cache) out.push(b.cache);
      else if (b.type === 'tool_result') {
        if (b.cache) out.push(b.cache);
        if (Array.isArray(b.content)) for (const c of b.content) if (c.type === 'text' && c.cache) out.push(c.cache);
      }
    }
  }
  return out;
}

type Candidate =
  | { kind: 'tools'; order: number; prefixTokens: number }
  | { kind: 'system'; order: number; prefixTokens: number }
  | { kind: 'message'; order: number; prefixTokens: number; index: number };

/** Index of the block a breakpoint can sit on (text or tool_result), from the end; -1 if none. */
function markableBlock(content: ContentBlock[]): number {
  for (let i = content.length - 1; i >= 0; i--) {
    const b = content[i];
    if ((b.type === 'text' && b.text.length > 0) || b.type === 'tool_result') return i;
  }
  return -1;
}

/** Adds automatic breakpoints; returns the request unchanged when disabled or nothing fits. */
export function applyPromptCache(request: ModelRequest, options: PromptCacheOptions = {}): PromptCacheResult {
  const existing = callerBreakpoints(request);
  const unchanged = (): PromptCacheResult => ({ request, added: 0, total: existing.length, usesOneHourTtl: existing.includes('1h') });
  if (options.enabled === false) return unchanged();
  const budget = (options.maxBreakpoints ?? MAX_CACHE_BREAKPOINTS) - existing.length;
  if (budget <= 0) return unchanged();
  const minTokens = options.minTokens ?? minCacheableTokens(request.model);

  // Cumulative prefix sizes in the providers' cache order: tools, system, messages.
  const candidates: Candidate[] = [];
  let running = 0;
  let order = 0;
  const tools = request.tools ?? [];
  if (tools.length > 0) {
    running += tools.reduce((n, t) => n + estimateTokens(t.name + (t.description ?? '') + JSON.stringify(t.inputSchema)), 0);
    if (!tools[tools.length - 1].cache) candidates.push({ kind: 'tools', order, prefixTokens: running });
  }
  order++;
  const system: SystemBlock[] = typeof request.system === 'string' ? (request.system ? [{ text: request.system }] : []) : (request.system ?? []);
  if (system.length > 0) {
    running += system.reduce((n, s) => n + estimateTokens(s.text), 0);
    if (!system[system.length - 1].cache) candidates.push({ kind: 'system', order, prefixTokens: running });
  }
  order++;
  const userIdx: number[] = [];
  const prefixAt: number[] = [];
  request.messages.forEach((m, i) => {
    running += messageTokens(m);
    prefixAt[i] = running;
    if (m.role === 'user') userIdx.push(i);
  });
  const lastUsers = userIdx.slice(-2).reverse(); // last, then previous
  for (const i of lastUsers) {
    const m = request.messages[i];
    const content = typeof m.content === 'string' ? [{ type: 'text', text: m.content } as ContentBlock] : m.content;
    const at = markableBlock(content);
    if (at < 0 || content.slice(at).some(hasCache)) continue;
    candidates.push({ kind: 'message', order: order + i, prefixTokens: prefixAt[i], index: i });
  }

  // Priority: the recent turns (largest prefixes, they carry the reads), then system, then tools.
  const rank = (c: Candidate): number => (c.kind === 'message' ? 0 : c.kind === 'system' ? 1 : 2);
  const chosen = candidates
    .filter((c) => c.prefixTokens >= minTokens)
    .sort((a, b) => rank(a) - rank(b) || b.order - a.order)
    .slice(0, budget);
  if (chosen.length === 0) return unchanged();

  // Anthropic requires 1-hour breakpoints to come before 5-minute ones: after a caller's
  // 5-minute breakpoint, ours fall back to 5 minutes.
  const firstCaller5m = firstFiveMinuteOrder(request);
  const ttlAt = (o: number): CacheBreakpoint => (options.ttl === '1h' && o < firstCaller5m ? '1h' : true);

  const out: ModelRequest = { ...request };
  let usesOneHourTtl = existing.includes('1h');
  for (const c of chosen) {
    const ttl = ttlAt(c.order);
    if (ttl === '1h') usesOneHourTtl = true;
    if (c.kind === 'tools') {
      const copy: ToolDefinition[] = [...tools];
      copy[copy.length - 1] = { ...copy[copy.length - 1], cache: ttl };
      out.tools = copy;
    } else if (c.kind === 'system') {
      const copy = [...system];
      copy[copy.length - 1] = { ...copy[copy.length - 1], cache: ttl };
      out.system = copy;
    } else {
      const messages = out.messages === request.messages ? [...request.messages] : out.messages;
      const m = messages[c.index];
      const content: ContentBlock[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : [...m.content];
      const at = markableBlock(content);
      content[at] = { ...content[at], cache: ttl } as ContentBlock;
      messages[c.index] = { ...m, content };
      out.messages = messages;
    }
  }
  return { request: out, added: chosen.length, total: existing.length + chosen.length, usesOneHourTtl };
}

/** Prompt order of the first caller breakpoint with the 5-minute TTL (Infinity when none). */
function firstFiveMinuteOrder(request: ModelRequest): number {
  if ((request.tools ?? []).some((t) => t.cache === true)) return 0;
  if (Array.isArray(request.system) && request.system.some((s) => s.cache === true)) return 1;
  const i = request.messages.findIndex((m) => typeof m.content !== 'string' && m.content.some((b) => (b.type === 'text' || b.type === 'tool_result') && b.cache === true));
  return i < 0 ? Infinity : 2 + i;
}
