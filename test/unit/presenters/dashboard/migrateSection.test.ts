import * as assert from 'node:assert/strict';
import type { SwitchboardClient } from '../../../../src/core/client';
import { fixContextFrom } from '../../../../src/core/errorFixes';
import type { FixAction } from '../../../../src/core/errorFixes';
import { MemoryLogger } from '../../../../src/core/logger';
import type { ModelMapping } from '../../../../src/core/models/catalog';
import { MigrateSection } from '../../../../src/presenters/dashboard/migrateSection';
import type { MigrateSectionBackend } from '../../../../src/presenters/dashboard/migrateSection';
import type { MigrateInput } from '../../../../src/presenters/dashboard/migrateView';
import type { MappingRowInput } from '../../../../src/shared/dashboard/configure';
import type { MigrateView } from '../../../../src/shared/dashboard/migrate';
import type { ProviderId } from '../../../../src/shared/providers';
import { startAnthropicEmulator } from '../../../emulators/anthropic';
import type { AnthropicEmulator } from '../../../emulators/anthropic';
import { startBedrockEmulator } from '../../../emulators/bedrock';
import type { BedrockEmulator } from '../../../emulators/bedrock';
import { PRICE_TABLE, regionalPrice } from '../../../../src/core/usage/prices';
import { usdPerMTok } from '../../../../src/presenters/dashboard/format';
import { ALIAS, emulatorClient } from '../../client/clientHelpers';

/**
 * The wizard's section over a real engine (the emulators behind it; Bedrock in eu-west-1 denies
 * the model `opus` names to this account). IDs and prices of the aliases are read from the catalog. The editor's parts (settings, commands, the QuickPick) are recorded
 * fakes: writing the mapping rebuilds the engine with it, as the extension's settings listener does.
 */
