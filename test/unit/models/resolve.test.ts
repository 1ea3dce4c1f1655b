import * as assert from 'node:assert/strict';
import { SwitchboardError, isSwitchboardError } from '../../../src/core/errors';
import { MODEL_CATALOG } from '../../../src/core/models/catalog';
import { ALIAS } from '../client/clientHelpers';
import { fallbackModelFor, geoPrefixForRegion, knownLogicalNames, profileIdForBaseModel, resolveModel } from '../../../src/core/models/resolve';

function bedrock(model: string, region: string, extra: { preferGlobal?: boolean; inferenceProfile?: string | null } = {}): string {
  return resolveModel({ provider: 'bedrock', model, region, ...extra }).modelId;
}

function notFound(fn: () => unknown): SwitchboardError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SwitchboardError, 'expected a SwitchboardError');
    assert.equal(e.type, 'model_not_found');
    return e;
  }
  assert.fail('expected model_not_found');
}

describe('model resolution: Bedrock inference profiles per region', () => {
  const cases: Array<[string, string]> = [
    ['us-east-1', 'us.anthropic.claude-sonnet-4-6'],
    ['eu-west-1', 'eu.anthropic.claude-sonnet-4-6'],
    ['ap-northeast-1', 'jp.anthropic.claude-sonnet-4-6'],
    ['ap-southeast-2', 'au.anthropic.claude-sonnet-4-6'],
    // Sonnet 4.6 has no apac. or ca. profile (Anthropic's Claude-on-Bedrock table): global. there.
    ['ap-south-1', 'global.anthropic.claude-sonnet-4-6'],
    ['ca-central-1', 'global.anthropic.claude-sonnet-4-6'],
    // GovCloud's prefix is us-gov. (the old ug. does not exist).
    ['us-gov-west-1', 'us-gov.anthropic.claude-sonnet-4-6'],
  ];
  for (const [region, expected] of cases) {
    it(`resolves sonnet-4.6 in ${region} to ${expected}`, () => {
      const r = resolveModel({ provider: 'bedrock', model: 'sonnet-4.6', region });
      assert.equal(r.modelId, expected);
      assert.equal(r.baseModelId, 'anthropic.claude-sonnet-4-6');
      assert.equal(r.explicit, false);
      assert.equal(r.family, 'anthropic');
      assert.equal(r.logical, 'sonnet-4.6');
    });
  }

  it('uses the global profile when preferred and offered', () => {
    assert.equal(bedrock('sonnet-4.6', 'eu-west-1', { preferGlobal: true }), 'global.anthropic.claude-sonnet-4-6');
    assert.equal(bedrock('haiku-4.5', 'ap-south-1', { preferGlobal: true }), 'global.anthropic.claude-haiku-4-5-20251001-v1:0');
  });

  it('never uses global for Opus 4.1, which has no global profile', () => {
    assert.equal(bedrock('opus-4.1', 'us-east-1', { preferGlobal: true }), 'us.anthropic.claude-opus-4-1-20250805-v1:0');
  });

  it('never uses global in GovCloud', () => {
    assert.equal(bedrock('sonnet-4.6', 'us-gov-west-1', { preferGlobal: true }), 'us-gov.anthropic.claude-sonnet-4-6');
  });

  it('falls back from jp. to apac. for a model not offered in Japan', () => {
    assert.equal(bedrock('sonnet-4', 'ap-northeast-1'), 'apac.anthropic.claude-sonnet-4-20250514-v1:0');
  });

  it('uses apac. in Seoul, which the jp. profiles do not cover', () => {
    assert.equal(geoPrefixForRegion('ap-northeast-2'), 'apac');
    assert.equal(bedrock('opus-4.6', 'ap-northeast-2'), 'apac.anthropic.claude-opus-4-6-v1');
    assert.equal(bedrock('sonnet-4', 'ap-northeast-2'), 'apac.anthropic.claude-sonnet-4-20250514-v1:0');
  });

  it('reaches a model through global. when its geography has no profile', () => {
    assert.equal(bedrock('opus-4.5', 'ap-south-1'), 'global.anthropic.claude-opus-4-5-20251101-v1:0');
  });

  it('uses the in-region base ID when no profile serves the region', () => {
    assert.equal(bedrock('mistral-large', 'us-west-2'), 'mistral.mistral-large-2407-v1:0');
    assert.equal(bedrock('opus-4.1', 'eu-west-1'), 'anthropic.claude-opus-4-1-20250805-v1:0');
  });

  it('resolves other Bedrock families through their profiles', () => {
    const nova = resolveModel({ provider: 'bedrock', model: 'nova-pro', region: 'eu-central-1' });
    assert.equal(nova.modelId, 'eu.amazon.nova-pro-v1:0');
    assert.equal(nova.family, 'nova');
    assert.equal(bedrock('llama-3.3-70b', 'us-east-2'), 'us.meta.llama3-3-70b-instruct-v1:0');
  });

  it('honours a pinned profile prefix, and ignores one the model does not offer', () => {
    assert.equal(bedrock('sonnet-4.6', 'us-east-1', { inferenceProfile: 'global' }), 'global.anthropic.claude-sonnet-4-6');
    assert.equal(bedrock('sonnet-4.6', 'us-east-1', { inferenceProfile: 'none' }), 'anthropic.claude-sonnet-4-6');
    const r = resolveModel({ provider: 'bedrock', model: 'opus-4.1', region: 'us-east-1', inferenceProfile: 'global' });
    assert.equal(r.modelId, 'us.anthropic.claude-opus-4-1-20250805-v1:0');
    assert.match(r.note ?? '', /not offered/);
  });

  it('uses a pinned profile ARN for the model it serves only', () => {
    const arn = 'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6';
    assert.equal(bedrock('sonnet-4.6', 'eu-west-1', { inferenceProfile: arn }), arn);
    assert.equal(bedrock('haiku-4.5', 'eu-west-1', { inferenceProfile: arn }), 'eu.anthropic.claude-haiku-4-5-20251001-v1:0');
  });
});

