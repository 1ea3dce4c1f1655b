/**
 * Fault injection shared by the emulators. A test queues faults; each incoming model request
 * (not health/list calls unless `match` says so) takes the first queued fault whose `match`
 * accepts it, and a fault with `times` is used that many times (default 1; Infinity = until
 * cleared).
 */
export type Fault =
  /** Answer with a service error (the emulator renders it in its own wire format). */
  | { kind: 'error'; status: number; errorType: string; message?: string; retryAfterSeconds?: number; retryAfterMs?: number; headers?: Record<string, string> }
  /** Stream this many content events, then destroy the connection. */
  | { kind: 'reset-mid-stream'; afterEvents: number }
  /** Stream this many content events, then go silent (keep the connection open). */
  | { kind: 'stall-mid-stream'; afterEvents: number }
  /** Stream this many content events, then send a garbage frame. */
  | { kind: 'malformed-frame'; afterEvents: number }
  /** Stream this many content events, then an in-stream error event / exception. */
  | { kind: 'error-event'; afterEvents: number; errorType: string; message?: string }
  /** Wait before the first byte. */
  | { kind: 'slow-first-byte'; delayMs: number }
  /** Answer headers and the message start at once, then wait this long before the first content event. */
  | { kind: 'slow-first-token'; delayMs: number }
  /** Close the socket without answering. */
  | { kind: 'drop-connection' };

export interface QueuedFault {
  fault: Fault;
  times: number;
  match?: (entry: RequestLogEntry) => boolean;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  httpVersion: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body when it was JSON. Never log this in product code: it is test data. */
  body: unknown;
  /** What authenticated the request, e.g. `sigv4:AKIA…` / `bearer` / `x-api-key` (for assertions). */
  auth?: string;
  /** Model ID from the path / body, decoded. */
  modelId?: string;
  status?: number;
  /** Fault applied, if any. */
  fault?: Fault['kind'];
  /** true once the client went away before the response finished. */
  clientClosed?: boolean;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  push(fault: Fault, options: { times?: number; match?: (entry: RequestLogEntry) => boolean } = {}): void {
    this.queue.push({ fault, times: options.times ?? 1, match: options.match });
  }

  /**
   * Take the fault for this request, if any. `requireMatch` (for health / list calls) only
   * takes faults whose `match` explicitly accepts the request.
   */
  take(entry: RequestLogEntry, options: { requireMatch?: boolean } = {}): Fault | undefined {
    const i = this.queue.findIndex((q) => (q.match ? q.match(entry) : !options.requireMatch));
    if (i < 0) return undefined;
    const q = this.queue[i]!;
    q.times -= 1;
    if (q.times <= 0) this.queue.splice(i, 1);
    return q.fault;
  }

  clear(): void {
    this.queue = [];
  }

  get size(): number {
    return this.queue.length;
  }
}
