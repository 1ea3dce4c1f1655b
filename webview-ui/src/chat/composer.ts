// The message box at the bottom: attachment chips, a textarea that grows with its text (up to
// 40 % of the view, then it scrolls), Add File, and Send (Stop while an answer streams).
import type { Attachment } from '../../../src/shared/chatTypes';
import { fitHeight, h, icon, iconButton } from './dom';
import { attachmentLabel } from './userMessage';

export interface ComposerEvents {
  send(text: string): void;
  draftChanged(text: string): void;
}

export class Composer {
  readonly el: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly chips: HTMLElement;
  private readonly sendButton: HTMLElement;

  constructor(private readonly events: ComposerEvents, draft: string) {
    this.chips = h('div', { class: 'attachments composer-attachments' });
    this.input = h('textarea', { class: 'prompt', rows: '3', placeholder: 'Ask Switchboard… (Enter to send, Shift+Enter for a new line)', 'aria-label': 'Message' }) as HTMLTextAreaElement;
    this.sendButton = h('vscode-button', { class: 'send', 'data-action': 'send', icon: 'send', title: 'Send (Enter)' }, 'Send');
    this.el = h('div', { class: 'composer' },
      this.chips,
      this.input,
      h('div', { class: 'composer-actions' },
        iconButton('attach-file', 'file-add', 'Add the active file to the chat'),
        h('span', { class: 'spacer' }),
        this.sendButton),
    );
    this.input.value = draft;
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.events.send(this.input.value);
      }
    });
    this.input.addEventListener('input', () => {
      this.fit();
      this.events.draftChanged(this.input.value);
    });
    window.addEventListener('resize', () => this.fit());
    requestAnimationFrame(() => this.fit());
  }

  get value(): string {
    return this.input.value;
  }

  set value(text: string) {
    this.input.value = text;
    this.fit();
    this.events.draftChanged(text);
  }

  focus(): void {
    this.input.focus();
  }

  /** The host gave a question back (it failed before any answer): only into an empty box. */
  restore(text: string): void {
    if (!this.input.value.trim()) this.value = text;
    this.focus();
  }

  setBusy(busy: boolean): void {
    this.sendButton.setAttribute('icon', busy ? 'debug-stop' : 'send');
    this.sendButton.setAttribute('data-action', busy ? 'stop' : 'send');
    this.sendButton.setAttribute('title', busy ? 'Stop' : 'Send (Enter)');
    this.sendButton.textContent = busy ? 'Stop' : 'Send';
  }

  renderAttachments(attachments: Attachment[]): void {
    this.chips.replaceChildren(...attachments.map((a) =>
      h('span', { class: 'chip', title: a.fileName }, icon('file-code'), attachmentLabel(a),
        h('button', { type: 'button', class: 'icon-button', 'data-action': 'remove-attachment', 'data-attachment-id': a.id, title: 'Remove', 'aria-label': `Remove ${a.fileName}` }, icon('close')))));
  }

  private fit(): void {
    fitHeight(this.input, Math.max(80, Math.floor(window.innerHeight * 0.4)));
  }
}
