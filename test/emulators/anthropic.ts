import type * as http from 'node:http';
import * as http2 from 'node:http2';
import { readBody, startDualServer } from './dualServer';
import type { DualServer } from './dualServer';
import { FaultQueue } from './faults';
import type { Fault, RequestLogEntry } from './faults';
import { applyPromptCache, buildReply, chunkText, countInputTokens } from './anthropicReply';
import type { CacheEntry, CustomTurn, Reply } from './anthropicReply';
import { validateMessagesBody } from './anthropicValidate';
import { anthropicDemoTurn } from './anthropicDemo';
import { DEMO_TOKENS_PER_SECOND, streamDelayMs } from './demoAnswers';
import { defaultMinCacheableTokens } from './cacheMinimums';
import type { ApiFailure } from './anthropicValidate';

/**
 * An Anthropic Messages API emulator on 127.0.0.1: /v1/messages (JSON and SSE),
 * /v1/messages/count_tokens and /v1/models, with the service's auth, validation, error shapes,
 * prompt-cache accounting and fault injection. Tests drive it through the real SDK.
 */
// The models the Anthropic API serves, read 2026-12-07 from Anthropic's per-model pages (current:
// Fable 5.2, Opus 5.5, Sonnet 5.5, Haiku 5.5; legacy / deprecated: the rest). Sonnet 4.5 (retired
// 2026-11-30), Opus 4.1 (2026-08-05) and Sonnet 4 (2026-06-15) are gone: requests to them fail, as
// the model deprecations page says; they stay on the Bedrock emulator. Written out from the
// public pages, not from the product's catalog.
export const DEFAULT_ANTHROPIC_MODELS: readonly string[] = [
  'claude-fable-5-2',
  'claude-opus-5-5',
  'claude-sonnet-5-5',
  'claude-haiku-5-5',
  'claude-fable-5-1',
  'claude-fable-5',
  'claude-opus-5',
  'claude-sonnet-5',
  'claude-opus-4-8',
  'claude-opus-4-7',
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-haiku-4-5-20251001',
  'claude-haiku-4-5',
  'claude-opus-4-5-20251101',
  'claude-opus-4-5',
];

const ANTHROPIC_VERSIONS = new Set(['2023-06-01', '2026-10-21']);

export interface AnthropicEmulatorOptions {
  port?: number;
  /** Keys accepted as `x-api-key` or `Authorization: Bearer` (default `['sk-ant-test-key']`). */
  apiKeys?: string[];
  models?: string[];
  /** Prefixes shorter than this are not cached (the service's minimum is 1024 for most models). */
  minCacheableTokens?: number;
  /** Requests whose prompt exceeds this fail with "prompt is too long" (default 200 000). */
  contextWindow?: number;
  /** Answer count_tokens as an unknown path, like a proxy that lacks it. */
  disableCountTokens?: boolean;
  /** A `ping` event after every this many deltas (default 3). */
  pingEvery?: number;
  /** A test's own answer for a request; return undefined for the default echo. */
  respond?: (body: Record<string, unknown>) => CustomTurn | undefined;
  /** `demo`: realistic answers chosen from the question (demoAnswers.ts) instead of the echo, for `npm run sandbox`. */
  answers?: 'echo' | 'demo';
  /** Stream at about this many output tokens a second (default: as fast as possible; demo answers: DEMO_TOKENS_PER_SECOND). */
  tokensPerSecond?: number;
}

export interface AnthropicEmulator {
  url: string;
  port: number;
  requests: RequestLogEntry[];
  faults: FaultQueue;
  server: DualServer;
  /** Prompt-cache entries written so far. */
  cacheEntries(): CacheEntry[];
  /** Requests to a path, e.g. `/v1/messages`. */
  requestsTo(path: string): RequestLogEntry[];
  /** Resolves when the client closes a request matching `path` before its answer ended (Stop, abort). */
  whenClientClosed(path: string): Promise<RequestLogEntry>;
  close(): Promise<void>;
  reset(): void;
}

type Req = http.IncomingMessage | http2.Http2ServerRequest;
// The HTTP/2 compat response has the same surface for what we use; one type keeps calls simple.
type Res = http.ServerResponse;

