import * as vscode from 'vscode';
import type { ClientEvent, StreamOptions, Switchboard } from '../../core/engine/types';
import type { ModelRequest } from '../../core/types';
import { lmModels, lmModelsFingerprint } from '../../presenters/lm/lmModels';
import type { LmModelsView } from '../../presenters/lm/lmModels';
import { LmRequestError, toModelRequest } from '../../presenters/lm/lmRequest';
import { describeResult, lmFailure, partsOf, surfaceOf } from '../../presenters/lm/lmResponse';
import type { LmMessageShape, LmModelInfo, LmRequestOptionsShape } from '../../presenters/lm/lmShapes';
import { TokenCounter } from '../../presenters/lm/tokenCounter';
import type { ExtensionLogger } from '../log';
import { countScope, estimateTokens } from './lmTokenCount';

/** Where the provider gets the engine: the extension's one engine host (rebuilt on every settings / secret change). */
export interface LmEngineSource {
  /** The current engine (model list, token counts). */
  readonly engine: Switchboard;
  /** A request on the current engine, kept alive until it ends even if settings change meanwhile. */
  stream(request: ModelRequest, options?: StreamOptions): AsyncIterable<ClientEvent>;
  /** Fires when the engine was rebuilt or its state (health, failover) moved. */
  readonly onDidChange: vscode.Event<unknown>;
}

/**
 * Switchboard as a vscode.LanguageModelChatProvider: its models in VS Code's Chat picker and for
 * every extension that calls vscode.lm (Copilot Chat, Cline, Roo Code). Each request runs through
 * the engine's whole pipeline; the ledger records the calling extension as the surface.
 */
export class SwitchboardLmProvider implements vscode.LanguageModelChatProvider<vscode.LanguageModelChatInformation>, vscode.Disposable {
  readonly onDidChangeLanguageModelChatInformation: vscode.Event<void>;
  private fingerprint: string | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private warnedMissing = false;
  readonly tokens: TokenCounter;

