import * as vscode from 'vscode';
import type { ExtensionLogger } from '../log';
import type { EngineHost } from '../engine/engineHost';
import { CHAT_VIEW_ID, ChatViewProvider } from './chatViewProvider';
import { selectionLines } from '../../presenters/selectionLines';

/** Files larger than this are refused: the model's context is better spent on a selection. */
const MAX_ATTACH_BYTES = 256 * 1024;

async function revealChat(): Promise<void> {
  await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
}

function label(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/** The chat view and its commands: Open Chat, New Chat, Add Selection / File to Chat. */
export function registerChat(context: vscode.ExtensionContext, host: EngineHost, logger: ExtensionLogger): { provider: ChatViewProvider; disposables: vscode.Disposable[] } {
  const provider = new ChatViewProvider(context, host, logger);
  const disposables: vscode.Disposable[] = [
    provider,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider),
    // Open Chat (and its keybinding) puts the cursor in the message box, not only the view on screen.
    vscode.commands.registerCommand('switchboard.openChat', async () => {
      await revealChat();
      provider.controller.focusInput();
    }),
    vscode.commands.registerCommand('switchboard.newChat', async () => {
      await provider.controller.newChat();
      await revealChat();
    }),
    vscode.commands.registerCommand('switchboard.addSelectionToChat', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return void vscode.window.showInformationMessage('Switchboard: open a file and select code to add it to the chat.');
      const selection = editor.selection;
      const range = selection.isEmpty ? editor.document.lineAt(selection.active.line).range : selection;
      const text = editor.document.getText(range);
      if (!text.trim()) return void vscode.window.showInformationMessage('Switchboard: select some code to add it to the chat.');
      provider.controller.attach({ fileName: label(editor.document.uri), lines: selectionLines(selection.anchor, selection.active), languageId: editor.document.languageId, text });
      await revealChat();
    }),
    vscode.commands.registerCommand('switchboard.addFileToChat', async (uri?: vscode.Uri) => {
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      if (!target) return void vscode.window.showInformationMessage('Switchboard: open a file (or pick one in the Explorer) to add it to the chat.');
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
      let text: string;
      let languageId: string | undefined = open?.languageId;
      if (open) {
        text = open.getText();
      } else {
        const bytes = await vscode.workspace.fs.readFile(target);
        if (bytes.includes(0)) return void vscode.window.showWarningMessage(`Switchboard: ${label(target)} looks binary; only text files can be added.`);
        text = new TextDecoder().decode(bytes);
        languageId = undefined;
      }
      if (text.length > MAX_ATTACH_BYTES) return void vscode.window.showWarningMessage(`Switchboard: ${label(target)} is larger than ${MAX_ATTACH_BYTES / 1024} KB; add a selection instead.`);
      provider.controller.attach({ fileName: label(target), text, ...(languageId ? { languageId } : {}) });
      await revealChat();
    }),
  ];
  return { provider, disposables };
}
