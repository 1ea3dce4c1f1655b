import * as assert from 'node:assert/strict';
import { checkField } from '../../../src/core/config/validate';
import { MODEL_CATALOG } from '../../../src/core/models/catalog';
import { bedrockRegions } from '../../../src/core/models/regions';
import { fallbackModelIdFor, resolveModel } from '../../../src/core/models/resolve';
import { EMULATED_MODELS, profileAccepted } from '../../emulators/bedrockModels';
import { ALIAS } from '../client/clientHelpers';

// The geography each Bedrock region's cross-region profiles belong to. Written out (not computed
// by the product's geoPrefixForRegion) so the mapping itself is under test.
const GEO_OF_REGION: Readonly<Record<string, string>> = {
  'us-east-1': 'us', 'us-east-2': 'us', 'us-west-1': 'us', 'us-west-2': 'us',
  'us-gov-west-1': 'us-gov', 'us-gov-east-1': 'us-gov',
  'ca-central-1': 'ca', 'sa-east-1': 'sa', 'mx-central-1': 'none',
  'eu-west-1': 'eu', 'eu-west-2': 'eu', 'eu-west-3': 'eu', 'eu-central-1': 'eu', 'eu-central-2': 'eu', 'eu-north-1': 'eu', 'eu-south-1': 'eu', 'eu-south-2': 'eu',
  // jp. covers Tokyo and Osaka only; Seoul is apac.
  'ap-northeast-1': 'jp', 'ap-northeast-3': 'jp', 'ap-northeast-2': 'apac',
  'ap-southeast-2': 'au', 'ap-southeast-4': 'au',
  'ap-southeast-1': 'apac', 'ap-southeast-3': 'apac', 'ap-southeast-5': 'apac', 'ap-southeast-7': 'apac',
  'ap-south-1': 'apac', 'ap-south-2': 'apac', 'ap-east-2': 'apac',
  'me-central-1': 'none', 'me-south-1': 'none', 'il-central-1': 'none', 'af-south-1': 'none',
};

