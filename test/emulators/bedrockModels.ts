/**
 * The Bedrock emulator's model rules, as the service applies them: which base IDs answer on
 * demand, which need a cross-region inference profile, which inference-profile IDs exist at all
 * (a made-up one, such as `apac.` for a model that has none or the old `ug.` GovCloud spelling,
 * fails here the way it fails in AWS), which geo prefixes a region accepts, and how ARNs are read.
 *
 * The profile list is written out ID by ID from the public sources (Anthropic's "Claude on Amazon
 * Bedrock" profile table, AWS's inference-profile docs, LiteLLM's priced profile rows, public
 * GovCloud client code; read 2026-12-01, and for the 2026 models 2026-12-07) and deliberately NOT derived from the product's catalog,
 * so a test that sends the product's chosen ID here checks the catalog against the list.
 */
export type EmulatedFamily = 'claude' | 'nova' | 'llama' | 'mistral';

export interface EmulatedModel {
  baseId: string;
  family: EmulatedFamily;
  /** false: the base ID is rejected on demand ("…isn’t supported. Retry … inference profile"). */
  onDemand: boolean;
  /** The system-defined inference-profile IDs that exist for this model. */
  profileIds: readonly string[];
  maxOutputTokens: number;
  contextWindow: number;
  caching: boolean;
  countTokens: boolean;
}

const claude = (baseId: string, prefixes: readonly string[], maxOutputTokens = 64_000, contextWindow = 200_000): EmulatedModel => ({
  baseId,
  family: 'claude',
  onDemand: false,
  profileIds: prefixes.map((p) => `${p}.${baseId}`),
  maxOutputTokens,
  contextWindow,
  caching: true,
  countTokens: true,
});

export const EMULATED_MODELS: readonly EmulatedModel[] = [
  // Claude 5 generation and Opus 4.8 (read 2026-12-07): Sonnet 5.5 global/us/eu/jp/au/apac/us-gov
  // (a newer LiteLLM commit as printed publicly; models.dev; AWS model card eu.), Haiku 5.5
  // global/us/eu/jp/au (models.dev 2026-10-08), Opus 5.5 global/jp (a live Tokyo test, classmethod)
  // and us (public clients), Opus 4.8 / Sonnet 5 global/us/eu/jp/au and Fable 5 global/us/eu
  // (LiteLLM 00035b69, models.dev), Opus 5 / Fable 5.1 us-gov (LiteLLM v1.102.0) with global/us.
  claude('anthropic.claude-opus-5-5', ['global', 'us', 'jp'], 128_000, 1_000_000),
  claude('anthropic.claude-sonnet-5-5', ['global', 'us', 'eu', 'jp', 'au', 'apac', 'us-gov'], 128_000, 1_000_000),
  claude('anthropic.claude-haiku-5-5', ['global', 'us', 'eu', 'jp', 'au'], 128_000, 1_000_000),
  claude('anthropic.claude-fable-5-1', ['global', 'us', 'eu', 'us-gov'], 128_000, 1_000_000),
  claude('anthropic.claude-fable-5', ['global', 'us', 'eu'], 128_000, 1_000_000),
  claude('anthropic.claude-opus-5', ['global', 'us', 'us-gov'], 128_000, 1_000_000),
  claude('anthropic.claude-sonnet-5', ['global', 'us', 'eu', 'jp', 'au'], 128_000, 1_000_000),
  claude('anthropic.claude-opus-4-8', ['global', 'us', 'eu', 'jp', 'au'], 128_000, 1_000_000),
  claude('anthropic.claude-opus-4-7', ['global', 'us', 'eu', 'jp', 'au'], 128_000, 1_000_000),
  claude('anthropic.claude-opus-4-6-v1', ['global', 'us', 'eu', 'jp', 'apac', 'au'], 128_000, 1_000_000),
  // Sonnet 4.6: 128K output (Anthropic's Sonnet 4.6 page, read 2026-12-07; LiteLLM still says 64K).
  claude('anthropic.claude-sonnet-4-6', ['global', 'us', 'eu', 'jp', 'au', 'us-gov'], 128_000, 1_000_000),
  claude('anthropic.claude-sonnet-4-5-20250929-v1:0', ['global', 'us', 'eu', 'jp', 'au', 'us-gov']),
  claude('anthropic.claude-haiku-4-5-20251001-v1:0', ['global', 'us', 'eu', 'jp', 'au']),
  claude('anthropic.claude-opus-4-5-20251101-v1:0', ['global', 'us', 'eu']),
  claude('anthropic.claude-opus-4-1-20250805-v1:0', ['us'], 32_000),
  claude('anthropic.claude-sonnet-4-20250514-v1:0', ['global', 'us', 'eu', 'apac']),
  // An older Claude that still answers on demand (and has apac. / us. / eu. profiles).
  { ...claude('anthropic.claude-3-haiku-20240307-v1:0', ['us', 'eu', 'apac'], 4_096), onDemand: true },
  { baseId: 'amazon.nova-pro-v1:0', family: 'nova', onDemand: true, profileIds: ['us', 'eu', 'apac'].map((p) => `${p}.amazon.nova-pro-v1:0`), maxOutputTokens: 10_000, contextWindow: 300_000, caching: true, countTokens: false },
  { baseId: 'amazon.nova-lite-v1:0', family: 'nova', onDemand: true, profileIds: ['us', 'eu', 'apac'].map((p) => `${p}.amazon.nova-lite-v1:0`), maxOutputTokens: 10_000, contextWindow: 300_000, caching: true, countTokens: false },
  { baseId: 'meta.llama3-3-70b-instruct-v1:0', family: 'llama', onDemand: true, profileIds: ['us.meta.llama3-3-70b-instruct-v1:0'], maxOutputTokens: 8_192, contextWindow: 128_000, caching: false, countTokens: false },
  { baseId: 'mistral.mistral-large-2407-v1:0', family: 'mistral', onDemand: true, profileIds: [], maxOutputTokens: 8_192, contextWindow: 128_000, caching: false, countTokens: false },
];

