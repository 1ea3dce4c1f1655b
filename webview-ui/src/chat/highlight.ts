// highlight.js core with the languages people paste most; anything else stays plain (escaped).
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = { bash, cpp, csharp, css, diff, go, java, javascript, json, markdown, python, rust, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
hljs.registerAliases(['sh', 'shell', 'zsh', 'console'], { languageName: 'bash' });
hljs.registerAliases(['ts', 'tsx', 'mts', 'cts'], { languageName: 'typescript' });
hljs.registerAliases(['js', 'jsx', 'mjs', 'cjs'], { languageName: 'javascript' });
hljs.registerAliases(['py'], { languageName: 'python' });
hljs.registerAliases(['html', 'svg'], { languageName: 'xml' });
hljs.registerAliases(['yml'], { languageName: 'yaml' });
hljs.registerAliases(['rs'], { languageName: 'rust' });
hljs.registerAliases(['cs', 'c#'], { languageName: 'csharp' });
hljs.registerAliases(['c', 'h', 'hpp', 'c++'], { languageName: 'cpp' });
hljs.registerAliases(['md'], { languageName: 'markdown' });

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Highlighted HTML for `code` (escaped by highlight.js), or escaped text for unknown languages. */
export function highlightCode(code: string, language: string): string {
  const lang = language.toLowerCase();
  // Long blocks stay plain: highlighting them in one go would be a long main-thread task.
  if (!lang || !hljs.getLanguage(lang) || code.length > 20_000) return escape(code);
  try {
    return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  } catch {
    return escape(code);
  }
}

/**
 * highlight.js compiles a grammar on its first use (tens of ms for TypeScript): do that for the
 * common languages one per idle period after the view opens, so the first answer with code does
 * not pay for it in one long task.
 */
export function warmUpHighlighting(languages: readonly string[] = ['typescript', 'javascript', 'python', 'bash', 'json', 'markdown']): void {
  const queue = [...languages];
  const next = (): void => {
    const lang = queue.shift();
    if (!lang) return;
    highlightCode('x', lang);
    schedule(next);
  };
  schedule(next);
}

function schedule(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 50);
}
