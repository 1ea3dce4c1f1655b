// Field-level checks shared by the YAML / settings parser and the environment reader.
// Each returns the normalised value or a problem phrase (the caller prefixes the path).
import { closestName } from '../models/closestName';
import { PROFILE_PREFIXES, isBedrockRegion, isKnownRegion, knownRegions } from '../models/regions';
import { parseModelId } from '../models/modelIds';
import type { ModelMapping } from '../models/catalog';
import { MIN_THINKING_BUDGET, requestRulesFor } from '../models/requestRules';
import type { ConfigSource, FieldKind } from './schema';
import type { ProviderId } from '../types';

export type Checked = { ok: true; value: unknown; warning?: string } | { ok: false; problem: string };

const ROLE_ARN_RE = /^arn:aws(?:-[a-z-]+)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const EXTERNAL_ID_RE = /^[\w+=,.@:/-]{2,1224}$/;
const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Show a rejected value briefly; config values are not secrets, but never echo a long blob. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? (value === null ? 'null' : Array.isArray(value) ? 'a list' : 'a mapping') : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function didYouMean(value: string, candidates: readonly string[]): string {
  const near = closestName(value, candidates);
  return near ? ` (did you mean "${near}"?)` : '';
}

export function checkField(kind: FieldKind, value: unknown): Checked {
  if (value === null) {
    if ((kind.type === 'enum' && kind.nullable) || kind.type === 'inferenceProfile') return { ok: true, value: null };
  }
  switch (kind.type) {
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, problem: `must be true or false (got ${show(value)})` };
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return { ok: false, problem: `must be a whole number (got ${show(value)})` };
      if (value < kind.min || value > kind.max) return { ok: false, problem: `must be between ${kind.min} and ${kind.max} (got ${value})` };
      return { ok: true, value };
    case 'mapping':
      return { ok: false, problem: 'internal: mappings are checked by checkMapping' };
    default:
      break;
  }
  if (typeof value !== 'string') return { ok: false, problem: `must be a string (got ${show(value)})` };
  const v = value.trim();
  if (!v) return { ok: false, problem: 'must not be empty' };
  switch (kind.type) {
    case 'enum':
      return kind.values.includes(v) ? { ok: true, value: v } : { ok: false, problem: `${show(v)} is not one of ${kind.values.join(', ')}${didYouMean(v, kind.values)}` };
    case 'region':
      if (!isKnownRegion(v)) return { ok: false, problem: `${show(v)} is not a region${didYouMean(v, knownRegions())}` };
      return isBedrockRegion(v) ? { ok: true, value: v } : { ok: true, value: v, warning: `Amazon Bedrock is not offered in ${v} as far as Switchboard knows` };
    case 'url':
      return checkUrl(v);
    case 'roleArn':
      return ROLE_ARN_RE.test(v) ? { ok: true, value: v } : { ok: false, problem: `${show(v)} is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)` };
    case 'externalId':
      return EXTERNAL_ID_RE.test(v) ? { ok: true, value: v } : { ok: false, problem: 'must be 2–1224 characters of letters, digits and +=,.@:/-_' };
    case 'envVarName':
      if (/^(sk-ant-|ABSK|AKIA|ASIA)/.test(v)) return { ok: false, problem: 'looks like a key itself; put the NAME of the environment variable here and keep the key in that variable or in SecretStorage' };
      return ENV_NAME_RE.test(v) ? { ok: true, value: v } : { ok: false, problem: `${show(v)} is not an environment variable name` };
    case 'inferenceProfile':
      return checkInferenceProfile(v);
    case 'string':
      return /[\r\n]/.test(v) ? { ok: false, problem: 'must be a single line' } : { ok: true, value: v };
  }
}

