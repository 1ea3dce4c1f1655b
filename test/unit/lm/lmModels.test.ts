import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import type { SwitchboardConfig } from '../../../src/core/config/schema';
import { createSwitchboard } from '../../../src/core/engine/createSwitchboard';
import type { EngineState, ResolvedConfig } from '../../../src/core/engine/types';
import { catalogByName } from '../../../src/core/models/catalog';
import { lmModels, lmModelsFingerprint } from '../../../src/presenters/lm/lmModels';
import { ALIAS } from '../client/clientHelpers';

// The resolved view comes from the product's engine (createSwitchboard), as the extension gets it.
async function resolvedFor(over: Partial<SwitchboardConfig>, secrets: { anthropicApiKey?: string } = { anthropicApiKey: 'sk-ant-test-key' }): Promise<ResolvedConfig> {
  const engine = createSwitchboard({ config: { ...DEFAULT_CONFIG, ...over, bedrock: { ...DEFAULT_CONFIG.bedrock, awsRegion: 'eu-west-1', ...over.bedrock } }, sources: { 'bedrock.awsRegion': { source: 'settings' } }, secrets, env: {} });
  try {
    return await engine.resolved();
  } finally {
    await engine.dispose();
  }
}
const calm: EngineState = { health: { anthropic: undefined, bedrock: undefined }, failover: null, spend: null, lastTest: {} };

