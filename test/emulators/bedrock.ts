import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import * as http2 from 'node:http2';
import type { Answer, CacheEntry } from './bedrockConverse';
import { PromptCache, answerConverse, estimateInputTokens, validateConverse } from './bedrockConverse';
import { BEDROCK_REAL_ERRORS } from './realErrors';
import { defaultMinCacheableTokens } from './cacheMinimums';
import { eventFrame, exceptionFrame, malformedFrame, planStream, streamExceptionType } from './bedrockEventStream';
import type { EmulatedModel } from './bedrockModels';
import { resolveEmulatedModel } from './bedrockModels';
import type { DualServer } from './dualServer';
import { readBody, startDualServer } from './dualServer';
import type { DualResponse } from './dualServer';
import type { Fault, RequestLogEntry } from './faults';
import { FaultQueue } from './faults';
import { verifySigV4 } from './sigv4';
import { bedrockDemoAnswer } from './bedrockDemo';
import { DEMO_TOKENS_PER_SECOND, streamDelayMs } from './demoAnswers';

/**
 * Amazon Bedrock Runtime emulator (Converse, ConverseStream, CountTokens) speaking the wire
 * facts of WIRE.md over HTTP/1.1 and h2c: real SigV4 verification, bearer API keys,
 * inference-profile / region rules, strict validation, the `"p"` padding, prompt-cache
 * accounting and every fault of faults.ts.
 */
export interface EmulatorCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expired?: boolean;
}

export interface BedrockEmulatorOptions {
  port?: number;
  /** The endpoint's region; SigV4 scopes and profile prefixes must match it. Default us-east-1. */
  region?: string;
  /** Default: TEST_CREDENTIALS. */
  credentials?: EmulatorCredential[];
  /** Bedrock API keys accepted as `Authorization: Bearer <key>`. */
  apiKeys?: string[];
  /** Base or profile IDs answered with AccessDeniedException. */
  deniedModels?: string[];
  /**
   * Base or profile IDs in a model-access state IAM does not fix, answered with the service's
   * real text and status (see realErrors.ts): no Marketplace subscription, use-case form not
   * submitted, Legacy for this account, end of life.
   */
  modelAccess?: Record<string, 'marketplace' | 'useCaseForm' | 'legacy' | 'endOfLife'>;
  /** Smallest prefix the prompt cache stores (the service: 1024 for most Claude models). */
  minCacheableTokens?: number;
  /** Override the models' context windows (to provoke "Input is too long"). */
  maxInputTokens?: number;
  /** application-inference-profile ID → base model ID. */
  applicationProfiles?: Record<string, string>;
  /** `demo`: realistic answers chosen from the question (demoAnswers.ts) instead of the echo, for `npm run sandbox`. */
  answers?: 'echo' | 'demo';
  /** Stream at about this many output tokens a second (default: as fast as possible; demo answers: DEMO_TOKENS_PER_SECOND). */
  tokensPerSecond?: number;
}

export interface BedrockEmulator {
  url: string;
  port: number;
  region: string;
  requests: RequestLogEntry[];
  faults: FaultQueue;
  close(): Promise<void>;
  /** Clears the log, the faults and the prompt cache. */
  reset(): void;
  /** From now on requests signed with this key answer ExpiredTokenException. */
  expireCredentials(accessKeyId: string): void;
  addCredentials(credentials: EmulatorCredential): void;
  cacheEntries(): CacheEntry[];
  /** Model requests only (converse, converse-stream, count-tokens). */
  modelRequests(): RequestLogEntry[];
  openSockets(): number;
  dropAllConnections(): void;
}

export const TEST_CREDENTIALS: EmulatorCredential = { accessKeyId: 'AKIAEMULATORBEDROCK1', secretAccessKey: 'emulator+bedrock/secret/key/0000000001' };
export const TEST_API_KEY = 'ABSKZW11bGF0b3ItYmVkcm9jay1hcGkta2V5LTAwMDE=';

const ERROR_NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.bedrock/';

