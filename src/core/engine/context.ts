// What the stages share about one request. The engine creates one RequestContext per request;
// stages read `deps` and write only the fields named for them below.
import type { Logger } from '../logger';
import type { ResolvedModel } from '../models/resolve';
import type { BreakerRegistry } from '../routing/circuitBreaker';
import type { RetryPolicy } from '../routing/retry';
import type { ResponseCache } from '../cache/responseCache';
import type { PromptCacheOptions } from '../cache/promptCache';
import type { BudgetGuard } from '../usage/budget';
import type { PriceOverrides } from '../usage/prices';
import type { ModelMapping } from '../models/catalog';
import type { ModelProvider, ModelRequest, ProviderId } from '../types';
import type { EngineStateOwner } from './state';
import type { ClientEvent, Deadlines, FailoverInfo, LedgerSink, StreamOptions } from './types';

/** One provider leg of a request (the failover stage opens one per provider tried). */
export interface Leg {
  provider: ProviderId;
  instance: ModelProvider;
  resolved: ResolvedModel;
  region?: string;
  /** Is there another provider to fail over to after this one? */
  hasFallback: boolean;
  /** Set by the failover stage when this leg is the fallback. */
  failover: FailoverInfo | null;
  /** A continued answer starts with the text the failed provider showed (continueAfterPartial). */
  prefixText?: string;
  /** Store the answer in the response cache under this key (not for continued answers). */
  cacheKey?: string;
}

export interface EngineDeps {
  logger: Logger;
  surface?: string;
  state: EngineStateOwner;
  breakers: BreakerRegistry;
  retryPolicy: RetryPolicy;
  deadlines: Deadlines;
  responseCache?: ResponseCache;
  cacheOnlyDeterministic: boolean;
  continueAfterPartial: boolean;
  promptCache?: PromptCacheOptions;
  budget?: BudgetGuard;
  ledger?: LedgerSink;
  mapping: ModelMapping;
  priceOverrides?: PriceOverrides;
  /** The provider instance (built once per engine, lazily). */
  provider(id: ProviderId): Promise<ModelProvider>;
  /** Model resolution: THE place a name becomes the ID sent (region resolved once per engine). */
  resolve(id: ProviderId, model: string): ResolvedModel;
  regionOf(id: ProviderId): string | undefined;
  fallbackFor(primary: ProviderId): ProviderId | undefined;
  now(): number;
}

export interface RequestContext {
  readonly id: string;
  readonly started: number;
  /** The caller's signal combined with the total deadline. */
  readonly signal: AbortSignal;
  /** Why `signal` fired: the caller, or the total deadline. */
  totalDeadlineHit(): boolean;
  readonly options: StreamOptions;
  /** `send`: one non-streamed call per attempt (Converse / Messages without `stream`). */
  readonly mode: 'stream' | 'send';
  readonly deps: EngineDeps;
  readonly primary: ProviderId;
  // ---- written by the stages ----
  /** retry: attempts made, across every provider. */
  attempts: number;
  /** failover: providers sent the request, in order. */
  providersTried: ProviderId[];
  /** usageRecorder: first content event of the request. */
  firstTokenAt?: number;
  /** promptCache: the 1-hour TTL is used (cache writes priced at 2× input). */
  cacheWriteTtl?: '1h';
  /** responseCache: key to store a complete answer under, per answering provider. */
  cacheKeyFor?: (provider: ProviderId) => string;
  /** failover: the leg being run. */
  leg?: Leg;
  /** deadlines: this request's first-token deadline (computed once). */
  firstTokenMs?: number;
  /** deadlines: the signal for the current attempt (request signal + first-token / idle timers). */
  attemptSignal?: AbortSignal;
}

export type Next = (request: ModelRequest, ctx: RequestContext) => AsyncIterable<ClientEvent>;

/** Every stage has this one signature: do something around `next`, yield what the caller sees. */
export type Stage = (request: ModelRequest, ctx: RequestContext, next: Next) => AsyncIterable<ClientEvent>;
