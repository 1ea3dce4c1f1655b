// Make a request acceptable to the model it is about to go to, by the rules in
// models/requestRules: adjust what can be adjusted without changing the answer's meaning (with a
// note for the log), refuse before sending what cannot (a clear SwitchboardError). Both request
// builders run every request through this, so the direct path and a failover behave alike.
import { SwitchboardError } from '../errors';
import type { ModelFamily } from '../models/catalog';
import { MIN_THINKING_BUDGET, requestRulesFor } from '../models/requestRules';
import type { ModelRequestRules } from '../models/requestRules';
import type { ChatMessage, ContentBlock, ModelRequest, ProviderId } from '../types';

export interface FitTarget {
  provider: ProviderId;
  /** The ID about to be sent (or the logical name when that is all there is). */
  modelId: string;
  /** The family when the ID does not tell (an application-inference-profile ARN). */
  family?: ModelFamily;
  /** `max_tokens` the builder sends when the request has none. */
  defaultMaxTokens: number;
}

export type FittedThinking = { type: 'enabled'; budgetTokens: number } | { type: 'adaptive' };

export interface FittedRequest {
  request: ModelRequest;
  /** The thinking config to send (undefined: none). */
  thinking?: FittedThinking;
  /** `max_tokens` to send. */
  maxTokens: number;
  /** What was changed and why, one line each, for the log. */
  notes: string[];
}

function refuse(message: string, hint: string, provider: ProviderId): SwitchboardError {
  return new SwitchboardError({ type: 'invalid_request', provider, message, hint, retryable: false });
}

const blocksOf = (m: ChatMessage): ContentBlock[] => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content);

/**
 * The assistant turn of a tool loop still in progress (its results are in the last user message).
 * With thinking on, the services require that turn to start with a signed thinking block.
 */
export function activeToolLoopTurn(messages: readonly ChatMessage[]): number {
  const last = messages.length - 1;
  if (last < 1) return -1;
  const m = messages[last]!;
  const hasResult = m.role === 'user' && blocksOf(m).some((b) => b.type === 'tool_result');
  return hasResult && messages[last - 1]!.role === 'assistant' ? last - 1 : -1;
}

function startsWithReplayableThinking(m: ChatMessage, provider: ProviderId, family: ModelFamily): boolean {
  const first = blocksOf(m)[0];
  if (!first || (provider === 'bedrock' && family !== 'anthropic')) return false;
  return (first.type === 'thinking' && Boolean(first.signature)) || first.type === 'redacted_thinking';
}

function hasImage(messages: readonly ChatMessage[]): boolean {
  return messages.some((m) => blocksOf(m).some((b) => b.type === 'image' || (b.type === 'tool_result' && Array.isArray(b.content) && b.content.some((c) => c.type === 'image'))));
}

function withoutExtraField(request: ModelRequest, key: string): ModelRequest {
  const fields = request.bedrock?.additionalModelRequestFields;
  if (!fields || !(key in fields)) return request;
  const { [key]: _dropped, ...rest } = fields;
  return { ...request, bedrock: { ...request.bedrock, additionalModelRequestFields: rest } };
}

function downgradeOneHour(request: ModelRequest): { request: ModelRequest; changed: number } {
  let changed = 0;
  const five = <T extends { cache?: unknown }>(b: T): T => (b.cache === '1h' ? (changed++, { ...b, cache: true }) : b);
  const block = (b: ContentBlock): ContentBlock => {
    if (b.type === 'tool_result' && Array.isArray(b.content)) return five({ ...b, content: b.content.map((c) => (c.type === 'text' ? five(c) : c)) });
    return b.type === 'text' || b.type === 'tool_result' ? five(b) : b;
  };
  const out: ModelRequest = {
    ...request,
    ...(request.tools ? { tools: request.tools.map(five) } : {}),
    ...(Array.isArray(request.system) ? { system: request.system.map(five) } : {}),
    messages: request.messages.map((m) => (typeof m.content === 'string' ? m : { ...m, content: m.content.map(block) })),
  };
  return { request: changed ? out : request, changed };
}