  constructor(
    private readonly source: LmEngineSource,
    private readonly logger: ExtensionLogger,
    /** Where the change event fires: the registered provider's (registerLm.ts), which exists before this one is loaded. */
    private readonly changed: vscode.EventEmitter<void> = new vscode.EventEmitter<void>(),
  ) {
    this.onDidChangeLanguageModelChatInformation = changed.event;
    this.tokens = new TokenCounter({
      count: (request, signal) => {
        const engine = this.source.engine;
        return engine.countTokens(request, { provider: countScope(engine, request.model).provider, ...(signal ? { signal } : {}) });
      },
      estimate: estimateTokens,
    });
  }

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions, _token: vscode.CancellationToken): Promise<vscode.LanguageModelChatInformation[]> {
    const view = await this.view();
    this.fingerprint = lmModelsFingerprint(view.models);
    for (const s of view.skipped) this.logger.debug(`lm: ${s.name} not offered (${s.reason})`);
    if (view.models.length === 0 && view.unusable.length > 0) {
      const why = view.unusable.map((u) => u.reason).join('; ');
      this.logger.warn(`lm: no Switchboard models to offer: ${why}`);
      // A silent ask never prompts; an explicit one (the user opened the picker's manage entry) may.
      if (!options.silent && !this.warnedMissing) {
        this.warnedMissing = true;
        void vscode.window.showWarningMessage(`Switchboard has no models to offer VS Code: ${why}.`, 'Set Anthropic API Key', 'Open Dashboard').then((choice) => {
          if (choice === 'Set Anthropic API Key') void vscode.commands.executeCommand('switchboard.setAnthropicApiKey');
          if (choice === 'Open Dashboard') void vscode.commands.executeCommand('switchboard.openDashboard');
        });
      }
    }
    return view.models.map(toInformation);
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const surface = surfaceOf((options as LmRequestOptionsShape).requestInitiator);
    let request: ModelRequest;
    try {
      request = toModelRequest({ model: model.id, messages: messages.map(sendable), options: options as LmRequestOptionsShape });
    } catch (e) {
      if (e instanceof LmRequestError) throw new vscode.LanguageModelError(`Switchboard: ${e.message}`);
      throw e;
    }
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    try {
      for await (const event of this.source.stream(request, { signal: abort.signal, surface })) {
        for (const part of partsOf(event)) {
          progress.report(part.kind === 'text' ? new vscode.LanguageModelTextPart(part.value) : new vscode.LanguageModelToolCallPart(part.callId, part.name, part.input));
        }
        if (event.type === 'failover') this.logger.warn(`lm ${surface}: ${event.failover.from} → ${event.failover.to}: ${event.failover.reason}`);
        if (event.type === 'done') this.logger.info(describeResult(event.result, surface));
      }
    } catch (e) {
      // The caller cancelled: VS Code already knows; end quietly.
      if (token.isCancellationRequested) return;
      const failure = lmFailure(e);
      this.logger.warn(`lm ${surface}: ${failure.message}`);
      throw failure.code ? vscode.LanguageModelError[failure.code](failure.message) : new vscode.LanguageModelError(failure.message);
    } finally {
      cancel.dispose();
    }
  }

  async provideTokenCount(model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage, token: vscode.CancellationToken): Promise<number> {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const request = countRequest(model.id, text);
      if (request.messages.length === 0) return 0;
      const scope = countScope(this.source.engine, model.id);
      return await this.tokens.count(`${scope.provider}:${scope.modelId}`, request, abort.signal);
    } finally {
      cancel.dispose();
    }
  }

  private async view(): Promise<LmModelsView> {
    const engine = this.source.engine;
    return lmModels({ resolved: await engine.resolved(), state: engine.health.state() });
  }

  /** Tell VS Code only when what the picker shows moved (provider, region, mapping, key, failover). */
  /** Called on every change of the engine host (registerLm.ts subscribes from activation on). */
  scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.view().then((view) => {
        const next = lmModelsFingerprint(view.models);
        if (next === this.fingerprint) return;
        this.fingerprint = next;
        this.tokens.clear();
        this.warnedMissing = false;
        this.logger.info(`lm: models changed (${view.models.map((m) => m.id).join(', ') || 'none'})`);
        this.changed.fire();
      }, (e: unknown) => this.logger.warn(`lm: models could not be listed: ${(e as Error).message}`));
    }, 50);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.changed.dispose();
  }
}

function toInformation(m: LmModelInfo): vscode.LanguageModelChatInformation {
  return { ...m, capabilities: { ...m.capabilities } };
}

/** Only the parts Switchboard sends: text, tool calls / results and data; thinking parts (proposed API) are not replayed. */
function sendable(message: vscode.LanguageModelChatRequestMessage): LmMessageShape {
  const thinking = (vscode as unknown as { LanguageModelThinkingPart?: new (...args: never[]) => unknown }).LanguageModelThinkingPart;
  return { role: message.role, name: message.name, content: thinking ? message.content.filter((p) => !(p instanceof thinking)) : message.content };
}

/** A string, or one message, as a request to count: a message's content in the user role (the APIs count whole requests). */
function countRequest(model: string, text: string | vscode.LanguageModelChatRequestMessage): ModelRequest {
  if (typeof text === 'string') return { model, messages: text ? [{ role: 'user', content: [{ type: 'text', text }] }] : [] };
  const converted = toModelRequest({ model, messages: [sendable(text)], options: { toolMode: 1 } });
  const system = typeof converted.system === 'string' ? converted.system : (converted.system ?? []).map((b) => b.text).join('\n');
  const blocks = converted.messages.flatMap((m) => (typeof m.content === 'string' ? [{ type: 'text' as const, text: m.content }] : m.content));
  const content = blocks.map((b) => (b.type === 'tool_use' ? { type: 'text' as const, text: `${b.name} ${JSON.stringify(b.input)}` } : b.type === 'tool_result' ? { type: 'text' as const, text: typeof b.content === 'string' ? b.content : b.content.map((c) => (c.type === 'text' ? c.text : '')).join('') } : b));
  if (system) content.unshift({ type: 'text', text: system });
  return { model, messages: content.length ? [{ role: 'user', content }] : [] };
}
