// Runs a fix action in VS Code (the mapping is fixCommands.ts). `surface` handles what belongs to
// the place that offered the action (the chat retries its turn; a notification re-runs its test).
import * as vscode from 'vscode';
import type { FixAction } from '../core/errorFixes';
import { fixCommandOf } from './fixCommands';

/** Whether our own manifest contributes `settingId` with scope `machine` (such a setting is not in a remote window's User settings). */
function machineScoped(settingId: string): boolean {
  const manifest = vscode.extensions.getExtension('switchboard-dev.switchboard')?.packageJSON as { contributes?: { configuration?: Array<{ properties?: Record<string, { scope?: string }> }> } } | undefined;
  return (manifest?.contributes?.configuration ?? []).some((section) => section.properties?.[settingId]?.scope === 'machine');
}

export async function runFix(action: FixAction, surface: (kind: 'retry' | 'pickModel') => unknown = () => undefined): Promise<void> {
  const c = fixCommandOf(action, { remote: vscode.env.remoteName !== undefined, machineScoped });
  switch (c.type) {
    case 'command':
      await vscode.commands.executeCommand(c.id, ...c.args);
      return;
    case 'terminal': {
      const terminal = vscode.window.createTerminal({ name: c.name });
      terminal.show();
      terminal.sendText(c.text);
      return;
    }
    case 'url':
      await vscode.env.openExternal(vscode.Uri.parse(c.url));
      return;
    case 'surface':
      await surface(c.kind);
      return;
  }
}
