import type { Anthropic } from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import { redactSecrets } from '../../errors';
import type { SwitchboardError } from '../../errors';
import { silentLogger } from '../../logger';
import type { Logger } from '../../logger';
import type {
  AuthInfo,
  CallOptions,
  CostEstimate,
  HealthResult,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  StreamEvent,
  TokenCount,
  Usage,
} from '../../types';
import { describeError, missingApiKeyError, toSwitchboardError } from './anthropicErrors';
import { estimateInputTokens, fromAnthropicMessage, toAnthropicParams, toCountTokensParams } from './anthropicMessages';
import { mapAnthropicStream } from './anthropicStream';

export interface AnthropicProviderOptions {
  /** Sent as the API key (`Authorization: Bearer` with SDK 1.12). */
  apiKey?: string;
  /** Where the key came from (`SecretStorage`, `ANTHROPIC_API_KEY`: auth/apiKeyChoice), for Test Connection's identity. */
  apiKeyFrom?: string;
  /** OAuth / gateway token instead of an API key. */
  authToken?: string;
  baseUrl?: string;
  resolveModelId?: (model: string) => string;
  estimateCost?: (usage: Usage, modelId: string) => CostEstimate;
  /** Time to the first byte, and the longest silence inside a stream (default 600 000). */
  timeoutMs?: number;
  logger?: Logger;
  defaultHeaders?: Record<string, string>;
  /** The model `validateAuth` proves access to (default claude-sonnet-4-6, after resolveModelId). */
  defaultModel?: string;
}

const DEFAULT_TIMEOUT_MS = 600_000;
const DEFAULT_MODEL = 'claude-sonnet-4-6';

/** Anthropic Messages API behind `ModelProvider`; one attempt per call (retries live in routing). */
export class AnthropicProvider implements ModelProvider {
  readonly id = 'anthropic' as const;
  private clientPromise: Promise<Anthropic> | undefined;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly secrets: string[];

  constructor(private readonly options: AnthropicProviderOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.secrets = [options.apiKey, options.authToken].filter((s): s is string => typeof s === 'string' && s.length > 0);
  }

  resolveModelId(model: string): string {
    return this.options.resolveModelId ? this.options.resolveModelId(model) : model;
  }

  estimateCost(usage: Usage, modelId: string): CostEstimate {
    return this.options.estimateCost ? this.options.estimateCost(usage, modelId) : { usd: undefined, priceKnown: false };
  }

  /** The SDK is loaded on first use so activation stays cheap. */
  private client(): Promise<Anthropic> {
    if (!this.options.apiKey && !this.options.authToken) return Promise.reject(missingApiKeyError());
    this.clientPromise ??= this.createClient();
    return this.clientPromise;
  }

  private async createClient(): Promise<Anthropic> {
    const sdk = await import('@anthropic-ai/sdk');
    const log = this.logger;
    const line = (args: unknown[]): string => redactSecrets(args.map((a) => (typeof a === 'string' ? a : safeString(a))).join(' '), this.secrets);
    return new sdk.Anthropic({
      // Exactly one credential; `null` keeps the SDK from reading ANTHROPIC_* variables behind our back.
      ...(this.options.apiKey ? { apiKey: this.options.apiKey, authToken: null } : { authToken: this.options.authToken ?? null, apiKey: null }),
      ...(this.options.baseUrl ? { baseURL: this.options.baseUrl } : {}),
      maxRetries: 0,
      timeout: this.timeoutMs,
      ...(this.options.defaultHeaders ? { defaultHeaders: this.options.defaultHeaders } : {}),
      logger: {
        error: (...a: unknown[]) => log.error(`anthropic sdk: ${line(a)}`),
        warn: (...a: unknown[]) => log.warn(`anthropic sdk: ${line(a)}`),
        info: (...a: unknown[]) => log.debug(`anthropic sdk: ${line(a)}`),
        debug: (...a: unknown[]) => log.trace(`anthropic sdk: ${line(a)}`),
      },
    });
  }

  private errorContext(modelId?: string): { modelId?: string; baseUrl?: string; timeoutMs: number; secrets: string[] } {
    return { ...(modelId ? { modelId } : {}), ...(this.options.baseUrl ? { baseUrl: this.options.baseUrl } : {}), timeoutMs: this.timeoutMs, secrets: this.secrets };
  }

  private fail(e: unknown, extra: Parameters<typeof toSwitchboardError>[1]): SwitchboardError {
    const err = toSwitchboardError(e, extra);
    if (err.type !== 'cancelled') this.logger.warn(`anthropic: ${describeError(err)}: ${err.message}`);
    return err;
  }

