// A chat controller the way the product builds it, against the emulators: the engine from
// createSwitchboard with the product's defaults (only endpoints and keys are the emulators'), a
// session store in a temp folder, and a fake webview (a post function) that records what the host
// posts. `useChatHarness()` registers the mocha hooks that start and stop the emulators.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSessionStore } from '../../../../src/core/chat/sessionStore';
import type { SwitchboardConfig } from '../../../../src/core/config/schema';
import type { Switchboard } from '../../../../src/core/engine/types';
import type { FixAction } from '../../../../src/core/errorFixes';
import { MemoryLogger } from '../../../../src/core/logger';
import { ChatController } from '../../../../src/presenters/chat/chatController';
import type { ChatBackend } from '../../../../src/presenters/chat/chatController';
import type { AssistantChatMessage } from '../../../../src/shared/chatTypes';
import type { HostMessage } from '../../../../src/shared/protocol';
import { startAnthropicEmulator } from '../../../emulators/anthropic';
import type { AnthropicEmulator, AnthropicEmulatorOptions } from '../../../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../../../emulators/bedrock';
import type { BedrockEmulator } from '../../../emulators/bedrock';
import { emulatorEngine } from '../../client/engineHelpers';
import type { TestEngine } from '../../client/engineHelpers';

export interface ChatHarness {
  readonly anthropic: AnthropicEmulator;
  readonly bedrock: BedrockEmulator;
  /** What the controller posted to the (fake) webview, this test. */
  posted: HostMessage[];
  logger: MemoryLogger;
  /** What the backend was asked to copy to the clipboard, this test. */
  copied: string[];
  /** Fix actions (and setting links) the backend was asked to run, this test. */
  fixes: FixAction[];
  /** Engines built this test, newest last (their ledgers hold the records). */
  readonly engines: TestEngine[];
  engine(over?: Partial<SwitchboardConfig>, apiKey?: string): Promise<Switchboard>;
  controller(built?: Promise<Switchboard>): Promise<ChatController>;
  /** The session folder of this test (a second controller on it restores the session). */
  readonly dir: string;
  /** Anthropic Messages calls so far. */
  messagesCalls(): Array<{ body: unknown; modelId?: string | undefined }>;
}

export function lastAnswer(ctl: ChatController): AssistantChatMessage {
  return ctl.session.messages[ctl.session.messages.length - 1] as AssistantChatMessage;
}

/** Sends `text` and presses Stop once `deltas` text deltas have reached the view (the provider must stall after them); resolves when the turn has ended. */
export async function sendAndStopAfter(ctl: ChatController, text: string, deltas: number): Promise<void> {
  const seen = new Promise<void>((resolve) => {
    let n = 0;
    const sub = ctl.onDidPost((m) => { if (m.type === 'delta' && ++n === deltas) { sub.dispose(); resolve(); } });
  });
  const sending = ctl.handle({ type: 'send', text, model: 'sonnet' });
  await seen;
  await ctl.handle({ type: 'stop' });
  await sending;
}

export function useChatHarness(respond?: AnthropicEmulatorOptions['respond']): ChatHarness {
  const engines: TestEngine[] = [];
  const h = { engines, posted: [], copied: [], fixes: [], logger: new MemoryLogger() } as unknown as ChatHarness & { anthropic: AnthropicEmulator; bedrock: BedrockEmulator; dir: string };

  before(async () => {
    h.anthropic = await startAnthropicEmulator({ ...(respond ? { respond } : {}) });
    h.bedrock = await startBedrockEmulator({ region: 'us-east-1' });
  });
  after(async () => {
    await h.anthropic?.close();
    await h.bedrock?.close();
  });
  beforeEach(async () => {
    h.anthropic.reset();
    h.bedrock.reset();
    h.dir = await mkdtemp(join(tmpdir(), 'sb-chatctl-'));
    h.posted = [];
    h.copied = [];
    h.fixes = [];
    h.logger = new MemoryLogger();
  });
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.cleanup();
    await rm(h.dir, { recursive: true, force: true });
  });

  h.engine = async (over = {}, apiKey = 'sk-ant-test-key') => {
    const e = await emulatorEngine(h.anthropic, h.bedrock, over, { secrets: { anthropicApiKey: apiKey, awsAccessKeyId: TEST_CREDENTIALS.accessKeyId, awsSecretAccessKey: TEST_CREDENTIALS.secretAccessKey } });
    engines.push(e);
    return e.engine;
  };
  h.controller = async (built) => {
    const c = await (built ?? h.engine());
    const backend: ChatBackend = {
      stream: (request, options) => c.stream(request, options),
      models: () => [{ name: 'sonnet', provider: 'anthropic', modelId: 'claude-sonnet-4-6' }],
      defaultModel: () => 'sonnet',
      copy: (text) => void h.copied.push(text),
      insertAtCursor: () => undefined,
      runCommand: () => undefined,
      runFix: (action) => void h.fixes.push(action),
    };
    const ctl = new ChatController({ store: new FileSessionStore(h.dir), backend, logger: h.logger, flushMs: 0 });
    ctl.attachView((m) => h.posted.push(m));
    return ctl;
  };
  h.messagesCalls = () => h.anthropic.requests.filter((r) => r.path === '/v1/messages');
  return h;
}