const DEFAULT_MESSAGES: Record<string, { status: number; message: string }> = {
  ThrottlingException: { status: 429, message: 'Too many requests, please wait before trying again.' },
  ValidationException: { status: 400, message: 'Malformed input request, please reformat your input and try again.' },
  AccessDeniedException: { status: 403, message: "You don't have access to the model with the specified model ID." },
  UnrecognizedClientException: { status: 403, message: 'The security token included in the request is invalid.' },
  InvalidSignatureException: { status: 403, message: 'The request signature we calculated does not match the signature you provided.' },
  ExpiredTokenException: { status: 403, message: 'The security token included in the request is expired' },
  MissingAuthenticationTokenException: { status: 403, message: 'Missing Authentication Token' },
  ResourceNotFoundException: { status: 404, message: 'Model not found.' },
  ModelTimeoutException: { status: 408, message: 'Model has timed out in processing the request. Try your request again.' },
  ModelNotReadyException: { status: 429, message: 'Model is not ready to serve inference requests. Try again later.' },
  ServiceQuotaExceededException: { status: 400, message: 'Your request exceeds the service quota for your account.' },
  InternalServerException: { status: 500, message: 'The server encountered an internal error while processing the request.' },
  ModelErrorException: { status: 424, message: 'The model encountered an error processing the request.' },
  ServiceUnavailableException: { status: 503, message: 'Bedrock is unable to process your request.' },
  UnknownOperationException: { status: 404, message: 'Unknown operation' },
};

type Req = http.IncomingMessage | http2.Http2ServerRequest;
type Res = DualResponse;

const ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream|count-tokens)$/;

function sendError(res: Res, entry: RequestLogEntry, errorType: string, message?: string, extraHeaders: Record<string, string> = {}, status?: number): void {
  const known = DEFAULT_MESSAGES[errorType];
  const code = status ?? known?.status ?? 400;
  entry.status = code;
  const body = JSON.stringify({ message: message ?? known?.message ?? errorType });
  res.writeHead(code, {
    'content-type': 'application/json',
    'x-amzn-errortype': `${errorType}:${ERROR_NAMESPACE}`,
    'x-amzn-requestid': randomUUID(),
    'content-length': String(Buffer.byteLength(body)),
    ...extraHeaders,
  });
  res.end(body);
}

function isH2(res: Res): res is http2.Http2ServerResponse {
  return 'stream' in res;
}

