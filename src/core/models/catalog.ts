// The model catalog as data (SPEC §7, Nov 2026). Prices live in src/core/usage/prices.ts,
// keyed by the catalog `name`. Users extend / override this through `model_mapping`.
import type { ProfilePrefix } from './regions';

export type ModelFamily = 'anthropic' | 'nova' | 'llama' | 'mistral' | 'other';

/** User mapping (`model_provider.model_mapping`): logical name → per-provider ID. */
export type ModelMapping = Record<string, ModelMappingEntry>;
export interface ModelMappingEntry {
  anthropic?: string;
  bedrock?: string;
  /** Logical name to try when this one is unavailable. */
  fallback?: string;
  /**
   * The model behind an opaque Bedrock ID (an application-inference-profile ARN): a catalog
   * name or a base / Anthropic ID, so caching and cost still know the model.
   */
  baseModel?: string;
}

export interface ModelCapabilities {
  promptCache: boolean;
  thinking: boolean;
  tools: boolean;
  images: boolean;
}

export interface CatalogModel {
  /** Canonical logical name, always versioned: `sonnet-4.6`. */
  name: string;
  /** Other logical names for the same model: the newest of a tier owns `sonnet` etc. */
  aliases: readonly string[];
  displayName: string;
  family: ModelFamily;
  anthropicId?: string;
  /** Undated Anthropic aliases that name the same model. */
  anthropicAliases?: readonly string[];
  bedrockId?: string;
  /** Prefixes of the system-defined inference profiles that contain this model. */
  bedrockProfiles: readonly ProfilePrefix[];
  /** true when Bedrock rejects the base ID for on-demand use ("…isn't supported"). */
  profileRequired: boolean;
  fallback?: string;
  /** `anthropic-beta` value that unlocks a 1M-token context window. */
  context1mBeta?: string;
  capabilities: ModelCapabilities;
}

const CLAUDE: ModelCapabilities = { promptCache: true, thinking: true, tools: true, images: true };
const CONTEXT_1M = 'context-1m-2025-08-07';

