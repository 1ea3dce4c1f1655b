import { AnthropicProvider } from '../../../src/core/providers/anthropic/anthropicProvider';
import type { AnthropicProviderOptions } from '../../../src/core/providers/anthropic/anthropicProvider';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { StreamEvent } from '../../../src/core/types';
import { SwitchboardError } from '../../../src/core/errors';

export const TEST_KEY = 'sk-ant-test-key';

export function providerFor(emu: AnthropicEmulator, options: AnthropicProviderOptions = {}): AnthropicProvider {
  return new AnthropicProvider({ apiKey: TEST_KEY, baseUrl: emu.url, ...options });
}

/** Drain a stream; on failure return the events seen before the error too. */
export async function collect(stream: AsyncIterable<StreamEvent>): Promise<{ events: StreamEvent[]; error?: SwitchboardError }> {
  const events: StreamEvent[] = [];
  try {
    for await (const e of stream) events.push(e);
    return { events };
  } catch (error) {
    if (!(error instanceof SwitchboardError)) throw error;
    return { events, error };
  }
}

export function textOf(events: StreamEvent[]): string {
  return events.map((e) => (e.type === 'text_delta' ? e.text : '')).join('');
}

export async function rejection(p: Promise<unknown>): Promise<SwitchboardError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SwitchboardError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}
