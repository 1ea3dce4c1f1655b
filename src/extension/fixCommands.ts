// What each fix action (src/core/errorFixes) runs, as data: a pure mapping the unit tests check
// kind by kind; runFix.ts is the thin layer that hands it to VS Code.
import type { FixAction } from '../core/errorFixes';

export type FixCommand =
  | { type: 'command'; id: string; args: unknown[] }
  | { type: 'terminal'; name: string; text: string }
  | { type: 'url'; url: string }
  /** Retry and pick-model belong to the surface that offered them (the chat's turn, its model list). */
  | { type: 'surface'; kind: 'retry' | 'pickModel' };

/** POSIX shell quoting: a profile name comes from configuration and may hold anything. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Where a setting is opened: a machine-scoped setting of a remote window is listed only under the Settings editor's Remote tab. */
export interface SettingPlace {
  remote?: boolean;
  machineScoped?: (settingId: string) => boolean;
}

export function fixCommandOf(action: FixAction, place: SettingPlace = {}): FixCommand {
  const command = (id: string, ...args: unknown[]): FixCommand => ({ type: 'command', id, args });
  switch (action.kind) {
    case 'retry':
    case 'pickModel':
      return { type: 'surface', kind: action.kind };
    case 'switchProvider':
      return command('switchboard.switchProvider', action.provider);
    case 'setApiKey':
      return command(action.provider === 'bedrock' ? 'switchboard.setBedrockApiKey' : 'switchboard.setAnthropicApiKey');
    case 'clearStoredKey':
      return command(action.provider === 'bedrock' ? 'switchboard.clearBedrockApiKey' : 'switchboard.clearAnthropicApiKey');
    case 'setAwsAccessKeys':
      return command('switchboard.setAwsAccessKeys');
    case 'runInTerminal':
      return { type: 'terminal', name: action.command, text: action.argv.map(shellQuote).join(' ') };
    case 'openSetting':
      return place.remote && place.machineScoped?.(action.setting.id)
        ? command('workbench.action.openRemoteSettings', { query: action.setting.id })
        : command('workbench.action.openSettings', action.setting.id);
    case 'openUrl':
      return { type: 'url', url: action.url };
    case 'allowOverBudget':
      return command('switchboard.allowOverBudget');
    case 'newChat':
      return command('switchboard.newChat');
    case 'showUsage':
      return command('switchboard.showUsage');
    case 'showLog':
      return command('switchboard.showLog');
  }
}