const GEO_PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'sa', 'us-gov'] as const;

/** Geo profile prefixes a region's endpoint accepts. */
export function geoPrefixesForRegion(region: string): string[] {
  if (region.startsWith('us-gov-')) return ['us-gov'];
  if (region.startsWith('us-')) return ['us'];
  if (region.startsWith('eu-')) return ['eu'];
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4') return ['au', 'apac'];
  if (region === 'ap-northeast-1' || region === 'ap-northeast-3') return ['jp', 'apac'];
  if (region.startsWith('ap-')) return ['apac'];
  if (region.startsWith('ca-')) return ['ca', 'us'];
  if (region.startsWith('sa-')) return ['sa', 'us'];
  return [];
}

/** `global.` profiles live in the commercial partition only. */
function acceptsGlobal(region: string): boolean {
  return !region.startsWith('us-gov-') && !region.startsWith('cn-');
}

/** True when `id` is an inference-profile ID that exists and `region` may call it. */
export function profileAccepted(id: string, region: string): boolean {
  const dot = id.indexOf('.');
  const prefix = dot > 0 ? id.slice(0, dot) : '';
  const model = findBase(id.slice(dot + 1));
  if (!model || !model.profileIds.includes(id)) return false;
  return prefix === 'global' ? acceptsGlobal(region) : geoPrefixesForRegion(region).includes(prefix);
}

export type ModelResolution =
  | { ok: true; model: EmulatedModel; kind: 'base' | 'profile' | 'application-profile'; requested: string }
  | { ok: false; errorType: 'ValidationException'; message: string };

export const INVALID_MODEL_MESSAGE = 'The provided model identifier is invalid.';

export function onDemandUnsupportedMessage(requested: string): string {
  return `Invocation of model ID ${requested} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;
}

export interface ModelRuleOptions {
  region: string;
  /** application-inference-profile id → base model id it routes to. */
  applicationProfiles?: Record<string, string>;
  /** CountTokens takes foundation models only. */
  operation: 'converse' | 'count-tokens';
}

function findBase(id: string): EmulatedModel | undefined {
  return EMULATED_MODELS.find((m) => m.baseId === id);
}

/** Resolve what the caller put in the path, applying the service's region and profile rules. */
export function resolveEmulatedModel(requested: string, options: ModelRuleOptions): ModelResolution {
  const invalid: ModelResolution = { ok: false, errorType: 'ValidationException', message: INVALID_MODEL_MESSAGE };
  let id = requested;
  let viaArn: 'inference-profile' | 'foundation-model' | 'application-inference-profile' | undefined;
  if (id.startsWith('arn:')) {
    const m = /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]+):(\d{12})?:(inference-profile|foundation-model|application-inference-profile)\/(.+)$/.exec(id);
    if (!m || m[1] !== options.region) return invalid;
    viaArn = m[3] as typeof viaArn;
    id = m[4]!;
    if (viaArn === 'application-inference-profile') {
      if (options.operation === 'count-tokens') return invalid;
      const target = findBase(options.applicationProfiles?.[id] ?? 'anthropic.claude-sonnet-4-6');
      return target ? { ok: true, model: target, kind: 'application-profile', requested } : invalid;
    }
  }
  const dot = id.indexOf('.');
  const prefix = dot > 0 ? id.slice(0, dot) : '';
  // `ug.` is no AWS prefix: it is listed so such an ID is read as a (non-existent) profile.
  const isGeo = (GEO_PREFIXES as readonly string[]).includes(prefix) || prefix === 'ug';
  if (prefix === 'global' || isGeo) {
    if (viaArn === 'foundation-model' || options.operation === 'count-tokens') return invalid;
    const model = findBase(id.slice(dot + 1));
    if (!model || !profileAccepted(id, options.region)) return invalid;
    return { ok: true, model, kind: 'profile', requested };
  }
  if (viaArn === 'inference-profile') return invalid;
  const model = findBase(id);
  if (!model) return invalid;
  if (!model.onDemand && options.operation === 'converse') {
    return { ok: false, errorType: 'ValidationException', message: onDemandUnsupportedMessage(requested) };
  }
  return { ok: true, model, kind: 'base', requested };
}
