// Markdown → HTML for finished blocks: marked (GFM) with raw HTML escaped, only http(s)/mailto
// links, and code blocks in the chat's own frame (language, Copy, Insert at Cursor).
import { Marked } from 'marked';
import type { Tokens } from 'marked';
import { highlightCode } from './highlight';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const SAFE_LINK = /^(https?:|mailto:)/i;

/** The header + buttons of a code block; the body is filled by the caller. */
export function codeBlockHeaderHtml(lang: string): string {
  return `<div class="code-header"><span class="code-lang">${escapeHtml(lang || 'text')}</span><span class="code-actions">`
    + '<button type="button" class="icon-button" data-action="copy" title="Copy" aria-label="Copy"><span class="codicon codicon-copy"></span></button>'
    + '<button type="button" class="icon-button" data-action="insert" title="Insert at Cursor" aria-label="Insert at Cursor"><span class="codicon codicon-insert"></span></button>'
    + '</span></div>';
}

export function codeBlockHtml(code: string, lang: string): string {
  const language = lang.trim().split(/\s+/)[0] ?? '';
  return `<div class="code-block">${codeBlockHeaderHtml(language)}<pre><code class="hljs">${highlightCode(code, language)}</code></pre></div>`;
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    code({ text, lang }: Tokens.Code): string {
      return codeBlockHtml(text.replace(/\n$/, ''), lang ?? '');
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, { href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      if (!SAFE_LINK.test(href)) return inner;
      return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${inner}</a>`;
    },
    image({ href, text }: Tokens.Image): string {
      // Remote images are blocked by the CSP anyway; show where they point instead.
      return SAFE_LINK.test(href) ? `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>` : escapeHtml(text);
    },
  },
});

export function renderMarkdown(text: string): string {
  return marked.parse(text, { async: false }) as string;
}