describe('MigrateSection (Anthropic → Bedrock, against the emulators)', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;

  before(async () => {
    anthropic = await startAnthropicEmulator();
    bedrock = await startBedrockEmulator({ region: 'eu-west-1', deniedModels: [ALIAS.opus.bedrockId] });
  });
  after(async () => {
    await anthropic.close();
    await bedrock.close();
  });

  function setup(): { section: MigrateSection; calls: string[]; view: () => Promise<MigrateView> } {
    const calls: string[] = [];
    let mapping: ModelMapping = {};
    let fallback: ProviderId | null = null;
    let primary: ProviderId = 'anthropic';
    let client: SwitchboardClient = emulatorClient(anthropic, bedrock);
    const input = (): MigrateInput => ({ primary, fallback, model: 'sonnet', region: { region: 'eu-west-1', source: 'explicit', origin: 'settings' }, inferenceProfile: null, mapping, userMapping: mapping });
    const backend: MigrateSectionBackend = {
      migrate: async () => input(),
      probeModel: async (provider, model) => {
        const r = await client.send({ model, messages: [{ role: 'user', content: 'Reply with OK.' }], maxTokens: 1 }, { provider, allowFailover: false, cache: false });
        return { modelId: r.modelId, latencyMs: r.latencyMs };
      },
      fixContext: (model) => fixContextFrom({ provider: primary, fallbackProvider: fallback, env: {}, apiKeyEnv: 'ANTHROPIC_API_KEY', stored: { anthropicApiKey: true }, region: 'eu-west-1', usableProviders: ['anthropic', 'bedrock'], modelAvailableOn: model === 'opus' ? ['anthropic', 'bedrock'] : undefined }),
      runFix: async (action: FixAction) => void calls.push(`runFix ${action.kind}`),
      pickModel: async (provider, name, candidates) => {
        calls.push(`pick ${name} on ${provider} from ${candidates.map((c) => c.name).join(',')}`);
        return candidates.find((c) => c.name === 'sonnet')?.name;
      },
      exportMigration: async (result) => void calls.push(`export ${result.provider} fallback ${result.fallback}`),
      testConnection: (provider) => client.testConnection(provider),
      stream: (request, options) => client.stream(request, options),
      switchProvider: async (provider) => { primary = provider; calls.push(`switch ${provider}`); },
      writeSetting: async (key, value) => {
        calls.push(`write ${key}=${String(value)}`);
        if (key === 'modelProvider.fallbackProvider') fallback = value as ProviderId;
        return { ok: true };
      },
      writeMapping: async (rows: MappingRowInput[]) => {
        calls.push(`mapping ${JSON.stringify(rows)}`);
        mapping = Object.fromEntries(rows.map((r) => [r.name, { ...(r.anthropic ? { anthropic: r.anthropic } : {}), ...(r.bedrock ? { bedrock: r.bedrock } : {}) }]));
        client.dispose();
        client = emulatorClient(anthropic, bedrock, { modelMapping: mapping });
        return { ok: true };
      },
    };
    const section = new MigrateSection(backend, { refresh: async () => undefined, logger: new MemoryLogger(), now: () => Date.now(), show: (tab) => void calls.push(`show ${tab}`) });
    return { section, calls, view: async () => (await section.input()).migrate!.view };
  }

  const item = (v: MigrateView, id: string): MigrateView['checklist'][number] => v.checklist.find((i) => i.id === id)!;

  it('before any check: each logical model with its ID on both sides (the region\'s profile) and both prices, nothing sent', async () => {
    const { view } = setup();
    const v = await view();
    assert.deepEqual([v.from, v.to], ['anthropic', 'bedrock']);
    const sonnet = v.models.find((m) => m.name === 'sonnet')!;
    // Anthropic at the list price, Bedrock's eu. profile at the regional price (the table's factor over global.).
    const list = PRICE_TABLE[ALIAS.sonnet.name]!;
    const regional = regionalPrice(list);
    assert.ok(regional.input > list.input, 'the eu. profile costs more than the list price');
    const price = (p: { input: number; output: number }): string => `${usdPerMTok(p.input)} / ${usdPerMTok(p.output)}`;
    assert.deepEqual([sonnet.fromId, sonnet.toId, sonnet.fromPrice, sonnet.toPrice, sonnet.access], [ALIAS.sonnet.anthropicId, `eu.${ALIAS.sonnet.bedrockId}`, price(list), price(regional), 'idle']);
    assert.deepEqual(v.checklist.map((i) => [i.id, i.state]), [
      ['credentials', 'pending'], ['region', 'pass'], ['model:sonnet', 'pending'], ['model:haiku', 'pending'], ['model:opus', 'pending'], ['compare', 'pending'], ['fallback', 'warn'], ['primary', 'pending'],
    ]);
    assert.equal(bedrock.modelRequests().length, 0);
  });

  it('runs every check for real; a denied model fails with core\'s fixes (minus switching back), and Pick Another Model remaps it so it passes', async () => {
    bedrock.reset();
    const { section, calls, view } = setup();
    await section.input();
    await section.handle({ type: 'migrateCheck', step: 'all' });
    let v = await view();
    assert.equal(item(v, 'credentials').state, 'pass');
    assert.deepEqual(['model:sonnet', 'model:haiku', 'model:opus', 'compare'].map((id) => item(v, id).state), ['pass', 'pass', 'fail', 'pass']);
    const opus = item(v, 'model:opus');
    // The ID the table shows for opus in eu-west-1 (the region's profile, or global. where the model has none) is the one denied.
    const opusToId = v.models.find((m) => m.name === 'opus')!.toId;
    assert.match(opusToId, new RegExp(`^(eu|global)\\.${ALIAS.opus.bedrockId}$`));
    assert.ok(/^permission: /.test(opus.detail ?? '') && (opus.detail ?? '').includes(opusToId), opus.detail);
    const labels = opus.fixes.map((f) => f.label);
    assert.ok(labels.includes('Pick Another Model'), labels.join());
    assert.ok(!labels.includes('Use Anthropic'), 'switching back to Anthropic was offered as a fix');
    // One probe per model, each forced onto Bedrock with the ID its row shows (the region's profile), plus the credentials test and one side-by-side answer.
    const ids = bedrock.modelRequests().map((r) => r.modelId ?? '');
    const shown = new Set(v.models.map((m) => m.toId));
    assert.ok(ids.every((id) => shown.has(id) && /^(eu|global)\./.test(id)), ids.join());
    assert.deepEqual([...new Set(ids)].sort(), [...shown].sort(), 'every model was probed');
    assert.equal(ids.filter((id) => id.includes('opus')).length, 1);
    assert.equal(v.compare.rows.every((r) => r.state === 'ok' && (r.answer ?? '').length > 0), true);

    await section.handle({ type: 'migrateFix', item: 'model:opus', fixIndex: labels.indexOf('Pick Another Model') });
    assert.ok(calls.includes('pick opus on bedrock from sonnet,haiku'), calls.join(' | '));
    assert.ok(calls.some((c) => c === 'mapping [{"name":"opus","anthropic":"","bedrock":"sonnet","fallback":""}]'), calls.join(' | '));
    v = await view();
    assert.equal(item(v, 'model:opus').state, 'pass');
    assert.equal(v.models.find((m) => m.name === 'opus')!.toId, `eu.${ALIAS.sonnet.bedrockId}`);
  });

  it('routing items: keep the source as fallback, make the target primary, export; the direction stays after the switch', async () => {
    const { section, calls, view } = setup();
    await section.input();
    const fallbackFix = item(await view(), 'fallback').fixes[0]!;
    assert.equal(fallbackFix.label, 'Keep Anthropic as Fallback');
    await section.handle({ type: 'migrateFix', item: 'fallback', fixIndex: 0 });
    assert.equal(item(await view(), 'fallback').state, 'pass');
    await section.handle({ type: 'migrateFix', item: 'primary', fixIndex: 0 });
    const v = await view();
    assert.equal(item(v, 'primary').state, 'pass');
    assert.deepEqual([v.from, v.to], ['anthropic', 'bedrock']);
    await section.handle({ type: 'migrateExport' });
    assert.deepEqual(calls, ['write modelProvider.fallbackProvider=anthropic', 'switch bedrock', 'export bedrock fallback anthropic']);
    // A fix index the item does not have does nothing.
    await section.handle({ type: 'migrateFix', item: 'primary', fixIndex: 3 });
    assert.equal(calls.length, 3);
  });

  it('the other way: Bedrock → Anthropic checks the Anthropic key and the Anthropic IDs', async () => {
    anthropic.reset();
    const { section, view } = setup();
    await section.input();
    await section.handle({ type: 'migrateDirection', to: 'anthropic' });
    await section.handle({ type: 'migrateCheck', step: 'credentials' });
    const v = await view();
    assert.deepEqual([v.from, v.to], ['bedrock', 'anthropic']);
    assert.equal(item(v, 'credentials').state, 'pass');
    assert.equal(v.checklist.some((i) => i.id === 'region'), false);
    assert.equal(v.models.find((m) => m.name === 'haiku')!.toId, ALIAS.haiku.anthropicId);
    assert.ok(anthropic.requests.length > 0, 'Anthropic was not called');
  });
});
