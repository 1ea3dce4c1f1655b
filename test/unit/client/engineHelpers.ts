// Engines built the way the product builds them: createSwitchboard with the product's defaults
// (retry policy, deadlines, breakers), a real usage ledger in a temp folder, real SDKs over HTTP
// to the emulators. Only the endpoints and credentials point at the emulators.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import type { SwitchboardConfig } from '../../../src/core/config/schema';
import { createSwitchboard } from '../../../src/core/engine/createSwitchboard';
import type { Switchboard, SwitchboardOptions } from '../../../src/core/engine/types';
import { UsageLedger } from '../../../src/core/usage/ledger';
import type { UsageRecord } from '../../../src/core/usage/ledger';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { TEST_CREDENTIALS } from '../../emulators/bedrock';
import type { BedrockEmulator } from '../../emulators/bedrock';

export interface TestEngine {
  engine: Switchboard;
  records: () => Promise<UsageRecord[]>;
  cleanup: () => Promise<void>;
}

export async function emulatorEngine(anthropic: Pick<AnthropicEmulator, 'url'>, bedrock: Pick<BedrockEmulator, 'url' | 'region'>, over: Partial<SwitchboardConfig> = {}, options: Partial<SwitchboardOptions> = {}): Promise<TestEngine> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-engine-'));
  const ledger = new UsageLedger(path.join(dir, 'usage'));
  const config: SwitchboardConfig = {
    ...DEFAULT_CONFIG,
    anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: anthropic.url },
    bedrock: { ...DEFAULT_CONFIG.bedrock, awsRegion: bedrock.region, authMethod: 'accessKeys', endpoint: bedrock.url },
    ...over,
  };
  const engine = createSwitchboard({
    config,
    sources: { 'bedrock.awsRegion': { source: 'settings' } },
    secrets: { anthropicApiKey: 'sk-ant-test-key', awsAccessKeyId: TEST_CREDENTIALS.accessKeyId, awsSecretAccessKey: TEST_CREDENTIALS.secretAccessKey },
    env: {},
    surface: 'test',
    ...options,
    storage: { ledger, ...options.storage },
  });
  return {
    engine,
    records: () => ledger.readAll(),
    cleanup: async () => {
      await engine.dispose();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Engines for the tests of the enclosing describe (emulatorEngine over the describe's emulators),
 * each disposed (and its ledger folder removed) after its test.
 */
export function useEngines(emulators: () => { anthropic: AnthropicEmulator; bedrock: BedrockEmulator }): (over?: Partial<SwitchboardConfig>, options?: Partial<SwitchboardOptions>) => Promise<TestEngine> {
  const open: TestEngine[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.cleanup();
  });
  return async (over, options) => {
    const { anthropic, bedrock } = emulators();
    const t = await emulatorEngine(anthropic, bedrock, over, options);
    open.push(t);
    return t;
  };
}
