// Helpers for the dashboard's page in the real workbench: its frame, its tabs, its form controls
// (the @vscode-elements controls keep their input in a shadow root; Playwright's CSS reaches it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { quickInput, runCommand, selectQuickPickItem } from './workbench';
import type { Workbench } from './workbench';

/** The dashboard's document: VS Code nests a webview in two iframes. A panel, not a view: the chat view beside it (`purpose=webviewView`) is not it. */
export function dashboardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview:not([src*="purpose=webviewView"])').frameLocator('iframe#active-frame');
}

/** Clicks a tab's header and waits for its panel to show. */
export async function openTab(frame: FrameLocator, tab: 'overview' | 'configure' | 'usage' | 'health' | 'migrate'): Promise<void> {
  await frame.locator(`vscode-tab-header[data-tab="${tab}"]`).click();
  await frame.locator(`#tab-${tab}`).waitFor({ state: 'visible', timeout: 10_000 });
}

/** A Configure field by its setting key. */
export function field(frame: FrameLocator, key: string): Locator {
  return frame.locator(`.field[data-field="${key}"]`);
}

/** Types into a text field and commits with Enter, as a person would. */
export async function typeInto(frame: FrameLocator, key: string, text: string): Promise<void> {
  const input = field(frame, key).locator('vscode-textfield input');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

/** Opens a select and clicks the option whose label starts with `label`. */
export async function choose(frame: FrameLocator, key: string, label: string | RegExp): Promise<void> {
  const select = field(frame, key).locator('vscode-single-select');
  await select.click();
  const option = select.locator('li[role="option"]', { hasText: label }).first();
  await option.scrollIntoViewIfNeeded();
  await option.click();
}

/** The user settings VS Code wrote (User/settings.json on the server; machine-scoped keys in Machine/settings.json). */
export function userSettingsFile(workbench: Workbench, scope: 'User' | 'Machine' = 'User'): Record<string, unknown> {
  const text = readFileSync(join(workbench.server.userDataDir, scope, 'settings.json'), 'utf8');
  // VS Code writes JSON with comments allowed; its own writes have none, but be safe with line comments.
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
}

/**
 * A key's user-level value as VS Code stored it. In this remote window VS Code writes a key to the
 * remote user settings (Machine/settings.json on the server) when it is machine-scoped or already
 * there (the test server seeds both files), else to User/settings.json; the remote one wins.
 */
export function userSetting(workbench: Workbench, key: string): unknown {
  const remote = userSettingsFile(workbench, 'Machine');
  return Object.prototype.hasOwnProperty.call(remote, key) ? remote[key] : userSettingsFile(workbench, 'User')[key];
}

/** Waits until the stored user-level value of `key` is `value` (VS Code writes the file asynchronously). */
export async function waitForUserSetting(workbench: Workbench, key: string, value: unknown, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (JSON.stringify(userSetting(workbench, key)) !== JSON.stringify(value)) {
    if (Date.now() > deadline) throw new Error(`settings: ${key} is ${JSON.stringify(userSetting(workbench, key))}, expected ${JSON.stringify(value)}`);
    await workbench.page.waitForTimeout(100);
  }
}

/** The four themes VS Code ships that the dashboard must follow, and the body class each gives a webview. */
export const DASHBOARD_THEMES = [
  { label: 'Dark Modern', body: 'body.vscode-dark' },
  { label: 'Light Modern', body: 'body.vscode-light' },
  { label: 'Dark High Contrast', body: 'body.vscode-high-contrast:not(.vscode-high-contrast-light)' },
  { label: 'Light High Contrast', body: 'body.vscode-high-contrast-light' },
] as const;

/** "Preferences: Color Theme", the theme picked by its label as a person would, then waits until the dashboard has it. */
export async function pickDashboardTheme(page: Page, theme: (typeof DASHBOARD_THEMES)[number]): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  await quickInput(page).locator('input').fill(theme.label);
  await selectQuickPickItem(page, new RegExp(`^${theme.label}`));
  await dashboardFrame(page).locator(theme.body).waitFor({ state: 'attached', timeout: 15_000 });
}