function header(req: Req, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Close the connection under the response (HTTP/1.1 socket, or the HTTP/2 stream). */
function destroyConnection(res: Res): void {
  const h2 = res as unknown as Partial<http2.Http2ServerResponse>;
  if (h2.stream) h2.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  else res.socket?.destroy();
}

function writeHead(res: Res, status: number, headers: Record<string, string>): void {
  res.writeHead(status, headers);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startAnthropicEmulator(options: AnthropicEmulatorOptions = {}): Promise<AnthropicEmulator> {
  const apiKeys = new Set(options.apiKeys ?? ['sk-ant-test-key']);
  const models = options.models ?? [...DEFAULT_ANTHROPIC_MODELS];
  // Per model unless a test sets one number: the smallest prefix the service caches.
  const minCacheable = (model: string): number => options.minCacheableTokens ?? defaultMinCacheableTokens(model);
  const contextWindow = options.contextWindow ?? 200_000;
  const pingEvery = options.pingEvery ?? 3;
  const tokensPerSecond = options.tokensPerSecond ?? (options.answers === 'demo' ? DEMO_TOKENS_PER_SECOND : undefined);
  const requests: RequestLogEntry[] = [];
  const closedListeners = new Set<(entry: RequestLogEntry) => void>();
  const faults = new FaultQueue();
  const cache = new Map<string, CacheEntry>();
  let requestCounter = 0;

  const sendJson = (res: Res, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const payload = JSON.stringify(body);
    writeHead(res, status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)), ...headers });
    res.end(payload);
  };

  const sendError = (res: Res, entry: RequestLogEntry, failure: ApiFailure, extraHeaders: Record<string, string> = {}): void => {
    entry.status = failure.status;
    sendJson(res, failure.status, { type: 'error', error: { type: failure.type, message: failure.message } }, extraHeaders);
  };

  const authenticate = (req: Req, entry: RequestLogEntry): ApiFailure | undefined => {
    const xKey = header(req, 'x-api-key');
    const authz = header(req, 'authorization');
    const bearer = authz?.startsWith('Bearer ') ? authz.slice(7) : undefined;
    const key = xKey ?? bearer;
    entry.auth = xKey !== undefined ? 'x-api-key' : bearer !== undefined ? 'bearer' : undefined;
    if (key === undefined) return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
    if (!apiKeys.has(key)) return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
    const version = header(req, 'anthropic-version');
    if (version === undefined) return { status: 400, type: 'invalid_request_error', message: 'anthropic-version: header is required' };
    if (!ANTHROPIC_VERSIONS.has(version)) return { status: 400, type: 'invalid_request_error', message: `anthropic-version: invalid version ${version}` };
    return undefined;
  };

  const applyErrorFault = (res: Res, entry: RequestLogEntry, fault: Extract<Fault, { kind: 'error' }>): void => {
    const headers: Record<string, string> = { ...fault.headers };
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
    sendError(res, entry, { status: fault.status, type: fault.errorType, message: fault.message ?? defaultMessage(fault.errorType) }, headers);
  };

  const handleMessages = async (res: Res, entry: RequestLogEntry, body: Record<string, unknown>, fault: Fault | undefined, closed: () => boolean): Promise<void> => {
    const failure = validateMessagesBody(body, { models, requireMaxTokens: true });
    if (failure) return sendError(res, entry, failure);
    const total = countInputTokens(body);
    // The service's two texts: the input alone too long, or input plus max_tokens over the window
    // (sources: anthropics/claude-code#408, continuedev/continue#6080; quoted in anthropicErrors.test.ts).
    if (total > contextWindow) return sendError(res, entry, { status: 400, type: 'invalid_request_error', message: `prompt is too long: ${total} tokens > ${contextWindow} maximum` });
    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 0;
    if (total + maxTokens > contextWindow) {
      return sendError(res, entry, { status: 400, type: 'invalid_request_error', message: `input length and \`max_tokens\` exceed context limit: ${total} + ${maxTokens} > ${contextWindow}, decrease input length or \`max_tokens\` and try again` });
    }
    const usage = applyPromptCache(body, cache, minCacheable(String((body as { model?: unknown }).model)), Date.now());
    const reply = buildReply(body, options.respond?.(body) ?? (options.answers === 'demo' ? anthropicDemoTurn(body) : undefined));
    const id = `msg_emu_${String(requestCounter).padStart(6, '0')}`;
    const model = String(body.model);
    entry.status = 200;
    if (body.stream === true) return streamReply(res, { id, model, reply, usage }, fault, closed);
    if (fault && fault.kind !== 'slow-first-byte' && fault.kind !== 'slow-first-token') {
      // Faults aimed at a stream, rendered for a plain JSON answer.
      if (fault.kind === 'error-event') return sendError(res, entry, { status: 529, type: fault.errorType, message: fault.message ?? defaultMessage(fault.errorType) });
      writeHead(res, 200, { 'content-type': 'application/json' });
      if (fault.kind === 'malformed-frame') return void res.end('{"id": "msg_broken", "content": [');
      res.write('{"id":"');
      if (fault.kind === 'reset-mid-stream') return destroyConnection(res);
      return; // stall: keep the connection open
    }
    sendJson(res, 200, {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: reply.content,
      stop_reason: reply.stopReason,
      stop_sequence: reply.stopSequence,
      usage: { input_tokens: usage.inputTokens, cache_creation_input_tokens: usage.cacheCreationInputTokens, cache_read_input_tokens: usage.cacheReadInputTokens, output_tokens: reply.outputTokens },
    });
  };

  const streamReply = async (
    res: Res,
    msg: { id: string; model: string; reply: Reply; usage: ReturnType<typeof applyPromptCache> },
    fault: Fault | undefined,
    closed: () => boolean,
  ): Promise<void> => {
    writeHead(res, 200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const send = (event: string, data: unknown): void => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const { reply, usage } = msg;
    send('message_start', {
      type: 'message_start',
      message: {
        id: msg.id, type: 'message', role: 'assistant', model: msg.model, content: [], stop_reason: null, stop_sequence: null,
        usage: { input_tokens: usage.inputTokens, cache_creation_input_tokens: usage.cacheCreationInputTokens, cache_read_input_tokens: usage.cacheReadInputTokens, output_tokens: 1 },
      },
    });
    send('ping', { type: 'ping' });
    let deltas = 0;
    const midStream = fault && 'afterEvents' in fault ? fault : undefined;
    // Returns true when the fault took over the rest of the response.
    const trigger = (): void => {
      if (!midStream) return;
      if (midStream.kind === 'reset-mid-stream') {
        destroyConnection(res);
      } else if (midStream.kind === 'malformed-frame') {
        res.write('event: content_block_delta\ndata: {"type":"content_block_delta","index":\n\n');
        res.end();
      } else if (midStream.kind === 'error-event') {
        send('error', { type: 'error', error: { type: midStream.errorType, message: midStream.message ?? defaultMessage(midStream.errorType) } });
        res.end();
      }
      // stall: write nothing more; the client's timeout (or abort) ends it.
    };
    const delta = async (index: number, d: Record<string, unknown>): Promise<boolean> => {
      if (fault?.kind === 'slow-first-token' && deltas === 0) {
        await sleep(fault.delayMs);
        if (closed()) return true;
      }
      if (midStream && deltas >= midStream.afterEvents) {
        trigger();
        return true;
      }
      send('content_block_delta', { type: 'content_block_delta', index, delta: d });
      deltas++;
      if (deltas % pingEvery === 0) send('ping', { type: 'ping' });
      // Yield to the event loop so writes reach the client as separate chunks (paced when asked).
      await sleep(streamDelayMs(String(d.text ?? d.thinking ?? d.partial_json ?? ''), tokensPerSecond));
      return closed();
    };
    for (let index = 0; index < reply.content.length; index++) {
      const block = reply.content[index]!;
      if (block.type === 'text') {
        send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
        for (const piece of chunkText(block.text)) if (await delta(index, { type: 'text_delta', text: piece })) return;
      } else if (block.type === 'thinking') {
        send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
        for (const piece of chunkText(block.thinking)) if (await delta(index, { type: 'thinking_delta', thinking: piece })) return;
        if (await delta(index, { type: 'signature_delta', signature: block.signature })) return;
      } else {
        send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
        for (const piece of chunkText(JSON.stringify(block.input), 8)) if (await delta(index, { type: 'input_json_delta', partial_json: piece })) return;
      }
      send('content_block_stop', { type: 'content_block_stop', index });
    }
    if (midStream) {
      // The fault asked for more events than the answer has: apply it before the end.
      trigger();
      return;
    }
    send('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: reply.stopReason, stop_sequence: reply.stopSequence },
      usage: { input_tokens: usage.inputTokens, cache_creation_input_tokens: usage.cacheCreationInputTokens, cache_read_input_tokens: usage.cacheReadInputTokens, output_tokens: reply.outputTokens },
    });
    send('message_stop', { type: 'message_stop' });
    res.end();
  };

  const handleCountTokens = (res: Res, entry: RequestLogEntry, body: Record<string, unknown>): void => {
    const failure = validateMessagesBody(body, { models, requireMaxTokens: false });
    if (failure) return sendError(res, entry, failure);
    entry.status = 200;
    sendJson(res, 200, { input_tokens: countInputTokens(body) });
  };

  const handleModels = (res: Res, entry: RequestLogEntry, query: URLSearchParams): void => {
    const limit = Math.max(1, Math.min(1000, Number(query.get('limit') ?? 20) || 20));
    const data = models.slice(0, limit).map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-10-01T00:00:00Z' }));
    entry.status = 200;
    sendJson(res, 200, { data, has_more: models.length > limit, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null });
  };

  const handler = async (req: Req, res: Res): Promise<void> => {
    requestCounter++;
    const requestId = `req_emu_${String(requestCounter).padStart(6, '0')}`;
    const url = new URL(req.url ?? '/', 'http://emulator');
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = undefined;
    }
    const entry: RequestLogEntry = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      httpVersion: req.httpVersion,
      headers: { ...req.headers },
      body,
      ...(typeof (body as { model?: unknown } | undefined)?.model === 'string' ? { modelId: (body as { model: string }).model } : {}),
    };
    requests.push(entry);
    let finished = false;
    res.on('finish', () => { finished = true; });
    res.on('close', () => {
      if (!finished && !entry.clientClosed && entry.fault !== 'reset-mid-stream' && entry.fault !== 'drop-connection') {
        entry.clientClosed = true;
        for (const l of closedListeners) l(entry);
      }
    });
    const closed = (): boolean => entry.clientClosed === true;
    res.setHeader('request-id', requestId);

    const route = `${entry.method} ${url.pathname}`;
    const isModelCall = route === 'POST /v1/messages' || (route === 'POST /v1/messages/count_tokens' && !options.disableCountTokens);
    const fault = faults.take(entry, { requireMatch: !isModelCall });
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'drop-connection') return destroyConnection(res);
    if (fault?.kind === 'slow-first-byte') {
      await sleep(fault.delayMs);
      if (closed()) return;
    }

    const authFailure = authenticate(req, entry);
    if (authFailure) return sendError(res, entry, authFailure);
    if (fault?.kind === 'error') return applyErrorFault(res, entry, fault);

    if (isModelCall && (raw.length === 0 || typeof body !== 'object' || body === null)) {
      return sendError(res, entry, { status: 400, type: 'invalid_request_error', message: 'There was an issue with your request body: it must be a JSON object' });
    }
    if (raw.length > 32 * 1024 * 1024) return sendError(res, entry, { status: 413, type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' });
    const json = body as Record<string, unknown>;
    if (route === 'POST /v1/messages') return handleMessages(res, entry, json, fault, closed);
    if (route === 'POST /v1/messages/count_tokens' && !options.disableCountTokens) return handleCountTokens(res, entry, json);
    if (route === 'GET /v1/models') return handleModels(res, entry, url.searchParams);
    const modelMatch = /^\/v1\/models\/([^/]+)$/.exec(url.pathname);
    if (entry.method === 'GET' && modelMatch) {
      const id = decodeURIComponent(modelMatch[1]!);
      if (!models.includes(id)) return sendError(res, entry, { status: 404, type: 'not_found_error', message: `model: ${id}` });
      entry.status = 200;
      return sendJson(res, 200, { type: 'model', id, display_name: id, created_at: '2025-10-01T00:00:00Z' });
    }
    return sendError(res, entry, { status: 404, type: 'not_found_error', message: 'Not Found' });
  };

  const server = await startDualServer((req, anyRes) => {
    const res = anyRes as unknown as Res;
    handler(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        writeHead(res, 500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: `emulator bug: ${String(err)}` } }));
      } else {
        res.end();
      }
    });
  }, options.port ?? 0);

  return {
    url: server.url,
    port: server.port,
    requests,
    faults,
    server,
    cacheEntries: () => [...cache.values()],
    requestsTo: (path) => requests.filter((r) => r.path === path),
    whenClientClosed: (path) => {
      const already = requests.find((r) => r.path === path && r.clientClosed);
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => {
        const listener = (entry: RequestLogEntry): void => {
          if (entry.path !== path) return;
          closedListeners.delete(listener);
          resolve(entry);
        };
        closedListeners.add(listener);
      });
    },
    close: () => server.close(),
    reset: () => {
      requests.length = 0;
      faults.clear();
      cache.clear();
    },
  };
}

function defaultMessage(errorType: string): string {
  switch (errorType) {
    case 'rate_limit_error':
      // Real text, e.g. continuedev/continue#9623 (the organization id and model vary).
      return 'This request would exceed the rate limit for your organization of 30,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.';
    case 'overloaded_error':
      return 'Overloaded';
    case 'api_error':
      return 'Internal server error';
    case 'authentication_error':
      return 'invalid x-api-key';
    case 'permission_error':
      // Real text: anthropics/claude-code#17848.
      return 'Permission denied';
    case 'not_found_error':
      return 'Not Found';
    case 'request_too_large':
      return 'Request exceeds the maximum allowed number of bytes.';
    default:
      return 'Invalid request';
  }
}