// Expected ID prefix per model and geography ('' = the base ID, in-region), from the public
// profile tables (see src/core/models/catalogData.ts for the sources and the choices made).
type Row = Readonly<Record<string, string>>;
const EVERYWHERE_ELSE_GLOBAL = { ca: 'global', sa: 'global', none: 'global', 'us-gov': '' };
const GEO = { us: 'us', eu: 'eu', jp: 'jp', au: 'au' };
const EXPECTED: Readonly<Record<string, Row>> = {
  // Claude 5 generation and Opus 4.8 (catalogClaude5.ts: only the profiles a source confirms).
  'opus-5.5': { us: 'us', eu: 'global', jp: 'jp', au: 'global', apac: 'global', ...EVERYWHERE_ELSE_GLOBAL },
  'sonnet-5.5': { ...GEO, apac: 'apac', ...EVERYWHERE_ELSE_GLOBAL, 'us-gov': 'us-gov' },
  'haiku-5.5': { ...GEO, apac: 'global', ...EVERYWHERE_ELSE_GLOBAL },
  'fable-5.1': { us: 'us', eu: 'eu', jp: 'global', au: 'global', apac: 'global', ...EVERYWHERE_ELSE_GLOBAL, 'us-gov': 'us-gov' },
  'fable-5': { us: 'us', eu: 'eu', jp: 'global', au: 'global', apac: 'global', ...EVERYWHERE_ELSE_GLOBAL },
  'opus-5': { us: 'us', eu: 'global', jp: 'global', au: 'global', apac: 'global', ...EVERYWHERE_ELSE_GLOBAL, 'us-gov': 'us-gov' },
  'sonnet-5': { ...GEO, apac: 'global', ...EVERYWHERE_ELSE_GLOBAL },
  'opus-4.8': { ...GEO, apac: 'global', ...EVERYWHERE_ELSE_GLOBAL },
  'opus-4.7': { us: 'us', eu: 'eu', jp: 'jp', au: 'au', apac: 'global', ...EVERYWHERE_ELSE_GLOBAL },
  'opus-4.6': { us: 'us', eu: 'eu', jp: 'jp', au: 'au', apac: 'apac', ...EVERYWHERE_ELSE_GLOBAL },
  'sonnet-4.6': { us: 'us', eu: 'eu', jp: 'jp', au: 'au', apac: 'global', ...EVERYWHERE_ELSE_GLOBAL, 'us-gov': 'us-gov' },
  'sonnet-4.5': { us: 'us', eu: 'eu', jp: 'jp', au: 'au', apac: 'global', ...EVERYWHERE_ELSE_GLOBAL, 'us-gov': 'us-gov' },
  'haiku-4.5': { us: 'us', eu: 'eu', jp: 'jp', au: 'au', apac: 'global', ...EVERYWHERE_ELSE_GLOBAL },
  'opus-4.5': { us: 'us', eu: 'eu', jp: 'global', au: 'global', apac: 'global', ...EVERYWHERE_ELSE_GLOBAL },
  'opus-4.1': { us: 'us', eu: '', jp: '', au: '', apac: '', ca: '', sa: '', none: '', 'us-gov': '' },
  'sonnet-4': { us: 'us', eu: 'eu', jp: 'apac', au: 'apac', apac: 'apac', ...EVERYWHERE_ELSE_GLOBAL },
  'nova-pro': { us: 'us', eu: 'eu', jp: 'apac', au: 'apac', apac: 'apac', ca: '', sa: '', none: '', 'us-gov': '' },
  'nova-lite': { us: 'us', eu: 'eu', jp: 'apac', au: 'apac', apac: 'apac', ca: '', sa: '', none: '', 'us-gov': '' },
  'llama-3.3-70b': { us: 'us', eu: '', jp: '', au: '', apac: '', ca: '', sa: '', none: '', 'us-gov': '' },
  'mistral-large': { us: '', eu: '', jp: '', au: '', apac: '', ca: '', sa: '', none: '', 'us-gov': '' },
};

const ON_BEDROCK = MODEL_CATALOG.filter((m) => m.bedrockId !== undefined);

