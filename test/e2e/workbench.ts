// Helpers that drive the real VS Code UI (the VS Code server + Debian's Chromium) like a person:
// F1, type a command title, read the status bar, pick from a QuickPick, take screenshots.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { isNoise, launchBrowser, openWorkbenchPage } from '../vscode/host/browser';
import { testOutputDir } from '../vscode/host/paths';
import { startVsCodeServer } from '../vscode/host/server';
import type { VsCodeServer, VsCodeServerOptions } from '../vscode/host/server';

export const screenshotDir: string = join(testOutputDir, 'e2e');

export interface Workbench {
  server: VsCodeServer;
  browser: Browser;
  page: Page;
  /** Every console line of the window so far (the extension host's output included). */
  consoleLines: string[];
  close(): Promise<void>;
}

export interface StartWorkbenchOptions extends VsCodeServerOptions {
  /** Print the window's console (minus known noise) as it arrives. */
  echoConsole?: boolean;
  /** Load this repository as the extension under development (default true). */
  loadExtension?: boolean;
  /** false opens the window the way a first start does: with its startup editor (the Welcome page). Default true. */
  skipWelcome?: boolean;
}

/** Starts a server with the extension loaded, opens a normal window on it, waits for the workbench. */
export async function startWorkbench(options: StartWorkbenchOptions = {}): Promise<Workbench> {
  const server = await startVsCodeServer(options);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const consoleLines: string[] = [];
    const url = server.workbenchUrl({ extensionDevelopmentPath: options.loadExtension === false ? null : undefined, ...(options.skipWelcome === false ? { skipWelcome: false } : {}) });
    const page = await openWorkbenchPage(browser, url, {
      onConsole: (text) => {
        consoleLines.push(text);
        if (options.echoConsole && !isNoise(text)) console.log(`      [window] ${text}`);
      },
    });
    await waitForWorkbench(page);
    if (options.loadExtension !== false) await waitForCommandsOf(page, 'Switchboard');
    const opened = browser;
    return {
      server,
      browser: opened,
      page,
      consoleLines,
      close: async () => {
        await opened.close().catch(() => undefined);
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.close();
    throw error;
  }
}

/** The workbench is usable once the status bar is laid out and the remote connection is up. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('#workbench\\.parts\\.statusbar .statusbar-item').first().waitFor({ state: 'visible', timeout: timeoutMs });
  // The remote indicator reads "Opening Remote…" until the extension host is connected.
  await page.locator('#workbench\\.parts\\.statusbar', { hasText: 'Opening Remote' }).waitFor({ state: 'detached', timeout: timeoutMs });
}

/**
 * The palette lists an extension's commands only once the extension host has registered the
 * extension (a few seconds after the window appears); wait like a person re-opening F1 would.
 */
export async function waitForCommandsOf(page: Page, category: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const input = await openCommandPalette(page);
    await input.fill(`>${category}: `);
    const found = await quickInput(page).locator('.monaco-list-row .label-name', { hasText: `${category}: ` }).first()
      .waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false);
    await page.keyboard.press('Escape');
    if (found) return;
    if (Date.now() > deadline) throw new Error(`no "${category}: …" command in the palette after ${timeoutMs / 1000} s — is the extension loaded?`);
    await page.waitForTimeout(1_000);
  }
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** F1, as a person would; resolves when the palette's input box has focus. */
export async function openCommandPalette(page: Page): Promise<Locator> {
  // Focus the workbench first: a fresh page has focus nowhere and F1 would go to the body.
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  return input;
}

/** Labels of the rows the QuickPick shows right now. */
export async function quickPickItems(page: Page): Promise<string[]> {
  const rows = quickInput(page).locator('.monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
  return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Clicks the QuickPick row whose label matches. */
export async function selectQuickPickItem(page: Page, label: string | RegExp): Promise<void> {
  const row = quickInput(page).locator('.monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
}

/**
 * F1 → type the title → Enter, like a person. `title` is what the palette shows, category
 * included ("Switchboard: Switch Provider"). Fails when no row carries exactly that title.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = await openCommandPalette(page);
  await input.fill(`>${title}`);
  const row = quickInput(page).locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: title }) }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  // A row can hold a second .label-name (its detail line, e.g. left from an earlier QuickPick's rows): the first is the label.
  const label = (await row.locator('.label-name').first().innerText()).trim();
  if (label !== title) throw new Error(`command palette: first match for "${title}" is "${label}"`);
  await row.click();
  // The command's own QuickPick / InputBox reuses the same widget. VS Code 1.139 keeps the
  // palette's rows on screen a moment after the click, so wait until the palette is gone (its
  // ">" filter left the input, or the widget closed) before anyone reads the widget's rows.
  await page.waitForFunction(`(() => {
    const widget = document.querySelector('.quick-input-widget');
    const input = widget && widget.querySelector('input');
    return !widget || widget.style.display === 'none' || !input || !input.value.startsWith('>');
  })()`, undefined, { timeout: 10_000 });
}

/**
 * runCommand, tolerant of the palette still showing the previous QuickPick's rows for a moment or
 * of an editor opening under it (a README preview) and closing it: up to three attempts.
 */
export async function runCommandRetrying(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => page.keyboard.press('Escape'));
    try {
      return await runCommand(page, title);
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }
  }
}

/** The whole status bar as text, items separated by " | ". */
export async function statusBarText(page: Page): Promise<string> {
  const items = page.locator('#workbench\\.parts\\.statusbar .statusbar-item');
  const texts = await items.evaluateAll((elements) => elements.map((element) => (element as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()).filter(Boolean));
  return texts.join(' | ');
}

/** A status bar item by its text (the codicon glyphs are not part of innerText). */
export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: text }).first();
}

/** Saves a full-window PNG to .test-output/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path });
  return path;
}

/** The last lines of the extension's "Switchboard" log channel, for failure reports (the log never holds a secret). */
export function switchboardLogTail(server: VsCodeServer, lines = 60): string {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'Switchboard.log') found.push(path);
    }
  };
  try {
    walk(join(server.userDataDir, 'logs'));
  } catch {
    return '(no Switchboard log found)';
  }
  return found.map((f) => `--- ${f}\n${readFileSync(f, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')}`).join('\n') || '(no Switchboard log found)';
}

/** For a mocha `afterEach`: when the test failed, a screenshot `<prefix>-failed-<title>` and the log tail. */
export async function reportFailure(test: { state?: string; title: string } | undefined, workbench: Workbench | undefined, prefix: string): Promise<void> {
  // A test about to run again (run.ts gives each one retry) has no state yet; a failed one 'failed'.
  if (!test || !workbench || test.state === 'passed' || test.state === 'pending') return;
  await screenshot(workbench.page, `${prefix}-failed-${test.title.slice(0, 40)}`);
  console.log(`      Switchboard log (last lines):\n${switchboardLogTail(workbench.server)}`);
  // The next test (or this one's retry) starts as a person would after a mishap: menus, pickers and
  // the command palette closed.
  for (let i = 0; i < 2; i++) await workbench.page.keyboard.press('Escape').catch(() => undefined);
}
