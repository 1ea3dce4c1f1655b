// The Bedrock emulator's per-model request rules, from the public sources (kept apart from the
// product's models/requestRules on purpose: a test against the product's own table would only
// prove the product agrees with itself).
import type { EmulatedModel } from './bedrockModels';
import type { ValidationFailure } from './bedrockConverse';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const modelError = (detail: string): ValidationFailure => ({ errorType: 'ValidationException', message: `The model returned the following errors: ${detail}` });
const plain = (message: string): ValidationFailure => ({ errorType: 'ValidationException', message });

export interface ClaudeRule { oneSampler: boolean; noSamplers: boolean; adaptiveOnly: boolean; oneHourTtl: boolean }

/**
 * Claude on Bedrock: "temperature or top_p" (Sonnet 4.5+ / Haiku 4.5 / Opus 4.1+), Opus 4.7's
 * adaptive-only thinking and no samplers, and the 1-hour cache TTL (Opus 4.5+, Sonnet 4.5+,
 * Haiku 4.5: AWS what's-new 2026-01, earendil-works/pi#1570, anomalyco/opencode#23106).
 */
export function claudeRule(model: EmulatedModel): ClaudeRule {
  const id = model.baseId;
  if (model.family !== 'claude') return { oneSampler: false, noSamplers: false, adaptiveOnly: false, oneHourTtl: false };
  // Opus 4.7 and every later model (Opus 4.8, the Claude 5 generation): adaptive only, no samplers
  // (Anthropic's Sonnet 5 page: "manual extended thinking now returns a 400 … non-default sampling
  // parameters … a 400"; LiteLLM supports_sampling_params false for their Bedrock rows).
  const adaptive = /claude-(opus-4-[78]|opus-5|sonnet-5|haiku-5-5|fable-5)/.test(id);
  return {
    oneSampler: /claude-(opus-4-1|opus-4-5|opus-4-6|sonnet-4-5|sonnet-4-6|haiku-4-5)/.test(id),
    noSamplers: adaptive,
    adaptiveOnly: adaptive,
    // 1-hour TTL: Opus / Sonnet / Haiku 4.5 and later, Fable (LiteLLM prices a 1h write on every such Bedrock row).
    oneHourTtl: /claude-(opus-4-[5-9]|sonnet-4-[5-9]|haiku-4-[5-9]|opus-5|sonnet-5|haiku-5|fable-5)/.test(id),
  };
}

export function acceptsImages(model: EmulatedModel): boolean {
  return model.family === 'claude' || (model.family === 'nova' && !model.baseId.includes('micro'));
}

/** Converse toolChoice per family (API_runtime_ToolChoice: `tool` for Claude and Nova only; Llama: none but auto). */
export function toolChoicesOf(model: EmulatedModel): string[] {
  // Opus 5.5, Sonnet 5.5, Fable 5.1: "forced tool use returns an error" (Anthropic's model pages;
  // vercel/ai @ai-sdk/amazon-bedrock 4.0.186 falls back to auto). The service's exact text for this
  // case was not found in public sources: the emulator answers in the form it uses for other
  // unsupported toolChoice members (strands-agents/harness-sdk#1241) — UNVERIFIED text.
  if (/claude-(opus-5-5|sonnet-5-5|fable-5-[12])/.test(model.baseId)) return ['auto'];
  if (model.family === 'claude' || model.family === 'nova') return ['auto', 'any', 'tool'];
  if (model.family === 'mistral') return ['auto', 'any'];
  return ['auto'];
}

interface CachePointAt {
  ttl: unknown;
  /** Where Claude sees it once Bedrock turns the point into `cache_control` on the block before it. */
  path: string;
}

/** The cache points in the order the service reads them: toolConfig → system → messages. */
function cachePoints(body: Json): CachePointAt[] {
  const out: CachePointAt[] = [];
  const take = (list: unknown, prefix: string): void => {
    if (!Array.isArray(list)) return;
    let blocks = 0;
    for (const b of list) {
      if (isObj(b) && isObj(b.cachePoint)) out.push({ ttl: b.cachePoint.ttl, path: `${prefix}.${Math.max(0, blocks - 1)}.cache_control.ttl` });
      else blocks++;
    }
  };
  if (isObj(body.toolConfig)) take(body.toolConfig.tools, 'tools');
  take(body.system, 'system');
  if (Array.isArray(body.messages)) body.messages.forEach((m, i) => isObj(m) && take(m.content, `messages.${i}.content`));
  return out;
}

/**
 * `ttl: '1h'` only where offered (Nova: timothy-agent/timothy#756; older Claude: earendil-works/pi#1570),
 * never after a 5-minute point: TTLs must not increase along toolConfig → system → messages. The
 * text is the service's, seen live on Bedrock (us-west-2, Claude Sonnet 4.5) in
 * strands-agents/harness-sdk#3758 and #3571: "messages.0.content.0.cache_control.ttl: a ttl='1h'
 * cache_control block must not come after a ttl='5m' cache_control block" (the Anthropic API
 * adds "Note that blocks are processed in the following order: `tools`, `system`, `messages`.":
 * cnighswonger/claude-code-cache-fix#44, headroomlabs-ai/headroom#2939).
 */
export function checkCacheTtl(body: Json, model: EmulatedModel, oneHour: boolean): ValidationFailure | undefined {
  const points = cachePoints(body);
  if (!points.some((p) => p.ttl === '1h')) return undefined;
  if (model.family === 'nova') return plain('Extended TTL prompt caching is only supported for Anthropic models');
  if (!oneHour) return modelError('Extra inputs are not permitted');
  const firstShort = points.findIndex((p) => p.ttl !== '1h');
  const late = firstShort >= 0 ? points.slice(firstShort).find((p) => p.ttl === '1h') : undefined;
  if (late) return plain(`${late.path}: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block`);
  return undefined;
}

/** With thinking on, the assistant turn of a tool loop in progress must start with reasoning. */
export function thinkingTurnFailure(body: Json): ValidationFailure | undefined {
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const tc = isObj(body.toolConfig) && isObj(body.toolConfig.toolChoice) ? Object.keys(body.toolConfig.toolChoice)[0] : undefined;
  // oh-my-pi#341: "The model returned the following errors: Thinking may not be enabled when tool_choice forces tool use."
  if (tc === 'any' || tc === 'tool') return modelError('Thinking may not be enabled when tool_choice forces tool use.');
  const last = messages.length - 1;
  const content = (m: Json | undefined): Json[] => (m && Array.isArray(m.content) ? (m.content as Json[]) : []);
  if (last < 1 || !content(messages[last]).some((b) => isObj(b) && 'toolResult' in b)) return undefined;
  const first = content(messages[last - 1])[0];
  if (first && isObj(first) && 'reasoningContent' in first) return undefined;
  const found = first && isObj(first) ? (Object.keys(first)[0] === 'toolUse' ? 'tool_use' : Object.keys(first)[0]) : 'nothing';
  return modelError(
    `messages.${last - 1}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${found}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
  );
}

