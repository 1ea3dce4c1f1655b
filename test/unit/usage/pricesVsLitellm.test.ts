import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogModelFor } from '../../../src/core/models/catalog';
import { parseModelId } from '../../../src/core/models/modelIds';
import type { ProviderId } from '../../../src/core/types';
import { priceFor } from '../../../src/core/usage/prices';

// The product's price / limit table against a pinned copy of a public table: LiteLLM's
// model_prices_and_context_window.json (the rows of the models we list), vendored with its commit
// and the date it was read. Any difference fails unless ALLOWED lists it with a reason; an entry
// in ALLOWED that no longer matches a difference fails too, so the list cannot go stale.

interface LitellmRow {
  litellm_provider: string;
  input_cost_per_token: number;
  output_cost_per_token: number;
  cache_creation_input_token_cost?: number;
  cache_creation_input_token_cost_above_1hr?: number;
  cache_read_input_token_cost?: number;
  input_cost_per_token_above_200k_tokens?: number;
  output_cost_per_token_above_200k_tokens?: number;
  cache_creation_input_token_cost_above_200k_tokens?: number;
  cache_creation_input_token_cost_above_1hr_above_200k_tokens?: number;
  cache_read_input_token_cost_above_200k_tokens?: number;
  max_input_tokens: number;
  max_output_tokens: number;
  prompt_cache_min_tokens?: number;
}
interface Pinned { _source: string; _commit: string; _read: string; rows: Record<string, LitellmRow> }

const pinned = JSON.parse(readFileSync(join(__dirname, '../../data/litellm-claude-rows.json'), 'utf8')) as Pinned;

/** Differences we keep on purpose: `key pattern` + field → why. */
const ALLOWED: ReadonlyArray<{ key: RegExp; field: string; reason: string }> = [
  { key: /claude-sonnet-4-20250514/, field: 'max_input_tokens', reason: 'LiteLLM lists the 1M beta window (context-1m-2025-08-07) as max_input_tokens; the catalog lists the default 200K and the beta separately (context1mBeta).' },
  { key: /^apac\.anthropic\.claude-haiku-4-5-20251001-v1:0$/, field: 'profile', reason: 'Anthropic\'s Claude-on-Bedrock table lists no apac. profile for Haiku 4.5 (read 2026-12-01); we follow the vendor\'s table. If the ID works for a user, it can be pinned; the price is the same regional price.' },
  { key: /^bedrock\/us-gov-(west|east)-1\/anthropic\.claude-sonnet-4-5-20250929-v1:0$/, field: 'max_output_tokens', reason: 'LiteLLM\'s GovCloud rows still carry the old 8192 output limit; the model\'s limit is 64K (Anthropic models overview, LiteLLM\'s own commercial rows).' },
  ...['input', 'output', 'cacheWrite', 'cacheWrite1h', 'cacheRead', 'longContext.input', 'longContext.output', 'longContext.cacheWrite', 'longContext.cacheWrite1h', 'longContext.cacheRead'].map((field) => ({
    key: /^anthropic\.claude-(opus-4-8|sonnet-5|fable-5|opus-4-7|opus-4-6-v1|sonnet-4-6|sonnet-4-5-20250929-v1:0|haiku-4-5-20251001-v1:0|opus-4-5-20251101-v1:0)$/,
    field,
    reason: 'LiteLLM files the global (list) price under the bare base ID. These models do not answer on demand by base ID; a base ID reaching the price table (provisioned / batch use, a route we cannot see) is priced at the regional rate so cost is never under-stated.',
  })),
  { key: /^bedrock\/us-gov-(west|east)-1\/anthropic\.claude-sonnet-4-5-20250929-v1:0$/, field: 'longContext', reason: 'LiteLLM\'s GovCloud rows list no >200K tier (nor the 1M window); should GovCloud serve the 1M beta, we price the tier at the GovCloud factor rather than under-state it.' },
  { key: /^((global|us|eu|au|jp)\.)?(anthropic\.)?claude-sonnet-4-6$/, field: 'max_output_tokens', reason: 'Anthropic\'s Sonnet 4.6 page (read 2026-12-07) says "Max output: 128K tokens"; LiteLLM at this commit still carries the launch-time 64K in its Anthropic and Bedrock rows. The vendor\'s page wins (the emulators enforce 128K the same way).' },
  { key: /^apac\.amazon\.nova-(pro|lite)-v1:0$/, field: 'input', reason: 'Nova apac. rows are 5 % above the in-region price; not modelled (Nova is not a Claude model; SPEC §7 prices it at the list price).' },
  { key: /^apac\.amazon\.nova-(pro|lite)-v1:0$/, field: 'output', reason: 'As above: Nova apac. 5 % geo premium not modelled.' },
];

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function target(key: string, row: LitellmRow): { provider: ProviderId; modelId: string; region?: string } {
  if (row.litellm_provider === 'anthropic') return { provider: 'anthropic', modelId: key };
  const m = /^bedrock\/([a-z0-9-]+)\/(.+)$/.exec(key);
  return m ? { provider: 'bedrock', modelId: m[2]!, region: m[1]! } : { provider: 'bedrock', modelId: key };
}

