// Markdown → HTML for finished blocks: marked (GFM) with raw HTML escaped, only http(s)/mailto
// links, and code blocks in the chat's own frame (language, Copy, Insert at Cursor).
import { highlightCode } from './highlight';
import { escapeHtml, safeMarkdown } from '../shared/safeMarkdown';

export { escapeHtml };

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

const render = safeMarkdown(codeBlockHtml);

export function renderMarkdown(text: string): string {
  return render(text);
}
