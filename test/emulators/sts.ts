import type * as http from 'node:http';
import * as http2 from 'node:http2';
import { randomUUID } from 'node:crypto';
import { readBody, startDualServer } from './dualServer';
import type { DualServer } from './dualServer';
import { FaultQueue } from './faults';
import type { RequestLogEntry } from './faults';
import { verifySigV4 } from './sigv4';
import type { SigV4ErrorType } from './sigv4';
import { newTemporaryCredential, stsTimestamp } from './stsCredentials';
import type { CredentialStore, EmulatedCredential } from './stsCredentials';

/**
 * An AWS STS emulator on 127.0.0.1 speaking the Query protocol as the SDK does: form-encoded
 * POST `Action=AssumeRole|GetCallerIdentity&Version=2011-06-15`, SigV4 with service `sts`
 * really verified, XML answers and `<ErrorResponse>` errors as STS writes them. AssumeRole
 * checks the role is known and the external ID matches, then issues temporary credentials that
 * it (and, through `credentialStore`, a Bedrock emulator) accepts.
 */
export interface StsUser extends EmulatedCredential {
  /** e.g. `arn:aws:iam::111122223333:user/alice`. */
  arn: string;
}

export interface StsRole {
  arn: string;
  /** When set, AssumeRole must carry exactly this ExternalId. */
  externalId?: string;
  /** Caller ARNs allowed by the trust policy (default: every known caller). */
  trustedCallers?: string[];
}

export interface IssuedCredential extends Required<EmulatedCredential> {
  roleArn: string;
  sessionName: string;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  assumedRoleArn: string;
  /** ARN of the caller who assumed the role. */
  sourceArn: string;
}

export interface StsEmulatorOptions {
  port?: number;
  users?: StsUser[];
  roles?: StsRole[];
  /** Lifetime of issued credentials when the request has no DurationSeconds (default 3600). */
  durationSeconds?: number;
  /** Every issued credential is added here too (e.g. a Bedrock emulator's credential list). */
  credentialStore?: CredentialStore;
  onIssue?: (credential: IssuedCredential) => void;
}

export interface StsEmulator {
  url: string;
  port: number;
  requests: RequestLogEntry[];
  faults: FaultQueue;
  server: DualServer;
  /** Credentials issued by AssumeRole, oldest first. */
  issued: IssuedCredential[];
  addUser(user: StsUser): void;
  addRole(role: StsRole): void;
  /** Make a known credential answer ExpiredToken from now on. */
  expire(accessKeyId: string): void;
  close(): Promise<void>;
  reset(): void;
}

export const DEFAULT_STS_USER: StsUser = {
  accessKeyId: 'AKIASTSEMULATORUSER1',
  secretAccessKey: 'sts-emulator-user-secret-0000000000000000',
  arn: 'arn:aws:iam::111122223333:user/alice',
};