/** Apply the model's rules; throws a SwitchboardError (invalid_request) for what cannot be sent. */
export function fitRequest(request: ModelRequest, target: FitTarget): FittedRequest {
  // On the Anthropic API every model is a Claude, whatever its name says.
  const rules = requestRulesFor(target.modelId, target.family ?? (target.provider === 'anthropic' ? 'anthropic' : undefined));
  const notes: string[] = [];
  let req = request;
  let maxTokens = request.maxTokens ?? target.defaultMaxTokens;
  const budget = request.thinkingBudget && request.thinkingBudget > 0 ? request.thinkingBudget : undefined;
  if (!rules) return { request: req, maxTokens, notes, ...(budget ? { thinking: { type: 'enabled', budgetTokens: budget } } : {}) };
  const who = rules.displayName;

  if (rules.maxOutputTokens !== undefined && maxTokens > rules.maxOutputTokens) {
    notes.push(`max_tokens ${maxTokens} lowered to ${rules.maxOutputTokens}, the output limit of ${who}`);
    maxTokens = rules.maxOutputTokens;
  }
  if (!rules.images && hasImage(req.messages)) {
    throw refuse(`${who} does not accept images, and this request has one.`, 'Remove the image, or choose a model with vision (Claude, Amazon Nova Pro / Lite).', target.provider);
  }

  let thinking = fitThinking(rules, budget, target, notes);
  if (thinking?.type === 'enabled') {
    // No max_tokens asked for: room for the budget plus a default answer.
    const wanted = request.maxTokens === undefined ? Math.min(thinking.budgetTokens + target.defaultMaxTokens, rules.maxOutputTokens ?? Infinity) : maxTokens;
    const fitted = fitBudget(thinking.budgetTokens, wanted, rules, target.provider);
    if (fitted !== maxTokens) notes.push(`max_tokens raised from ${maxTokens} to ${fitted}: the thinking budget (${thinking.budgetTokens}) counts toward max_tokens, which must be greater`);
    maxTokens = fitted;
  }
  if (thinking && activeToolLoopTurn(req.messages) >= 0 && !startsWithReplayableThinking(req.messages[activeToolLoopTurn(req.messages)]!, target.provider, rules.family)) {
    notes.push('extended thinking off for this request: the tool-loop turn being continued has no signed thinking block to start with, which the service requires when thinking is on');
    thinking = undefined;
  }
  req = fitToolChoice(req, rules, target.provider, notes);
  if (thinking && (req.toolChoice === 'any' || typeof req.toolChoice === 'object')) {
    notes.push('extended thinking off for this request: the service does not allow thinking while tool_choice forces a tool');
    thinking = undefined;
  }
  req = fitSampling(req, rules, thinking !== undefined, notes);
  if (target.provider === 'bedrock') req = fitBedrock(req, rules, notes);
  return { request: req, maxTokens, notes, ...(thinking ? { thinking } : {}) };
}

function fitThinking(rules: ModelRequestRules, budget: number | undefined, target: FitTarget, notes: string[]): FittedThinking | undefined {
  if (budget === undefined) return undefined;
  if (rules.thinking === 'none') {
    notes.push(`thinking budget ignored: ${rules.displayName} has no extended thinking`);
    return undefined;
  }
  if (rules.thinking === 'adaptive-only') {
    notes.push(`thinking budget ${budget} sent as adaptive thinking: ${rules.displayName} takes no fixed budget (max_tokens caps thinking and answer together)`);
    return { type: 'adaptive' };
  }
  if (budget < MIN_THINKING_BUDGET) {
    throw refuse(`Thinking budget (thinking.budget_tokens) ${budget} is below the minimum of ${MIN_THINKING_BUDGET} tokens the API accepts.`, `Set the thinking budget to 0 (off) or to at least ${MIN_THINKING_BUDGET}.`, target.provider);
  }
  return { type: 'enabled', budgetTokens: budget };
}

