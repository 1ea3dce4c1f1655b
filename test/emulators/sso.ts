import type * as http from 'node:http';
import * as http2 from 'node:http2';
import { randomUUID } from 'node:crypto';
import { readBody, startDualServer } from './dualServer';
import type { DualServer } from './dualServer';
import { FaultQueue } from './faults';
import type { RequestLogEntry } from './faults';
import { newTemporaryCredential } from './stsCredentials';
import type { CredentialStore, EmulatedCredential } from './stsCredentials';

/**
 * The IAM Identity Center portal (`portal.sso.<region>.amazonaws.com`) as far as the SDK's SSO
 * credential provider uses it: `GET /federation/credentials?account_id=&role_name=` with the
 * cached access token in `x-amz-sso_bearer_token`, answered in restJson1. Point the SDK at it
 * with `AWS_ENDPOINT_URL_SSO` (the SDK reads service-specific endpoint variables).
 */
export interface SsoGrant {
  /** The access token `aws sso login` would have cached. */
  accessToken: string;
  accountId: string;
  roleNames: string[];
}

export interface SsoEmulatorOptions {
  port?: number;
  grants?: SsoGrant[];
  /** Lifetime of issued role credentials (default 3600). */
  durationSeconds?: number;
  credentialStore?: CredentialStore;
}

export interface SsoEmulator {
  url: string;
  port: number;
  requests: RequestLogEntry[];
  faults: FaultQueue;
  server: DualServer;
  issued: Required<EmulatedCredential>[];
  /** Make a token answer 401 from now on (session signed out / revoked). */
  revoke(accessToken: string): void;
  close(): Promise<void>;
  reset(): void;
}

type Req = http.IncomingMessage | http2.Http2ServerRequest;
type Res = http.ServerResponse | http2.Http2ServerResponse;

const NAMESPACE = 'http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/';

export async function startSsoEmulator(options: SsoEmulatorOptions = {}): Promise<SsoEmulator> {
  const grants = new Map((options.grants ?? []).map((g) => [g.accessToken, g]));
  const requests: RequestLogEntry[] = [];
  const faults = new FaultQueue();
  const issued: Required<EmulatedCredential>[] = [];
  const lifetimeMs = (options.durationSeconds ?? 3600) * 1000;

  const reply = (res: Res, entry: RequestLogEntry, status: number, body: unknown, errorType?: string): void => {
    entry.status = status;
    const text = JSON.stringify(body);
    (res as http.ServerResponse).writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      'x-amzn-requestid': randomUUID(),
      ...(errorType ? { 'x-amzn-errortype': `${errorType}:${NAMESPACE}` } : {}),
    });
    res.end(text);
  };

  const handle = async (req: Req, res: Res): Promise<void> => {
    await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = req.headers['x-amz-sso_bearer_token'];
    const entry: RequestLogEntry = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      httpVersion: req.httpVersion,
      headers: { ...req.headers, 'x-amz-sso_bearer_token': token ? '[token]' : undefined },
      body: Object.fromEntries(url.searchParams),
    };
    requests.push(entry);
    const fault = faults.take(entry);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'error') return reply(res, entry, fault.status, { message: fault.message ?? fault.errorType }, fault.errorType);
    if (fault?.kind === 'drop-connection') {
      if ('stream' in res && res.stream) res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      else (res as http.ServerResponse).socket?.destroy();
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/federation/credentials') return reply(res, entry, 404, { message: 'Unknown operation' }, 'UnknownOperationException');
    const accountId = url.searchParams.get('account_id');
    const roleName = url.searchParams.get('role_name');
    if (!accountId || !roleName) return reply(res, entry, 400, { message: 'account_id and role_name are required' }, 'InvalidRequestException');
    const grant = typeof token === 'string' ? grants.get(token) : undefined;
    if (!grant) return reply(res, entry, 401, { message: 'Session token not found or invalid' }, 'UnauthorizedException');
    entry.auth = 'sso-token';
    if (grant.accountId !== accountId || !grant.roleNames.includes(roleName)) return reply(res, entry, 403, { message: 'No access' }, 'ForbiddenException');
    const cred = newTemporaryCredential(lifetimeMs);
    issued.push(cred);
    options.credentialStore?.add({ ...cred });
    return reply(res, entry, 200, {
      roleCredentials: { accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey, sessionToken: cred.sessionToken, expiration: cred.expiration.getTime() },
    });
  };

  const server = await startDualServer((req, res) => {
    handle(req, res).catch(() => res.end());
  }, options.port ?? 0);

  return {
    url: server.url,
    port: server.port,
    requests,
    faults,
    server,
    issued,
    revoke: (t) => void grants.delete(t),
    close: () => server.close(),
    reset: () => {
      requests.length = 0;
      faults.clear();
    },
  };
}