describe('model resolution: the tier aliases', () => {
  it('opus / sonnet / haiku name the newest current model of the tier that both providers serve', () => {
    for (const tier of ['opus', 'sonnet', 'haiku'] as const) {
      const target = ALIAS[tier];
      assert.equal(target.lifecycle.status, 'current', tier);
      assert.deepEqual([...target.providers].sort(), ['anthropic', 'bedrock'], `${tier}: Bedrock serves it, so failover keeps the model`);
      const newer = MODEL_CATALOG.filter((m) => m.name.startsWith(`${tier}-`) && m.lifecycle.status === 'current' && m.providers.length === 2 && (m.lifecycle.released ?? '') > (target.lifecycle.released ?? ''));
      assert.deepEqual(newer.map((m) => m.name), [], `${tier}: no newer current model`);
    }
  });

  it('resolve the alias to the same model on both providers, with the region\'s profile on Bedrock', () => {
    for (const tier of ['opus', 'sonnet', 'haiku'] as const) {
      assert.equal(resolveModel({ provider: 'anthropic', model: tier }).modelId, ALIAS[tier].anthropicId);
      const b = resolveModel({ provider: 'bedrock', model: tier, region: 'us-east-1' });
      assert.equal(b.modelId, `us.${ALIAS[tier].bedrockId}`);
      assert.equal(b.logical, tier);
    }
  });
});