/**
 * `max_tokens` must exceed the budget. When it does not (Claude Code's MAX_THINKING_TOKENS=31999
 * with 8192 output tokens), we raise it to budget + the requested output, within the model's
 * limit: the request then means what the user asked for — that much thinking, that much answer.
 * When even the limit leaves no room above the budget, we refuse: no max_tokens can work.
 */
function fitBudget(budget: number, maxTokens: number, rules: ModelRequestRules, provider: ProviderId): number {
  if (budget < maxTokens) return maxTokens;
  const limit = rules.maxOutputTokens;
  const wanted = budget + maxTokens;
  const raised = limit === undefined ? wanted : Math.min(wanted, limit);
  if (raised <= budget) {
    throw refuse(
      `Thinking budget ${budget} leaves no room for an answer: ${rules.displayName} writes at most ${limit} tokens, thinking included, and max_tokens must be greater than the budget.`,
      `Lower the thinking budget below ${limit} (e.g. ${Math.floor((limit ?? 0) / 2)}), or turn thinking off.`,
      provider,
    );
  }
  return raised;
}

function fitSampling(req: ModelRequest, rules: ModelRequestRules, thinking: boolean, notes: string[]): ModelRequest {
  let out = req;
  const drop = (key: 'temperature' | 'topP', why: string): void => {
    if (out[key] === undefined) return;
    const { [key]: value, ...rest } = out;
    out = rest as ModelRequest;
    notes.push(`${key === 'topP' ? 'top_p' : 'temperature'} ${String(value)} not sent: ${why}`);
  };
  const topK = req.bedrock?.additionalModelRequestFields?.top_k;
  const dropTopK = (why: string): void => {
    if (topK === undefined) return;
    out = withoutExtraField(out, 'top_k');
    notes.push(`top_k ${String(topK)} not sent: ${why}`);
  };
  if (rules.sampling === 'none') {
    const why = `${rules.displayName} rejects sampling parameters`;
    drop('temperature', why);
    drop('topP', why);
    dropTopK(why);
    return out;
  }
  if (thinking) {
    if (out.temperature !== undefined && out.temperature !== 1) drop('temperature', 'extended thinking only accepts temperature 1');
    if (out.topP !== undefined && (out.topP < 0.95 || out.topP > 1)) drop('topP', 'extended thinking only accepts top_p from 0.95 to 1');
    dropTopK('extended thinking does not accept top_k');
  }
  if (rules.sampling === 'temperature-or-top-p' && out.temperature !== undefined && out.topP !== undefined) {
    drop('topP', `${rules.displayName} takes temperature or top_p, not both (temperature kept)`);
  }
  return out;
}

/** A forced tool choice the model refuses (on either provider) goes out as the nearest one it takes. */
function fitToolChoice(req: ModelRequest, rules: ModelRequestRules, provider: ProviderId, notes: string[]): ModelRequest {
  const choice = req.toolChoice;
  const kind = typeof choice === 'object' ? 'tool' : choice;
  if ((kind !== 'any' && kind !== 'tool') || rules.toolChoice.includes(kind)) return req;
  const next = kind === 'tool' && rules.toolChoice.includes('any') ? 'any' : 'auto';
  const where = provider === 'bedrock' ? 'Bedrock' : 'the Anthropic API';
  notes.push(`tool choice "${kind}" sent as "${next}": ${rules.displayName} on ${where} accepts ${rules.toolChoice.join(', ')}`);
  return { ...req, toolChoice: next };
}

function fitBedrock(req: ModelRequest, rules: ModelRequestRules, notes: string[]): ModelRequest {
  let out = req;
  if (!rules.bedrockOneHourTtl) {
    const { request, changed } = downgradeOneHour(out);
    if (changed) notes.push(`${changed} cache point(s) sent with the 5-minute TTL: ${rules.displayName} on Bedrock has no 1-hour cache`);
    out = request;
  }
  return out;
}
