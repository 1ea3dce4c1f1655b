// Which inference profile a catalog model gets in a region, and what to try after Bedrock
// refuses an ID: the region's geo profile if the model has one, else `global.` if it has one,
// else the base ID (SPEC §7). Pure data in, IDs out.
import type { CatalogModel } from './catalog';
import { catalogById } from './catalog';
import type { ParsedModelId } from './modelIds';
import { parseModelId } from './modelIds';
import type { ProfilePrefix } from './regions';
import { geoPrefixForRegion, partitionOf } from './regions';

/**
 * How the ID was chosen. Bedrock catalog models: `geo` (the region's geo profile), `apac-for-jp-au`
 * (jp./au. region, model only has apac.), `global-no-geo` (no geo profile for the model here, so
 * `global.`), `base-id` (no profile reachable: the base ID, in-region), `prefer-global`,
 * `pinned-prefix` / `in-region` (model_provider.bedrock.inference_profile), `pinned-id` (a profile
 * ID or ARN given there). `as-given`: the input / mapping named an explicit ID. `anthropic`: the
 * Anthropic API ID of a catalog model.
 */
export type ProfileRule = 'geo' | 'apac-for-jp-au' | 'global-no-geo' | 'base-id' | 'prefer-global' | 'pinned-prefix' | 'in-region' | 'pinned-id' | 'as-given' | 'anthropic';

export interface ProfileChoice {
  prefix?: ProfilePrefix;
  note?: string;
  rule: ProfileRule;
  reason: string;
}

export type PinnedProfile = { kind: 'none' } | { kind: 'in-region' } | { kind: 'prefix'; prefix: ProfilePrefix } | { kind: 'id'; id: string; parsed: ParsedModelId };

/**
 * Which profile prefix a catalog model gets in a region: a pinned prefix when offered; else
 * `global.` when preferred; else the region's geo profile when the model has one (jp./au. →
 * apac. when it has only that); else `global.` when it has one; else in-region (the base ID).
 * GovCloud and China never get `global.` (those profiles live in the commercial partition).
 */
export function chooseProfilePrefix(entry: CatalogModel, region: string | undefined, preferGlobal: boolean, pinned: PinnedProfile): ProfileChoice {
  const offered = new Set(entry.bedrockProfiles);
  const partitionHasGlobal = !region || partitionOf(region) === 'aws';
  const canGlobal = offered.has('global') && partitionHasGlobal;
  const where = region ?? 'no region';
  let note: string | undefined;
  if (pinned.kind === 'in-region') return { rule: 'in-region', reason: 'inference_profile is "none": the base ID, in-region' };
  if (pinned.kind === 'prefix') {
    if (offered.has(pinned.prefix) && (pinned.prefix !== 'global' || partitionHasGlobal)) {
      return { prefix: pinned.prefix, rule: 'pinned-prefix', reason: `inference_profile pins "${pinned.prefix}."` };
    }
    note = `inference profile "${pinned.prefix}." is not offered for ${entry.displayName}${pinned.prefix === 'global' ? ` in ${where}` : ''}; chose automatically`;
  }
  const withNote = (c: ProfileChoice): ProfileChoice => (note ? { ...c, note: c.note ? `${note}; ${c.note}` : note } : c);
  if (preferGlobal && canGlobal) return withNote({ prefix: 'global', rule: 'prefer-global', reason: 'prefer global. (cheapest on Bedrock)' });
  const geo = region ? geoPrefixForRegion(region) : undefined;
  if (geo && offered.has(geo)) return withNote({ prefix: geo, rule: 'geo', reason: `${where} is in the ${geo}. geography and ${entry.displayName} has a ${geo}. profile` });
  if ((geo === 'jp' || geo === 'au') && offered.has('apac')) {
    return withNote({ prefix: 'apac', rule: 'apac-for-jp-au', reason: `${entry.displayName} has no ${geo}. profile; ${where} also serves apac.`, note: `no ${geo}. profile for ${entry.displayName}; using apac.` });
  }
  const missing = geo ? `${entry.displayName} has no ${geo}. profile` : `${where} has no geo profile`;
  if (region && canGlobal) return withNote({ prefix: 'global', rule: 'global-no-geo', reason: `${missing}; using global.`, note: `${missing}; using global.` });
  const noGlobal = offered.has('global') ? `global. is not offered in ${where}` : `${entry.displayName} has no global. profile`;
  return withNote({ rule: 'base-id', reason: `${missing} and ${noGlobal}: the base ID, in-region`, ...(region && geo ? { note: `${missing} and ${noGlobal}; using the base ID` } : {}) });
}

/**
 * The IDs to try after `chosen` for a catalog model in a region, in order: the region's other
 * reachable profiles (geo, apac. for jp./au., global.), then the base ID when it answers on demand.
 */
export function candidateModelIds(entry: CatalogModel, region: string | undefined): string[] {
  const base = entry.bedrockId;
  if (!base) return [];
  const offered = new Set(entry.bedrockProfiles);
  const geo = region ? geoPrefixForRegion(region) : undefined;
  const prefixes: ProfilePrefix[] = [];
  if (geo && offered.has(geo)) prefixes.push(geo);
  if ((geo === 'jp' || geo === 'au') && offered.has('apac')) prefixes.push('apac');
  if (offered.has('global') && (!region || partitionOf(region) === 'aws')) prefixes.push('global');
  const ids = prefixes.map((p) => `${p}.${base}`);
  if (!entry.profileRequired || ids.length === 0) ids.push(base);
  return ids;
}

/**
 * The one ID to fall back to after Bedrock answered that `modelId` is invalid or not offered in
 * `region` (the on-demand self-heal's sibling): the next candidate after it, or undefined.
 */
export function fallbackModelIdFor(modelId: string, region: string): string | undefined {
  const parsed = parseModelId(modelId);
  if (parsed.kind !== 'bedrock-profile' && parsed.kind !== 'bedrock-base') return undefined;
  const entry = catalogById(parsed.baseModelId);
  if (!entry) return undefined;
  // A base ID that needs a profile would only fail again ("on-demand throughput isn't supported").
  const ids = candidateModelIds(entry, region).filter((id) => !(entry.profileRequired && id === entry.bedrockId));
  const at = ids.indexOf(modelId);
  return at >= 0 ? ids[at + 1] : ids.find((id) => id !== modelId);
}
