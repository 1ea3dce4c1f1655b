// Coalesces streamed text into fewer webview posts: consecutive deltas of one message and kind
// are joined for `flushMs` (one frame by default), so a fast stream costs one post per frame.
import type { HostMessage } from '../../shared/protocol';

type Delta = Extract<HostMessage, { type: 'delta' }>;

export class DeltaBatcher {
  private pending: Delta | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly flushMs: number, private readonly post: (delta: Delta) => void) {}

  push(messageId: string, kind: Delta['kind'], text: string): void {
    const pending = this.pending;
    if (pending && pending.messageId === messageId && pending.kind === kind) {
      pending.text += text;
    } else {
      this.flush();
      this.pending = { type: 'delta', messageId, kind, text };
    }
    if (this.flushMs <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Posts what is pending now (before any non-delta message, so the order on screen holds). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.post(pending);
  }

  /** Forgets what is pending (a fresh snapshot already holds it). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }
}
