// Incremental markdown for a streaming answer. A token never causes the message to be parsed
// again: finished blocks (up to a blank line, or a closed code fence) are parsed ONCE and
// inserted; the open block at the end is plain text appended to a text node (inside a code
// frame while a fence is open). Each new character is scanned once for line boundaries, so the
// work for a whole answer is linear in its length.
import { codeBlockHeaderHtml, renderMarkdown } from './markdown';
import { highlightCode } from './highlight';

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;

export class StreamingMarkdown {
  readonly root: HTMLElement;
  /** Source since the last committed boundary (inside a fence: the code so far). */
  private pending = '';
  /** Where the next unscanned line starts in `pending`. */
  private scanPos = 0;
  private fence: { marker: string; lang: string } | undefined;
  private tail!: HTMLElement;
  private tailText!: Text;
  private codeBlock: HTMLElement | undefined;

  constructor(root: HTMLElement, initial = '') {
    this.root = root;
    this.root.classList.add('markdown');
    this.openTextTail();
    if (initial) this.append(initial);
  }

  /** Appends streamed text; returns nothing, touches only the tail (and inserts finished blocks). */
  append(chunk: string): void {
    if (!chunk) return;
    this.pending += chunk;
    let changedMode = false;
    for (;;) {
      const nl = this.pending.indexOf('\n', this.scanPos);
      if (nl < 0) break;
      const line = this.pending.slice(this.scanPos, nl);
      const lineStart = this.scanPos;
      this.scanPos = nl + 1;
      if (this.fence) {
        const close = line.match(/^ {0,3}(`{3,}|~{3,})\s*$/);
        if (close && close[1]![0] === this.fence.marker[0] && close[1]!.length >= this.fence.marker.length) {
          this.closeFence(this.pending.slice(0, lineStart));
          this.pending = this.pending.slice(nl + 1);
          this.scanPos = 0;
          changedMode = true;
        }
        continue;
      }
      const open = line.match(FENCE);
      if (open) {
        this.commit(this.pending.slice(0, lineStart));
        this.pending = this.pending.slice(nl + 1);
        this.scanPos = 0;
        this.openFence(open[1]!, open[2] ?? '');
        changedMode = true;
      } else if (line.trim() === '' && this.pending.slice(0, lineStart).trim() !== '' && !this.insideList(lineStart)) {
        this.commit(this.pending.slice(0, nl + 1));
        this.pending = this.pending.slice(nl + 1);
        this.scanPos = 0;
        this.tailText = this.resetTail();
        changedMode = true;
      }
    }
    if (changedMode) this.tailText.data = this.pending;
    else this.tailText.appendData(chunk);
  }

  /** The stream ended (or stopped): render what is left as markdown. */
  finish(): void {
    if (this.fence) {
      this.closeFence(this.pending);
    } else {
      this.commit(this.pending);
    }
    this.tail.remove();
    this.pending = '';
    this.scanPos = 0;
  }

  // A blank line between list items keeps the list together only if we wait for the next line;
  // committing there would split one list into many, which looks wrong, so a blank line after a
  // list item is not a boundary until a non-list, non-indented line follows.
  private insideList(lineStart: number): boolean {
    // The previous non-empty line, found backwards so a long list costs no rescans.
    let end = lineStart - 1;
    while (end > 0 && this.pending[end - 1] === '\n') end--;
    const lastLine = this.pending.slice(this.pending.lastIndexOf('\n', end - 1) + 1, end);
    return /^\s*([-*+]|\d+[.)])\s/.test(lastLine) || /^\s{2,}\S/.test(lastLine);
  }

  private commit(source: string): void {
    if (!source.trim()) return;
    this.tail.insertAdjacentHTML('beforebegin', renderMarkdown(source));
  }

  private openTextTail(): void {
    this.tail = document.createElement('div');
    this.tail.className = 'md-tail';
    this.tailText = document.createTextNode('');
    this.tail.append(this.tailText);
    this.root.append(this.tail);
  }

  private resetTail(): Text {
    const text = document.createTextNode('');
    this.tail.replaceChildren(text);
    return text;
  }

  private openFence(marker: string, lang: string): void {
    this.fence = { marker, lang };
    const block = document.createElement('div');
    block.className = 'code-block streaming';
    block.innerHTML = `${codeBlockHeaderHtml(lang)}<pre><code class="hljs"></code></pre>`;
    this.tail.before(block);
    this.codeBlock = block;
    // While the fence is open the tail IS the code element.
    this.tail.remove();
    this.tail = block.querySelector('code')!;
    this.tailText = document.createTextNode('');
    this.tail.append(this.tailText);
  }

  private closeFence(code: string): void {
    const lang = this.fence?.lang ?? '';
    this.fence = undefined;
    const body = code.replace(/\n$/, '');
    // One highlight pass per finished block.
    this.tail.innerHTML = highlightCode(body, lang);
    this.codeBlock?.classList.remove('streaming');
    this.codeBlock = undefined;
    this.openTextTail();
  }
}
