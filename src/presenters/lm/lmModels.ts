// What Switchboard offers VS Code's model picker and `vscode.lm.selectChatModels`: the logical
// models a request can be sent to right now, from the engine's resolved view (never a second
// resolution) and the catalog's limits. Pure.
import type { EngineState, ResolvedConfig, ResolvedModelView } from '../../core/engine/types';
import type { CatalogModel } from '../../core/models/catalog';
import { catalogByName, catalogModelFor } from '../../core/models/catalog';
import type { ProviderId } from '../../shared/providers';
import { PROVIDER_FULL_LABELS, PROVIDER_LABELS } from '../../shared/providers';
import type { LmModelInfo } from './lmShapes';

export const LM_NAME_SUFFIX = ' · Switchboard';

export interface LmModelsInput {
  resolved: ResolvedConfig;
  state: EngineState;
}

export interface LmModelsView {
  models: LmModelInfo[];
  /** Names left out, with why (for the log): no provider in the route serves them, or no known limits. */
  skipped: Array<{ name: string; reason: string }>;
  /** Providers in the route that cannot be used (e.g. no Anthropic key): what to tell the user. */
  unusable: Array<{ provider: ProviderId; reason: string }>;
}

export function lmModels(input: LmModelsInput): LmModelsView {
  const { resolved, state } = input;
  const route = [resolved.provider, ...(resolved.fallback ? [resolved.fallback] : [])];
  const unusable = route.flatMap((p) => {
    const reason = credentialsMissing(resolved, p);
    return reason ? [{ provider: p, reason }] : [];
  });
  const usableRoute = route.filter((p) => !unusable.some((u) => u.provider === p));
  const models: LmModelInfo[] = [];
  const skipped: LmModelsView['skipped'] = [];
  const seen = new Map<string, string>();
  const keyOf = (row: Record<ProviderId, ResolvedModelView>, serving: ProviderId[]): string => serving.map((p) => `${p}=${row[p]!.modelId}`).join('|');
  for (const name of orderedNames(resolved)) {
    const row = resolved.models[name]!;
    const serving = usableRoute.filter((p) => row[p]?.modelId);
    if (serving.length === 0) {
      if (!isAlias(name)) skipped.push({ name, reason: route.map((p) => `${PROVIDER_LABELS[p]}: ${row[p]?.modelId ? 'not usable' : (row[p]?.error ?? 'not offered')}`).join(', ') });
      continue;
    }
    // One entry per model actually sent: `sonnet` and `sonnet-4.6` resolve to the same IDs.
    const key = keyOf(row, serving);
    if (seen.has(key)) continue;
    const facts = catalogFor(name, serving.map((p) => row[p]!));
    if (!facts) {
      skipped.push({ name, reason: 'no known context window or output limit for its model' });
      continue;
    }
    seen.set(key, name);
    models.push(info(name, facts, serving, row, resolved, state));
  }
  // The configured default first (the entry sending the same IDs): VS Code and callers that take the first model get it.
  const defaultRow = resolved.models[resolved.model];
  const defaultName = defaultRow ? seen.get(keyOf(defaultRow, usableRoute.filter((p) => defaultRow[p]?.modelId))) : undefined;
  const first = models.findIndex((m) => m.id === (defaultName ?? resolved.model));
  if (first > 0) models.unshift(...models.splice(first, 1));
  return { models, skipped, unusable };
}

/** Versioned catalog names first, then the user's own mapping names, then aliases (`sonnet`) last. */
function orderedNames(resolved: ResolvedConfig): string[] {
  const names = Object.keys(resolved.models);
  const rank = (n: string): number => (catalogByName(n)?.name === n ? 0 : isAlias(n) ? 2 : 1);
  return [...names].sort((a, b) => rank(a) - rank(b));
}

function isAlias(name: string): boolean {
  const m = catalogByName(name);
  return m !== undefined && m.name !== name;
}

function catalogFor(name: string, views: ResolvedModelView[]): CatalogModel | undefined {
  // The model the IDs name (a mapping may point a catalog name elsewhere), else the name's.
  return views.map((v) => catalogModelFor(v.modelId!)).find((m) => m !== undefined) ?? catalogModelFor(name);
}

function credentialsMissing(resolved: ResolvedConfig, provider: ProviderId): string | undefined {
  // Bedrock's credentials come from the AWS chain, known only when a call is made.
  if (provider === 'anthropic' && !resolved.anthropic.apiKey.set) return 'no Anthropic API key (Switchboard: Set Anthropic API Key)';
  return undefined;
}

function where(p: ProviderId, resolved: ResolvedConfig): string {
  return p === 'bedrock' ? `${PROVIDER_LABELS.bedrock} ${resolved.bedrock.region.region}` : PROVIDER_LABELS[p];
}

function info(name: string, facts: CatalogModel, serving: ProviderId[], row: Record<ProviderId, ResolvedModelView>, resolved: ResolvedConfig, state: EngineState): LmModelInfo {
  const [primary, fallback] = serving as [ProviderId, ProviderId | undefined];
  const failover = state.failover && state.failover.from === primary && serving.includes(state.failover.to) ? state.failover : null;
  const answering = failover ? failover.to : primary;
  const userName = name === facts.name ? facts.displayName : `${name} (${facts.displayName})`;
  const detail = failover
    ? `${where(answering, resolved)} (failover from ${PROVIDER_LABELS[failover.from]})`
    : `${where(primary, resolved)}${fallback ? `, fails over to ${where(fallback, resolved)}` : ''}`;
  const lines = [
    `${facts.displayName} through Switchboard.`,
    ...serving.map((p, i) => `${i === 0 ? 'Sent to' : 'Fails over to'} ${PROVIDER_FULL_LABELS[p]}${p === 'bedrock' ? ` (${resolved.bedrock.region.region})` : ''} as ${row[p]!.modelId}.`),
    ...(failover ? [`Failed over to ${PROVIDER_FULL_LABELS[failover.to]} now: ${failover.reason}.`] : []),
    `Context ${facts.contextWindow.toLocaleString('en-US')} tokens, up to ${facts.maxOutputTokens.toLocaleString('en-US')} out.`,
    'Retries, failover, response cache, budget and the usage ledger apply.',
  ];
  return {
    id: name,
    name: `${userName}${LM_NAME_SUFFIX}`,
    family: facts.family === 'anthropic' ? `claude-${facts.name}` : facts.name,
    version: facts.anthropicId ?? facts.bedrockId ?? row[primary]!.modelId!,
    detail,
    tooltip: lines.join('\n'),
    maxInputTokens: facts.contextWindow - facts.maxOutputTokens,
    maxOutputTokens: facts.maxOutputTokens,
    capabilities: { toolCalling: facts.capabilities.tools, imageInput: facts.capabilities.images },
  };
}

/** A fingerprint of what the picker shows: fire the change event only when it moved. */
export function lmModelsFingerprint(models: readonly LmModelInfo[]): string {
  return JSON.stringify(models);
}
