// Logical name / pinned ID → the ID sent to a provider, with the cross-region inference profile
// chosen for the region (SPEC §1 "Model mapping", §7).
import { SwitchboardError, isSwitchboardError } from '../errors';
import type { ProviderId } from '../types';
import type { CatalogModel, ModelCapabilities, ModelFamily, ModelMapping, ModelMappingEntry } from './catalog';
import { catalogById, catalogByName, catalogLogicalNames, normalizeLogicalName } from './catalog';
import { closestName } from './closestName';
import type { ParsedModelId } from './modelIds';
import { familyOfBaseId, parseModelId } from './modelIds';
import type { PinnedProfile, ProfileRule } from './profileChoice';
import { candidateModelIds, chooseProfilePrefix } from './profileChoice';
import type { ProfilePrefix } from './regions';
import { PROFILE_PREFIXES, geoPrefixForRegion } from './regions';

export { geoPrefixForRegion, isKnownRegion } from './regions';
export type { PinnedProfile, ProfileChoice, ProfileRule } from './profileChoice';
export { candidateModelIds, chooseProfilePrefix, fallbackModelIdFor } from './profileChoice';

export interface ResolveModelInput {
  provider: ProviderId;
  model: string;
  region?: string;
  mapping?: ModelMapping;
  /** Use the `global.` profile when the model has one (cheapest on Bedrock, any-region routing). */
  preferGlobal?: boolean;
  /** `model_provider.bedrock.inference_profile`: a prefix (`eu`, `global`, `none`) or a profile ID / ARN. */
  inferenceProfile?: string | null;
}

export interface ResolvedModel {
  provider: ProviderId;
  /** What the caller asked for. */
  input: string;
  /** The logical name, when the input is one or maps to a catalog model. */
  logical?: string;
  /** The ID to send. */
  modelId: string;
  /** Base model ID on this provider (Bedrock foundation-model ID / Anthropic ID); the ARN itself when opaque. */
  baseModelId: string;
  family: ModelFamily;
  /** true when the input (or the user's mapping) pinned the ID and it is sent unchanged. */
  explicit: boolean;
  profilePrefix?: ProfilePrefix;
  displayName?: string;
  capabilities?: ModelCapabilities;
  context1mBeta?: string;
  /** Why the profile differs from what was asked for (e.g. pinned prefix not offered, no geo profile for the model). */
  note?: string;
  // rule / reason / fallbackIds: always set by resolveModel (optional so hand-built test doubles stay valid).
  /** The rule that chose the ID (see `ProfileRule`). */
  rule?: ProfileRule;
  /** The rule in words, for logs, `switchboard models` and Verify Model Mapping. */
  reason?: string;
  /**
   * The IDs to try, in order, if Bedrock answers that `modelId` is invalid or not offered (the
   * next profile for this model in the region, then the base ID where it answers on demand).
   * The provider falls back once, to the first.
   */
  fallbackIds?: readonly string[];
}

interface Ctx {
  provider: ProviderId;
  input: string;
  region?: string;
  mapping: ModelMapping;
  preferGlobal: boolean;
  pinned: PinnedProfile;
}


export function resolveModel(input: ResolveModelInput): ResolvedModel {
  const model = input.model.trim();
  const ctx: Ctx = {
    provider: input.provider,
    input: model,
    region: input.region,
    mapping: input.mapping ?? {},
    preferGlobal: input.preferGlobal ?? false,
    pinned: parsePinnedProfile(input.inferenceProfile),
  };
  if (!model) throw modelNotFound(ctx, 'No model given.');
  return resolveName(model, ctx, 0) ?? resolveId(model, ctx);
}

/** All logical names: catalog short names, versioned names, then the user's own. */
export function knownLogicalNames(mapping?: ModelMapping): string[] {
  return [...new Set([...catalogLogicalNames(), ...Object.keys(mapping ?? {})])];
}

/** The logical model to try when `logical` is unavailable (user mapping first, then catalog). */
export function fallbackModelFor(logical: string, mapping?: ModelMapping): string | undefined {
  const user = findMapping(logical, mapping ?? {});
  if (user?.entry.fallback) return user.entry.fallback;
  return catalogByName(normalizeLogicalName(logical))?.fallback;
}