  async *stream(request: ModelRequest, options: CallOptions = {}): AsyncGenerator<StreamEvent> {
    const modelId = this.resolveModelId(request.model);
    const ctx = this.errorContext(modelId);
    const client = await this.client();
    const { body, headers, adjustments } = toAnthropicParams(request, modelId);
    for (const a of adjustments) this.logger.info(`anthropic: ${a}`);
    // One controller for the caller's abort and our inactivity timer: the SDK only times the
    // wait for headers, so a stream that stalls after its first bytes needs our own clock.
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.timeoutMs);
    };
    const onAbort = (): void => controller.abort();
    if (options.signal?.aborted) throw this.fail(new Error('aborted'), { ...ctx, cancelled: true });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let yielded = false;
    arm();
    try {
      this.logger.debug(`anthropic: stream ${modelId}`);
      const events = (await client.messages.create({ ...body, stream: true }, { signal: controller.signal, headers })) as AsyncIterable<RawMessageStreamEvent>;
      for await (const event of mapAnthropicStream(events, modelId)) {
        arm();
        if (event.type !== 'message_start') yielded = true;
        yield event;
      }
    } catch (e) {
      throw this.fail(e, { ...ctx, midStream: yielded, timedOut, cancelled: !timedOut && options.signal?.aborted === true });
    } finally {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // An early `break` by the caller also ends here; aborting closes the HTTP request.
      controller.abort();
    }
  }

  async send(request: ModelRequest, options: CallOptions = {}): Promise<ModelResponse> {
    const modelId = this.resolveModelId(request.model);
    const ctx = this.errorContext(modelId);
    const client = await this.client();
    const { body, headers, adjustments } = toAnthropicParams(request, modelId);
    for (const a of adjustments) this.logger.info(`anthropic: ${a}`);
    const started = Date.now();
    try {
      this.logger.debug(`anthropic: send ${modelId}`);
      const message = await client.messages.create({ ...body, stream: false }, { ...(options.signal ? { signal: options.signal } : {}), headers });
      const converted = fromAnthropicMessage(message);
      return {
        provider: 'anthropic',
        modelId: message.model || modelId,
        content: converted.content,
        text: converted.text,
        toolCalls: converted.toolCalls,
        stopReason: converted.stopReason,
        usage: converted.usage,
        latencyMs: Date.now() - started,
      };
    } catch (e) {
      throw this.fail(e, { ...ctx, cancelled: options.signal?.aborted === true });
    }
  }

  async countTokens(request: ModelRequest, options: CallOptions = {}): Promise<TokenCount> {
    const modelId = this.resolveModelId(request.model);
    const ctx = this.errorContext(modelId);
    const client = await this.client();
    try {
      const result = await client.messages.countTokens(toCountTokensParams(request, modelId), options.signal ? { signal: options.signal } : {});
      return { inputTokens: result.input_tokens, exact: true };
    } catch (e) {
      if (countEndpointMissing(e)) {
        this.logger.info('anthropic: count_tokens is not available at this endpoint; using a local estimate');
        return { inputTokens: estimateInputTokens(request), exact: false };
      }
      throw this.fail(e, { ...ctx, cancelled: options.signal?.aborted === true });
    }
  }

  async healthCheck(options: CallOptions = {}): Promise<HealthResult> {
    const started = Date.now();
    try {
      const client = await this.client();
      await client.models.list({ limit: 1 }, options.signal ? { signal: options.signal } : {});
      return { ok: true, provider: 'anthropic', latencyMs: Date.now() - started, checkedAt: Date.now() };
    } catch (e) {
      const err = toSwitchboardError(e, { ...this.errorContext(), cancelled: options.signal?.aborted === true });
      return { ok: false, provider: 'anthropic', latencyMs: Date.now() - started, checkedAt: Date.now(), error: { type: err.type, message: err.message } };
    }
  }

  /** A real, cheap call that needs both a valid key and access to the model: count_tokens. */
  async validateAuth(options: CallOptions = {}): Promise<AuthInfo> {
    const modelId = this.resolveModelId(this.options.defaultModel ?? DEFAULT_MODEL);
    const client = await this.client();
    const started = Date.now();
    try {
      await client.messages.countTokens({ model: modelId, messages: [{ role: 'user', content: 'ping' }] }, options.signal ? { signal: options.signal } : {});
    } catch (e) {
      // A proxy without count_tokens still proves the key with the models list.
      if (!countEndpointMissing(e)) throw this.fail(e, { ...this.errorContext(modelId), cancelled: options.signal?.aborted === true });
      try {
        await client.models.retrieve(modelId, {}, options.signal ? { signal: options.signal } : {});
      } catch (inner) {
        throw this.fail(inner, { ...this.errorContext(modelId), cancelled: options.signal?.aborted === true });
      }
    }
    const secret = this.options.apiKey ?? this.options.authToken ?? '';
    const kind = this.options.apiKey ? 'API key' : 'Auth token';
    const from = this.options.apiKey && this.options.apiKeyFrom ? ` from ${this.options.apiKeyFrom}` : '';
    return { provider: 'anthropic', identity: `${kind} …${secret.slice(-4)}${from}`, modelId, latencyMs: Date.now() - started };
  }
}

/** A 404/405/501 that is not about the model: the endpoint itself is missing (e.g. a proxy). */
function countEndpointMissing(e: unknown): boolean {
  const err = e as { status?: unknown; error?: { error?: { message?: unknown } } | null } | null;
  if (!err || typeof err.status !== 'number' || ![404, 405, 501].includes(err.status)) return false;
  const message = err.error?.error?.message;
  return !(typeof message === 'string' && /model/i.test(message));
}

function safeString(value: unknown): string {
  if (value instanceof Error) return value.message;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

