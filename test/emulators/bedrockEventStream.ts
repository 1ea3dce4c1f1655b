import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { Answer } from './bedrockConverse';
import { pieces } from './bedrockConverse';

/** ConverseStream frames (`application/vnd.amazon.eventstream`) as the service writes them. */
const codec = new EventStreamCodec(toUtf8, fromUtf8);
const PAD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export type StreamExceptionType = 'throttlingException' | 'modelStreamErrorException' | 'internalServerException' | 'serviceUnavailableException' | 'validationException';

/** One event frame; every payload carries the service's `"p"` padding field, which clients must ignore. */
export function eventFrame(eventType: string, payload: Record<string, unknown>, seq: number): Uint8Array {
  const body = { ...payload, p: PAD.slice(0, ((seq * 7) % (PAD.length - 1)) + 1) };
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(JSON.stringify(body)),
  });
}

export function exceptionFrame(exceptionType: StreamExceptionType, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

/** A frame whose prelude checksum is wrong: what a corrupted stream looks like to the client. */
export function malformedFrame(): Uint8Array {
  const frame = Buffer.from(eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'garbage' } }, 0));
  frame.writeUInt32BE(frame.readUInt32BE(8) ^ 0xdeadbeef, 8);
  return frame;
}

/** Normalise `ThrottlingException` / `throttlingException` to the stream's member name. */
export function streamExceptionType(errorType: string): StreamExceptionType {
  const lower = (errorType.charAt(0).toLowerCase() + errorType.slice(1)) as StreamExceptionType;
  const known: StreamExceptionType[] = ['throttlingException', 'modelStreamErrorException', 'internalServerException', 'serviceUnavailableException', 'validationException'];
  return known.includes(lower) ? lower : 'internalServerException';
}

export interface PlannedEvent {
  eventType: string;
  payload: Record<string, unknown>;
  /** true for contentBlockDelta: the unit faults count. */
  content: boolean;
}

/** The event sequence for an answer (usage and metrics go in the final metadata event). */
export function planStream(answer: Answer, usage: Record<string, number>, latencyMs: () => number): Array<PlannedEvent | (() => PlannedEvent)> {
  const events: Array<PlannedEvent | (() => PlannedEvent)> = [{ eventType: 'messageStart', payload: { role: 'assistant' }, content: false }];
  answer.blocks.forEach((block, index) => {
    const delta = (d: Record<string, unknown>): PlannedEvent => ({ eventType: 'contentBlockDelta', payload: { contentBlockIndex: index, delta: d }, content: true });
    if (block.kind === 'reasoning') {
      for (const piece of pieces(block.text)) events.push(delta({ reasoningContent: { text: piece } }));
      events.push(delta({ reasoningContent: { signature: block.signature } }));
    } else if (block.kind === 'text') {
      for (const piece of pieces(block.text)) events.push(delta({ text: piece }));
    } else {
      events.push({ eventType: 'contentBlockStart', payload: { contentBlockIndex: index, start: { toolUse: { toolUseId: block.id, name: block.name } } }, content: false });
      const json = JSON.stringify(block.input);
      const cut = Math.max(1, Math.floor(json.length / 2));
      for (const fragment of [json.slice(0, cut), json.slice(cut)]) if (fragment) events.push(delta({ toolUse: { input: fragment } }));
    }
    events.push({ eventType: 'contentBlockStop', payload: { contentBlockIndex: index }, content: false });
  });
  events.push({ eventType: 'messageStop', payload: { stopReason: answer.stopReason }, content: false });
  events.push(() => ({ eventType: 'metadata', payload: { usage, metrics: { latencyMs: latencyMs() } }, content: false }));
  return events;
}
