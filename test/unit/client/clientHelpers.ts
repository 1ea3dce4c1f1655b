import { SwitchboardClient } from '../../../src/core/client';
import type { SwitchboardClientOptions } from '../../../src/core/client';
import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import type { SwitchboardConfig } from '../../../src/core/config/schema';
import { catalogByName } from '../../../src/core/models/catalog';
import type { CatalogModel } from '../../../src/core/models/catalog';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/routing/retry';
import type { RetryPolicy } from '../../../src/core/routing/retry';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator, AnthropicEmulatorOptions } from '../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { BedrockEmulator, BedrockEmulatorOptions } from '../../emulators/bedrock';

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

/** A client wired to both emulators (Bedrock in the emulator's region), Anthropic primary unless `over` says otherwise. */
export function emulatorClient(
  anthropic: AnthropicEmulator,
  bedrock: BedrockEmulator,
  over: Partial<SwitchboardConfig> = {},
  options: Partial<SwitchboardClientOptions> = {},
): SwitchboardClient {
  const config: SwitchboardConfig = {
    ...DEFAULT_CONFIG,
    anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: anthropic.url },
    bedrock: { ...DEFAULT_CONFIG.bedrock, awsRegion: bedrock.region, authMethod: 'accessKeys', endpoint: bedrock.url },
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

export interface UseEmulatorsOptions {
  /** The Bedrock endpoint's region (SigV4 scope, profile prefixes); default eu-west-1. */
  region?: string;
  anthropic?: AnthropicEmulatorOptions;
  bedrock?: Omit<BedrockEmulatorOptions, 'region'>;
}

/**
 * Both emulators (the services' own prompt-cache minimums unless `options` say otherwise) for the
 * enclosing describe, reset before each test. `ready` gets them once they listen, e.g. to set the
 * describe's own `anthropic` / `bedrock` variables: `useEmulators({}, (e) => ({ anthropic, bedrock } = e))`.
 */
export function useEmulators(options: UseEmulatorsOptions = {}, ready?: (emulators: Emulators) => void): Emulators {
  const emus = {} as Emulators;
  before(async () => {
    emus.anthropic = await startAnthropicEmulator(options.anthropic);
    emus.bedrock = await startBedrockEmulator({ ...options.bedrock, region: options.region ?? 'eu-west-1' });
    ready?.(emus);
  });
  after(async () => {
    await emus.anthropic?.close();
    await emus.bedrock?.close();
  });
  beforeEach(() => {
    emus.anthropic.reset();
    emus.bedrock.reset();
  });
  return emus;
}

/** One emulator for the enclosing describe (started before, closed after, reset before each test); `ready` gets it once it listens. */
export function useEmulator<E extends { close(): Promise<void>; reset(): void }>(start: () => Promise<E>, ready: (emulator: E) => void): void {
  let emulator: E | undefined;
  before(async () => {
    emulator = await start();
    ready(emulator);
  });
  after(async () => {
    await emulator?.close();
  });
  beforeEach(() => emulator?.reset());
}
