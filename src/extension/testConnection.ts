import * as vscode from 'vscode';
import { isSwitchboardError } from '../core/errors';
import type { SwitchboardError } from '../core/errors';
import type { AuthInfo } from '../core/types';
import { PROVIDER_LABELS, isProviderId } from '../shared/providers';
import type { ProviderId } from '../shared/providers';
import type { EngineHost } from './engine/engineHost';

interface Fix { title: string; run(): void | Thenable<unknown> }

/** Buttons that fix the cause of a failed connection test. */
export function fixesFor(error: SwitchboardError, host: EngineHost): Fix[] {
  const config = host.config;
  const provider = error.provider ?? config.provider.value;
  const fixes: Fix[] = [];
  const profile = typeof error.details?.profile === 'string' ? error.details.profile : config.bedrock.profile.value;
  if (error.code === 'expired_sso_session' || (error.code === 'expired_credentials' && profile)) {
    fixes.push({
      title: `Run aws sso login${profile ? ` --profile ${profile}` : ''}`,
      run: () => {
        const terminal = vscode.window.createTerminal({ name: 'AWS SSO login' });
        terminal.show();
        // Profile names come from settings / ~/.aws/config; quote them for the shell.
        terminal.sendText(`aws sso login${profile ? ` --profile '${profile.replace(/'/g, `'\\''`)}'` : ''}`);
      },
    });
  }
  if (error.type === 'authentication' || error.code === 'missing_api_key' || error.code === 'invalid_api_key') {
    if (provider === 'anthropic') fixes.push({ title: 'Set API Key', run: () => vscode.commands.executeCommand('switchboard.setAnthropicApiKey') });
    else if (config.bedrock.authMethod.value === 'apiKey' || config.bedrock.useBedrockApiKey.value) fixes.push({ title: 'Set Bedrock API Key', run: () => vscode.commands.executeCommand('switchboard.setBedrockApiKey') });
    else if (config.bedrock.authMethod.value === 'accessKeys') fixes.push({ title: 'Set AWS Access Keys', run: () => vscode.commands.executeCommand('switchboard.setAwsAccessKeys') });
  }
  const settingFor: Partial<Record<string, string>> = {
    region: 'switchboard.modelProvider.bedrock.awsRegion',
    model_not_found: 'switchboard.model',
    inference_profile_required: 'switchboard.modelProvider.bedrock.inferenceProfile',
    invalid_config: 'switchboard.modelProvider',
    permission: provider === 'bedrock' ? 'switchboard.modelProvider.bedrock' : 'switchboard.modelProvider.anthropic',
    network: provider === 'bedrock' ? 'switchboard.modelProvider.bedrock' : 'switchboard.modelProvider.anthropic',
    authentication: provider === 'bedrock' ? 'switchboard.modelProvider.bedrock.authMethod' : 'switchboard.modelProvider.anthropic',
  };
  const setting = settingFor[error.type];
  if (setting) fixes.push({ title: 'Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', setting) });
  fixes.push({ title: 'Show Log', run: () => vscode.commands.executeCommand('switchboard.showLog') });
  return fixes;
}

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
      const fixes = fixesFor(result, host);
      const text = `Switchboard: ${result.message}${result.hint ? ` ${result.hint}` : ''}`;
      void vscode.window.showErrorMessage(text, ...fixes.map((f) => f.title)).then((choice) => fixes.find((f) => f.title === choice)?.run());
      return { error: result.toJSON() };
    }
    void vscode.window.showErrorMessage(`Switchboard: ${result.message}`, 'Show Log').then((c) => c && vscode.commands.executeCommand('switchboard.showLog'));
    return { error: { message: result.message } };
  });
}
