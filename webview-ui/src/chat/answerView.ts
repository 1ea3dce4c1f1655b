// An answer in the transcript: it streams in (text, thinking, tool calls), ends with its footer or
// an inline error, and carries its actions: Copy, Regenerate (the last answer) and Continue (a
// stopped or cut-off answer, which then streams on where it ended).
import { failoverText, footerLine, providerName } from '../../../src/shared/chatFormat';
import type { AnswerFooter, AssistantChatMessage, ToolCallView } from '../../../src/shared/chatTypes';
import type { ErrorView } from '../../../src/shared/chatTypes';
import { h, icon, iconButton } from './dom';
import { errorBox } from './errorBox';
import { StreamingMarkdown } from './streamingMarkdown';

const STATUS_CLASSES = ['status-done', 'status-partial', 'status-stopped', 'status-error'];

/** An answer on screen; deltas go to the renderer of the part they belong to. */
export class AnswerView {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private text: StreamingMarkdown | undefined;
  /** The source of the text part being streamed (a continued answer re-renders it whole). */
  private textSource = '';
  private thinking: { details: HTMLDetailsElement; text: Text } | undefined;
  private readonly tools = new Map<string, HTMLElement>();
  private readonly badges: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly spinner: HTMLElement;
  private readonly header: HTMLElement;

  constructor(readonly id: string, model: string) {
    this.el = h('div', { class: 'message assistant', 'data-id': id });
    this.spinner = h('span', { class: 'codicon codicon-loading codicon-modifier-spin streaming-indicator', title: 'Answering…' });
    this.header = h('div', { class: 'message-role' }, icon('sparkle'), h('span', { class: 'answer-model' }, `Switchboard · ${model}`), this.spinner,
      h('span', { class: 'message-actions' },
        iconButton('copy-message', 'copy', 'Copy', { 'message-id': id }),
        iconButton('regenerate', 'refresh', 'Regenerate', { 'message-id': id })));
    this.body = h('div', { class: 'answer-body' });
    this.badges = h('div', { class: 'badges' });
    this.footer = h('div', { class: 'answer-footer' });
    const resume = h('div', { class: 'answer-continue' },
      h('vscode-button', { secondary: '', 'data-action': 'continue', 'data-message-id': id, title: 'Continue this answer where it stopped' }, 'Continue'));
    this.el.append(this.header, this.body, this.badges, this.footer, resume);
  }

  /** A saved answer; `sessionModel` labels answers saved before each answer kept its own model. */
  static restore(m: AssistantChatMessage, sessionModel: string): AnswerView {
    const view = new AnswerView(m.id, m.model ?? m.footer?.model ?? sessionModel);
    if (m.thinking) view.appendThinking(m.thinking);
    for (const call of m.toolCalls) view.toolCall(call);
    if (m.text) view.appendText(m.text);
    if (m.status !== 'streaming') view.end(m.status, m.footer, m.error);
    else if (m.footer?.failover) view.failover(m.footer.failover);
    return view;
  }

  appendText(text: string): void {
    if (!this.text) {
      this.text = new StreamingMarkdown(this.body.appendChild(h('div', { class: 'answer-text' })));
      this.textSource = '';
    }
    this.textSource += text;
    this.text.append(text);
    if (text.trim()) this.el.classList.add('has-text');
  }

  appendThinking(text: string): void {
    if (!this.thinking) {
      const details = h('details', { class: 'thinking' }) as HTMLDetailsElement;
      const textNode = document.createTextNode('');
      details.append(h('summary', {}, icon('lightbulb'), 'Thinking'), h('div', { class: 'thinking-text' }, textNode));
      this.body.prepend(details);
      this.thinking = { details, text: textNode };
    }
    this.thinking.text.appendData(text);
  }

  toolCall(call: ToolCallView): void {
    let el = this.tools.get(call.id);
    if (!el) {
      el = h('details', { class: 'tool-call' });
      el.append(h('summary', {}, icon('tools'), `Tool call: ${call.name}`), h('pre', { class: 'tool-input' }));
      this.tools.set(call.id, el);
      // Tool calls sit where they happen: after whatever text came before them.
      this.body.append(el);
      this.text?.finish();
      this.text = undefined;
    }
    el.querySelector('pre')!.textContent = call.input || '…';
  }

  failover(f: { from: string; to: string; reason: string }): void {
    if (this.badges.querySelector('.badge-failover')) return;
    this.badges.append(badge('failover', 'arrow-swap', failoverText(f), f.reason));
  }

  /** Continue: the answer streams again; the text so far is re-rendered as one part so markdown spans the seam. */
  resume(): void {
    this.el.classList.remove(...STATUS_CLASSES);
    this.badges.replaceChildren();
    this.footer.textContent = '';
    this.el.querySelector('.answer-error')?.remove();
    this.header.querySelector('.answer-model')?.after(this.spinner);
    const last = [...this.body.querySelectorAll<HTMLElement>('.answer-text')].pop();
    if (last && this.textSource) {
      const fresh = h('div', { class: 'answer-text' });
      last.replaceWith(fresh);
      this.text = new StreamingMarkdown(fresh, this.textSource);
    }
  }

  end(status: AssistantChatMessage['status'], footer?: AnswerFooter, error?: ErrorView): void {
    this.text?.finish();
    this.text = undefined;
    this.spinner.remove();
    this.el.classList.add(`status-${status}`);
    if (footer?.failover) this.failover(footer.failover);
    if (footer?.cacheHit) this.badges.append(badge('cache', 'database', 'cache hit', 'Part of the prompt was read from the provider\'s prompt cache'));
    if (status === 'partial') this.badges.append(badge('partial', 'warning', 'partial answer', 'The stream broke off after this text; it is kept as it arrived'));
    if (status === 'stopped') this.badges.append(badge('stopped', 'debug-stop', 'stopped', 'You stopped this answer'));
    if (footer) {
      this.footer.textContent = footerLine(footer);
      this.footer.title = `${providerName(footer.provider)} answered ${footer.model} as ${footer.modelId}`;
    }
    if (error) this.el.insertBefore(errorBox(this.id, error), this.el.querySelector('.answer-continue'));
  }
}

function badge(kind: string, codicon: string, text: string, title: string): HTMLElement {
  return h('span', { class: `badge badge-${kind}`, title }, icon(codicon), text);
}
