import { createHash } from 'node:crypto';
import { catalogById } from '../models/catalog';
import type { ResolvedModel } from '../models/resolve';
import type { ChatMessage, ContentBlock, ModelRequest, SystemBlock } from '../types';

/**
 * The cache key: SHA-256 of the request reduced to what decides the answer, with the model as
 * it RESOLVES (see resolvedModelIdentity), never as typed: after a mapping change, or with a
 * per-provider mapping that names different models, the key differs and the cache misses. The
 * provider is left out only through the model identity: the same catalog model on either
 * provider is one answer. Prompt-cache breakpoints are left out (they change cost, not content).
 * Provider-specific options stay in: a guardrail changes answers.
 */
export function cacheKeyOf(request: ModelRequest, modelIdentity?: string): string {
  return createHash('sha256').update(stableJson(normalizeRequest(request, modelIdentity))).digest('hex');
}

/**
 * Which model answers, provider-independent only where the answer is: a catalog model (Claude
 * Sonnet 4.6 on Anthropic or any Bedrock profile) is `model:<catalog name>`; anything else (a
 * Nova ID, an opaque ARN without a base model) is `<provider>:<ID sent>`.
 */
export function resolvedModelIdentity(resolved: ResolvedModel): string {
  const entry = catalogById(resolved.baseModelId) ?? catalogById(resolved.modelId);
  return entry ? `model:${entry.name}` : `${resolved.provider}:${resolved.modelId}`;
}

export function normalizeRequest(request: ModelRequest, modelIdentity?: string): unknown {
  return {
    v: 2,
    model: modelIdentity ?? request.model,
    system: normalizeSystem(request.system),
    messages: request.messages.map(normalizeMessage),
    tools: (request.tools ?? []).map((t) => ({ name: t.name, description: t.description ?? '', inputSchema: t.inputSchema })),
    toolChoice: request.toolChoice ?? 'auto',
    maxTokens: request.maxTokens ?? null,
    temperature: request.temperature ?? null,
    topP: request.topP ?? null,
    stopSequences: request.stopSequences ?? [],
    thinkingBudget: request.thinkingBudget && request.thinkingBudget > 0 ? request.thinkingBudget : 0,
    bedrock: request.bedrock ?? null,
    anthropic: request.anthropic ?? null,
  };
}

function normalizeSystem(system: string | SystemBlock[] | undefined): string[] {
  if (system === undefined) return [];
  if (typeof system === 'string') return system === '' ? [] : [system];
  return system.map((b) => b.text);
}

function normalizeMessage(m: ChatMessage): unknown {
  const blocks: ContentBlock[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
  return { role: m.role, content: blocks.map(normalizeBlock) };
}

function normalizeBlock(b: ContentBlock): unknown {
  switch (b.type) {
    case 'text':
      return { type: 'text', text: b.text };
    case 'tool_result':
      return { type: 'tool_result', toolUseId: b.toolUseId, isError: b.isError ?? false, content: typeof b.content === 'string' ? [{ type: 'text', text: b.content }] : b.content.map(normalizeBlock) };
    default:
      return b;
  }
}

/** JSON with sorted object keys, so equal requests hash equally whatever their key order. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
