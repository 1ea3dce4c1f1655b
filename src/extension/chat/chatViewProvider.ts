import * as vscode from 'vscode';
import type * as ChatControllerModule from '../../presenters/chat/chatController';
import type { ChatBackend, ChatController } from '../../presenters/chat/chatController';
import { chatModelOptions } from '../../presenters/modelChoices';
import type { HostMessage } from '../../shared/protocol';
import type { EngineHost } from '../engine/engineHost';
import type { ExtensionLogger } from '../log';
import { pickModel } from '../modelPicker';
import { runFix } from '../runFix';
import { chatHtml } from './chatHtml';

export const CHAT_VIEW_ID = 'switchboard.chat';

/**
 * The "Chat" webview view. Editor glue only: the conversation logic, validation and persistence
 * are in presenters/chat/chatController (shared with the unit and fuzz tests) — its own chunk
 * (esbuild.mjs LAZY_MODULES), loaded when the view is first resolved, a chat command first runs or
 * `controller` is first read.
 */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private loaded: ChatController | undefined;
  /** The database the sessions are stored in (shared with other windows; in-host tests re-open it). */
  readonly storageFile: string;
  private view: vscode.WebviewView | undefined;
  private lastEditor: vscode.TextEditor | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly host: EngineHost, private readonly logger: ExtensionLogger) {
    this.storageFile = host.store.file;
    this.lastEditor = vscode.window.activeTextEditor;
    this.disposables.push(
      // The webview has focus when Insert is clicked, so "the cursor" is the last text editor's.
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastEditor = editor;
      }),
      host.onDidChange((change) => {
        // A controller not loaded yet reads the models when it is.
        if (change.kind === 'rebuilt' || change.kind === 'failover') this.loaded?.refreshModels();
      }),
    );
  }

  /** The chat's controller (the open session, the turns); loaded now if not yet. */
  get controller(): ChatController {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (esbuild.mjs LAZY_MODULES)
      const { ChatController: Controller } = require('../../presenters/chat/chatController') as typeof ChatControllerModule;
      this.loaded = new Controller({ store: this.host.store.sessions, backend: this.backend(), logger: this.logger });
    }
    return this.loaded;
  }

  private backend(): ChatBackend {
    const host = this.host;
    return {
      // Recorded as `chat` in the ledger (the dashboard's spend by surface).
      stream: (request, options) => host.stream(request, { ...options, surface: 'chat' }),
      // Who answers each name now, from the engine's resolution (the fallback while failed over);
      // only models that provider can serve, plus the session's own choice.
      models: () => chatModelOptions(host.view(), this.controller.session.model),
      defaultModel: () => host.resolved.model,
      copy: async (text) => {
        await vscode.env.clipboard.writeText(text);
        void vscode.window.setStatusBarMessage('$(check) Copied', 2000);
      },
      insertAtCursor: (text) => this.insertAtCursor(text),
      runCommand: async (command, provider) => {
        const target = provider ?? host.resolved.provider;
        const id = {
          switchProvider: 'switchboard.switchProvider',
          setApiKey: target === 'bedrock' ? 'switchboard.setBedrockApiKey' : 'switchboard.setAnthropicApiKey',
          addFile: 'switchboard.addFileToChat',
          addSelection: 'switchboard.addSelectionToChat',
        }[command];
        await vscode.commands.executeCommand(id);
      },
      fixContext: (model) => host.fixContext(model),
      runFix: (action) => runFix(action, (kind) => (kind === 'pickModel' ? this.pickModel() : undefined)),
    };
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const webview = view.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.context.extensionUri, 'media')],
    };
    // Attach before setting the HTML: the page's `ready` may arrive right away.
    this.controller.attachView((message: HostMessage) => void webview.postMessage(message));
    const subscription = webview.onDidReceiveMessage((message: unknown) => void this.controller.handle(message));
    webview.html = chatHtml(webview, this.context.extensionUri);
    view.onDidDispose(() => {
      subscription.dispose();
      if (this.view === view) {
        this.view = undefined;
        this.controller.detachView();
      }
    });
  }

  get isResolved(): boolean {
    return this.view !== undefined;
  }

  /** "Pick Another Model": the models the answering provider can serve, then the chat uses the pick. */
  private async pickModel(): Promise<void> {
    const picked = await pickModel(this.host, 'Switchboard: pick a model for this chat', this.controller.session.model);
    if (picked) await this.controller.handle({ type: 'selectModel', model: picked.name });
  }

  private async insertAtCursor(text: string): Promise<void> {
    const editor = this.lastEditor && vscode.window.visibleTextEditors.includes(this.lastEditor) ? this.lastEditor : vscode.window.visibleTextEditors[0];
    if (!editor) {
      void vscode.window.showWarningMessage('Switchboard: open an editor to insert the code into.');
      return;
    }
    await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, text);
    });
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  }

  dispose(): void {
    this.loaded?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
