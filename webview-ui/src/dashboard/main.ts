// Entry of dist/webview/dashboard.js. Only the elements the panel uses are imported (bundle size).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { DashboardApp } from './dashboardApp';
import type { DashboardState } from './dashboardApp';
import css from './dashboard.css';

// The page's CSP has no 'unsafe-inline' for styles: a constructable stylesheet is not governed by it.
const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const vscode = acquireVsCodeApi<DashboardState>();
const app = new DashboardApp(document.getElementById('app') ?? document.body.appendChild(document.createElement('div')), vscode);
window.addEventListener('message', (event: MessageEvent) => app.receive(event.data));
// The handshake: the host posts nothing until it hears this, then sends the whole view model.
vscode.postMessage({ type: 'ready' });
