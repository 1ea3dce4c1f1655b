// What the chat's model picker and Verify Model Mapping list, computed from the extension's own
// engine (extensionEngineFixture.ts: the extension's construction over the emulators), and checked
// against what that engine sends.
import * as assert from 'node:assert/strict';
import { MODEL_CATALOG } from '../../../src/core/models/catalog';
import { describeModels } from '../../../src/core/models/describe';
import { chatModelOptions, mappingRows } from '../../../src/presenters/modelChoices';
import { modelHint } from '../../../src/shared/chatFormat';
import { useExtensionEngine } from './extensionEngineFixture';

const BEDROCK_ONLY = ['nova-pro', 'nova-lite', 'llama-3.3-70b', 'mistral-large'];

describe('model choices: the chat picker and Verify Model Mapping', () => {
  const fx = useExtensionEngine('us-east-1');
  const anthropicUser = () => ({ 'modelProvider.anthropic.baseUrl': fx.anthropic.url, 'health.intervalSeconds': 0 });
  const bedrockUser = () => ({ 'modelProvider.type': 'bedrock', 'modelProvider.bedrock.awsRegion': 'us-east-1', 'modelProvider.bedrock.authMethod': 'accessKeys', 'modelProvider.bedrock.endpoint': fx.bedrock.url, 'health.intervalSeconds': 0 });

  it('on Anthropic the picker offers no Bedrock-only model, and every entry resolves to the ID the engine sends', async () => {
    const { engine, view } = await fx.build(anthropicUser(), {});
    const options = chatModelOptions(view());
    const names = options.flatMap((o) => [o.name, ...(o.aliases ?? [])]);
    for (const n of BEDROCK_ONLY) assert.ok(!names.includes(n), `${n} is offered on Anthropic, where it can only fail`);
    for (const o of options) {
      assert.equal(o.provider, 'anthropic');
      assert.ok(o.modelId, `${o.name} has no ID`);
      assert.equal(o.problem, undefined);
    }
    for (const o of options.filter((x) => ['opus', 'haiku', 'opus-4.6'].includes(x.name))) {
      const sent = await engine.send({ model: o.name, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(sent.modelId, o.modelId, o.name);
    }
  });

  it('lists one entry per model (opus and opus-5.5 are one, with the alias), Anthropic\'s current models first, then older versions; none it retired', async () => {
    const { view } = await fx.build(anthropicUser(), {});
    const options = chatModelOptions(view());
    // Catalog order; Sonnet 4.5, Opus 4.1 and Sonnet 4 are retired on the Anthropic API (catalogClaude4.ts), so not offered there.
    assert.deepEqual(options.map((o) => o.name), ['opus', 'sonnet', 'haiku', 'fable-5.2', 'fable-5.1', 'fable-5', 'opus-5', 'sonnet-5', 'opus-4.8', 'opus-4.7', 'opus-4.6', 'sonnet-4.6', 'haiku-4.5', 'opus-4.5']);
    assert.deepEqual(options.map((o) => o.group), [...Array(4).fill('current'), ...Array(10).fill('older')]);
    const opus = options.find((o) => o.name === 'opus')!;
    assert.deepEqual(opus.aliases, ['opus-5.5']);
    assert.equal(opus.label, 'opus — Opus 5.5');
    assert.equal(opus.detail, 'claude-opus-5-5 · also opus-5.5 · $4 / $20 per MTok');
    assert.equal(new Set(options.map((o) => o.modelId)).size, options.length, 'two entries send the same model ID');
  });

  it('on Bedrock the other families are offered too, in their own group after the Claude models', async () => {
    const { view } = await fx.build(bedrockUser(), {});
    const options = chatModelOptions(view());
    const other = options.filter((o) => o.group === 'other').map((o) => o.name);
    assert.deepEqual(other.sort(), [...BEDROCK_ONLY].sort());
    assert.ok(options.findIndex((o) => o.group === 'other') > options.findIndex((o) => o.group === 'older'));
    assert.equal(options.find((o) => o.name === 'nova-pro')?.modelId, 'us.amazon.nova-pro-v1:0');
  });

  it('a chat whose model the answering provider cannot serve keeps it, with why in words (not an error code)', async () => {
    const { view } = await fx.build(anthropicUser(), {});
    const nova = chatModelOptions(view(), 'nova-pro').find((o) => o.name === 'nova-pro');
    assert.ok(nova, 'the selected model vanished from the picker');
    assert.equal(nova.modelId, undefined);
    assert.equal(nova.problem, 'Bedrock only — switch to Bedrock or pick another model');
    assert.equal(modelHint(nova, 'nova-pro'), `⚠ ${nova.problem}`);
  });

  it('a chat saved with the versioned name selects that entry, the short name listed as its alias', async () => {
    const { view } = await fx.build(anthropicUser(), {});
    const options = chatModelOptions(view(), 'opus-5.5');
    assert.deepEqual(options.filter((o) => o.modelId === 'claude-opus-5-5').map((o) => [o.name, o.aliases]), [['opus-5.5', ['opus']]]);
  });

  it('a name from the user\'s mapping gets its own group, or joins the model it names', async () => {
    const mapping = { mine: { anthropic: 'claude-3-custom-finetune' }, fast: { anthropic: 'claude-haiku-4-5-20251001', bedrock: 'anthropic.claude-haiku-4-5-20251001-v1:0' } };
    const { view } = await fx.build({ ...anthropicUser(), 'modelProvider.modelMapping': mapping }, {});
    const options = chatModelOptions(view());
    assert.deepEqual(options.filter((o) => o.group === 'custom').map((o) => [o.name, o.modelId]), [['mine', 'claude-3-custom-finetune']]);
    assert.deepEqual(options.find((o) => o.name === 'haiku-4.5')?.aliases, ['fast']);
  });

  it('Verify Model Mapping: the built-in catalog has no problem; one row per model with the ID per provider, the rule, limits and prices', async () => {
    const { view } = await fx.build(anthropicUser(), {});
    const v = view();
    const rows = mappingRows(v, describeModels({ region: v.resolved.bedrock.region.region }));
    assert.deepEqual(rows.filter((r) => !r.ok).map((r) => r.name), [], 'the built-in catalog reported problems');
    assert.equal(rows.length, MODEL_CATALOG.length, 'one row per catalog model');
    const opus = rows.find((r) => r.name === 'opus')!;
    assert.deepEqual(opus.names, ['opus', 'opus-5.5']);
    assert.equal(opus.anthropic, 'claude-opus-5-5');
    assert.equal(opus.bedrock, 'us.anthropic.claude-opus-5-5');
    assert.match(opus.rule ?? '', /us-east-1 is in the us\. geography/);
    assert.deepEqual([opus.contextWindow, opus.maxOutputTokens], [1_000_000, 128_000]);
    assert.equal(opus.prices.anthropic, '$4 / $20 per MTok');
    assert.match(opus.prices.bedrock ?? '', /^\$4\.40 \/ \$22 per MTok \(regional price\)$/);
    const nova = rows.find((r) => r.name === 'nova-pro')!;
    assert.equal(nova.ok, true);
    assert.deepEqual(nova.servedBy, ['bedrock']);
    assert.equal(nova.anthropic, '— (Bedrock-only)');
    // The IDs are the engine's resolution: the same the status bar shows for the default model.
    assert.equal(rows.find((r) => r.names.includes(v.resolved.model))?.anthropic, v.resolved.models[v.resolved.model]?.anthropic.modelId);
  });
});
