// The real chat bundle (dist/webview/chat.js) in a plain Chromium page: served from 127.0.0.1 under
// the view's CSP, with a stub acquireVsCodeApi that records what the webview posts. For rendering
// tests that don't need a whole VS Code window.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../vscode/host/browser';
import { repoRoot } from '../vscode/host/paths';

const webviewDir = join(repoRoot, 'dist', 'webview');

const STUB = `
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  let state;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
  // Synchronous delivery, as one task per message would be in VS Code.
  window.__deliver = (messages) => { for (const data of messages) window.dispatchEvent(new MessageEvent('message', { data })); };
`;

export interface ChatPage {
  page: Page;
  /** Delivers host messages to the webview, in order, synchronously. */
  deliver(messages: unknown[]): Promise<void>;
  /** What the webview posted to the host so far. */
  posted(): Promise<Array<Record<string, unknown>>>;
  violations(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openChatPage(): Promise<ChatPage> {
  if (!existsSync(join(webviewDir, 'chat.js'))) throw new Error('dist/webview/chat.js is missing: run node esbuild.mjs');
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; font-src 'self'; img-src 'self' data:`;
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}"><link rel="stylesheet" href="/codicon.css" id="vscode-codicon-stylesheet"></head>
<body><div id="app"></div><script nonce="${nonce}" src="/stub.js"></script><script type="module" nonce="${nonce}" src="/chat.js"></script></body></html>`);
    } else if (url === '/stub.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(STUB);
    } else {
      const file = join(webviewDir, url.slice(1));
      if (!file.startsWith(webviewDir) || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'font/ttf' }).end(readFileSync(file));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 420, height: 800 } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForSelector('.composer');
    const opened = browser;
    return {
      page,
      deliver: async (messages) => { await page.evaluate((m) => (globalThis as unknown as { __deliver(x: unknown[]): void }).__deliver(m), messages); },
      posted: () => page.evaluate(() => (globalThis as unknown as { __posted: Array<Record<string, unknown>> }).__posted),
      violations: () => page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations),
      close: async () => {
        await opened.close();
        await new Promise((r) => server.close(r));
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    throw error;
  }
}
