// A model's answer as HTML for the side-by-side views, rendered as in the chat (shared/safeMarkdown);
// code blocks stay plain (no highlighter in this bundle).
import { escapeHtml, safeMarkdown } from '../shared/safeMarkdown';

const render = safeMarkdown((code, language) =>
  `<pre class="answer-code"${language ? ` data-lang="${escapeHtml(language)}"` : ''}><code>${escapeHtml(code)}</code></pre>`);

/** A `div.markdown` holding the rendered answer. */
export function answerElement(text: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'markdown';
  el.innerHTML = render(text);
  return el;
}
