import * as assert from 'node:assert/strict';
import type { StreamEvent } from '../../../src/core/types';
import type { SwitchboardError } from '../../../src/core/errors';
import { isSwitchboardError } from '../../../src/core/errors';

export interface Collected {
  events: StreamEvent[];
  text: string;
  error?: SwitchboardError;
}

/** Drain a provider stream, keeping what arrived before an error. */
export async function collect(stream: AsyncIterable<StreamEvent>, onEvent?: (e: StreamEvent) => void): Promise<Collected> {
  const events: StreamEvent[] = [];
  try {
    for await (const e of stream) {
      events.push(e);
      onEvent?.(e);
    }
  } catch (e) {
    if (!isSwitchboardError(e)) throw e;
    return { events, text: textOf(events), error: e };
  }
  return { events, text: textOf(events) };
}

export function textOf(events: StreamEvent[]): string {
  return events.map((e) => (e.type === 'text_delta' ? e.text : '')).join('');
}

/** Wait for a condition the server side settles asynchronously (socket close events). */
export async function eventually(check: () => boolean, what: string, limitMs = 2_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The SwitchboardError a call fails with (a call that succeeds fails the test). */
export async function failure(p: Promise<unknown>): Promise<SwitchboardError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isSwitchboardError(e), `not a SwitchboardError: ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}
