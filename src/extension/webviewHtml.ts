import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * A webview page: one nonce'd module script, stylesheets from dist/webview only, no inline
 * script or handler. `style-src` has no 'unsafe-inline': the UI's own CSS and the
 * @vscode-elements components (Lit) style themselves through constructable stylesheets
 * (adoptedStyleSheets), which CSP does not govern, and dynamic sizes are set through the CSSOM
 * (element.style.x = …), which CSP allows.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: { title: string; script: string }): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}" id="vscode-codicon-stylesheet">
<title>${page.title}</title>
</head>
<body>
<div id="app" aria-live="polite"></div>
<script type="module" nonce="${nonce}" src="${asset(page.script)}"></script>
</body>
</html>`;
}

/** What every Switchboard webview may load: its bundles and the media folder. */
export function webviewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}
