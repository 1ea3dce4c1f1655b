// Runs a fix action in VS Code (the mapping is fixCommands.ts). `surface` handles what belongs to
// the place that offered the action (the chat retries its turn; a notification re-runs its test).
// `notifyWithFixes` is the one way a notification that reports an error or an alert offers them.
import * as vscode from 'vscode';
import { notificationFixes } from '../core/errorFixes';
import type { FixAction } from '../core/errorFixes';
import { fixCommandOf } from './fixCommands';

/** Whether our own manifest contributes `settingId` with scope `machine` (such a setting is not in a remote window's User settings). */
function machineScoped(settingId: string): boolean {
  const manifest = vscode.extensions.getExtension('switchboard-dev.switchboard')?.packageJSON as { contributes?: { configuration?: Array<{ properties?: Record<string, { scope?: string }> }> } } | undefined;
  return (manifest?.contributes?.configuration ?? []).some((section) => section.properties?.[settingId]?.scope === 'machine');
}

export type SurfaceFix = (kind: 'retry' | 'pickModel') => unknown;

/** Without a surface of its own, Pick Another Model picks the default model; Retry has nothing to re-run. */
const defaultSurface: SurfaceFix = (kind) => (kind === 'pickModel' ? vscode.commands.executeCommand('switchboard.pickModel') : undefined);

export async function runFix(action: FixAction, surface: SurfaceFix = defaultSurface): Promise<void> {
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

export type Severity = 'error' | 'warning' | 'info';

/**
 * A notification whose buttons are `fixes` (src/core/errorFixes), primary first — VS Code shows the
 * first as the primary button — as many as fit uncut. Runs the one picked and resolves with it (undefined: dismissed).
 * Callers `void` it: a notification never blocks the work that raised it.
 */
export async function notifyWithFixes(severity: Severity, message: string, fixes: readonly FixAction[], surface?: SurfaceFix): Promise<FixAction | undefined> {
  const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  // As many as fit the toast's one row uncut (a cut-off button reads "Open Usa…"), primary first.
  const shown = notificationFixes(fixes);
  const choice = await show(message, ...shown.map((f) => f.label));
  const action = shown.find((f) => f.label === choice);
  if (action) await runFix(action, surface ?? defaultSurface);
  return action;
}
