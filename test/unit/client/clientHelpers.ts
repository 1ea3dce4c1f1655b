import { SwitchboardClient } from '../../../src/core/client';
import type { SwitchboardClientOptions } from '../../../src/core/client';
import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import type { SwitchboardConfig } from '../../../src/core/config/schema';
import { catalogByName } from '../../../src/core/models/catalog';
import type { CatalogModel } from '../../../src/core/models/catalog';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/routing/retry';
import type { RetryPolicy } from '../../../src/core/routing/retry';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';

/** The product's retry policy (4 attempts, 0.5–20 s backoff, retry-after up to 30 s): what every surface runs with. */
export const PRODUCT_RETRY: RetryPolicy = DEFAULT_RETRY_POLICY;

/**
 * The model a tier alias names today, read from the catalog: tests about the default model (the
 * `sonnet` alias) or another alias assert its IDs through this, so they keep testing the alias
 * when it moves to a newer model. `ALIAS.sonnet.anthropicId`, `` `eu.${ALIAS.sonnet.bedrockId}` ``.
 */
export const ALIAS: Readonly<Record<'opus' | 'sonnet' | 'haiku', CatalogModel & { anthropicId: string; bedrockId: string }>> = {
  opus: aliasTarget('opus'),
  sonnet: aliasTarget('sonnet'),
  haiku: aliasTarget('haiku'),
};
function aliasTarget(alias: string): CatalogModel & { anthropicId: string; bedrockId: string } {
  const m = catalogByName(alias);
  if (!m?.anthropicId || !m.bedrockId) throw new Error(`the ${alias} alias must name a model both providers serve`);
  return m as CatalogModel & { anthropicId: string; bedrockId: string };
}

/** A client wired to both emulators (eu-west-1), Anthropic primary unless `over` says otherwise. */
export function emulatorClient(
  anthropic: AnthropicEmulator,
  bedrock: BedrockEmulator,
  over: Partial<SwitchboardConfig> = {},
  options: Partial<SwitchboardClientOptions> = {},
): SwitchboardClient {
  const config: SwitchboardConfig = {
    ...DEFAULT_CONFIG,
    anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: anthropic.url },
    bedrock: { ...DEFAULT_CONFIG.bedrock, awsRegion: 'eu-west-1', authMethod: 'accessKeys', endpoint: bedrock.url },
    ...over,
  };
  return new SwitchboardClient({
    config,
    sources: { 'bedrock.awsRegion': { source: 'settings' } },
    secrets: { anthropicApiKey: 'sk-ant-test-key', awsAccessKeyId: TEST_CREDENTIALS.accessKeyId, awsSecretAccessKey: TEST_CREDENTIALS.secretAccessKey },
    env: {},
    ...options,
  });
}

export interface Emulators {
  anthropic: AnthropicEmulator;
  bedrock: BedrockEmulator;
}

/** Both emulators (Bedrock in eu-west-1, the services' own prompt-cache minimums) for the enclosing describe, reset before each test. */
export function useEmulators(): Emulators {
  const emus = {} as Emulators;
  before(async () => {
    emus.anthropic = await startAnthropicEmulator();
    emus.bedrock = await startBedrockEmulator({ region: 'eu-west-1' });
  });
  after(async () => {
    await emus.anthropic.close();
    await emus.bedrock.close();
  });
  beforeEach(() => {
    emus.anthropic.reset();
    emus.bedrock.reset();
  });
  return emus;
}
