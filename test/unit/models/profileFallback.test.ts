import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import { MemoryLogger } from '../../../src/core/logger';
import { resolveModel } from '../../../src/core/models/resolve';
import { buildBedrockProvider } from '../../../src/core/providerFactory';
import { BedrockProvider } from '../../../src/core/providers/bedrock/bedrockProvider';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { TEST_API_KEY, startBedrockEmulator } from '../../emulators/bedrock';
import { collect } from '../bedrock/helpers';

// The Bedrock provider as the product builds it (providerFactory), the real AWS SDK, and the
// strict emulator in Mumbai, which — like AWS — knows only the inference profiles that exist.
describe('Bedrock falls back once when a profile ID is not offered in the region', () => {
  const region = 'ap-south-1';
  let emu: BedrockEmulator;
  let provider: BedrockProvider;
  let logger: MemoryLogger;

  before(async () => {
    emu = await startBedrockEmulator({ region, minCacheableTokens: 0, apiKeys: [TEST_API_KEY] });
  });
  beforeEach(async () => {
    logger = new MemoryLogger();
    const config = { ...DEFAULT_CONFIG, provider: 'bedrock' as const, bedrock: { ...DEFAULT_CONFIG.bedrock, awsRegion: region, endpoint: emu.url, authMethod: 'apiKey' as const, useBedrockApiKey: true } };
    const built = await buildBedrockProvider({
      config, sources: { 'bedrock.awsRegion': { source: 'explicit' } }, secrets: { bedrockApiKey: TEST_API_KEY }, env: {}, logger,
      resolveModelId: (p, model, r) => resolveModel({ provider: p, model, region: r, mapping: config.modelMapping }).modelId,
    });
    assert.ok(built.provider instanceof BedrockProvider);
    provider = built.provider;
  });
  afterEach(async () => {
    provider.dispose();
    emu.reset();
  });
  after(() => emu.close());

  it('a pinned apac. Haiku 4.5 (no such profile) is retried once as global. and answers', async () => {
    const { text, error } = await collect(provider.stream({ model: 'apac.anthropic.claude-haiku-4-5-20251001-v1:0', messages: [{ role: 'user', content: 'hello there' }] }));
    assert.equal(error, undefined);
    assert.equal(text, 'Echo: hello there');
    assert.deepEqual(emu.modelRequests().map((r) => r.modelId), ['apac.anthropic.claude-haiku-4-5-20251001-v1:0', 'global.anthropic.claude-haiku-4-5-20251001-v1:0']);
    assert.ok(logger.lines.some((l) => l.includes('falling back once to global.anthropic.claude-haiku-4-5-20251001-v1:0')), logger.lines.join('\n'));
  });

  it('the logical name goes straight to global. (no apac. profile for Haiku 4.5)', async () => {
    const { error } = await collect(provider.stream({ model: 'haiku-4.5', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(error, undefined);
    assert.deepEqual(emu.modelRequests().map((r) => r.modelId), ['global.anthropic.claude-haiku-4-5-20251001-v1:0']);
    // ...and says why, once.
    await collect(provider.stream({ model: 'haiku-4.5', messages: [{ role: 'user', content: 'again' }] }));
    assert.deepEqual(logger.lines.filter((l) => l.includes('bedrock: haiku-4.5 →')), ['info bedrock: haiku-4.5 → global.anthropic.claude-haiku-4-5-20251001-v1:0 in ap-south-1: Claude Haiku 4.5 has no apac. profile; using global.']);
  });

  it('does not loop: an ID with no reachable alternative fails with the service error', async () => {
    // Opus 4.1 has only a us. profile, and its base ID needs one: nothing to fall back to in Mumbai.
    const { error } = await collect(provider.stream({ model: 'au.anthropic.claude-opus-4-1-20250805-v1:0', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(error?.type, 'region'); // au. profiles are not callable from Mumbai: the errors module says so
    assert.deepEqual(emu.modelRequests().map((r) => r.modelId), ['au.anthropic.claude-opus-4-1-20250805-v1:0']);
    assert.ok(!logger.lines.some((l) => l.includes('falling back')));
  });
});
