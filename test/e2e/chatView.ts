// The Switchboard chat view inside the real workbench (VS Code nests a webview in two iframes).
import type { FrameLocator, Page } from 'playwright-core';

/** The chat view's document: a webview *view* (`purpose=webviewView`), so an open dashboard panel beside it is not mistaken for it. */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview[src*="purpose=webviewView"]').frameLocator('iframe#active-frame');
}

/** Types a question into the composer and sends it with Enter, as a person does. */
export async function askInChat(page: Page, question: string): Promise<void> {
  const input = chatFrame(page).locator('textarea.prompt');
  await input.click();
  await input.fill(question);
  await input.press('Enter');
}
