// The models a surface offers, from the engine's resolved view (what a request is sent as) plus
// the catalog's facts (which generation a model is, which providers serve it):
// - the chat's model picker and "Pick Another Model": only what the provider answering now can
//   serve, one entry per model (opus and opus-4.7 are one model: one entry with its alias), the
//   current generation first, then older versions, other Bedrock families and the user's mapping;
// - Verify Model Mapping: every model with its ID per provider, the rule that chose it, limits and
//   prices (src/core/models/describe, the facts `switchboard models --json` prints).
// No vscode, no DOM.
import { catalogModelFor } from '../core/models/catalog';
import type { CatalogModel } from '../core/models/catalog';
import type { ModelDescription, ModelsDescription, ProviderIdDescription } from '../core/models/describe';
import type { PricingKind, TokenRates } from '../core/usage/prices';
import type { ModelGroup, ModelOption } from '../shared/chatTypes';
import { PROVIDER_IDS, PROVIDER_LABELS } from '../shared/providers';
import type { ProviderId } from '../shared/providers';
import { activeProvider, modelIdOf } from './engineViews';
import type { EngineView } from './engineViews';

const GROUP_ORDER: readonly ModelGroup[] = ['current', 'older', 'other', 'custom'];

function groupOf(entry: CatalogModel | undefined): ModelGroup {
  if (!entry) return 'custom';
  if (entry.family !== 'anthropic') return 'other';
  // Anthropic's own lifecycle (catalog): current models first; legacy and deprecated ones are older versions.
  return entry.lifecycle?.status === 'current' ? 'current' : 'older';
}

/** `$3`, `$0.80`, `$1.25`: a price per million tokens as people read it. */
export function usd(perMTok: number): string {
  return Number.isInteger(perMTok) ? `$${perMTok}` : `$${perMTok.toFixed(2)}`;
}

interface Candidate { names: string[]; entry: CatalogModel | undefined; modelId?: string; price?: { input: number; output: number } | null }

/**
 * The chat's model picker (and Pick Another Model): who answers each model now (the fallback while
 * failed over). Names the answering provider cannot serve are left out (Nova on the Anthropic API
 * can only fail) — except `selected` and the default model, which stay with a plain `problem` so the
 * picker can show what is selected and why it will not work.
 */
export function chatModelOptions(view: EngineView, selected?: string): ModelOption[] {
  const provider = activeProvider(view);
  const keep = new Set([view.resolved.model, ...(selected ? [selected] : [])]);
  const names = [...new Set([...Object.keys(view.resolved.models), ...keep])];
  // Names that resolve to the same ID on this provider are the same model: one entry.
  const byKey = new Map<string, Candidate>();
  for (const name of names) {
    const id = modelIdOf(view, provider, name);
    if (!id.modelId && !keep.has(name)) continue;
    const key = id.modelId ?? `unresolved:${name}`;
    const found = byKey.get(key);
    if (found) {
      found.names.push(name);
      continue;
    }
    const price = view.resolved.models[name]?.[provider]?.priceUsdPerMTok;
    byKey.set(key, { names: [name], entry: catalogModelFor(name), ...(id.modelId ? { modelId: id.modelId } : {}), ...(price !== undefined ? { price } : {}) });
  }
  const options = [...byKey.values()].map((c) => optionOf(c, provider, view, selected));
  return GROUP_ORDER.flatMap((g) => options.filter((o) => o.group === g));
}

function optionOf(c: Candidate, provider: ProviderId, view: EngineView, selected: string | undefined): ModelOption {
  // The entry's value: what is selected or configured, else the short name (tracks the newest), else the versioned one.
  const name = c.names.find((n) => n === selected) ?? c.names.find((n) => n === view.resolved.model)
    ?? c.names.find((n) => c.entry?.aliases.includes(n)) ?? c.names.find((n) => n === c.entry?.name) ?? c.names[0]!;
  const aliases = c.names.filter((n) => n !== name);
  const label = c.entry ? `${name} — ${c.entry.displayName.replace(/^Claude /, '')}` : name;
  const parts = [c.modelId, ...(aliases.length ? [`also ${aliases.join(', ')}`] : []), ...(c.price ? [`${usd(c.price.input)} / ${usd(c.price.output)} per MTok`] : [])];
  return {
    name,
    provider,
    ...(c.modelId ? { modelId: c.modelId } : { problem: problemOf(c, provider) }),
    label,
    detail: c.modelId ? parts.filter(Boolean).join(' · ') : problemOf(c, provider),
    group: groupOf(c.entry),
    ...(aliases.length ? { aliases } : {}),
  };
}

/** Why a kept name cannot be used on `provider`, in words (never an error code). */
function problemOf(c: Candidate, provider: ProviderId): string {
  const other = PROVIDER_IDS.find((p) => p !== provider)!;
  const what = c.entry?.displayName ?? c.names[0]!;
  // Short: it sits under the picker, which names the model.
  if (c.entry && !c.entry.providers.includes(provider)) return `${PROVIDER_LABELS[other]} only — switch to ${PROVIDER_LABELS[other]} or pick another model`;
  return `${PROVIDER_LABELS[provider]} has no ID for ${what}: add one under Model Mapping or pick another model`;
}

