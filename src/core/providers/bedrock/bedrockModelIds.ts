// What the Bedrock provider needs to know about the ID it is about to send: the base model behind
// a profile or ARN (for CountTokens and the profile switch), the family (which features the
// Converse request may carry) and the profile prefix (for region hints).
export type BedrockFamily = 'anthropic' | 'nova' | 'llama' | 'mistral' | 'other';

export interface BedrockModelIdInfo {
  id: string;
  /** Foundation-model ID, when the form reveals it (not for application-inference-profile ARNs). */
  baseModelId?: string;
  /** `us`, `eu`, …, `global` for inference profiles. */
  profilePrefix?: string;
  /** Region named in an ARN. */
  arnRegion?: string;
  kind: 'base' | 'profile' | 'arn';
}

const PROFILE_RE = /^(us-gov|ug|us|eu|apac|jp|au|ca|sa|global)\.(.+)$/;
const ARN_RE = /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]*):\d*:([a-z-]+)\/(.+)$/;

export function parseBedrockModelId(id: string): BedrockModelIdInfo {
  const arn = ARN_RE.exec(id);
  if (arn) {
    const [, region = '', type = '', resource = ''] = arn;
    if (type === 'foundation-model') return { id, baseModelId: resource, arnRegion: region, kind: 'arn' };
    if (type === 'inference-profile') {
      const p = PROFILE_RE.exec(resource);
      return { id, baseModelId: p ? p[2] : undefined, profilePrefix: p?.[1], arnRegion: region, kind: 'arn' };
    }
    return { id, arnRegion: region, kind: 'arn' };
  }
  const p = PROFILE_RE.exec(id);
  if (p) return { id, baseModelId: p[2], profilePrefix: p[1], kind: 'profile' };
  return { id, baseModelId: id, kind: 'base' };
}

export function bedrockFamily(id: string): BedrockFamily {
  const base = parseBedrockModelId(id).baseModelId ?? '';
  if (base.startsWith('anthropic.')) return 'anthropic';
  if (base.startsWith('amazon.nova')) return 'nova';
  if (base.startsWith('meta.')) return 'llama';
  if (base.startsWith('mistral.')) return 'mistral';
  return 'other';
}

/** Families whose Converse requests may carry `cachePoint` blocks. */
export function supportsPromptCache(family: BedrockFamily): boolean {
  return family === 'anthropic' || family === 'nova';
}
