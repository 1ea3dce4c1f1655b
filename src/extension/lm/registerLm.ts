import * as vscode from 'vscode';
import { LM_VENDOR } from '../../presenters/lm/lmModels';
import type { ExtensionLogger } from '../log';
import { SwitchboardLmProvider } from './lmProvider';
import type { LmEngineSource } from './lmProvider';

/**
 * Registers Switchboard as VS Code's language-model provider (vendor `switchboard`, declared in
 * package.json `contributes.languageModelChatProviders`). VS Code < 1.104 has no such API: then
 * nothing is registered and the rest of the extension works as before.
 */
export function registerLanguageModels(source: LmEngineSource, logger: ExtensionLogger): { provider: SwitchboardLmProvider | undefined; disposables: vscode.Disposable[] } {
  if (typeof vscode.lm?.registerLanguageModelChatProvider !== 'function') {
    logger.info('lm: this VS Code has no Language Model Chat Provider API (needs 1.104); Switchboard models are not offered to VS Code Chat');
    return { provider: undefined, disposables: [] };
  }
  const provider = new SwitchboardLmProvider(source, logger);
  return { provider, disposables: [provider, vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider)] };
}
