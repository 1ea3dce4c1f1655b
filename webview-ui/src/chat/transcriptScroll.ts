// The transcript's scrolling: it follows a streaming answer unless the reader scrolled up, reports
// where the reader is (debounced) so a reopened chat comes back there, and restores that position
// once the transcript has a size.
export class TranscriptScroll {
  private stickToBottom = true;
  private scheduled = false;
  private lastTop = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingRestore: ResizeObserver | undefined;

  constructor(private readonly t: HTMLElement, private readonly saved: (top: number) => void) {
    t.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  /** A new turn: follow it to the bottom. */
  follow(): void {
    this.stickToBottom = true;
    this.schedule();
  }

  /** At most one layout per frame however many tokens arrive. */
  schedule(): void {
    if (!this.stickToBottom || this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      if (this.stickToBottom) this.t.scrollTop = this.t.scrollHeight;
    });
  }

  /**
   * Restore after layout: the transcript has its height only once the nodes are laid out, and a
   * view that is still opening (after a window reload) has no height at all yet. Deciding
   * "stick to bottom" against a zero-height transcript would later scroll the reader away.
   */
  restore(top: number | undefined): void {
    const t = this.t;
    const apply = (): void => {
      if (top !== undefined) {
        t.scrollTop = top;
        this.stickToBottom = top + t.clientHeight >= t.scrollHeight - 40;
      } else {
        t.scrollTop = t.scrollHeight;
        this.stickToBottom = true;
      }
      this.lastTop = t.scrollTop;
    };
    this.stickToBottom = false;
    this.pendingRestore?.disconnect();
    if (t.clientHeight > 0) {
      requestAnimationFrame(apply);
      return;
    }
    const observer = new ResizeObserver(() => {
      if (t.clientHeight === 0) return;
      observer.disconnect();
      this.pendingRestore = undefined;
      requestAnimationFrame(apply);
    });
    this.pendingRestore = observer;
    observer.observe(t);
  }

  private onScroll(): void {
    const t = this.t;
    // Growing content does not move scrollTop; only the user scrolling up un-sticks the view.
    if (t.scrollTop + t.clientHeight >= t.scrollHeight - 40) this.stickToBottom = true;
    else if (t.scrollTop < this.lastTop) this.stickToBottom = false;
    this.lastTop = t.scrollTop;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saved(t.scrollTop), 250);
  }
}
