// A model's answer as HTML for the side-by-side views: marked (GFM) with raw HTML escaped and only
// http(s)/mailto links, as in the chat; code blocks stay plain (no highlighter in this bundle).
import { Marked } from 'marked';
import type { Tokens } from 'marked';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const SAFE_LINK = /^(https?:|mailto:)/i;

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    code({ text, lang }: Tokens.Code): string {
      const language = (lang ?? '').trim().split(/\s+/)[0] ?? '';
      return `<pre class="answer-code"${language ? ` data-lang="${escapeHtml(language)}"` : ''}><code>${escapeHtml(text.replace(/\n$/, ''))}</code></pre>`;
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

/** A `div.markdown` holding the rendered answer. */
export function answerElement(text: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'markdown';
  el.innerHTML = marked.parse(text, { async: false }) as string;
  return el;
}