describe('lm model information (engine.resolved() + catalog limits)', () => {
  it('offers each Claude model once, named for people, with maxInputTokens = context window − max output and the catalog capabilities', async () => {
    const view = lmModels({ resolved: await resolvedFor({ provider: 'anthropic', fallbackProvider: null, autoFallback: false }), state: calm });
    const ids = view.models.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates (sonnet and sonnet-4.6 are one model)');
    assert.ok(!ids.includes('sonnet') && ids.includes(ALIAS.sonnet.name) && ids.includes('sonnet-4.6'), ids.join(', '));
    const sonnet = view.models.find((m) => m.id === 'sonnet-4.6')!;
    const facts = catalogByName('sonnet-4.6')!;
    assert.equal(sonnet.name, 'Claude Sonnet 4.6 · Switchboard');
    assert.equal(sonnet.maxOutputTokens, facts.maxOutputTokens);
    assert.equal(sonnet.maxInputTokens, facts.contextWindow - facts.maxOutputTokens);
    assert.deepEqual(sonnet.capabilities, { toolCalling: true, imageInput: true });
    assert.equal(sonnet.family, 'claude-sonnet-4.6');
    assert.equal(sonnet.version, facts.anthropicId);
    assert.equal(sonnet.detail, 'Anthropic');
    assert.match(sonnet.tooltip!, /Sent to Anthropic as claude-sonnet-4-6\./);
    assert.equal(view.models[0]!.id, ALIAS.sonnet.name, 'the configured default (sonnet) comes first');
  });

  it('offers Bedrock-only families (Nova, Llama, Mistral) only when Bedrock is in the route', async () => {
    const anthropicOnly = lmModels({ resolved: await resolvedFor({ provider: 'anthropic', fallbackProvider: null, autoFallback: false }), state: calm });
    assert.ok(!anthropicOnly.models.some((m) => m.id === 'nova-pro'));
    assert.ok(anthropicOnly.skipped.some((s) => s.name === 'nova-pro'));
    const withBedrock = lmModels({ resolved: await resolvedFor({ provider: 'anthropic', fallbackProvider: 'bedrock', autoFallback: true }), state: calm });
    const nova = withBedrock.models.find((m) => m.id === 'nova-pro')!;
    assert.ok(nova, withBedrock.models.map((m) => m.id).join(', '));
    assert.equal(nova.detail, 'Bedrock eu-west-1', 'Nova is sent to Bedrock only');
    assert.deepEqual(nova.capabilities, { toolCalling: true, imageInput: true });
    // The ID shown is the engine's resolution for the region, not a second one.
    const resolved = await resolvedFor({ provider: 'anthropic', fallbackProvider: 'bedrock', autoFallback: true });
    const llama = withBedrock.models.find((m) => m.id === 'llama-3.3-70b')!;
    assert.ok(llama.tooltip!.includes(`as ${resolved.models['llama-3.3-70b']!.bedrock.modelId!}.`), llama.tooltip);
    assert.deepEqual(llama.capabilities, { toolCalling: true, imageInput: false });
  });

  it('says where each model is sent and that it fails over, with the Bedrock region and the ID used there', async () => {
    const view = lmModels({ resolved: await resolvedFor({ provider: 'anthropic', fallbackProvider: 'bedrock', autoFallback: true }), state: calm });
    const sonnet = view.models.find((m) => m.id === 'sonnet-4.6')!;
    assert.equal(sonnet.detail, 'Anthropic, fails over to Bedrock eu-west-1');
    assert.match(sonnet.tooltip!, /Fails over to Amazon Bedrock \(eu-west-1\) as eu\.anthropic\.claude-sonnet-4-6\./);
  });

  it('shows an active failover in the detail and the tooltip', async () => {
    const resolved = await resolvedFor({ provider: 'anthropic', fallbackProvider: 'bedrock', autoFallback: true });
    const view = lmModels({ resolved, state: { ...calm, failover: { from: 'anthropic', to: 'bedrock', reason: 'overloaded: Overloaded' } } });
    const sonnet = view.models.find((m) => m.id === 'sonnet-4.6')!;
    assert.equal(sonnet.detail, 'Bedrock eu-west-1 (failover from Anthropic)');
    assert.match(sonnet.tooltip!, /Failed over to Amazon Bedrock now: overloaded: Overloaded\./);
    assert.notEqual(lmModelsFingerprint(view.models), lmModelsFingerprint(lmModels({ resolved, state: calm }).models), 'the change event fires on failover');
  });

  it('offers nothing through Anthropic without a key, and says why (Bedrock models remain when Bedrock is the fallback)', async () => {
    const none = lmModels({ resolved: await resolvedFor({ provider: 'anthropic', fallbackProvider: null, autoFallback: false }, {}), state: calm });
    assert.deepEqual(none.models, []);
    assert.deepEqual(none.unusable.map((u) => u.provider), ['anthropic']);
    const viaBedrock = lmModels({ resolved: await resolvedFor({ provider: 'anthropic', fallbackProvider: 'bedrock', autoFallback: true }, {}), state: calm });
    assert.equal(viaBedrock.models.find((m) => m.id === 'sonnet-4.6')!.detail, 'Bedrock eu-west-1');
  });

  it('lists a mapping name under its own name with the limits of the model it points to, and the list changes with the mapping', async () => {
    const base = lmModels({ resolved: await resolvedFor({ provider: 'anthropic', fallbackProvider: null, autoFallback: false }), state: calm });
    const mapped = lmModels({ resolved: await resolvedFor({ provider: 'anthropic', fallbackProvider: null, autoFallback: false, modelMapping: { team: { anthropic: 'claude-opus-4-5-20251101' } } }), state: calm });
    assert.ok(!mapped.models.some((m) => m.id === 'team'), 'same IDs as opus-4.5: one entry');
    const own = lmModels({ resolved: await resolvedFor({ provider: 'anthropic', fallbackProvider: null, autoFallback: false, modelMapping: { sonnet: { anthropic: 'claude-sonnet-5' } } }), state: calm });
    const sonnet = own.models.find((m) => m.id === 'sonnet');
    assert.equal(sonnet, undefined, 'sonnet now names sonnet-5, already listed');
    assert.notEqual(lmModelsFingerprint(own.models), lmModelsFingerprint(base.models), 'the default moved: the order changes, so the event fires');
    assert.equal(own.models[0]!.id, 'sonnet-5');
  });

  it('switching the provider to Bedrock changes the list: region in the detail, Bedrock-only models appear', async () => {
    const a = lmModels({ resolved: await resolvedFor({ provider: 'anthropic', fallbackProvider: null, autoFallback: false }), state: calm });
    const b = lmModels({ resolved: await resolvedFor({ provider: 'bedrock', fallbackProvider: null, autoFallback: false }), state: calm });
    assert.notEqual(lmModelsFingerprint(a.models), lmModelsFingerprint(b.models));
    assert.ok(b.models.some((m) => m.id === 'nova-pro'));
    assert.equal(b.models.find((m) => m.id === 'sonnet-4.6')!.detail, 'Bedrock eu-west-1');
  });
});
