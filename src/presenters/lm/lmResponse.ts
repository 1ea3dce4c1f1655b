// The engine's events → the parts a LanguageModelChatProvider reports, as they arrive: text as
// it streams, a tool call when its input is complete. Pure.
import type { ClientEvent, RequestResult } from '../../core/engine/types';
import type { LmOutPart } from './lmShapes';

/** The parts one engine event becomes (most events: none). */
export function partsOf(event: ClientEvent): LmOutPart[] {
  switch (event.type) {
    case 'text_delta':
      return event.text ? [{ kind: 'text', value: event.text }] : [];
    case 'tool_use_stop':
      return [{ kind: 'toolCall', callId: event.id, name: event.name, input: toolInput(event.input) }];
    default:
      return [];
  }
}

/** vscode.LanguageModelToolCallPart wants an object; a model that sent nothing (or a scalar) gets one. */
function toolInput(input: unknown): object {
  if (input && typeof input === 'object' && !Array.isArray(input)) return input;
  return input === undefined || input === null || input === '' ? {} : { value: input };
}

/** One log line per answered request (who answered, failover, cost), never the content. */
export function describeResult(result: RequestResult, surface: string): string {
  const cost = result.costUsd === null ? 'cost unknown' : `$${result.costUsd.toFixed(6)}`;
  const via = result.failover ? ` (failover from ${result.failover.from}: ${result.failover.reason})` : '';
  const cached = result.cached ? ', response cache' : '';
  const u = result.usage;
  return `lm ${surface}: ${result.model} answered by ${result.provider} ${result.modelId}${via}${cached}; ${u.inputTokens} in / ${u.outputTokens} out, cache read ${u.cacheReadInputTokens} / write ${u.cacheWriteInputTokens}; ${cost}; ${result.latencyMs} ms`;
}

/** The ledger surface for a request: which extension asked (`requestInitiator`, passed by VS Code ≥ 1.139). */
export function surfaceOf(requestInitiator: unknown): string {
  if (typeof requestInitiator !== 'string' || !requestInitiator.trim()) return 'lm:unknown';
  const id = requestInitiator.trim();
  // A request the workbench itself makes comes as `core`; Copilot Chat's own requests carry its extension id.
  return id === 'core' ? 'lm:vscode-chat' : `lm:${id}`;
}

/** How a failure reaches the caller: vscode.LanguageModelError's code (NoPermissions / NotFound / Blocked) and our message. */
export interface LmFailure {
  code: 'NoPermissions' | 'NotFound' | 'Blocked' | undefined;
  message: string;
}

export function lmFailure(error: unknown): LmFailure {
  const e = error as Partial<{ type: string; message: string; hint: string; provider: string }> | undefined;
  const type = typeof e?.type === 'string' ? e.type : undefined;
  const base = (e?.message ?? String(error)).trim();
  const hint = e?.hint && !base.includes(e.hint) ? ` ${e.hint}` : '';
  const message = `Switchboard: ${base}${hint}`;
  switch (type) {
    case 'authentication':
    case 'permission':
      return { code: 'NoPermissions', message };
    case 'model_not_found':
    case 'inference_profile_required':
    case 'region':
      return { code: 'NotFound', message };
    case 'budget_exceeded':
      return { code: 'Blocked', message };
    default:
      return { code: undefined, message };
  }
}