describe('inference-profile choice: every catalog model in every Bedrock region', () => {
  it('covers every commercial and GovCloud Bedrock region and every catalog model Bedrock serves', () => {
    assert.deepEqual([...bedrockRegions()].sort(), Object.keys(GEO_OF_REGION).sort());
    assert.deepEqual(ON_BEDROCK.map((m) => m.name).sort(), Object.keys(EXPECTED).sort());
    // The one catalog model without a Bedrock ID is said so, not silently skipped.
    assert.deepEqual(MODEL_CATALOG.filter((m) => !m.bedrockId).map((m) => m.name), ['fable-5.2']);
  });

  for (const model of ON_BEDROCK) {
    describe(model.displayName, () => {
      for (const region of Object.keys(GEO_OF_REGION)) {
        const geo = GEO_OF_REGION[region]!;
        const prefix = EXPECTED[model.name]![geo]!;
        const expectedId = prefix ? `${prefix}.${model.bedrockId}` : model.bedrockId;
        it(`${region} → ${expectedId}`, () => {
          const r = resolveModel({ provider: 'bedrock', model: model.name, region });
          assert.equal(r.modelId, expectedId);
          // The choice is explained, and a missing geo profile is said so (logged by callers).
          assert.ok((r.reason ?? '').length > 0);
          if (prefix === 'global' && geo !== 'none') assert.equal(r.rule, 'global-no-geo');
          if (prefix === geo) assert.equal(r.rule, 'geo');
          if (prefix && prefix !== geo && geo !== 'none') assert.match(r.note ?? '', new RegExp(`no ${geo}\\. profile`));
          // A profile the product sends is one the (independently written) emulator list accepts
          // from that region — the way AWS would.
          if (prefix) assert.ok(profileAccepted(r.modelId, region), `${r.modelId} is not a profile AWS serves in ${region}`);
          // Every fallback candidate is reachable too, and none repeats the chosen ID.
          assert.ok(r.fallbackIds);
          for (const id of r.fallbackIds) {
            assert.notEqual(id, r.modelId);
            if (id !== model.bedrockId) assert.ok(profileAccepted(id, region), `fallback ${id} in ${region}`);
          }
        });
      }
    });
  }

  it('never sends the old ug. GovCloud spelling, and the emulator rejects it as AWS does', () => {
    const r = resolveModel({ provider: 'bedrock', model: 'sonnet-4.5', region: 'us-gov-west-1' });
    assert.equal(r.modelId, 'us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.equal(profileAccepted('ug.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us-gov-west-1'), false);
    // An old `inference_profile: ug` setting: config validation names the right prefix (not "did
    // you mean us?"), and the resolver, if handed it anyway, reads it as us-gov.
    const checked = checkField({ type: 'inferenceProfile' }, 'ug');
    assert.equal(checked.ok, false);
    assert.match(checked.ok ? '' : checked.problem, /begin with "us-gov\."/);
    assert.equal(checkField({ type: 'inferenceProfile' }, 'us-gov').ok, true);
    assert.equal(resolveModel({ provider: 'bedrock', model: 'sonnet', region: 'us-gov-east-1', inferenceProfile: 'ug' }).modelId, `us-gov.${ALIAS.sonnet.bedrockId}`);
  });

  it('builds no apac. ID for Sonnet 4.5 / 4.6 or Haiku 4.5 in Mumbai or Seoul', () => {
    for (const region of ['ap-south-1', 'ap-northeast-2']) {
      for (const model of ['sonnet-4.6', 'sonnet-4.5', 'haiku-4.5']) {
        const r = resolveModel({ provider: 'bedrock', model, region });
        assert.ok(r.modelId.startsWith('global.'), `${model} in ${region}: ${r.modelId}`);
        assert.ok(!(r.fallbackIds ?? []).some((id) => id.startsWith('apac.')));
      }
    }
  });

  it('falls back once from an ID Bedrock rejects to the next profile for the region', () => {
    // apac. Haiku 4.5 (a LiteLLM row, absent from Anthropic's table) → global. in Mumbai.
    assert.equal(fallbackModelIdFor('apac.anthropic.claude-haiku-4-5-20251001-v1:0', 'ap-south-1'), 'global.anthropic.claude-haiku-4-5-20251001-v1:0');
    // The region's geo profile → global.
    assert.equal(fallbackModelIdFor('eu.anthropic.claude-sonnet-4-6', 'eu-west-1'), 'global.anthropic.claude-sonnet-4-6');
    // GovCloud has no global.: the next candidate is none (Claude needs a profile).
    assert.equal(fallbackModelIdFor('us-gov.anthropic.claude-sonnet-4-6', 'us-gov-west-1'), undefined);
    // Nova answers on demand: after its geo profile comes the base ID.
    assert.equal(fallbackModelIdFor('us.amazon.nova-pro-v1:0', 'us-east-1'), 'amazon.nova-pro-v1:0');
    // Unknown models are left alone.
    assert.equal(fallbackModelIdFor('us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'us-east-1'), undefined);
  });

  it('the emulator serves the same models as the catalog, with the same limits', () => {
    for (const m of ON_BEDROCK) {
      const e = EMULATED_MODELS.find((x) => x.baseId === m.bedrockId);
      assert.ok(e, `${m.name} missing from the emulator`);
      assert.equal(e.maxOutputTokens, m.maxOutputTokens, `${m.name} max output`);
      assert.equal(e.contextWindow, m.contextWindow, `${m.name} context window`);
      assert.equal(e.caching, m.promptCache !== undefined && m.promptCache.bedrockTtls.length > 0, `${m.name} caching`);
    }
  });
});
