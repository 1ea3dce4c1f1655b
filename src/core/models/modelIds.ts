// Recognise the ID forms a user can pin: Anthropic API IDs, Bedrock base IDs, inference-profile
// IDs and Bedrock ARNs, and recover the base model (and so the family) where the form allows.
import type { ModelFamily } from './catalog';
import type { ProfilePrefix } from './regions';

export type ParsedModelId =
  | { kind: 'anthropic'; id: string }
  | { kind: 'bedrock-base'; id: string; baseModelId: string }
  | { kind: 'bedrock-profile'; id: string; baseModelId: string; prefix: ProfilePrefix }
  /** `baseModelId` undefined for opaque ARNs (application inference profiles, provisioned / custom models). */
  | { kind: 'bedrock-arn'; id: string; baseModelId?: string; prefix?: ProfilePrefix; resource: string; region: string }
  | { kind: 'unknown'; id: string };

// Model-provider segments of Bedrock model IDs.
const BEDROCK_VENDORS = [
  'anthropic', 'amazon', 'meta', 'mistral', 'cohere', 'ai21', 'deepseek', 'openai', 'qwen', 'writer',
  'twelvelabs', 'stability', 'luma', 'google', 'minimax', 'moonshot', 'nvidia',
];
const BASE_RE = new RegExp(`^(?:${BEDROCK_VENDORS.join('|')})\\.[a-z0-9][a-z0-9._:-]*$`, 'i');
// `us-gov.` is GovCloud's prefix. `ug.` (an earlier, wrong spelling in SPEC §7) is not a profile
// prefix at all: an ID that starts with it is not recognised as a profile, as AWS rejects it.
const PROFILE_RE = /^(us-gov|us|eu|apac|jp|au|ca|sa|global)\.(.+)$/i;
const ARN_RE = /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]*):(\d*):([a-z-]+)\/(.+)$/;
const ANTHROPIC_RE = /^claude-[a-z0-9-]+(?:@[0-9]+)?$/;

export function parseModelId(id: string): ParsedModelId {
  if (ANTHROPIC_RE.test(id)) return { kind: 'anthropic', id };
  const arn = ARN_RE.exec(id);
  if (arn) {
    const [, region = '', , resourceType = '', resource = ''] = arn;
    if (resourceType === 'foundation-model' && BASE_RE.test(resource)) {
      return { kind: 'bedrock-arn', id, baseModelId: resource, resource, region };
    }
    if (resourceType === 'inference-profile') {
      const profile = parseProfile(resource);
      if (profile) return { kind: 'bedrock-arn', id, baseModelId: profile.baseModelId, prefix: profile.prefix, resource, region };
    }
    return { kind: 'bedrock-arn', id, resource, region };
  }
  const profile = parseProfile(id);
  if (profile) return { kind: 'bedrock-profile', id, ...profile };
  if (BASE_RE.test(id)) return { kind: 'bedrock-base', id, baseModelId: id };
  return { kind: 'unknown', id };
}

function parseProfile(id: string): { baseModelId: string; prefix: ProfilePrefix } | undefined {
  const m = PROFILE_RE.exec(id);
  if (!m || !BASE_RE.test(m[2] ?? '')) return undefined;
  const raw = (m[1] ?? '').toLowerCase();
  return { baseModelId: m[2] ?? '', prefix: raw as ProfilePrefix };
}

export function familyOfBaseId(baseModelId: string): ModelFamily {
  if (baseModelId.startsWith('anthropic.') || baseModelId.startsWith('claude-')) return 'anthropic';
  if (baseModelId.startsWith('amazon.nova')) return 'nova';
  if (baseModelId.startsWith('meta.llama')) return 'llama';
  if (baseModelId.startsWith('mistral.')) return 'mistral';
  return 'other';
}

/** True for anything that names a provider-specific model rather than a logical name. */
export function looksLikeModelId(value: string): boolean {
  return parseModelId(value).kind !== 'unknown';
}