/**
 * The inference profile to retry with after Bedrock refused a base ID for on-demand use.
 * Unknown Anthropic / Meta / Nova base IDs get the region's geo prefix (jp./au. → apac., which
 * older models use); anything else → undefined.
 */
export function profileIdForBaseModel(baseModelId: string, region: string): string | undefined {
  const parsed = parseModelId(baseModelId);
  if (parsed.kind !== 'bedrock-base') return undefined;
  const entry = catalogById(baseModelId);
  if (entry) {
    const { prefix } = chooseProfilePrefix(entry, region, false, { kind: 'none' });
    return prefix ? `${prefix}.${baseModelId}` : undefined;
  }
  if (!/^(anthropic\.|meta\.|amazon\.nova)/.test(baseModelId)) return undefined;
  const geo = geoPrefixForRegion(region);
  if (!geo) return undefined;
  return `${geo === 'jp' || geo === 'au' ? 'apac' : geo}.${baseModelId}`;
}

function resolveName(name: string, ctx: Ctx, depth: number): ResolvedModel | undefined {
  const user = findMapping(name, ctx.mapping);
  const exactCatalog = catalogByName(name);
  // A provider ID that happens to be a catalog ID is handled as an ID (used as given).
  if (!user && !exactCatalog && parseModelId(name).kind !== 'unknown') return undefined;
  const entry = exactCatalog ?? catalogByName(normalizeLogicalName(name));
  if (!user && !entry) return undefined;
  const logical = user?.key ?? (exactCatalog ? name : normalizeLogicalName(name));
  const target = user?.entry[ctx.provider];
  if (target) return resolveMappedTarget(logical, target, user.entry, entry, ctx, depth);
  if (entry) return fromCatalog(entry, ctx, logical);
  // A user-only name without an ID for this provider: translate through its other-provider ID.
  const other = user?.entry[ctx.provider === 'anthropic' ? 'bedrock' : 'anthropic'];
  const otherEntry = modelBehind(other);
  if (otherEntry) return fromCatalog(otherEntry, ctx, logical);
  throw modelNotFound(ctx, `model_mapping.${logical} has no ${ctx.provider} model ID.`, `Add model_mapping.${logical}.${ctx.provider} to your configuration.`);
}

function resolveMappedTarget(logical: string, target: string, user: ModelMappingEntry, entry: CatalogModel | undefined, ctx: Ctx, depth: number): ResolvedModel {
  const parsed = parseModelId(target);
  if (parsed.kind === 'unknown') {
    // The mapping may point at another logical name (`fast: {bedrock: haiku}`).
    if (depth < 4 && normalizeLogicalName(target) !== normalizeLogicalName(logical)) {
      const r = resolveName(target, ctx, depth + 1);
      if (r) return { ...r, logical };
    }
    throw modelNotFound(ctx, `model_mapping.${logical}.${ctx.provider} = "${target}" is neither a known model name nor a model ID.`);
  }
  const wrongProvider = ctx.provider === 'anthropic' ? parsed.kind !== 'anthropic' : parsed.kind === 'anthropic';
  if (wrongProvider) {
    throw modelNotFound(ctx, `model_mapping.${logical}.${ctx.provider} = "${target}" is not a ${ctx.provider} model ID.`);
  }
  const known = catalogById(target);
  if (ctx.provider === 'bedrock' && parsed.kind === 'bedrock-base' && known && known.bedrockProfiles.length > 0) {
    return fromCatalog(known, ctx, logical);
  }
  return asGiven(target, parsed, ctx, modelBehind(user.baseModel) ?? known ?? modelBehind(user.anthropic) ?? entry, logical);
}

