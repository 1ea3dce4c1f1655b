import * as vscode from 'vscode';
import type { ExtensionLogger } from '../log';
import type * as LmProviderModule from './lmProvider';
import type { LmEngineSource, SwitchboardLmProvider } from './lmProvider';

/** The vendor package.json declares under `contributes.languageModelChatProviders`. */
export const LM_VENDOR = 'switchboard';

/**
 * Registers Switchboard as VS Code's language-model provider (vendor `switchboard`, declared in
 * package.json `contributes.languageModelChatProviders`). VS Code < 1.104 has no such API: then
 * nothing is registered and the rest of the extension works as before.
 */
export function registerLanguageModels(source: LmEngineSource, logger: ExtensionLogger): { provider: LazyLmProvider | undefined; disposables: vscode.Disposable[] } {
  if (typeof vscode.lm?.registerLanguageModelChatProvider !== 'function') {
    logger.info('lm: this VS Code has no Language Model Chat Provider API (needs 1.104); Switchboard models are not offered to VS Code Chat');
    return { provider: undefined, disposables: [] };
  }
  const provider = new LazyLmProvider(source, logger);
  return { provider, disposables: [provider, vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider)] };
}

/**
 * The provider VS Code holds from activation on; the work (lmProvider.ts: the model list, request
 * conversion, token counts — its own chunk, esbuild.mjs LAZY_MODULES) is loaded when VS Code first
 * asks or the engine first changes, after activation. The change event is this object's, so VS Code
 * can subscribe before anything is loaded.
 */
export class LazyLmProvider implements vscode.LanguageModelChatProvider<vscode.LanguageModelChatInformation>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation: vscode.Event<void> = this.changed.event;
  private loaded: SwitchboardLmProvider | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly source: LmEngineSource, private readonly logger: ExtensionLogger) {
    // From activation on, as before the work was split off: any change of the engine (rebuilt,
    // health, failover, spend) re-reads the model list and tells VS Code when it moved.
    this.subscription = source.onDidChange(() => this.provider.scheduleRefresh());
  }

  /** The provider doing the work (loaded now if VS Code has not asked yet). */
  get provider(): SwitchboardLmProvider {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (esbuild.mjs LAZY_MODULES)
      const { SwitchboardLmProvider: Provider } = require('./lmProvider') as typeof LmProviderModule;
      this.loaded = new Provider(this.source, this.logger, this.changed);
    }
    return this.loaded;
  }

  provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): Promise<vscode.LanguageModelChatInformation[]> {
    return this.provider.provideLanguageModelChatInformation(options, token);
  }

  provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    return this.provider.provideLanguageModelChatResponse(model, messages, options, progress, token);
  }

  provideTokenCount(model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage, token: vscode.CancellationToken): Promise<number> {
    return this.provider.provideTokenCount(model, text, token);
  }

  dispose(): void {
    this.subscription.dispose();
    this.loaded?.dispose();
    this.changed.dispose();
  }
}
