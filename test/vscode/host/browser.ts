import { chromium } from 'playwright-core';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { format } from 'node:util';
import { chromiumPath } from './paths';

/** Debian's headless Chromium with the flags that work on machines without a GPU or sandbox. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}. Run: bash scripts/install-test-deps.sh (or set SWITCHBOARD_CHROMIUM)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * The workbench forwards the extension host's console as ("%c INFO", "color: …", format, ...args);
 * rebuild the line the extension wrote, with the level in front for errors and warnings.
 */
export async function consoleText(message: ConsoleMessage): Promise<string> {
  const args = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => undefined)));
  if (typeof args[0] === 'string' && args[0].startsWith('%c')) {
    const level = args[0].slice(2).trim();
    const text = format(...args.slice(2));
    return level === 'INFO' || level === 'DEBUG' || level === 'TRACE' ? text : `${level} ${text}`;
  }
  // Arguments are gone once the page closes; fall back to the joined text without the styling.
  return message.text().replace(/^%c\s*(INFO|DEBUG|TRACE)?\s*color: #[0-9a-f]+\s*/i, '').replace(/%c/g, '');
}

/** Noise the workbench always logs on these machines (no marketplace, no network, no service worker). */
const NOISE = [
  /open-vsx\.org/, /ENOTFOUND/, /ERR_NAME_NOT_RESOLVED/, /Failed to load resource/, /bad HTTP response code/, /Service Worker/,
  /connection token/, /Creating a socket/, /additional builtin extensions/, /ChatSessionStore/, /same-origin iframe/,
  /allow-scripts and allow-same-origin/, /Overwriting extension/, /WebSocket connection to/, /vsda/,
  // VS Code 1.139's web workbench, offline and without Copilot / GitHub sign-in:
  /\[AgentHost\] No signed-in session/, /\[ChatModelSelection\]/, /\[AccountPolicyGate\]/, /reconnection-grace-time/,
  /authentication provider 'github'/, /getServerKeyPart/, /vscode-languagedetection/, /Time limit reached when tokenizing/,
  // --enable-smoke-test-driver (see server.ts) makes the dialog service log this; it changes nothing.
  /Dialog requested during smoke test/,
];

export function isNoise(text: string): boolean {
  return text.trim() === '' || NOISE.some((pattern) => pattern.test(text));
}

export interface OpenPageOptions {
  /** Called with every console line of the workbench (the extension host's output arrives here). */
  onConsole?: (text: string, type: string) => void;
  viewport?: { width: number; height: number };
}

export async function openWorkbenchPage(browser: Browser, url: string, options: OpenPageOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  if (options.onConsole) {
    const onConsole = options.onConsole;
    // Formatting is async; a queue keeps the lines in the order they were logged.
    let queue = Promise.resolve();
    page.on('console', (message) => {
      queue = queue.then(async () => onConsole(await consoleText(message), message.type())).catch(() => undefined);
    });
    page.on('pageerror', (error) => onConsole(`[page error] ${error.message}`, 'error'));
  }
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}