function resolveId(id: string, ctx: Ctx): ResolvedModel {
  const parsed = parseModelId(id);
  if (parsed.kind === 'unknown') throw modelNotFound(ctx, `Unknown model "${id}".`);
  const userBehind = Object.values(ctx.mapping).find((e) => e.bedrock === id || e.anthropic === id);
  const entry = (parsed.kind === 'anthropic' ? catalogById(id) : parsed.baseModelId ? catalogById(parsed.baseModelId) : undefined) ??
    modelBehind(userBehind?.baseModel) ?? modelBehind(userBehind?.anthropic) ?? modelBehind(userBehind?.bedrock);
  const sameProvider = ctx.provider === 'anthropic' ? parsed.kind === 'anthropic' : parsed.kind !== 'anthropic';
  if (sameProvider) return asGiven(id, parsed, ctx, entry, entry?.name);
  // The other provider's ID: translate to this provider's equivalent (failover keeps the model).
  if (entry && (ctx.provider === 'anthropic' ? entry.anthropicId : entry.bedrockId)) return fromCatalog(entry, ctx, entry.name);
  throw modelNotFound(ctx, `"${id}" is a ${ctx.provider === 'anthropic' ? 'Bedrock' : 'Anthropic API'} model ID with no known ${ctx.provider} equivalent.`,
    `Use a ${ctx.provider} model ID, or add a model_mapping entry with both IDs.`);
}

function fromCatalog(entry: CatalogModel, ctx: Ctx, logical: string): ResolvedModel {
  const info = { logical, family: entry.family, displayName: entry.displayName, capabilities: entry.capabilities, ...(entry.context1mBeta ? { context1mBeta: entry.context1mBeta } : {}) };
  if (ctx.provider === 'anthropic') {
    if (entry.anthropicId && !entry.providers.includes('anthropic') && entry.lifecycle.status === 'retired') {
      throw modelNotFound(ctx, `${entry.displayName} ("${logical}") was retired on the Anthropic API${entry.lifecycle.retires ? ` on ${entry.lifecycle.retires}` : ''}; Amazon Bedrock still serves it.`,
        'Switch the provider to bedrock, or choose a current Claude model (opus, sonnet, haiku).', { availableOn: ['bedrock'] });
    }
    if (!entry.anthropicId || !entry.providers.includes('anthropic')) {
      throw modelNotFound(ctx, `${entry.displayName} ("${logical}") is only available on Amazon Bedrock.`, 'Switch the provider to bedrock, or choose a Claude model (opus, sonnet, haiku).', { availableOn: ['bedrock'] });
    }
    return { provider: 'anthropic', input: ctx.input, ...info, modelId: entry.anthropicId, baseModelId: entry.anthropicId, explicit: false, rule: 'anthropic', reason: `Anthropic API ID of ${entry.displayName}`, fallbackIds: [] };
  }
  const base = entry.bedrockId;
  if (!base) throw modelNotFound(ctx, `${entry.displayName} ("${logical}") has no Bedrock model ID.`, `Add model_mapping.${logical}.bedrock to your configuration.`);
  const pinned = ctx.pinned;
  if (pinned.kind === 'id') {
    const pinnedBase = pinned.parsed.kind === 'bedrock-profile' || pinned.parsed.kind === 'bedrock-arn' || pinned.parsed.kind === 'bedrock-base' ? pinned.parsed.baseModelId : undefined;
    // A pinned profile for this very model, or an opaque ARN (the user vouches for what is behind it).
    if (pinnedBase === base || (pinned.parsed.kind === 'bedrock-arn' && !pinnedBase)) {
      return { provider: 'bedrock', input: ctx.input, ...info, modelId: pinned.id, baseModelId: base, explicit: true, ...prefixOf(pinned.parsed), rule: 'pinned-id', reason: 'inference_profile names this profile ID / ARN', fallbackIds: [] };
    }
  }
  const { prefix, note, rule, reason } = chooseProfilePrefix(entry, ctx.region, ctx.preferGlobal, pinned.kind === 'id' ? { kind: 'none' } : pinned);
  const modelId = prefix ? `${prefix}.${base}` : base;
  const fallbackIds = rule === 'in-region' ? [] : candidateModelIds(entry, ctx.region).filter((id) => id !== modelId);
  return {
    provider: 'bedrock', input: ctx.input, ...info, modelId, baseModelId: base, explicit: false,
    ...(prefix ? { profilePrefix: prefix } : {}), ...(note ? { note } : {}), rule, reason, fallbackIds,
  };
}

