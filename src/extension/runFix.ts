// Runs a fix action in VS Code (the mapping is fixCommands.ts). `surface` handles what belongs to
// the place that offered the action (the chat retries its turn; a notification re-runs its test).
import * as vscode from 'vscode';
import type { FixAction } from '../core/errorFixes';
import { fixCommandOf } from './fixCommands';

export async function runFix(action: FixAction, surface: (kind: 'retry' | 'pickModel') => unknown = () => undefined): Promise<void> {
  const c = fixCommandOf(action);
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
