import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MODEL_CATALOG } from '../../../src/core/models/catalog';
import { geoPrefixForRegion, knownLogicalNames, resolveModel } from '../../../src/core/models/resolve';
import { isBedrockRegion, knownRegions } from '../../../src/core/models/regions';

const bedrockNames = knownLogicalNames().filter((n) => {
  const entry = MODEL_CATALOG.find((m) => m.name === n || m.aliases.includes(n));
  return entry?.bedrockId !== undefined;
});
const regions = knownRegions().filter(isBedrockRegion);

describe('model resolution properties', () => {
  it('for any known model and Bedrock region, the ID is the base ID behind the region geo prefix, global., or in-region', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bedrockNames), fc.constantFrom(...regions), fc.boolean(), (name, region, preferGlobal) => {
        const r = resolveModel({ provider: 'bedrock', model: name, region, preferGlobal });
        const entry = MODEL_CATALOG.find((m) => m.name === name || m.aliases.includes(name))!;
        assert.ok(r.modelId.endsWith(entry.bedrockId!), `${r.modelId} contains ${entry.bedrockId}`);
        const prefix = r.modelId.slice(0, r.modelId.length - entry.bedrockId!.length);
        const geo = geoPrefixForRegion(region);
        const allowed = new Set(['', 'global.', ...(geo ? [`${geo}.`] : []), ...(geo === 'jp' || geo === 'au' ? ['apac.'] : [])]);
        assert.ok(allowed.has(prefix), `${region}: prefix "${prefix}" not in ${[...allowed].join(',')}`);
        // A prefix is only chosen when the model offers that profile.
        if (prefix) assert.ok(entry.bedrockProfiles.includes(prefix.slice(0, -1) as never));
        // The region's own geo profile is used whenever offered, unless global was asked for.
        if (!preferGlobal && geo && entry.bedrockProfiles.includes(geo)) assert.equal(prefix, `${geo}.`);
        if (preferGlobal && entry.bedrockProfiles.includes('global') && !region.startsWith('us-gov-')) assert.equal(prefix, 'global.');
        assert.equal(r.explicit, false);
      }),
      { numRuns: 300 },
    );
  });

  it('any explicit inference-profile ID is sent unchanged with its family kept', () => {
    const profiled = MODEL_CATALOG.filter((m) => m.bedrockId && m.bedrockProfiles.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...profiled), fc.constantFrom(...regions), (entry, region) => {
        const id = `${entry.bedrockProfiles[0]}.${entry.bedrockId}`;
        const r = resolveModel({ provider: 'bedrock', model: id, region, preferGlobal: true });
        assert.equal(r.modelId, id);
        assert.equal(r.explicit, true);
        assert.equal(r.family, entry.family);
        assert.equal(r.baseModelId, entry.bedrockId);
      }),
    );
  });
});
