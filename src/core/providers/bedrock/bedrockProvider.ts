// Amazon Bedrock behind the ModelProvider interface, on Converse / ConverseStream.
import type * as BedrockSdk from '@aws-sdk/client-bedrock-runtime';
import type { BedrockRuntimeClient, ConverseRequest, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { SwitchboardError } from '../../errors';
import type { Logger } from '../../logger';
import { silentLogger } from '../../logger';
import type { AuthInfo, CallOptions, CostEstimate, HealthResult, ModelProvider, ModelRequest, ModelResponse, StreamEvent, TokenCount, Usage } from '../../types';
import { createBedrockClient } from './bedrockClient';
import type { BedrockErrorContext } from './bedrockErrors';
import { toBedrockError } from './bedrockErrors';
import type { BedrockFamily } from './bedrockModelIds';
import { bedrockFamily, parseBedrockModelId } from './bedrockModelIds';
import { estimateRequestTokens, fromConverseResponse, toConverseRequest, toCountTokensInput } from './converseMessages';
import { fromConverseStream } from './converseStream';

export interface BedrockProviderOptions {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Bedrock API key, sent as a bearer token. */
  token?: string;
  resolveModelId?: (model: string) => string;
  /** The geo / global inference profile for a base ID; enables the automatic profile switch. */
  profileForBaseModel?: (baseModelId: string, region: string) => string | undefined;
  /** The next ID to try when Bedrock answers that an inference-profile ID is invalid / not offered in the region (catalog: fallbackModelIdFor). */
  fallbackModelId?: (modelId: string, region: string) => string | undefined;
  estimateCost?: (usage: Usage, modelId: string) => CostEstimate;
  /** No answer (send) / no event (stream) for this long → timeout error. */
  timeoutMs?: number;
  logger?: Logger;
  httpVersion?: 'h2' | 'http1';
  /** Family of an ID the provider cannot read (application-inference-profile ARNs); from the catalog. */
  familyOf?: (modelId: string) => BedrockFamily | undefined;
  /** Who the credentials belong to (e.g. STS GetCallerIdentity), for validateAuth. */
  identity?: () => Promise<string>;
  /** Model used by healthCheck / validateAuth (logical name or ID). Default: Claude Haiku 4.5. */
  probeModel?: string;
}

const DEFAULT_PROBE_MODEL = 'anthropic.claude-haiku-4-5-20251001-v1:0';

/** Aborts the SDK call when the caller cancels or our own timer fires, and remembers which. */
class CallGuard {
  readonly controller = new AbortController();
  cancelled = false;
  timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onAbort = (): void => {
    this.cancelled = true;
    this.controller.abort();
  };

  constructor(
    private readonly signal: AbortSignal | undefined,
    readonly timeoutMs: number | undefined,
  ) {
    if (signal?.aborted) this.onAbort();
    else signal?.addEventListener('abort', this.onAbort, { once: true });
    this.arm();
  }

  /** (Re)start the idle timer. */
  arm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (!this.timeoutMs || this.controller.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.timeoutMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
  }

  /** One promise per call that rejects on abort; shared by every race so a stream event costs no listener churn. */
  private aborted: Promise<never> | undefined;

  /** Rejects as soon as the call is aborted (an SDK stream may not notice a silent socket). */
  race<T>(p: Promise<T>): Promise<T> {
    const s = this.controller.signal;
    if (s.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
    if (!this.aborted) {
      this.aborted = new Promise<never>((_, reject) => s.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true }));
      this.aborted.catch(() => undefined); // observed by the races; never unhandled
    }
    return Promise.race([p, this.aborted]);
  }
}

type Sdk = typeof BedrockSdk;

export class BedrockProvider implements ModelProvider {
  readonly id = 'bedrock' as const;
  private readonly logger: Logger;
  private clientPromise: Promise<{ client: BedrockRuntimeClient; sdk: Sdk }> | undefined;
  /** Base IDs Bedrock refused on demand → the profile we switched to (once, then remembered). */
  private readonly switchedProfiles = new Map<string, string>();