function asGiven(id: string, parsed: ParsedModelId, ctx: Ctx, entry: CatalogModel | undefined, logical: string | undefined): ResolvedModel {
  const ownBase = parsed.kind === 'anthropic' ? id : parsed.kind === 'unknown' ? undefined : parsed.baseModelId;
  const entryBase = ctx.provider === 'anthropic' ? entry?.anthropicId : entry?.bedrockId;
  const baseModelId = ownBase ?? entryBase ?? id;
  const family = entry?.family ?? (ownBase ? familyOfBaseId(ownBase) : 'other');
  return {
    provider: ctx.provider, input: ctx.input, modelId: id, baseModelId, family, explicit: true, rule: 'as-given', reason: 'an explicit model ID, sent as given', fallbackIds: [],
    ...(logical ? { logical } : {}), ...prefixOf(parsed),
    ...(entry ? { displayName: entry.displayName, capabilities: entry.capabilities, ...(entry.context1mBeta ? { context1mBeta: entry.context1mBeta } : {}) } : {}),
  };
}

function prefixOf(parsed: ParsedModelId): { profilePrefix?: ProfilePrefix } {
  return (parsed.kind === 'bedrock-profile' || parsed.kind === 'bedrock-arn') && parsed.prefix ? { profilePrefix: parsed.prefix } : {};
}

/** The catalog model a name or ID refers to (for mapping `base_model` and sibling IDs). */
function modelBehind(nameOrId: string | undefined): CatalogModel | undefined {
  if (!nameOrId) return undefined;
  const byName = catalogByName(normalizeLogicalName(nameOrId));
  if (byName) return byName;
  const parsed = parseModelId(nameOrId);
  if (parsed.kind === 'anthropic') return catalogById(nameOrId);
  if (parsed.kind !== 'unknown' && parsed.baseModelId) return catalogById(parsed.baseModelId);
  return undefined;
}

function findMapping(name: string, mapping: ModelMapping): { key: string; entry: ModelMappingEntry } | undefined {
  const exact = mapping[name];
  if (exact) return { key: name, entry: exact };
  const wanted = normalizeLogicalName(name);
  const key = Object.keys(mapping).find((k) => normalizeLogicalName(k) === wanted);
  const entry = key === undefined ? undefined : mapping[key];
  return key !== undefined && entry ? { key, entry } : undefined;
}

function parsePinnedProfile(value: string | null | undefined): PinnedProfile {
  const v = value?.trim();
  if (!v) return { kind: 'none' };
  const word = v.toLowerCase().replace(/\.$/, '');
  if (word === 'none' || word === 'in-region' || word === 'base') return { kind: 'in-region' };
  // `ug` was the old, wrong spelling of GovCloud's prefix (SPEC §7 before the fix): read it as `us-gov`.
  if (word === 'ug') return { kind: 'prefix', prefix: 'us-gov' };
  if ((PROFILE_PREFIXES as readonly string[]).includes(word)) return { kind: 'prefix', prefix: word as ProfilePrefix };
  return { kind: 'id', id: v, parsed: parseModelId(v) };
}

/** Why a name does not resolve, in one sentence (without the list of known names the full message adds). */
export function resolutionProblem(e: unknown): string {
  const problem = isSwitchboardError(e) ? e.details?.problem : undefined;
  return typeof problem === 'string' ? problem : (e as Error).message;
}

/** `availableOn`: the providers that do serve the model (fix actions offer switching to one). */
function modelNotFound(ctx: Ctx, message: string, hint?: string, extra: { availableOn?: string[] } = {}): SwitchboardError {
  const names = knownLogicalNames(ctx.mapping);
  const near = closestName(ctx.input, names);
  const suggestion = near && near !== ctx.input ? near : undefined;
  const full = `${message} Known models: ${names.join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`;
  return new SwitchboardError({
    type: 'model_not_found',
    provider: ctx.provider,
    message: full,
    hint: hint ?? 'Use a logical name, a provider model ID (claude-… / anthropic.…), an inference-profile ID or ARN, or add the name under model_mapping.',
    // `problem`: the sentence without the list of known names, for one-line surfaces (status bar, picker).
    details: { problem: message, knownModels: names, ...(suggestion ? { suggestion } : {}), ...extra },
  });
}