function checkUrl(v: string): Checked {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return { ok: false, problem: `${show(v)} is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: `${show(`${url.protocol}//…`)} is not an http(s) URL` };
  if (url.username || url.password) return { ok: false, problem: 'must not contain credentials (user:password@)' };
  return { ok: true, value: v };
}

function checkInferenceProfile(v: string): Checked {
  const word = v.toLowerCase().replace(/\.$/, '');
  if ((PROFILE_PREFIXES as readonly string[]).includes(word) || ['none', 'in-region', 'us-gov'].includes(word)) return { ok: true, value: v };
  const parsed = parseModelId(v);
  if (parsed.kind === 'bedrock-profile' || parsed.kind === 'bedrock-arn') return { ok: true, value: v };
  // The old, wrong spelling of GovCloud's prefix: say which one is meant (a did-you-mean would offer `us`).
  if (word === 'ug' || word.startsWith('ug.')) return { ok: false, problem: `${show(v)}: GovCloud inference profiles begin with "us-gov." (there is no "ug." prefix); use us-gov` };
  const prefixes = [...PROFILE_PREFIXES, 'none'];
  return { ok: false, problem: `${show(v)} is not an inference-profile prefix (${prefixes.join(', ')}), profile ID or ARN${didYouMean(word, prefixes)}` };
}

/** A model-mapping target: a model ID of the right provider, or another logical name. */
export function checkMappingTarget(provider: ProviderId, value: unknown, knownNames: readonly string[]): Checked {
  if (typeof value !== 'string' || !value.trim()) return { ok: false, problem: `must be a model ID string (got ${show(value)})` };
  const v = value.trim();
  const parsed = parseModelId(v);
  if (parsed.kind === 'unknown') {
    return knownNames.includes(v) ? { ok: true, value: v } : { ok: false, problem: `${show(v)} is neither a ${provider} model ID nor a known model name${didYouMean(v, knownNames)}` };
  }
  if (provider === 'anthropic' && parsed.kind !== 'anthropic') return { ok: false, problem: `${show(v)} is a Bedrock model ID; put it under bedrock` };
  if (provider === 'bedrock' && parsed.kind === 'anthropic') return { ok: false, problem: `${show(v)} is an Anthropic API model ID; put it under anthropic` };
  return { ok: true, value: v };
}

/** A problem across fields, reported at `key` (the caller turns the key into its notation's path). */
export interface CombinationIssue {
  severity: 'error' | 'warning';
  key: 'thinkingBudget' | 'maxOutputTokens';
  problem: string;
}

export interface CombinationInput {
  maxOutputTokens?: number;
  thinkingBudget?: number;
  model?: string;
  modelMapping?: ModelMapping;
  /** Where each value came from: `explicit` (a CLI flag / command), another layer, or `default`. */
  sourceOf: (key: 'maxOutputTokens' | 'thinkingBudget') => ConfigSource | undefined;
  /** How to name a key in the message: `--max-tokens`, `MAX_THINKING_TOKENS`, `max_output_tokens`. */
  nameOf: (key: 'maxOutputTokens' | 'thinkingBudget') => string;
}

/**
 * Impossible combinations of the thinking budget, the output tokens and the model (the
 * Messages API rules in models/requestRules). A value the user typed on the command line is
 * an error (exit 2, nothing sent); one from a settings / file / environment layer is a warning
 * when requests can still be fitted (max_tokens raised to budget + output, or lowered to the
 * model's limit, both logged), an error when they cannot.
 */
export function checkConfigCombination(input: CombinationInput): CombinationIssue[] {
  const out: CombinationIssue[] = [];
  const budget = input.thinkingBudget ?? 0;
  const max = input.maxOutputTokens;
  const maxSource = input.sourceOf('maxOutputTokens') ?? 'default';
  const budgetName = input.nameOf('thinkingBudget');
  const maxName = input.nameOf('maxOutputTokens');
  if (budget > 0 && budget < MIN_THINKING_BUDGET) {
    out.push({ severity: 'error', key: 'thinkingBudget', problem: `${budget} is below the minimum thinking budget of ${MIN_THINKING_BUDGET} tokens the API accepts; use 0 (off) or at least ${MIN_THINKING_BUDGET}` });
  }
  const rules = input.model && !input.modelMapping?.[input.model] ? requestRulesFor(input.model) : undefined;
  // A model that thinks adaptively (Opus 4.7) takes no budget, so the budget cannot collide there.
  const takesBudget = rules?.thinking !== 'adaptive-only' && rules?.thinking !== 'none';
  if (takesBudget && budget >= MIN_THINKING_BUDGET && max !== undefined && budget >= max && maxSource !== 'default') {
    const both = `thinking budget ${budget} (${budgetName}) is not less than max output tokens ${max} (${maxName}): the budget counts toward max_tokens, which must be greater`;
    if (maxSource === 'explicit') out.push({ severity: 'error', key: 'maxOutputTokens', problem: `${both}; raise ${maxName} above ${budget} or lower the budget` });
    else out.push({ severity: 'warning', key: 'maxOutputTokens', problem: `${both}; each request will ask for ${budget} + ${max} tokens within the model's output limit instead` });
  }
  const limit = rules?.maxOutputTokens;
  if (rules && limit !== undefined && max !== undefined && max > limit && maxSource !== 'default') {
    const problem = `${max} is above the output limit of ${rules.displayName} (${limit} tokens)`;
    if (maxSource === 'explicit') out.push({ severity: 'error', key: 'maxOutputTokens', problem: `${problem}; use at most ${limit}` });
    else out.push({ severity: 'warning', key: 'maxOutputTokens', problem: `${problem}; requests to it ask for ${limit}` });
  }
  return out;
}
