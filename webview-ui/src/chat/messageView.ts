// One message in the transcript: the user's question, or an answer that streams in (text,
// thinking, tool calls) and ends with its footer or an inline error.
import { failoverText, footerLine, providerName } from '../../../src/shared/chatFormat';
import type { AnswerFooter, AssistantChatMessage, ErrorView, ToolCallView, UserChatMessage } from '../../../src/shared/chatTypes';
import { h, icon } from './dom';
import { StreamingMarkdown } from './streamingMarkdown';

export function renderUserMessage(m: UserChatMessage): HTMLElement {
  const el = h('div', { class: 'message user', 'data-id': m.id });
  el.append(h('div', { class: 'message-role' }, icon('account'), 'You'));
  if (m.attachments.length > 0) {
    const list = h('div', { class: 'attachments' });
    for (const a of m.attachments) list.append(h('span', { class: 'chip', title: a.fileName }, icon('file-code'), a.lines ? `${a.fileName}:${a.lines.start}-${a.lines.end}` : a.fileName));
    el.append(list);
  }
  el.append(h('div', { class: 'user-text' }, m.text));
  return el;
}

/** An answer on screen; deltas go to the renderer of the part they belong to. */
export class AnswerView {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private text: StreamingMarkdown | undefined;
  private thinking: { details: HTMLDetailsElement; text: Text } | undefined;
  private readonly tools = new Map<string, HTMLElement>();
  private readonly badges: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly spinner: HTMLElement;

  constructor(readonly id: string, model: string) {
    this.el = h('div', { class: 'message assistant', 'data-id': id });
    this.spinner = h('span', { class: 'codicon codicon-loading codicon-modifier-spin streaming-indicator', title: 'Answering…' });
    this.el.append(h('div', { class: 'message-role' }, icon('sparkle'), `Switchboard · ${model}`, this.spinner));
    this.body = h('div', { class: 'answer-body' });
    this.badges = h('div', { class: 'badges' });
    this.footer = h('div', { class: 'answer-footer' });
    this.el.append(this.body, this.badges, this.footer);
  }

  static restore(m: AssistantChatMessage, model: string): AnswerView {
    const view = new AnswerView(m.id, m.footer?.model ?? model);
    if (m.thinking) view.appendThinking(m.thinking);
    for (const call of m.toolCalls) view.toolCall(call);
    if (m.text) view.appendText(m.text);
    if (m.status !== 'streaming') view.end(m.status, m.footer, m.error);
    else if (m.footer?.failover) view.failover(m.footer.failover);
    return view;
  }

  appendText(text: string): void {
    this.text ??= new StreamingMarkdown(this.body.appendChild(h('div', { class: 'answer-text' })));
    this.text.append(text);
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
    if (error) this.el.append(errorBox(this.id, error));
  }
}

function badge(kind: string, codicon: string, text: string, title: string): HTMLElement {
  return h('span', { class: `badge badge-${kind}`, title }, icon(codicon), text);
}

function errorBox(messageId: string, error: ErrorView): HTMLElement {
  const box = h('div', { class: 'answer-error', role: 'alert' });
  box.append(h('div', { class: 'error-message' }, icon('error'), error.message));
  if (error.hint) box.append(h('div', { class: 'error-hint' }, error.hint));
  // The host computed what fixes the cause (primary first); a button answers with its index only.
  const fixes = error.fixes ?? [];
  if (fixes.length > 0) {
    const actions = h('div', { class: 'error-actions' });
    fixes.forEach((fix, index) => {
      const b = h('vscode-button', { 'data-action': 'fix', 'data-message-id': messageId, 'data-fix-index': String(index), 'data-fix-kind': fix.kind }, fix.label);
      if (index > 0) b.setAttribute('secondary', '');
      actions.append(b);
    });
    box.append(actions);
  }
  return box;
}
