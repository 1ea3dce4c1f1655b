import * as vscode from 'vscode';
import { fixActionsFor, hintFor } from '../core/errorFixes';
import { isSwitchboardError } from '../core/errors';
import type { SwitchboardError } from '../core/errors';
import type { AuthInfo } from '../core/types';
import { PROVIDER_LABELS, isProviderId } from '../shared/providers';
import type { ProviderId } from '../shared/providers';
import type { EngineHost } from './engine/engineHost';
import { runFix } from './runFix';

export function describeAuth(info: AuthInfo): string {
  const parts = [`${PROVIDER_LABELS[info.provider]} OK`, info.identity, ...(info.region ? [`region ${info.region}`] : []), `model ${info.modelId}`, `${Math.round(info.latencyMs)} ms`];
  return parts.join(' · ');
}

/** The engine records the outcome (its state owner; every surface sees it through the one change event). */
export async function runTestConnection(host: EngineHost, provider?: ProviderId): Promise<AuthInfo | Error> {
  const target = provider ?? host.config.provider.value;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Switchboard: testing ${PROVIDER_LABELS[target]}…`, cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return await host.testConnection(target, { signal: controller.signal });
      } catch (e) {
        return e instanceof Error ? e : new Error(String(e));
      } finally {
        sub.dispose();
      }
    },
  );
}

export function registerTestConnection(host: EngineHost, logger: { info(m: string): void; error(m: string): void }): vscode.Disposable {
  return vscode.commands.registerCommand('switchboard.testConnection', async (provider?: unknown): Promise<AuthInfo | { error: ReturnType<SwitchboardError['toJSON']> | { message: string } }> => {
    const result = await runTestConnection(host, isProviderId(provider) ? provider : undefined);
    if (!(result instanceof Error)) {
      logger.info(`test connection: ${describeAuth(result)}`);
      void vscode.window.showInformationMessage(`Switchboard: ${describeAuth(result)}`);
      return result;
    }
    logger.error(`test connection failed: ${result.message}`);
    if (isSwitchboardError(result)) {
      const ctx = host.fixContext();
      // The notification lists what fixes the cause, primary first (src/core/errorFixes, as in the chat).
      const fixes = fixActionsFor(result, ctx);
      const hint = hintFor(result, ctx);
      const text = `Switchboard: ${result.message}${hint ? ` ${hint}` : ''}`;
      const tested = result.provider ?? (isProviderId(provider) ? provider : undefined);
      void vscode.window.showErrorMessage(text, ...fixes.map((f) => f.label)).then((choice) => {
        const action = fixes.find((f) => f.label === choice);
        if (action) void runFix(action, (kind) => (kind === 'retry' ? vscode.commands.executeCommand('switchboard.testConnection', tested) : vscode.commands.executeCommand('switchboard.openChat')));
      });
      return { error: result.toJSON() };
    }
    void vscode.window.showErrorMessage(`Switchboard: ${result.message}`, 'Show Log').then((c) => c && vscode.commands.executeCommand('switchboard.showLog'));
    return { error: { message: result.message } };
  });
}
