// Entry of dist/webview/chat.js. Only the elements the view uses are imported (bundle size).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import { ChatApp } from './chatApp';
import type { ViewState } from './chatApp';
import css from './chat.css';
import { warmUpHighlighting } from './highlight';
import { renderMarkdown } from './markdown';

// The page's CSP has no 'unsafe-inline' for styles: a constructable stylesheet is not governed by it.
const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const vscode = acquireVsCodeApi<ViewState>();
const app = new ChatApp(document.getElementById('app') ?? document.body.appendChild(document.createElement('div')), vscode);
window.addEventListener('message', (event: MessageEvent) => app.receive(event.data));
// The handshake: the host posts nothing until it hears this, then sends the full state.
vscode.postMessage({ type: 'ready' });
// First use of the markdown parser and of each grammar is the expensive one: do it while idle.
setTimeout(() => {
  renderMarkdown('**warm** `up`\n\n- list');
  warmUpHighlighting();
}, 0);