/** One Verify Model Mapping row: a model (with every name for it), its ID per provider and the facts. */
export interface MappingRow {
  /** The name people type (`opus`); `names` lists the others for the same model (`opus-4.7`). */
  name: string;
  names: string[];
  displayName?: string;
  /** The ID a request is sent as (the engine's resolution), or why none, per provider. */
  anthropic: string;
  bedrock: string;
  /** How the Bedrock ID was chosen for the region ("us-east-1 is in the us. geography …"). */
  rule?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  /** "$3 / $15 per MTok" on each provider (Bedrock: the price of the ID chosen in the region). */
  prices: Partial<Record<ProviderId, string>>;
  /** Bedrock-only (Nova, Llama, Mistral) or Anthropic-only: a fact, not a problem. */
  servedBy: readonly ProviderId[];
  /** false only when a provider that should serve the name does not resolve it (a broken mapping). */
  ok: boolean;
}

function idText(view: EngineView, provider: ProviderId, name: string, described: ProviderIdDescription | undefined): string {
  const id = modelIdOf(view, provider, name);
  if (id.modelId) return id.modelId;
  // Not offered there (Nova on the Anthropic API): a fact, said briefly; the reason is in the log.
  if (described && !described.available && !('problem' in described)) return `— (${PROVIDER_LABELS[PROVIDER_IDS.find((p) => p !== provider)!]}-only)`;
  return `⚠ ${described && !described.available ? described.reason : id.error ?? 'not resolved'}`;
}

// src/core/usage/prices `bedrockRates`: `bedrock-global` is the list price (a global. profile, or a
// model without a regional premium); geo / in-region IDs of the newest Claude models cost more.
const PRICING_WORDS: Record<PricingKind, string> = {
  list: 'list price',
  'bedrock-global': 'list price',
  'bedrock-regional': 'regional price',
  'bedrock-govcloud': 'GovCloud price',
  override: 'your price override',
};

function priceText(rates: TokenRates | undefined): string | undefined {
  return rates ? `${usd(rates.input)} / ${usd(rates.output)} per MTok` : undefined;
}

/**
 * Verify Model Mapping: one row per model. The IDs are the engine's resolution (what a request is
 * sent as); the rule, limits and prices come from `describeModels` for the same region and mapping,
 * so the built-in catalog reports no problem (Nova on Anthropic is a fact, not an error).
 */
export function mappingRows(view: EngineView, described: ModelsDescription): MappingRow[] {
  const facts = new Map<string, ModelDescription>(described.models.map((m) => [m.name, m]));
  const names = Object.keys(view.resolved.models);
  const rows = new Map<string, MappingRow>();
  for (const name of names) {
    const d = facts.get(name);
    const ids = PROVIDER_IDS.map((p) => idText(view, p, name, d?.ids[p]));
    // Names with the same IDs are one model (`opus`, `opus-4.7`); a problem is never merged away.
    const key = ids.some((t) => t.startsWith('⚠')) ? `name:${name}` : `${ids[0]}|${ids[1]}`;
    const same = rows.get(key);
    if (same) {
      same.names.push(name);
      // The short name reads best: `opus` over `opus-4.7`.
      if (catalogModelFor(name)?.aliases.includes(name)) same.name = name;
      continue;
    }
    const bedrockId = d?.ids.bedrock;
    const prices: MappingRow['prices'] = {};
    const a = priceText(d?.prices?.anthropic);
    const b = priceText(d?.prices?.bedrock);
    if (a) prices.anthropic = a;
    const pricing = d?.prices?.bedrock?.pricing;
    if (b) prices.bedrock = `${b}${pricing ? ` (${PRICING_WORDS[pricing]})` : ''}`;
    rows.set(key, {
      name,
      names: [name],
      ...(d?.displayName ? { displayName: d.displayName } : {}),
      anthropic: ids[0]!,
      bedrock: ids[1]!,
      ...(bedrockId?.available ? { rule: bedrockId.reason } : {}),
      ...(d?.contextWindow ? { contextWindow: d.contextWindow } : {}),
      ...(d?.maxOutputTokens ? { maxOutputTokens: d.maxOutputTokens } : {}),
      prices,
      servedBy: d?.providers ?? PROVIDER_IDS.filter((p) => view.resolved.models[name]?.[p]?.modelId),
      ok: d ? d.ok && PROVIDER_IDS.every((p) => !(d.providers.includes(p) && !modelIdOf(view, p, name).modelId)) : PROVIDER_IDS.every((p) => Boolean(modelIdOf(view, p, name).modelId)),
    });
  }
  return [...rows.values()].map((r) => ({ ...r, names: [r.name, ...r.names.filter((n) => n !== r.name)] }));
}

/** `200K`, `1M`: a token count as the picker shows it. */
export function tokens(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : `${Math.round(n / 1000)}K`;
}
