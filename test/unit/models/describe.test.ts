import * as assert from 'node:assert/strict';
import { MODEL_CATALOG } from '../../../src/core/models/catalog';
import { describeModels } from '../../../src/core/models/describe';
import { bedrockRegions } from '../../../src/core/models/regions';
import { FACTS_READ_ON, SOURCES } from '../../../src/core/models/sources';
import { cli, isolatedEnv } from '../cli/cliHelpers';
import { ALIAS } from '../client/clientHelpers';

describe('describeModels: the facts behind each logical model for a region', () => {
  it('the built-in catalog verifies clean in every Bedrock region (no false "problems")', () => {
    for (const region of bedrockRegions()) {
      const d = describeModels({ region });
      assert.equal(d.models.length, 3 + MODEL_CATALOG.length); // opus / sonnet / haiku + every versioned name
      const bad = d.models.filter((m) => !m.ok).map((m) => m.name);
      assert.deepEqual(bad, [], region);
    }
  });

  it('marks Nova, Llama and Mistral as Bedrock-only instead of a problem', () => {
    const d = describeModels({ region: 'us-east-1' });
    for (const name of ['nova-pro', 'nova-lite', 'llama-3.3-70b', 'mistral-large']) {
      const m = d.models.find((x) => x.name === name)!;
      assert.deepEqual(m.providers, ['bedrock'], name);
      assert.equal(m.bedrockOnly, true);
      assert.equal(m.ok, true);
      assert.equal(m.ids.anthropic.available, false);
      assert.ok(!('problem' in m.ids.anthropic));
      assert.match(m.ids.anthropic.available ? '' : m.ids.anthropic.reason, /Bedrock-only/);
      assert.equal(m.ids.bedrock.available, true);
    }
    const sonnet = d.models.find((x) => x.name === 'sonnet')!;
    assert.deepEqual(sonnet.providers, ['anthropic', 'bedrock']);
    assert.equal(sonnet.bedrockOnly, false);
  });

  it('gives per model the ID per provider, the rule that chose it, limits, prices and sources', () => {
    const d = describeModels({ region: 'ap-south-1' });
    assert.match(d.factsReadOn, /^\d{4}-\d{2}-\d{2}$/);
    const m = d.models.find((x) => x.name === 'sonnet-4.6')!;
    assert.equal(m.catalogName, 'sonnet-4.6');
    assert.ok(m.ids.anthropic.available && m.ids.anthropic.modelId === 'claude-sonnet-4-6');
    assert.ok(m.ids.bedrock.available);
    if (m.ids.bedrock.available) {
      assert.equal(m.ids.bedrock.modelId, 'global.anthropic.claude-sonnet-4-6');
      assert.equal(m.ids.bedrock.rule, 'global-no-geo');
      assert.match(m.ids.bedrock.reason, /no apac\. profile/);
    }
    assert.equal(m.contextWindow, 1_000_000);
    assert.equal(m.maxOutputTokens, 128_000); // Anthropic's Sonnet 4.6 page (LiteLLM still says 64K)
    assert.equal(m.prices?.anthropic?.input, 3);
    assert.equal(m.prices?.bedrock?.pricing, 'bedrock-global');
    assert.equal(m.prices?.longContext, null);
    assert.equal(m.promptCache?.minTokens, 1024);
    assert.ok(m.sources?.includes(SOURCES.anthropicOnBedrock));
    const s45 = d.models.find((x) => x.name === 'sonnet-4.5')!;
    assert.deepEqual(s45.prices?.longContext, { input: 6, output: 22.5, cacheWrite: 7.5, cacheWrite1h: 12, cacheRead: 0.6, thresholdTokens: 200_000 });
  });

  it('flags a broken user mapping as a problem, and a user Bedrock-only name as not one', () => {
    const d = describeModels({ region: 'us-east-1', mapping: { team: { bedrock: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc' }, typo: { anthropic: 'not a model id' } } });
    const team = d.models.find((x) => x.name === 'team')!;
    assert.deepEqual(team.providers, ['bedrock']);
    assert.equal(team.ok, true);
    const typo = d.models.find((x) => x.name === 'typo')!;
    assert.equal(typo.ok, false);
    assert.ok('problem' in typo.ids.anthropic);
  });

  it('every catalog row names sources for its IDs, limits, profiles and caching', () => {
    for (const m of MODEL_CATALOG) {
      for (const kind of ['ids', 'limits', 'profiles', 'caching'] as const) {
        // A model Bedrock does not serve has no profile facts to source.
        if (kind === 'profiles' && !m.bedrockId) continue;
        assert.ok(m.sources[kind].length > 0, `${m.name} ${kind}`);
      }
    }
  });

  it('switchboard models --json carries the facts (and keeps the plain IDs)', async () => {
    const { env, cleanup } = await isolatedEnv();
    try {
      const r = await cli(['models', '--aws-region', 'us-gov-west-1', '--json'], env);
      assert.equal(r.code, 0, r.stderr);
      const out = r.json();
      const sonnet = out.models.find((m: { name: string }) => m.name === 'sonnet');
      assert.equal(sonnet.bedrock, `us-gov.${ALIAS.sonnet.bedrockId}`);
      assert.equal(sonnet.ids.bedrock.rule, 'geo');
      assert.equal(sonnet.prices.bedrock.pricing, 'bedrock-govcloud');
      const nova = out.models.find((m: { name: string }) => m.name === 'nova-pro');
      assert.equal(nova.bedrockOnly, true);
      assert.equal(out.factsReadOn, FACTS_READ_ON);
    } finally {
      await cleanup();
    }
  });

  it('labels each model with Anthropic\'s lifecycle: current, legacy, deprecated, retired (models --json shows it)', async () => {
    const d = describeModels({ region: 'us-east-1' });
    const by = (name: string) => d.models.find((x) => x.name === name)!;
    for (const name of ['opus-5.5', 'sonnet-5.5', 'haiku-5.5', 'fable-5.2']) {
      assert.equal(by(name).status, 'current', name);
      assert.equal(by(name).legacy, false, name);
    }
    // Sonnet 4.6: "Legacy … consider migrating to Claude Sonnet 5.5" on its page; still usable on both providers.
    const s46 = by('sonnet-4.6');
    assert.equal(s46.status, 'legacy');
    assert.equal(s46.legacy, true);
    assert.ok(s46.ids.anthropic.available && s46.ids.bedrock.available);
    assert.equal(by('opus-4.5').status, 'deprecated');
    assert.equal(by('opus-4.5').lifecycle?.retires, '2027-01-22');
    // Sonnet 4.5: retired on the Anthropic API (2026-11-30), still served by Bedrock — not a problem.
    const s45 = by('sonnet-4.5');
    assert.equal(s45.status, 'retired');
    assert.equal(s45.ok, true);
    assert.equal(s45.ids.anthropic.available, false);
    assert.match(s45.ids.anthropic.available ? '' : s45.ids.anthropic.reason, /retired on the Anthropic API on 2026-11-30/);
    assert.equal(s45.ids.bedrock.available, true);
    // Nova is AWS's, not in Anthropic's lifecycle: current while AWS lists it.
    assert.equal(by('nova-pro').status, 'current');
    const { env, cleanup } = await isolatedEnv();
    try {
      const r = await cli(['models', '--json'], env);
      assert.equal(r.code, 0, r.stderr);
      const out = r.json();
      const row = (name: string) => out.models.find((m: { name: string }) => m.name === name);
      assert.equal(row('sonnet-4.6').status, 'legacy');
      assert.equal(row('sonnet-4.6').legacy, true);
      assert.equal(row('sonnet-5.5').legacy, false);
      assert.equal(row('sonnet-4.5').status, 'retired');
    } finally {
      await cleanup();
    }
  });
});
