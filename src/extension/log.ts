import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { redactSecrets } from '../core/errors';

/**
 * The "Switchboard" LogOutputChannel behind core's Logger. Every line goes through
 * redactSecrets, plus the exact secrets we currently hold, so a key can't leak even if a
 * caller formats one into a message by mistake.
 */
export class ExtensionLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private knownSecrets: readonly string[] = [];

  constructor(channel?: vscode.LogOutputChannel) {
    this.channel = channel ?? vscode.window.createOutputChannel('Switchboard', { log: true });
  }

  /** The secrets to cut out of every line (kept up to date by the secret store). */
  setKnownSecrets(secrets: readonly string[]): void {
    this.knownSecrets = secrets.filter((s) => s.length >= 6);
  }

  trace(message: string): void { this.channel.trace(this.clean(message)); }
  debug(message: string): void { this.channel.debug(this.clean(message)); }
  info(message: string): void { this.channel.info(this.clean(message)); }
  warn(message: string): void { this.channel.warn(this.clean(message)); }
  error(message: string): void { this.channel.error(this.clean(message)); }

  dispose(): void { this.channel.dispose(); }

  private clean(message: string): string {
    return redactSecrets(message, this.knownSecrets);
  }
}

export function registerShowLog(logger: ExtensionLogger): vscode.Disposable {
  return vscode.commands.registerCommand('switchboard.showLog', () => logger.channel.show(true));
}
