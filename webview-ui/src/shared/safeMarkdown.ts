// A model's markdown as HTML, safely: marked (GFM) with raw HTML escaped, only http(s)/mailto links,
// images shown as links (the CSP blocks remote images). Each view brings its own code-block HTML.
import { Marked } from 'marked';
import type { Tokens } from 'marked';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const SAFE_LINK = /^(https?:|mailto:)/i;

/** `code` gets a fenced block's text (without its last newline) and the first word of its info string. */
export function safeMarkdown(code: (text: string, language: string) => string): (markdown: string) => string {
  const marked = new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(text);
      },
      code({ text, lang }: Tokens.Code): string {
        return code(text.replace(/\n$/, ''), (lang ?? '').trim().split(/\s+/)[0] ?? '');
      },
      link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, { href, title, tokens }: Tokens.Link): string {
        const inner = this.parser.parseInline(tokens);
        if (!SAFE_LINK.test(href)) return inner;
        return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${inner}</a>`;
      },
      image({ href, text }: Tokens.Image): string {
        return SAFE_LINK.test(href) ? `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>` : escapeHtml(text);
      },
    },
  });
  return (markdown) => marked.parse(markdown, { async: false }) as string;
}
