import * as vscode from 'vscode';
import { fixActionsFor, hintFor } from '../core/errorFixes';
import { isSwitchboardError } from '../core/errors';
import type { SwitchboardError } from '../core/errors';
import type { AuthInfo } from '../core/types';
import { PROVIDER_IDS, PROVIDER_LABELS, isProviderId } from '../shared/providers';
import type { ProviderId } from '../shared/providers';
import type { EngineHost } from './engine/engineHost';
import type { ExtensionLogger } from './log';
import { notifyWithFixes } from './runFix';
import type { Settings } from './settings/settings';

/** The whole result, for the log (and Show Details): identity, region, model ID, latency. */
export function describeAuth(info: AuthInfo): string {
  const parts = [`${PROVIDER_LABELS[info.provider]} OK`, info.identity, ...(info.region ? [`region ${info.region}`] : []), `model ${info.modelId}`, `${Math.round(info.latencyMs)} ms`];
  return parts.join(' · ');
}

/**
 * The toast: what answered and how fast, short enough to be read whole; for Bedrock also who signed
 * in (the caller ARN from STS, which tells which account and role the keys are). The rest of the
 * identity is in the log (Show Details).
 */
export function testToast(info: AuthInfo): string {
  const who = info.provider === 'bedrock' && info.identity.startsWith('arn:') ? ` Signed in as ${info.identity}.` : '';
  return `Switchboard: ${PROVIDER_LABELS[info.provider]} OK — ${info.modelId}, ${Math.round(info.latencyMs)} ms.${who}`;
}

const otherThan = (provider: ProviderId): ProviderId => PROVIDER_IDS.find((p) => p !== provider)!;

/**
 * A test that answers within this long gets no progress notice: a notice shown for a moment and
 * replaced by the result only flickers, and VS Code drops a fourth toast within 800 ms (its spam
 * protection), which a quick Test <other> from a result toast would otherwise hit.
 */
export const PROGRESS_NOTICE_DELAY_MS = 500;

/** The engine records the outcome (its state owner; every surface sees it through the one change event). */
export async function runTestConnection(host: EngineHost, provider?: ProviderId): Promise<AuthInfo | Error> {
  const target = provider ?? host.config.provider.value;
  const controller = new AbortController();
  const test = host.testConnection(target, { signal: controller.signal }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  let timer: NodeJS.Timeout | undefined;
  const quick = await Promise.race([test, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), PROGRESS_NOTICE_DELAY_MS)))]);
  clearTimeout(timer);
  if (quick !== undefined) return quick;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Switchboard: testing ${PROVIDER_LABELS[target]}…`, cancellable: true },
    async (_progress, token) => {
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return await test;
      } finally {
        sub.dispose();
      }
    },
  );
}

type TestResult = AuthInfo | { error: ReturnType<SwitchboardError['toJSON']> | { message: string } };

/**
 * Tells the result: success with Show Details (the log has the identity) and Test <other>; a
 * failure with the fixes for its cause, primary first (src/core/errorFixes, as in the chat).
 * `prefix` leads a failure's text (Set API Key: "The key was stored, but …").
 */
export function reportTest(host: EngineHost, logger: ExtensionLogger, tested: ProviderId, result: AuthInfo | Error, success = testToast, prefix = ''): TestResult {
  if (!(result instanceof Error)) {
    logger.info(`test connection: ${describeAuth(result)}`);
    const other = otherThan(result.provider);
    const testOther = `Test ${PROVIDER_LABELS[other]}`;
    void vscode.window.showInformationMessage(success(result), testOther, 'Show Details').then((choice) => {
      if (choice === testOther) void vscode.commands.executeCommand('switchboard.testConnection', other);
      else if (choice === 'Show Details') logger.channel.show(true);
    });
    return result;
  }
  logger.error(`test connection failed: ${result.message}`);
  if (isSwitchboardError(result)) {
    const ctx = host.fixContext();
    const hint = hintFor(result, ctx);
    const provider = result.provider ?? tested;
    void notifyWithFixes('error', `Switchboard: ${prefix}${result.message}${hint ? ` ${hint}` : ''}`, fixActionsFor(result, ctx), (kind) =>
      kind === 'retry' ? vscode.commands.executeCommand('switchboard.testConnection', provider) : vscode.commands.executeCommand('switchboard.pickModel'));
    return { error: result.toJSON() };
  }
  void notifyWithFixes('error', `Switchboard: ${prefix}${result.message}`, [{ kind: 'showLog', label: 'Show Log' }]);
  return { error: { message: result.message } };
}

/**
 * Switchboard: Test Connection — the current provider (or the one given, or `'both'`), one toast
 * per provider tested.
 */
export function registerTestConnection(host: EngineHost, logger: ExtensionLogger): vscode.Disposable {
  return vscode.commands.registerCommand('switchboard.testConnection', async (provider?: unknown): Promise<TestResult | TestResult[]> => {
    if (provider === 'both') {
      const out: TestResult[] = [];
      for (const p of PROVIDER_IDS) out.push(reportTest(host, logger, p, await runTestConnection(host, p)));
      return out;
    }
    const target = isProviderId(provider) ? provider : host.config.provider.value;
    return reportTest(host, logger, target, await runTestConnection(host, target));
  });
}

/** Whether Bedrock signs with the stored Bedrock API key (src/core/auth/bedrockAuth: method apiKey, or auto + useBedrockApiKey). */
function bedrockKeyInUse(host: EngineHost): boolean {
  const b = host.config.bedrock;
  return b.authMethod.value === 'apiKey' || (b.authMethod.value === 'auto' && b.useBedrockApiKey.value === true);
}

/**
 * After Set API Key stored `key` (its tail, e.g. "…wxyz") in `where`: test it with the cheapest real
 * call (Test Connection's) and say so — or, for a Bedrock key Bedrock does not sign with yet, say
 * what it signs with and offer to use the key.
 */
export async function checkStoredKey(host: EngineHost, settings: Settings, logger: ExtensionLogger, provider: ProviderId, tail: string, where: string): Promise<void> {
  const what = `${provider === 'anthropic' ? 'Anthropic' : 'Bedrock'} API key ${tail}`;
  await host.whenReady();
  if (provider === 'bedrock' && !bedrockKeyInUse(host)) {
    const use = 'Use Bedrock API Key';
    const choice = await vscode.window.showInformationMessage(`Switchboard: ${what} stored in ${where}. Bedrock still signs in with: ${host.authDescription('bedrock')}.`, use);
    if (choice !== use) return;
    await settings.update('modelProvider.bedrock.authMethod', 'apiKey', vscode.ConfigurationTarget.Global);
    await host.reload('Bedrock auth method set to apiKey');
  }
  const result = await runTestConnection(host, provider);
  reportTest(host, logger, provider, result, (info) => `Switchboard: ${what} works — ${info.modelId}, ${Math.round(info.latencyMs)} ms. Stored in ${where}.`, `${what} was stored in ${where}, but the test failed: `);
}
