// VS Code's notification toasts as a person sees them: the message, the buttons (the first is the
// primary one), and whether any of it is cut off — an element whose content is wider than its box
// shows "…" (scrollWidth > clientWidth), which is how "Open Usa…" looked.
import type { Locator, Page } from 'playwright-core';

export interface ToastView {
  message: string;
  /** Cut off on screen (ellipsis). */
  messageTruncated: boolean;
  /** "Source: Switchboard" under the message, cut off when the buttons leave it no room. */
  sourceTruncated: boolean;
  buttons: Array<{ label: string; truncated: boolean; primary: boolean; width: number }>;
  /** Width of the row the source and the buttons share (px). */
  rowWidth: number;
}

/** The toast whose message matches (the newest first), once it is on screen. */
export async function toast(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
  const t = page.locator('.notifications-toasts .notification-toast', { has: page.locator('.notification-list-item-message', { hasText: text }) }).first();
  await t.waitFor({ state: 'visible', timeout: timeoutMs });
  return t;
}

/** What the toast shows, measured in the page (layout done: the buttons row is rendered). */
export async function readToast(t: Locator): Promise<ToastView> {
  await t.locator('.notification-list-item-buttons-container .monaco-button').first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
  // The page's own DOM types are not in this tsconfig (no DOM lib): a minimal shape of what is read.
  type Box = { innerText: string; scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number; offsetWidth: number; offsetParent: unknown; classList: { contains(c: string): boolean } };
  type Root = { querySelector(s: string): Box | null; querySelectorAll(s: string): ArrayLike<Box> };
  return t.evaluate((node) => {
    const el = node as unknown as Root;
    const msg = el.querySelector('.notification-list-item-message')!;
    const source = el.querySelector('.notification-list-item-source');
    const buttons = Array.from(el.querySelectorAll('.notification-list-item-buttons-container .monaco-button'));
    return {
      message: msg.innerText.replace(/\s+/g, ' ').trim(),
      messageTruncated: msg.scrollWidth > msg.clientWidth + 1 || msg.scrollHeight > msg.clientHeight + 1,
      sourceTruncated: source !== null && source.offsetParent !== null && source.scrollWidth > source.clientWidth + 1,
      buttons: buttons.map((b) => ({ label: b.innerText.trim(), truncated: b.scrollWidth > b.clientWidth + 1, primary: !b.classList.contains('secondary'), width: b.offsetWidth })),
      rowWidth: el.querySelector('.notification-list-item-details-row')?.clientWidth ?? 0,
    };
  });
}

/** Clicks the toast's button with exactly this label. */
export async function clickToastButton(t: Locator, label: string): Promise<void> {
  await t.locator('.notification-list-item-buttons-container .monaco-button', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first().click();
}

/** Closes every toast (Escape on a toast hides them; the notification center keeps them). */
export async function clearToasts(page: Page): Promise<void> {
  for (const close of await page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear').all()) await close.click().catch(() => undefined);
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
}