// Profile availability is our best knowledge, kept as data so it can be corrected in one place.
// jp. / au. only where AWS offers the model in Japan / Australia (else apac. is used there);
// ca. / sa. / ug. only for the models listed. `global.` never exists for Opus 4 / 4.1.
// Fallback choice: the previous version of the same tier first (the usual reason a model is
// unavailable is that it has not reached a region or account yet, and the previous version
// behaves most alike), then the next tier down; Haiku and the oldest Sonnet have none, since a
// silent quality drop below them would surprise more than an error.
export const MODEL_CATALOG: readonly CatalogModel[] = [
  {
    name: 'opus-4.7', aliases: ['opus'], displayName: 'Claude Opus 4.7', family: 'anthropic',
    anthropicId: 'claude-opus-4-7', bedrockId: 'anthropic.claude-opus-4-7',
    bedrockProfiles: ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'sa', 'global'], profileRequired: true,
    fallback: 'opus-4.6', capabilities: CLAUDE,
  },
  {
    name: 'opus-4.6', aliases: [], displayName: 'Claude Opus 4.6', family: 'anthropic',
    anthropicId: 'claude-opus-4-6', bedrockId: 'anthropic.claude-opus-4-6-v1',
    bedrockProfiles: ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'sa', 'global'], profileRequired: true,
    fallback: 'opus-4.5', capabilities: CLAUDE,
  },
  {
    name: 'sonnet-4.6', aliases: ['sonnet'], displayName: 'Claude Sonnet 4.6', family: 'anthropic',
    anthropicId: 'claude-sonnet-4-6', bedrockId: 'anthropic.claude-sonnet-4-6',
    bedrockProfiles: ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'sa', 'ug', 'global'], profileRequired: true,
    fallback: 'sonnet-4.5', context1mBeta: CONTEXT_1M, capabilities: CLAUDE,
  },
  {
    name: 'sonnet-4.5', aliases: [], displayName: 'Claude Sonnet 4.5', family: 'anthropic',
    anthropicId: 'claude-sonnet-4-5-20250929', anthropicAliases: ['claude-sonnet-4-5'],
    bedrockId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    bedrockProfiles: ['us', 'eu', 'apac', 'jp', 'au', 'ug', 'global'], profileRequired: true,
    fallback: 'sonnet-4', context1mBeta: CONTEXT_1M, capabilities: CLAUDE,
  },
  {
    name: 'haiku-4.5', aliases: ['haiku'], displayName: 'Claude Haiku 4.5', family: 'anthropic',
    anthropicId: 'claude-haiku-4-5-20251001', anthropicAliases: ['claude-haiku-4-5'],
    bedrockId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    bedrockProfiles: ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'sa', 'global'], profileRequired: true,
    capabilities: CLAUDE,
  },
  {
    name: 'opus-4.5', aliases: [], displayName: 'Claude Opus 4.5', family: 'anthropic',
    anthropicId: 'claude-opus-4-5-20251101', anthropicAliases: ['claude-opus-4-5'],
    bedrockId: 'anthropic.claude-opus-4-5-20251101-v1:0',
    bedrockProfiles: ['us', 'eu', 'global'], profileRequired: true,
    fallback: 'sonnet-4.5', capabilities: CLAUDE,
  },
  {
    name: 'opus-4.1', aliases: [], displayName: 'Claude Opus 4.1', family: 'anthropic',
    anthropicId: 'claude-opus-4-1-20250805', anthropicAliases: ['claude-opus-4-1'],
    bedrockId: 'anthropic.claude-opus-4-1-20250805-v1:0',
    bedrockProfiles: ['us'], profileRequired: true,
    fallback: 'sonnet-4', capabilities: CLAUDE,
  },
  {
    name: 'sonnet-4', aliases: [], displayName: 'Claude Sonnet 4', family: 'anthropic',
    anthropicId: 'claude-sonnet-4-20250514', anthropicAliases: ['claude-sonnet-4-0'],
    bedrockId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    bedrockProfiles: ['us', 'eu', 'apac', 'global'], profileRequired: true,
    context1mBeta: CONTEXT_1M, capabilities: CLAUDE,
  },
  // Other Bedrock families (seed 002). Nova is also on-demand in its home regions, but AWS
  // offers it through us./eu./apac. profiles too; we use the profile where one exists so every
  // region gets the same behaviour. Llama 3.3 70B is only reachable through the us. profile.
  // Mistral Large 24.07 is in-region only (us-west-2); no profile.
  {
    name: 'nova-pro', aliases: [], displayName: 'Amazon Nova Pro', family: 'nova',
    bedrockId: 'amazon.nova-pro-v1:0', bedrockProfiles: ['us', 'eu', 'apac'], profileRequired: false,
    fallback: 'nova-lite', capabilities: { promptCache: true, thinking: false, tools: true, images: true },
  },
  {
    name: 'nova-lite', aliases: [], displayName: 'Amazon Nova Lite', family: 'nova',
    bedrockId: 'amazon.nova-lite-v1:0', bedrockProfiles: ['us', 'eu', 'apac'], profileRequired: false,
    capabilities: { promptCache: true, thinking: false, tools: true, images: true },
  },
  {
    name: 'llama-3.3-70b', aliases: [], displayName: 'Meta Llama 3.3 70B Instruct', family: 'llama',
    bedrockId: 'meta.llama3-3-70b-instruct-v1:0', bedrockProfiles: ['us'], profileRequired: true,
    capabilities: { promptCache: false, thinking: false, tools: true, images: false },
  },
  {
    name: 'mistral-large', aliases: [], displayName: 'Mistral Large (24.07)', family: 'mistral',
    bedrockId: 'mistral.mistral-large-2407-v1:0', bedrockProfiles: [], profileRequired: false,
    capabilities: { promptCache: false, thinking: false, tools: true, images: false },
  },
];

const BY_NAME = new Map<string, CatalogModel>();
const BY_ID = new Map<string, CatalogModel>();
for (const m of MODEL_CATALOG) {
  BY_NAME.set(m.name, m);
  for (const a of m.aliases) BY_NAME.set(a, m);
  for (const id of [m.anthropicId, ...(m.anthropicAliases ?? []), m.bedrockId]) if (id) BY_ID.set(id, m);
}

export function catalogByName(name: string): CatalogModel | undefined {
  return BY_NAME.get(name);
}

/** By Anthropic API ID (dated or alias) or Bedrock base ID. */
export function catalogById(id: string): CatalogModel | undefined {
  return BY_ID.get(id);
}

/** Short names first (`opus`, `sonnet`, `haiku`), then the versioned and other-family names. */
export function catalogLogicalNames(): string[] {
  const short = MODEL_CATALOG.flatMap((m) => m.aliases);
  return [...short, ...MODEL_CATALOG.map((m) => m.name)];
}

/** `sonnet-4-5`, `Sonnet 4.5`, `claude-sonnet-4.5`, `sonnet4.5` → `sonnet-4.5`. */
export function normalizeLogicalName(name: string): string {
  let s = name.trim().toLowerCase().replace(/[\s_]+/g, '-');
  s = s.replace(/^claude-/, '');
  s = s.replace(/^(opus|sonnet|haiku)-?(\d+)[-.](\d+)$/, '$1-$2.$3');
  s = s.replace(/^(opus|sonnet|haiku)-?(\d+)$/, '$1-$2');
  return s;
}