function differences(): string[] {
  const out: string[] = [];
  for (const [key, row] of Object.entries(pinned.rows)) {
    const t = target(key, row);
    const entry = catalogModelFor(t.modelId);
    const found = priceFor(t.provider, t.modelId, t.region ? { region: t.region } : {});
    if (!entry || !found) {
      out.push(`${key} model: not in the catalog / price table`);
      continue;
    }
    const p = found.price;
    const perMTok = (v: number | undefined): number | undefined => (v === undefined ? undefined : v * 1e6);
    const check = (field: string, theirs: number | undefined, ours: number | undefined): void => {
      if (theirs === undefined) return; // LiteLLM states nothing: nothing to compare
      if (ours === undefined || !close(theirs, ours)) out.push(`${key} ${field}: litellm ${theirs}, ours ${ours}`);
    };
    check('input', perMTok(row.input_cost_per_token), p.input);
    check('output', perMTok(row.output_cost_per_token), p.output);
    check('cacheWrite', perMTok(row.cache_creation_input_token_cost), p.cacheWrite);
    check('cacheWrite1h', perMTok(row.cache_creation_input_token_cost_above_1hr), p.cacheWrite1h);
    check('cacheRead', perMTok(row.cache_read_input_token_cost), p.cacheRead);
    // The long-context tier: LiteLLM lists it wherever it exists, so its absence is a fact too.
    const tier = row.input_cost_per_token_above_200k_tokens !== undefined;
    if (tier !== (p.longContext !== undefined)) out.push(`${key} longContext: litellm ${tier ? 'has a >200K tier' : 'no tier'}, ours ${p.longContext ? 'has one' : 'none'}`);
    if (tier && p.longContext) {
      check('longContext.input', perMTok(row.input_cost_per_token_above_200k_tokens), p.longContext.input);
      check('longContext.output', perMTok(row.output_cost_per_token_above_200k_tokens), p.longContext.output);
      check('longContext.cacheWrite', perMTok(row.cache_creation_input_token_cost_above_200k_tokens), p.longContext.cacheWrite);
      check('longContext.cacheWrite1h', perMTok(row.cache_creation_input_token_cost_above_1hr_above_200k_tokens), p.longContext.cacheWrite1h);
      check('longContext.cacheRead', perMTok(row.cache_read_input_token_cost_above_200k_tokens), p.longContext.cacheRead);
    }
    check('max_input_tokens', row.max_input_tokens, entry.contextWindow);
    check('max_output_tokens', row.max_output_tokens, entry.maxOutputTokens);
    check('prompt_cache_min_tokens', row.prompt_cache_min_tokens, t.provider === 'anthropic' ? entry.promptCache?.minTokens : entry.promptCache?.bedrockMinTokens);
    // A 1-hour cache price on a Bedrock row says Bedrock takes ttl: 1h for the model.
    if (t.provider === 'bedrock' && row.cache_creation_input_token_cost_above_1hr !== undefined && !entry.promptCache?.bedrockTtls.includes('1h')) out.push(`${key} bedrockTtls: litellm prices a 1h cache write, ours has no 1h TTL`);
    // A profile row says that profile exists.
    const parsed = parseModelId(t.modelId);
    if (parsed.kind === 'bedrock-profile' && !entry.bedrockProfiles.includes(parsed.prefix)) out.push(`${key} profile: litellm has a ${parsed.prefix}. row, the catalog has no ${parsed.prefix}. profile`);
  }
  return out;
}

describe('price table vs a pinned copy of LiteLLM\'s public table', () => {
  it('pins its source: commit and date', () => {
    assert.match(pinned._commit, /^[0-9a-f]{40}$/);
    assert.ok(pinned._source.includes(pinned._commit));
    assert.match(pinned._read, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(Object.keys(pinned.rows).length >= 30);
  });

  const diffs = differences();
  const allowed = (d: string): boolean => ALLOWED.some((a) => a.key.test(d.split(' ')[0]!) && d.split(' ')[1] === `${a.field}:`);

  it('differs only where the allow-list says why', () => {
    assert.deepEqual(diffs.filter((d) => !allowed(d)), []);
  });

  it('has no stale allow-list entry', () => {
    for (const a of ALLOWED) {
      assert.ok(diffs.some((d) => a.key.test(d.split(' ')[0]!) && d.split(' ')[1] === `${a.field}:`), `allow-list entry no longer needed: ${a.key} ${a.field}`);
    }
  });

  it('agrees with LiteLLM that Sonnet 4.6 has no long-context tier and Sonnet 4.5 / 4 have one', () => {
    for (const [key, row] of Object.entries(pinned.rows).filter(([k]) => /claude-sonnet-4-6$/.test(k))) assert.equal(row.input_cost_per_token_above_200k_tokens, undefined, key);
    assert.equal(pinned.rows['claude-sonnet-4-5-20250929']!.input_cost_per_token_above_200k_tokens, 6e-6);
    // ...and the product agrees: no tier-presence difference for any Anthropic API or commercial row.
    assert.deepEqual(diffs.filter((d) => / longContext: /.test(d) && !d.startsWith('bedrock/us-gov-')), []);
  });
});
