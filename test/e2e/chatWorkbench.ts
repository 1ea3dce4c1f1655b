// What the chat's e2e tests share: a workbench with the extension answering from the emulators,
// the chat view's frame, asking a question like a person, running a command tolerantly, and
// switching the colour theme through the palette.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startAnthropicEmulator } from '../emulators/anthropic';
import type { AnthropicEmulator, AnthropicEmulatorOptions } from '../emulators/anthropic';
import { TEST_CREDENTIALS, startBedrockEmulator } from '../emulators/bedrock';
import type { BedrockEmulator } from '../emulators/bedrock';
import { quickInput, runCommand, selectQuickPickItem, startWorkbench } from './workbench';
import type { StartWorkbenchOptions, Workbench } from './workbench';

export interface ChatWorkbench {
  workbench: Workbench;
  page: Page;
  anthropic: AnthropicEmulator;
  bedrock: BedrockEmulator;
  close(): Promise<void>;
}

/**
 * A window whose Switchboard talks to the emulators only (keys in the environment, base URL and
 * endpoint in the user settings, an empty AWS config); `settings` and `workspaceFiles` are added.
 */
export async function startChatWorkbench(options: { respond?: AnthropicEmulatorOptions['respond']; settings?: Record<string, unknown>; theme?: string } & Pick<StartWorkbenchOptions, 'workspaceFiles'> = {}): Promise<ChatWorkbench> {
  const anthropic = await startAnthropicEmulator({ ...(options.respond ? { respond: options.respond } : {}) });
  const bedrock = await startBedrockEmulator({ region: 'us-east-1' });
  const isolated = mkdtempSync(join(tmpdir(), 'switchboard-e2e-aws-'));
  writeFileSync(join(isolated, 'config'), '');
  try {
    const workbench = await startWorkbench({
      env: {
        SWITCHBOARD_PROVIDER: undefined, CLAUDE_CODE_USE_BEDROCK: undefined, ANTHROPIC_BASE_URL: undefined, AWS_PROFILE: undefined,
        AWS_BEARER_TOKEN_BEDROCK: undefined, AWS_SESSION_TOKEN: undefined,
        AWS_CONFIG_FILE: join(isolated, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(isolated, 'config'),
        ANTHROPIC_API_KEY: 'sk-ant-test-key',
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1',
      },
      userSettings: {
        'workbench.colorTheme': options.theme ?? 'Default Dark Modern',
        'switchboard.modelProvider.anthropic.baseUrl': anthropic.url,
        'switchboard.modelProvider.bedrock.endpoint': bedrock.url,
        'switchboard.modelProvider.bedrock.awsRegion': 'us-east-1',
        'switchboard.modelProvider.fallbackProvider': 'bedrock',
        ...options.settings,
      },
      ...(options.workspaceFiles ? { workspaceFiles: options.workspaceFiles } : {}),
    });
    return {
      workbench,
      page: workbench.page,
      anthropic,
      bedrock,
      close: async () => {
        await workbench.close();
        await anthropic.close();
        await bedrock.close();
      },
    };
  } catch (error) {
    await anthropic.close();
    await bedrock.close();
    throw error;
  }
}

/** The chat webview's document: VS Code nests it in two iframes. */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}

/** Types a question into the message box and presses Enter. */
export async function ask(page: Page, question: string): Promise<void> {
  const input = chatFrame(page).locator('textarea.prompt').first();
  await input.click();
  await input.fill(question);
  await input.press('Enter');
}

/**
 * runCommand, tolerant of the palette still showing the previous QuickPick's rows for a moment
 * (the shared helper then sees two label rows and Playwright's strict mode refuses): retry.
 */
export async function command(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => page.keyboard.press('Escape'));
    try {
      return await runCommand(page, title);
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 });
    }
  }
}

/** The four themes the chat must read well in, by their label in "Preferences: Color Theme", with the class VS Code gives a webview's body. */
export const THEMES = [
  { label: 'Dark Modern', body: 'body.vscode-dark' },
  { label: 'Light Modern', body: 'body.vscode-light' },
  { label: 'Dark High Contrast', body: 'body.vscode-high-contrast:not(.vscode-high-contrast-light)' },
  { label: 'Light High Contrast', body: 'body.vscode-high-contrast-light' },
] as const;

export type ThemeLabel = (typeof THEMES)[number]['label'];

/** Runs "Preferences: Color Theme", picks a theme by its label like a person would, and waits until the chat view has it. */
export async function pickTheme(page: Page, theme: ThemeLabel): Promise<void> {
  await command(page, 'Preferences: Color Theme');
  await quickInput(page).locator('input').fill(theme);
  await selectQuickPickItem(page, new RegExp(`^${theme}`));
  await chatFrame(page).locator(THEMES.find((t) => t.label === theme)!.body).waitFor({ state: 'attached', timeout: 15_000 });
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor has focus. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  await quickInput(page).locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 10_000 });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ state: 'visible', timeout: 10_000 });
}
