// The configuration AS USED, built from the same resolution a request uses (engine resolveModel +
// the one region), so `models`, `config show`, the status bar and the picker show what is sent.
import type { ResolvedRegion } from '../auth/region';
import type { SwitchboardConfig } from '../config/schema';
import { isSwitchboardError } from '../errors';
import { knownLogicalNames, resolutionProblem } from '../models/resolve';
import type { ResolvedModel } from '../models/resolve';
import { priceFor } from '../usage/prices';
import type { PriceOverrides } from '../usage/prices';
import { PROVIDER_IDS } from '../types';
import type { ProviderId } from '../types';
import type { Deadlines, ResolvedConfig, ResolvedModelView } from './types';

export interface ResolutionInput {
  config: SwitchboardConfig;
  region: ResolvedRegion;
  fallback: ProviderId | null;
  deadlines: Deadlines;
  anthropicKey: { set: boolean; from?: string };
  priceOverrides?: PriceOverrides;
  resolve: (provider: ProviderId, model: string) => ResolvedModel;
}

export function buildResolvedConfig(input: ResolutionInput): ResolvedConfig {
  const { config } = input;
  const models: ResolvedConfig['models'] = {};
  for (const name of knownLogicalNames(config.modelMapping)) {
    const row = {} as Record<ProviderId, ResolvedModelView>;
    for (const provider of PROVIDER_IDS) row[provider] = view(input, provider, name);
    models[name] = row;
  }
  // The default model given as a provider ID or ARN (not a logical name) is listed too: it is what a
  // request that names no model is sent as.
  if (!(config.model in models)) {
    const row = {} as Record<ProviderId, ResolvedModelView>;
    for (const provider of PROVIDER_IDS) row[provider] = view(input, provider, config.model);
    models[config.model] = row;
  }
  return {
    provider: config.provider,
    fallback: input.fallback,
    model: config.model,
    bedrock: { region: { region: input.region.region, source: input.region.source, origin: input.region.origin }, ...(config.bedrock.endpoint ? { endpoint: config.bedrock.endpoint } : {}), inferenceProfile: config.bedrock.inferenceProfile },
    anthropic: { baseUrl: config.anthropic.baseUrl, apiKey: input.anthropicKey },
    models,
    deadlines: input.deadlines,
  };
}

function view(input: ResolutionInput, provider: ProviderId, name: string): ResolvedModelView {
  try {
    const modelId = input.resolve(provider, name).modelId;
    const found = priceFor(provider, modelId, { mapping: input.config.modelMapping, overrides: input.priceOverrides });
    return { modelId, priceUsdPerMTok: found ? { input: found.price.input, output: found.price.output } : null };
  } catch (e) {
    return { modelId: null, error: resolutionProblem(e), errorType: isSwitchboardError(e) ? e.type : 'unknown' };
  }
}