type Req = http.IncomingMessage | http2.Http2ServerRequest;
type Res = http.ServerResponse | http2.Http2ServerResponse;

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function send(res: Res, status: number, body: string, requestId: string): void {
  (res as http.ServerResponse).writeHead(status, {
    'content-type': 'text/xml',
    'content-length': String(Buffer.byteLength(body)),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}

function errorXml(code: string, message: string, requestId: string, type: 'Sender' | 'Receiver' = 'Sender'): string {
  return (
    `<ErrorResponse xmlns="${XMLNS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(code)}</Code>\n` +
    `    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
  );
}

// How STS names the failures `verifySigV4` reports (STS uses its own codes, not Bedrock's).
const SIGV4_TO_STS: Record<SigV4ErrorType, { code: string; status: number; message?: string }> = {
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
  ExpiredTokenException: { code: 'ExpiredToken', status: 400 },
  MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' },
};

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '000000000000';
}

function roleName(roleArn: string): string {
  return roleArn.slice(roleArn.indexOf(':role/') + ':role/'.length).split('/').pop() ?? 'role';
}

function destroyConnection(res: Res): void {
  if ('stream' in res && res.stream) res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  else (res as http.ServerResponse).socket?.destroy();
}

export async function startStsEmulator(options: StsEmulatorOptions = {}): Promise<StsEmulator> {
  const callers = new Map<string, StsUser & { expired?: boolean }>();
  const roles = new Map<string, StsRole>();
  for (const u of options.users ?? [DEFAULT_STS_USER]) callers.set(u.accessKeyId, { ...u });
  for (const r of options.roles ?? []) roles.set(r.arn, r);
  const requests: RequestLogEntry[] = [];
  const faults = new FaultQueue();
  const issued: IssuedCredential[] = [];
  const defaultDuration = options.durationSeconds ?? 3600;

  const handle = async (req: Req, res: Res): Promise<void> => {
    const requestId = randomUUID();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? '' : rawUrl.slice(q + 1);
    const body = await readBody(req);
    // Query protocol: parameters in the form body (POST) or the query string (GET).
    const params = new URLSearchParams(req.method === 'POST' ? body.toString('utf8') : query);
    const entry: RequestLogEntry = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path,
      httpVersion: req.httpVersion,
      headers: { ...req.headers },
      body: Object.fromEntries(params),
    };
    requests.push(entry);
    const finish = (status: number, xml: string): void => {
      entry.status = status;
      send(res, status, xml, requestId);
    };

    const fault = faults.take(entry);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'drop-connection') return destroyConnection(res);
    if (fault?.kind === 'slow-first-byte') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.kind === 'error') {
      return finish(fault.status, errorXml(fault.errorType, fault.message ?? 'Injected fault', requestId, fault.status >= 500 ? 'Receiver' : 'Sender'));
    }

    if (path !== '/') return finish(404, errorXml('UnknownOperationException', 'Unknown operation', requestId));
    if (req.method === 'POST') {
      const ct = String(req.headers['content-type'] ?? '');
      if (!ct.startsWith('application/x-www-form-urlencoded')) {
        return finish(400, errorXml('InvalidAction', 'Could not find operation for the request content type', requestId));
      }
    }

    const auth = verifySigV4(
      { method: req.method ?? 'GET', path, query, headers: req.headers, body },
      (akid) => {
        const c = callers.get(akid);
        if (!c) return undefined;
        const expired = c.expired || (c.expiration !== undefined && c.expiration.getTime() <= Date.now());
        return { secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}), expired };
      },
      'sts',
    );
    if (!auth.ok) {
      const mapped = SIGV4_TO_STS[auth.errorType];
      return finish(mapped.status, errorXml(mapped.code, mapped.message ?? auth.message, requestId));
    }
    entry.auth = `sigv4:${auth.accessKeyId}`;
    const caller = callers.get(auth.accessKeyId)!;

    if (params.get('Version') !== '2011-06-15') {
      return finish(400, errorXml('InvalidParameterValue', `Version "${params.get('Version') ?? ''}" is not supported`, requestId));
    }
    const action = params.get('Action');
    if (action === 'GetCallerIdentity') {
      const userId = caller.arn.includes(':assumed-role/') ? `AROA${caller.accessKeyId.slice(4, 20)}:${caller.arn.split('/').pop()}` : caller.accessKeyId;
      return finish(
        200,
        `<GetCallerIdentityResponse xmlns="${XMLNS}">\n  <GetCallerIdentityResult>\n    <Arn>${xmlEscape(caller.arn)}</Arn>\n` +
          `    <UserId>${xmlEscape(userId)}</UserId>\n    <Account>${accountOf(caller.arn)}</Account>\n  </GetCallerIdentityResult>\n` +
          `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`,
      );
    }
    if (action === 'AssumeRole') {
      const roleArn = params.get('RoleArn');
      const sessionName = params.get('RoleSessionName');
      const missing = [!roleArn && 'roleArn', !sessionName && 'roleSessionName'].filter(Boolean) as string[];
      if (missing.length) {
        return finish(
          400,
          errorXml(
            'ValidationError',
            `${missing.length} validation error${missing.length > 1 ? 's' : ''} detected: ` +
              missing.map((m) => `Value null at '${m}' failed to satisfy constraint: Member must not be null`).join('; '),
            requestId,
          ),
        );
      }
      const durationParam = params.get('DurationSeconds');
      const duration = durationParam === null ? defaultDuration : Number(durationParam);
      if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
        return finish(400, errorXml('ValidationError', `1 validation error detected: Value '${durationParam ?? ''}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`, requestId));
      }
      const role = roles.get(roleArn!);
      const externalOk = role && (role.externalId === undefined || role.externalId === params.get('ExternalId'));
      const trusted = role && (!role.trustedCallers || role.trustedCallers.includes(caller.arn));
      if (!role || !externalOk || !trusted) {
        return finish(403, errorXml('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, requestId));
      }
      const cred = newTemporaryCredential(duration * 1000);
      const assumedRoleArn = `arn:aws:sts::${accountOf(role.arn)}:assumed-role/${roleName(role.arn)}/${sessionName}`;
      const issue: IssuedCredential = { ...cred, roleArn: role.arn, sessionName: sessionName!, assumedRoleArn, sourceArn: caller.arn };
      issued.push(issue);
      callers.set(cred.accessKeyId, { ...cred, arn: assumedRoleArn });
      options.credentialStore?.add({ ...cred });
      options.onIssue?.(issue);
      return finish(
        200,
        `<AssumeRoleResponse xmlns="${XMLNS}">\n  <AssumeRoleResult>\n    <AssumedRoleUser>\n      <AssumedRoleId>AROA${cred.accessKeyId.slice(4)}:${xmlEscape(sessionName!)}</AssumedRoleId>\n` +
          `      <Arn>${xmlEscape(assumedRoleArn)}</Arn>\n    </AssumedRoleUser>\n    <Credentials>\n      <AccessKeyId>${cred.accessKeyId}</AccessKeyId>\n` +
          `      <SecretAccessKey>${xmlEscape(cred.secretAccessKey)}</SecretAccessKey>\n      <SessionToken>${xmlEscape(cred.sessionToken)}</SessionToken>\n` +
          `      <Expiration>${stsTimestamp(cred.expiration)}</Expiration>\n    </Credentials>\n  </AssumeRoleResult>\n` +
          `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</AssumeRoleResponse>\n`,
      );
    }
    return finish(400, errorXml('InvalidAction', `Could not find operation ${action ?? ''} for version 2011-06-15`, requestId));
  };

  const server = await startDualServer((req, res) => {
    handle(req, res).catch(() => destroyConnection(res));
  }, options.port ?? 0);

  return {
    url: server.url,
    port: server.port,
    requests,
    faults,
    server,
    issued,
    addUser: (u) => void callers.set(u.accessKeyId, { ...u }),
    addRole: (r) => void roles.set(r.arn, r),
    expire: (akid) => {
      const c = callers.get(akid);
      if (c) c.expired = true;
    },
    close: () => server.close(),
    reset: () => {
      requests.length = 0;
      faults.clear();
    },
  };
}
