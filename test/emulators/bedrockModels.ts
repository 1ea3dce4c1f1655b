/**
 * The Bedrock emulator's model rules, as the service applies them: which base IDs answer on
 * demand, which need a cross-region inference profile, which geo prefixes a region accepts,
 * which models have a `global.` profile, and how ARNs are read.
 */
export type EmulatedFamily = 'claude' | 'nova' | 'llama' | 'mistral';

export interface EmulatedModel {
  baseId: string;
  family: EmulatedFamily;
  /** false: the base ID is rejected on demand ("…isn’t supported. Retry … inference profile"). */
  onDemand: boolean;
  global: boolean;
  maxOutputTokens: number;
  contextWindow: number;
  caching: boolean;
  countTokens: boolean;
}

const claude = (baseId: string, global: boolean, maxOutputTokens = 64_000): EmulatedModel => ({
  baseId,
  family: 'claude',
  onDemand: false,
  global,
  maxOutputTokens,
  contextWindow: 200_000,
  caching: true,
  countTokens: true,
});

export const EMULATED_MODELS: readonly EmulatedModel[] = [
  claude('anthropic.claude-opus-4-7', true, 128_000),
  claude('anthropic.claude-opus-4-6-v1', true, 128_000),
  claude('anthropic.claude-sonnet-4-6', true),
  claude('anthropic.claude-sonnet-4-5-20250929-v1:0', true),
  claude('anthropic.claude-haiku-4-5-20251001-v1:0', true),
  claude('anthropic.claude-opus-4-5-20251101-v1:0', true),
  claude('anthropic.claude-opus-4-1-20250805-v1:0', false, 32_000),
  claude('anthropic.claude-sonnet-4-20250514-v1:0', true),
  // An older Claude that still answers on demand.
  { ...claude('anthropic.claude-3-haiku-20240307-v1:0', false, 4_096), onDemand: true },
  { baseId: 'amazon.nova-pro-v1:0', family: 'nova', onDemand: true, global: false, maxOutputTokens: 10_000, contextWindow: 300_000, caching: true, countTokens: false },
  { baseId: 'amazon.nova-lite-v1:0', family: 'nova', onDemand: true, global: false, maxOutputTokens: 10_000, contextWindow: 300_000, caching: true, countTokens: false },
  { baseId: 'meta.llama3-3-70b-instruct-v1:0', family: 'llama', onDemand: true, global: false, maxOutputTokens: 8_192, contextWindow: 128_000, caching: false, countTokens: false },
  { baseId: 'mistral.mistral-large-2407-v1:0', family: 'mistral', onDemand: true, global: false, maxOutputTokens: 8_192, contextWindow: 128_000, caching: false, countTokens: false },
];

const GEO_PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'sa', 'ug'] as const;

/** Geo profile prefixes a region's endpoint accepts. */
export function geoPrefixesForRegion(region: string): string[] {
  if (region.startsWith('us-gov-')) return ['ug'];
  if (region.startsWith('us-')) return ['us'];
  if (region.startsWith('eu-')) return ['eu'];
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4') return ['au', 'apac'];
  if (region === 'ap-northeast-1' || region === 'ap-northeast-3') return ['jp', 'apac'];
  if (region.startsWith('ap-')) return ['apac'];
  if (region.startsWith('ca-')) return ['ca', 'us'];
  if (region.startsWith('sa-')) return ['sa', 'us'];
  return [];
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
  const isGeo = (GEO_PREFIXES as readonly string[]).includes(prefix);
  if (prefix === 'global' || isGeo) {
    if (viaArn === 'foundation-model' || options.operation === 'count-tokens') return invalid;
    const model = findBase(id.slice(dot + 1));
    if (!model) return invalid;
    if (prefix === 'global' ? !model.global : !geoPrefixesForRegion(options.region).includes(prefix)) return invalid;
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