describe('model resolution: explicit IDs and ARNs', () => {
  const explicit = [
    'us.anthropic.claude-sonnet-4-6',
    'global.anthropic.claude-opus-4-7',
    'anthropic.claude-sonnet-4-6',
    'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6',
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5',
    'arn:aws:bedrock:us-west-2::foundation-model/mistral.mistral-large-2407-v1:0',
  ];
  for (const id of explicit) {
    it(`sends ${id.slice(0, 60)} unchanged`, () => {
      const r = resolveModel({ provider: 'bedrock', model: id, region: 'eu-west-1', preferGlobal: true });
      assert.equal(r.modelId, id);
      assert.equal(r.explicit, true);
    });
  }

  it('keeps the model family and base model of a profile ARN', () => {
    const r = resolveModel({ provider: 'bedrock', model: explicit[3]!, region: 'eu-west-1' });
    assert.equal(r.family, 'anthropic');
    assert.equal(r.baseModelId, 'anthropic.claude-sonnet-4-6');
    assert.equal(r.profilePrefix, 'eu');
    assert.equal(r.logical, 'sonnet-4.6');
    assert.equal(r.capabilities?.promptCache, true);
  });

  it('learns the model behind an opaque application-profile ARN from the user mapping', () => {
    const arn = explicit[4]!;
    const bare = resolveModel({ provider: 'bedrock', model: arn, region: 'us-east-1' });
    assert.equal(bare.family, 'other');
    const mapping = { team: { bedrock: arn, baseModel: 'haiku-4.5' } };
    const viaId = resolveModel({ provider: 'bedrock', model: arn, region: 'us-east-1', mapping });
    assert.equal(viaId.family, 'anthropic');
    assert.equal(viaId.baseModelId, 'anthropic.claude-haiku-4-5-20251001-v1:0');
    const viaName = resolveModel({ provider: 'bedrock', model: 'team', region: 'us-east-1', mapping });
    assert.equal(viaName.modelId, arn);
    assert.equal(viaName.logical, 'team');
    assert.equal(viaName.family, 'anthropic');
  });

  it('maps an Anthropic API ID to its Bedrock profile and back', () => {
    assert.equal(bedrock('claude-sonnet-4-6', 'eu-west-1'), 'eu.anthropic.claude-sonnet-4-6');
    assert.equal(resolveModel({ provider: 'anthropic', model: 'eu.anthropic.claude-sonnet-4-6' }).modelId, 'claude-sonnet-4-6');
    assert.equal(resolveModel({ provider: 'anthropic', model: 'anthropic.claude-haiku-4-5-20251001-v1:0' }).modelId, 'claude-haiku-4-5-20251001');
  });

  it('passes an Anthropic API ID to Anthropic unchanged, even one not in the catalog', () => {
    const r = resolveModel({ provider: 'anthropic', model: 'claude-3-5-haiku-20241022' });
    assert.equal(r.modelId, 'claude-3-5-haiku-20241022');
    assert.equal(r.explicit, true);
    assert.equal(r.family, 'anthropic');
  });

  it('accepts spelled-out logical names', () => {
    assert.equal(resolveModel({ provider: 'anthropic', model: 'Sonnet 4.6' }).modelId, 'claude-sonnet-4-6');
    assert.equal(resolveModel({ provider: 'anthropic', model: 'claude-sonnet-5.5' }).modelId, 'claude-sonnet-5-5');
    assert.equal(resolveModel({ provider: 'anthropic', model: 'Fable 5.1' }).modelId, 'claude-fable-5-1');
    assert.equal(resolveModel({ provider: 'bedrock', model: 'Sonnet 4.5', region: 'us-east-1' }).modelId, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.equal(resolveModel({ provider: 'anthropic', model: 'opus-4-6' }).modelId, 'claude-opus-4-6');
    assert.equal(resolveModel({ provider: 'anthropic', model: 'opus' }).modelId, ALIAS.opus.anthropicId);
  });
});

describe('model resolution: mapping and errors', () => {
  it('lets the user mapping override a catalog name per provider', () => {
    const mapping = { sonnet: { bedrock: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0' } };
    const b = resolveModel({ provider: 'bedrock', model: 'sonnet', region: 'eu-west-1', mapping });
    assert.equal(b.modelId, 'us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    assert.equal(b.explicit, true);
    // The Anthropic side is untouched.
    assert.equal(resolveModel({ provider: 'anthropic', model: 'sonnet', mapping }).modelId, ALIAS.sonnet.anthropicId);
  });

  it('profile-resolves a mapped catalog base ID and follows a mapping to another name', () => {
    const mapping = { fast: { bedrock: 'anthropic.claude-haiku-4-5-20251001-v1:0', anthropic: 'haiku-4.5' } };
    assert.equal(resolveModel({ provider: 'bedrock', model: 'fast', region: 'eu-west-1', mapping }).modelId, 'eu.anthropic.claude-haiku-4-5-20251001-v1:0');
    const a = resolveModel({ provider: 'anthropic', model: 'fast', mapping });
    assert.equal(a.modelId, 'claude-haiku-4-5-20251001');
    assert.equal(a.logical, 'fast');
  });

  it('translates a user name that only has an ID for the other provider', () => {
    const mapping = { writer: { anthropic: 'claude-opus-4-6' } };
    assert.equal(resolveModel({ provider: 'bedrock', model: 'writer', region: 'us-east-1', mapping }).modelId, 'us.anthropic.claude-opus-4-6-v1');
  });

  it('lists the known names and suggests the closest for an unknown model', () => {
    const e = notFound(() => resolveModel({ provider: 'bedrock', model: 'sonet', region: 'us-east-1', mapping: { mine: { anthropic: 'claude-opus-4-6' } } }));
    for (const name of ['opus', 'sonnet', 'haiku', 'sonnet-4.5', 'mine']) assert.ok(e.message.includes(name), `message lists ${name}`);
    assert.match(e.message, /Did you mean "sonnet"\?/);
    assert.equal(e.provider, 'bedrock');
    assert.ok(e.hint);
  });

  it('explains that a Bedrock-only model cannot run on Anthropic', () => {
    const e = notFound(() => resolveModel({ provider: 'anthropic', model: 'nova-pro' }));
    assert.match(e.message, /only available on Amazon Bedrock/);
  });

  it('rejects a Bedrock ID with no Anthropic equivalent on Anthropic', () => {
    notFound(() => resolveModel({ provider: 'anthropic', model: 'meta.llama3-3-70b-instruct-v1:0' }));
  });

  it('gives each logical name a sensible fallback, user mapping first', () => {
    // The previous version of the same tier first; the oldest Sonnet both providers serve and the
    // oldest Haiku have none (a quiet drop in quality would surprise more than an error).
    assert.equal(fallbackModelFor('opus-5.5'), 'opus-5');
    assert.equal(fallbackModelFor('sonnet-5.5'), 'sonnet-5');
    assert.equal(fallbackModelFor('haiku-5.5'), 'haiku-4.5');
    assert.equal(fallbackModelFor('fable-5.2'), 'fable-5.1');
    assert.equal(fallbackModelFor('sonnet-4.6'), undefined);
    assert.equal(fallbackModelFor('haiku-4.5'), undefined);
    assert.equal(fallbackModelFor('opus', { opus: { fallback: 'sonnet' } }), 'sonnet');
  });

  it('refuses a model retired on the Anthropic API there, with the date, and still resolves it on Bedrock', () => {
    for (const [name, day] of [['sonnet-4.5', '2026-11-30'], ['opus-4.1', '2026-08-05'], ['sonnet-4', '2026-06-15']] as const) {
      assert.throws(() => resolveModel({ provider: 'anthropic', model: name }), (e: unknown) => {
        assert.ok(isSwitchboardError(e));
        assert.equal(e.type, 'model_not_found');
        assert.match(e.message, new RegExp(`retired on the Anthropic API on ${day}; Amazon Bedrock still serves it`));
        return true;
      }, name);
      assert.ok(resolveModel({ provider: 'bedrock', model: name, region: 'us-east-1' }).modelId.startsWith('us.anthropic.'), name);
    }
  });

  it('knows the short, versioned and user names', () => {
    const names = knownLogicalNames({ mine: { anthropic: 'claude-opus-4-6' } });
    assert.deepEqual(names.slice(0, 3), ['opus', 'sonnet', 'haiku']);
    for (const n of ['opus-5.5', 'sonnet-5.5', 'haiku-5.5', 'fable-5.2', 'fable-5.1', 'fable-5', 'opus-5', 'sonnet-5', 'opus-4.8', 'opus-4.6', 'sonnet-4.5', 'haiku-4.5', 'opus-4.5', 'opus-4.1', 'sonnet-4', 'nova-pro', 'mine']) assert.ok(names.includes(n), n);
  });

  it('names the profile to switch to after an on-demand refusal', () => {
    assert.equal(profileIdForBaseModel('anthropic.claude-sonnet-4-6', 'eu-west-1'), 'eu.anthropic.claude-sonnet-4-6');
    assert.equal(profileIdForBaseModel('anthropic.claude-sonnet-4-6', 'ap-northeast-1'), 'jp.anthropic.claude-sonnet-4-6');
    assert.equal(profileIdForBaseModel('anthropic.claude-3-5-haiku-20241022-v1:0', 'ap-northeast-1'), 'apac.anthropic.claude-3-5-haiku-20241022-v1:0');
    assert.equal(profileIdForBaseModel('eu.anthropic.claude-sonnet-4-6', 'eu-west-1'), undefined);
    assert.equal(profileIdForBaseModel('mistral.mistral-large-2407-v1:0', 'us-west-2'), undefined);
  });
});