  constructor(private readonly options: BedrockProviderOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  get region(): string {
    return this.options.region;
  }

  resolveModelId(model: string): string {
    const id = this.options.resolveModelId ? this.options.resolveModelId(model) : model;
    return this.switchedProfiles.get(id) ?? id;
  }

  estimateCost(usage: Usage, modelId: string): CostEstimate {
    return this.options.estimateCost ? this.options.estimateCost(usage, modelId) : { usd: undefined, priceKnown: false };
  }

  async send(request: ModelRequest, options: CallOptions = {}): Promise<ModelResponse> {
    const started = Date.now();
    const guard = new CallGuard(options.signal, this.options.timeoutMs);
    try {
      const { client, sdk } = await this.client();
      const { result, modelId } = await this.withProfileSwitch(this.resolveModelId(request.model), guard, (id) =>
        guard.race(client.send(new sdk.ConverseCommand(this.buildRequest(request, id)), { abortSignal: guard.controller.signal })),
      );
      return fromConverseResponse(result, modelId, Date.now() - started);
    } finally {
      guard.dispose();
    }
  }

  async *stream(request: ModelRequest, options: CallOptions = {}): AsyncGenerator<StreamEvent> {
    const guard = new CallGuard(options.signal, this.options.timeoutMs);
    let modelId = this.resolveModelId(request.model);
    let contentSeen = false;
    try {
      const { client, sdk } = await this.client();
      const opened = await this.withProfileSwitch(modelId, guard, async (id) => {
        const out = await guard.race(client.send(new sdk.ConverseStreamCommand(this.buildRequest(request, id)), { abortSignal: guard.controller.signal }));
        if (!out.stream) throw new SwitchboardError({ type: 'unknown', provider: 'bedrock', message: 'Bedrock answered ConverseStream without a stream.' });
        return out.stream;
      });
      modelId = opened.modelId;
      guard.arm();
      const iterator = (opened.result as AsyncIterable<ConverseStreamOutput>)[Symbol.asyncIterator]();
      const raced: AsyncIterable<ConverseStreamOutput> = {
        [Symbol.asyncIterator]: () => ({
          next: () => guard.race(iterator.next()),
          return: async () => (iterator.return ? iterator.return() : { done: true, value: undefined }),
        }),
      };
      for await (const event of fromConverseStream(raced, modelId, () => guard.arm())) {
        if (event.type === 'text_delta' || event.type === 'thinking_delta' || event.type === 'tool_use_start') contentSeen = true;
        yield event;
      }
    } catch (e) {
      throw this.mapError(e, modelId, guard, contentSeen);
    } finally {
      guard.dispose();
      if (guard.controller.signal.aborted === false) guard.controller.abort(); // release the h2 stream if the consumer stopped early
    }
  }

  async countTokens(request: ModelRequest, options: CallOptions = {}): Promise<TokenCount> {
    const modelId = this.resolveModelId(request.model);
    const family = this.familyOf(modelId);
    const baseId = parseBedrockModelId(modelId).baseModelId;
    const estimate: TokenCount = { inputTokens: estimateRequestTokens(request), exact: false };
    // CountTokens answers for Claude foundation models (not profiles, not other families).
    if (family !== 'anthropic' || !baseId) return estimate;
    const guard = new CallGuard(options.signal, this.options.timeoutMs);
    try {
      const { client, sdk } = await this.client();
      const converse = toConverseRequest(request, { modelId: baseId, family });
      const out = await guard.race(client.send(new sdk.CountTokensCommand({ modelId: baseId, input: { converse: toCountTokensInput(converse) } }), { abortSignal: guard.controller.signal }));
      return { inputTokens: out.inputTokens ?? estimate.inputTokens, exact: true };
    } catch (e) {
      const err = this.mapError(e, baseId, guard, false);
      if (err.type === 'invalid_request' || err.type === 'model_not_found' || err.type === 'inference_profile_required') {
        this.logger.debug(`Bedrock CountTokens unavailable for ${baseId} (${err.message}); using a local estimate.`);
        return estimate;
      }
      throw err;
    } finally {
      guard.dispose();
    }
  }

  /** Cheap liveness: CountTokens for Claude (free), else a 1-token Converse. Never throws except on cancel. */
  async healthCheck(options: CallOptions = {}): Promise<HealthResult> {
    const started = Date.now();
    const probe: ModelRequest = { model: this.options.probeModel ?? DEFAULT_PROBE_MODEL, messages: [{ role: 'user', content: 'ping' }], maxTokens: 1 };
    try {
      const modelId = this.resolveModelId(probe.model);
      if (this.familyOf(modelId) === 'anthropic' && parseBedrockModelId(modelId).baseModelId) {
        const count = await this.countTokens(probe, options);
        if (!count.exact) await this.send(probe, options);
      } else {
        await this.send(probe, options);
      }
      return { ok: true, provider: 'bedrock', latencyMs: Date.now() - started, checkedAt: Date.now() };
    } catch (e) {
      const err = e instanceof SwitchboardError ? e : toBedrockError(e, this.context(probe.model, undefined, false));
      if (err.type === 'cancelled') throw err;
      return { ok: false, provider: 'bedrock', latencyMs: Date.now() - started, checkedAt: Date.now(), error: { type: err.type, message: err.message } };
    }
  }

  /** The cheapest call that proves both the credentials and access to the model: one output token. */
  async validateAuth(options: CallOptions = {}): Promise<AuthInfo> {
    const started = Date.now();
    const response = await this.send({ model: this.options.probeModel ?? DEFAULT_PROBE_MODEL, messages: [{ role: 'user', content: 'ping' }], maxTokens: 1 }, options);
    const latencyMs = Date.now() - started;
    const identity = this.options.identity ? await this.options.identity() : await this.describeCredentials();
    const account = /^arn:aws[a-z-]*:(?:sts|iam)::(\d{12}):/.exec(identity)?.[1];
    return { provider: 'bedrock', identity, ...(account ? { account } : {}), region: this.options.region, modelId: response.modelId, latencyMs };
  }

  /** Release sockets (h2 sessions keep the process alive otherwise). */
  async dispose(): Promise<void> {
    const c = this.clientPromise;
    this.clientPromise = undefined;
    if (c) (await c.catch(() => undefined))?.client.destroy();
  }

  // ---- internals ---------------------------------------------------------------------------

  /** Never the secret: the last four characters of the key that authenticates. */
  private async describeCredentials(): Promise<string> {
    if (this.options.token !== undefined) return `Bedrock API key …${this.options.token.slice(-4)}`;
    const creds = this.options.credentials;
    if (!creds) return 'AWS default credential chain';
    const resolved = typeof creds === 'function' ? await creds() : creds;
    return `AWS access key …${resolved.accessKeyId.slice(-4)}`;
  }

  private client(): Promise<{ client: BedrockRuntimeClient; sdk: Sdk }> {
    this.clientPromise ??= (async () => {
      try {
        const client = await createBedrockClient({
          region: this.options.region,
          endpoint: this.options.endpoint,
          credentials: this.options.credentials,
          token: this.options.token,
          httpVersion: this.options.httpVersion,
          logger: this.logger,
        });
        const sdk = await import('@aws-sdk/client-bedrock-runtime');
        return { client, sdk };
      } catch (e) {
        this.clientPromise = undefined;
        throw new SwitchboardError({
          type: 'missing_dependency',
          provider: 'bedrock',
          message: `The AWS SDK for Bedrock could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
          hint: 'Reinstall the extension; the build must bundle @aws-sdk/client-bedrock-runtime.',
          cause: e,
        });
      }
    })();
    return this.clientPromise;
  }

  private familyOf(modelId: string): BedrockFamily {
    return this.options.familyOf?.(modelId) ?? bedrockFamily(modelId);
  }

  private buildRequest(request: ModelRequest, modelId: string): ConverseRequest {
    return toConverseRequest(request, { modelId, family: this.familyOf(modelId), onAdjust: (note) => this.logger.info(`bedrock: ${note}`) });
  }

  private context(modelId: string, guard: CallGuard | undefined, streamStarted: boolean): BedrockErrorContext {
    return {
      modelId,
      region: this.options.region,
      auth: this.options.token !== undefined ? 'bearer' : 'sigv4',
      streamStarted,
      timedOut: guard?.timedOut,
      cancelled: guard?.cancelled,
      timeoutMs: guard?.timeoutMs,
      profileFor: (base) => this.options.profileForBaseModel?.(base, this.options.region),
    };
  }

  private mapError(e: unknown, modelId: string, guard: CallGuard | undefined, streamStarted: boolean): SwitchboardError {
    const err = toBedrockError(e, this.context(modelId, guard, streamStarted));
    this.logger.debug(`Bedrock ${modelId}: ${err.type}${err.code ? `/${err.code}` : ''}: ${err.message}`);
    return err;
  }

  /**
   * Bedrock refuses newer models' base IDs on demand. When that happens and we know the
   * profile for the region, switch once, say so, and keep using the profile for this base ID.
   */
  private async withProfileSwitch<T>(modelId: string, guard: CallGuard, attempt: (id: string) => Promise<T>): Promise<{ result: T; modelId: string }> {
    try {
      return { result: await attempt(modelId), modelId };
    } catch (e) {
      const err = this.mapError(e, modelId, guard, false);
      const info = parseBedrockModelId(modelId);
      const onDemand = err.type === 'inference_profile_required' && info.kind === 'base' && info.baseModelId;
      // A Legacy or retired model is refused whatever ID names it: another profile would only repeat the answer.
      const lifecycle = err.code === 'model_legacy' || err.code === 'model_end_of_life';
      const invalidProfile = (err.type === 'model_not_found' || err.type === 'region') && info.kind === 'profile' && !lifecycle;
      const profile = onDemand && info.baseModelId
        ? this.options.profileForBaseModel?.(info.baseModelId, this.options.region)
        : invalidProfile ? this.options.fallbackModelId?.(modelId, this.options.region) : undefined;
      if (!profile || profile === modelId) throw err;
      this.logger.info(onDemand
        ? `Bedrock: on-demand throughput isn't supported for ${modelId}; using inference profile ${profile}.`
        : `Bedrock: ${modelId} is not offered in ${this.options.region} (${err.message}); falling back once to ${profile}.`);
      this.switchedProfiles.set(modelId, profile);
      try {
        return { result: await attempt(profile), modelId: profile };
      } catch (e2) {
        throw this.mapError(e2, profile, guard, false);
      }
    }
  }
}