/** Kill the exchange the way a network failure would. */
function destroyExchange(req: Req, res: Res, scope: 'stream' | 'connection'): void {
  if (isH2(res)) {
    if (scope === 'connection') res.stream.session?.destroy();
    else res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  } else {
    (req as http.IncomingMessage).socket.destroy();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startBedrockEmulator(options: BedrockEmulatorOptions = {}): Promise<BedrockEmulator> {
  const region = options.region ?? 'us-east-1';
  const credentials = new Map<string, EmulatorCredential>();
  for (const c of options.credentials ?? [TEST_CREDENTIALS]) credentials.set(c.accessKeyId, { ...c });
  const apiKeys = new Set(options.apiKeys ?? []);
  const denied = new Set(options.deniedModels ?? []);
  const requests: RequestLogEntry[] = [];
  const faults = new FaultQueue();
  // Per model unless a test sets one number (AWS prompt-caching page: Claude as on the API, Nova 1K).
  const cache = new PromptCache((model) => options.minCacheableTokens ?? (model.family === 'nova' ? 1000 : defaultMinCacheableTokens(model.baseId.replace(/^anthropic\./, ''), 'bedrock')));
  let counter = 0;
  const tokensPerSecond = options.tokensPerSecond ?? (options.answers === 'demo' ? DEMO_TOKENS_PER_SECOND : undefined);

  const handle = async (req: Req, res: Res): Promise<void> => {
    const started = Date.now();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const body = await readBody(req);
    let parsed: unknown;
    try {
      parsed = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      parsed = undefined;
    }
    const entry: RequestLogEntry = { at: started, method: req.method ?? '', path, httpVersion: req.httpVersion, headers: { ...req.headers }, body: parsed };
    requests.push(entry);
    let destroyedByUs = false;
    res.on('close', () => {
      if (!res.writableEnded && !destroyedByUs) entry.clientClosed = true;
    });

    const route = ROUTE.exec(path);
    if (route) {
      try {
        entry.modelId = decodeURIComponent(route[1]!);
      } catch {
        entry.modelId = route[1];
      }
    }

    // Authentication first, as the service's front door does.
    const authorization = String(req.headers.authorization ?? '');
    if (authorization.startsWith('Bearer ')) {
      entry.auth = 'bearer';
      if (!apiKeys.has(authorization.slice(7).trim())) {
        sendError(res, entry, 'UnrecognizedClientException', 'Authentication failed: Please make sure your API Key is valid.');
        return;
      }
    } else {
      const verdict = verifySigV4({ method: req.method ?? '', path, query: q < 0 ? undefined : rawUrl.slice(q + 1), headers: req.headers, body }, (id) => credentials.get(id), 'bedrock');
      if (!verdict.ok) {
        sendError(res, entry, verdict.errorType, verdict.message);
        return;
      }
      entry.auth = `sigv4:${verdict.accessKeyId}`;
      if (verdict.region !== region) {
        sendError(res, entry, 'InvalidSignatureException', 'Credential should be scoped to a valid region. ');
        return;
      }
    }

    if (req.method !== 'POST' || !route) {
      sendError(res, entry, 'UnknownOperationException', undefined, {}, 404);
      return;
    }
    const operation = route[2] as 'converse' | 'converse-stream' | 'count-tokens';

    const fault = faults.take(entry);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'error') {
      const headers: Record<string, string> = { ...fault.headers };
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      sendError(res, entry, fault.errorType, fault.message, headers, fault.status);
      return;
    }
    if (fault?.kind === 'drop-connection') {
      destroyedByUs = true;
      destroyExchange(req, res, 'connection');
      return;
    }
    if (fault?.kind === 'slow-first-byte') await sleep(fault.delayMs);

    const resolved = resolveEmulatedModel(entry.modelId ?? '', { region, applicationProfiles: options.applicationProfiles, operation: operation === 'count-tokens' ? 'count-tokens' : 'converse' });
    if (!resolved.ok) {
      sendError(res, entry, resolved.errorType, resolved.message);
      return;
    }
    const model = resolved.model;
    if (denied.has(model.baseId) || denied.has(entry.modelId ?? '')) {
      sendError(res, entry, 'AccessDeniedException');
      return;
    }
    const accessState = options.modelAccess?.[entry.modelId ?? ''] ?? options.modelAccess?.[model.baseId];
    if (accessState) {
      const { fault } = BEDROCK_REAL_ERRORS[accessState];
      sendError(res, entry, fault.errorType, fault.message, {}, fault.status);
      return;
    }
    if (String(req.headers['content-type'] ?? '').split(';')[0] !== 'application/json') {
      sendError(res, entry, 'ValidationException', 'Content-Type must be application/json.');
      return;
    }

    if (operation === 'count-tokens') {
      countTokens(res, entry, parsed, model);
      return;
    }
    const failure = validateConverse(parsed, model, { operation: 'converse', maxInputTokens: options.maxInputTokens });
    if (failure) {
      sendError(res, entry, failure.errorType, failure.message);
      return;
    }
    const json = parsed as Record<string, unknown>;
    counter += 1;
    const answer = options.answers === 'demo' ? bedrockDemoAnswer(json, model, counter) : answerConverse(json, model, counter);
    const tokens = cache.account(json, model);
    const usage = { ...tokens, outputTokens: answer.outputTokens, totalTokens: tokens.inputTokens + tokens.cacheReadInputTokens + tokens.cacheWriteInputTokens + answer.outputTokens };
    if (!model.caching) {
      delete (usage as Partial<typeof usage>).cacheReadInputTokens;
      delete (usage as Partial<typeof usage>).cacheWriteInputTokens;
    }

    if (operation === 'converse') {
      if (fault && fault.kind !== 'slow-first-byte' && fault.kind !== 'slow-first-token') {
        applyNonStreamingFault(req, res, entry, fault, () => (destroyedByUs = true));
        return;
      }
      entry.status = 200;
      const out = JSON.stringify({
        output: { message: { role: 'assistant', content: converseContent(answer) } },
        stopReason: answer.stopReason,
        usage,
        metrics: { latencyMs: Date.now() - started },
      });
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), 'content-length': String(Buffer.byteLength(out)) });
      res.end(out);
      return;
    }

    entry.status = 200;
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': randomUUID() });
    // The two response classes share write(); TypeScript cannot call it through the union.
    const write = (chunk: Uint8Array): void => {
      (res as http.ServerResponse).write(chunk);
    };
    const plan = planStream(answer, usage, () => Date.now() - started);
    let contentSent = 0;
    let seq = 0;
    for (const item of plan) {
      const ev = typeof item === 'function' ? item() : item;
      if (fault && 'afterEvents' in fault && ev.content && contentSent >= fault.afterEvents) {
        switch (fault.kind) {
          case 'reset-mid-stream':
            destroyedByUs = true;
            await sleep(5);
            destroyExchange(req, res, 'stream');
            return;
          case 'stall-mid-stream':
            return; // keep the exchange open, say nothing more
          case 'malformed-frame':
            write(malformedFrame());
            res.end();
            return;
          case 'error-event':
            write(exceptionFrame(streamExceptionType(fault.errorType), fault.message ?? DEFAULT_MESSAGES[fault.errorType]?.message ?? 'The system encountered an unexpected error during processing. Try your request again.'));
            res.end();
            return;
        }
      }
      if (fault?.kind === 'slow-first-token' && ev.content && contentSent === 0) await sleep(fault.delayMs);
      if (res.destroyed) return;
      write(eventFrame(ev.eventType, ev.payload, seq++));
      if (ev.content) {
        contentSent += 1;
        const delta = (ev.payload.delta ?? {}) as { text?: string; reasoningContent?: { text?: string }; toolUse?: { input?: string } };
        const pause = streamDelayMs(delta.text ?? delta.reasoningContent?.text ?? delta.toolUse?.input ?? '', tokensPerSecond);
        if (pause > 0) await sleep(pause);
      }
    }
    res.end();
  };

  function countTokens(res: Res, entry: RequestLogEntry, parsed: unknown, model: EmulatedModel): void {
    if (!model.countTokens) {
      sendError(res, entry, 'ValidationException', "The provided model doesn't support counting tokens.");
      return;
    }
    const input = (parsed as { input?: { converse?: unknown } } | undefined)?.input;
    if (!input || typeof input !== 'object' || !input.converse) {
      sendError(res, entry, 'ValidationException', "1 validation error detected: Value null at 'input' failed to satisfy constraint: Member must not be null");
      return;
    }
    const failure = validateConverse(input.converse, model, { operation: 'count-tokens', maxInputTokens: options.maxInputTokens });
    if (failure) {
      sendError(res, entry, failure.errorType, failure.message);
      return;
    }
    entry.status = 200;
    const out = JSON.stringify({ inputTokens: estimateInputTokens(input.converse as Record<string, unknown>) });
    res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), 'content-length': String(Buffer.byteLength(out)) });
    res.end(out);
  }

  const server: DualServer = await startDualServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': `InternalServerException:${ERROR_NAMESPACE}` });
        res.end(JSON.stringify({ message: `emulator bug: ${String(e)}` }));
      }
    });
  }, options.port ?? 0);

  return {
    url: server.url,
    port: server.port,
    region,
    requests,
    faults,
    close: () => server.close(),
    reset: () => {
      requests.length = 0;
      faults.clear();
      cache.clear();
    },
    expireCredentials: (accessKeyId) => {
      const c = credentials.get(accessKeyId);
      if (c) c.expired = true;
    },
    addCredentials: (c) => {
      credentials.set(c.accessKeyId, { ...c });
    },
    cacheEntries: () => cache.list(),
    modelRequests: () => requests.filter((r) => ROUTE.test(r.path)),
    openSockets: () => server.openSockets(),
    dropAllConnections: () => server.dropAllConnections(),
  };
}

function converseContent(answer: Answer): unknown[] {
  return answer.blocks.map((b) => {
    if (b.kind === 'reasoning') return { reasoningContent: { reasoningText: { text: b.text, signature: b.signature } } };
    if (b.kind === 'text') return { text: b.text };
    return { toolUse: { toolUseId: b.id, name: b.name, input: b.input } };
  });
}

function applyNonStreamingFault(req: Req, res: Res, entry: RequestLogEntry, fault: Fault, markDestroyed: () => void): void {
  switch (fault.kind) {
    case 'reset-mid-stream':
      markDestroyed();
      destroyExchange(req, res, 'stream');
      return;
    case 'stall-mid-stream':
      return;
    case 'malformed-frame':
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"output": {"message": ');
      return;
    case 'error-event':
      sendError(res, entry, fault.errorType.charAt(0).toUpperCase() + fault.errorType.slice(1), fault.message);
      return;
    default:
      return;
  }
}
