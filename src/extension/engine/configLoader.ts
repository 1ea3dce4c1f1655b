import * as vscode from 'vscode';
import type { ProviderId } from '../../shared/providers';
import type { ExtensionLogger } from '../log';
import type { Settings } from '../settings/settings';
import { toSettingsObject } from '../settings/settingsTable';
import { parseConfigYaml, redirectingFields, resolveConfig, withoutRedirectingFields } from './configView';
import type { ConfigResult, PartialSwitchboardConfig } from './configView';

const CONFIRMED_KEY = 'switchboard.confirmedRedirects';

/**
 * Settings + config.yml + environment → the effective configuration (core resolves it; SPEC §2
 * precedence). A config.yml chosen by the environment or by user settings is the user's own; any
 * other is a workspace file: read only when the workspace is trusted, and its
 * credential-redirecting fields held back until the user allowed exactly these values.
 */
export class ConfigLoader {
  /** Redirect confirmations already asked this session (don't nag on every reload). */
  private readonly askedAbout = new Set<string>();

  constructor(
    private readonly settings: Settings,
    private readonly workspaceState: vscode.Memento,
    private readonly logger: ExtensionLogger,
    /** Called when the user allows a workspace file's redirects: reload. */
    private readonly onAllowed: () => void,
  ) {}

  async load(env: NodeJS.ProcessEnv, storedSecrets: { anthropicApiKey: boolean; bedrockApiKey: boolean }, explicitProvider?: ProviderId): Promise<ConfigResult> {
    const snapshot = this.settings.explicit();
    for (const key of snapshot.ignoredWorkspaceValues) {
      this.logger.warn(`ignoring the workspace value of switchboard.${key}: it redirects credentials and is read from user settings only`);
    }
    const { configFile, ...settingValues } = snapshot.explicit;
    const file = await this.loadConfigFile(env.SWITCHBOARD_CONFIG?.trim() || undefined, configFile);
    return resolveConfig({
      settings: toSettingsObject(settingValues),
      ...(file ? { file: file.config, fileName: file.name } : {}),
      storedSecrets,
      ...(explicitProvider ? { explicit: { provider: explicitProvider } } : {}),
      environment: env,
    });
  }

  private async loadConfigFile(fromEnv: string | undefined, configured: string | undefined): Promise<{ config: PartialSwitchboardConfig; name: string } | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const inspect = this.settings.inspect('configFile');
    const chosen = fromEnv ?? configured;
    const usersOwn = fromEnv !== undefined || (configured !== undefined && inspect?.globalValue === configured && inspect.workspaceValue === undefined && inspect.workspaceFolderValue === undefined);
    let uri: vscode.Uri | undefined;
    if (chosen) {
      uri = chosen.startsWith('/') || /^[A-Za-z]:[\\/]/.test(chosen) || !folder ? vscode.Uri.file(chosen) : vscode.Uri.joinPath(folder.uri, chosen);
    } else if (folder) {
      uri = vscode.Uri.joinPath(folder.uri, '.switchboard', 'config.yml');
    }
    if (!uri) return undefined;
    if (!usersOwn && !vscode.workspace.isTrusted) {
      this.logger.info(`not reading ${uri.fsPath}: the workspace is not trusted`);
      return undefined;
    }
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      if (chosen) this.logger.warn(`config file ${uri.fsPath} not found`);
      return undefined;
    }
    const name = vscode.workspace.asRelativePath(uri);
    const parsed = await parseConfigYaml(text, name);
    if (!parsed.ok) {
      for (const e of parsed.errors) this.logger.error(`config file: ${e.message}`);
      // The fix is in the file: Open File puts the cursor on the line the error names.
      const first = parsed.errors[0]!;
      void vscode.window.showWarningMessage(`Switchboard: ${first.message}. The file is ignored.`, 'Open File').then(async (choice) => {
        if (choice !== 'Open File') return;
        const line = Math.max(0, (first.line ?? 1) - 1);
        await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0) });
      });
      return undefined;
    }
    return { config: usersOwn ? parsed.config : this.confirmRedirects(parsed.config, uri), name };
  }

  private confirmRedirects(file: PartialSwitchboardConfig, uri: vscode.Uri): PartialSwitchboardConfig {
    const fields = redirectingFields(file);
    if (fields.length === 0) return file;
    const fingerprint = JSON.stringify([uri.toString(), fields]);
    const confirmed = this.workspaceState.get<string[]>(CONFIRMED_KEY, []);
    if (confirmed.includes(fingerprint)) return file;
    const list = fields.map((f) => `${f.setting} = ${String(f.value)}`).join(', ');
    this.logger.warn(`workspace config ${uri.fsPath} wants to redirect credentials (${list}); ignored until you allow it`);
    if (!this.askedAbout.has(fingerprint)) {
      this.askedAbout.add(fingerprint);
      void vscode.window.showWarningMessage(
        `Switchboard: the workspace file ${vscode.workspace.asRelativePath(uri)} sets where your credentials are sent (${list}). Allow it?`,
        'Allow', 'Ignore',
      ).then(async (choice) => {
        if (choice === 'Allow') {
          await this.workspaceState.update(CONFIRMED_KEY, [...confirmed, fingerprint]);
          this.onAllowed();
        }
      });
    }
    return withoutRedirectingFields(file);
  }
}
