import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4, getCanonicalHeaders } from '@smithy/signature-v4';
import type { HeaderBag, HttpRequest } from '@smithy/types';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Real SigV4 verification for the emulators: we re-sign what arrived (method, raw path, query,
 * the headers the client listed as signed, body) with the secret we know and compare. An
 * emulator that accepted any signature could not catch a wrong secret or a wrong region.
 *
 * Path encoding: the SDK puts the model ID URL-encoded into the path (`…v1%3A0`) and then,
 * signing a non-S3 service, escapes every segment once more (`…v1%253A0`) for the canonical
 * request. `SignatureV4` with `uriEscapePath: true` (its default) does exactly that to the raw
 * path, so we hand it the path as it came off the wire, still encoded.
 *
 * The canonical request comes from @smithy/signature-v4 itself (the part worth not
 * re-implementing); the HMAC chain uses node:crypto so the check stays synchronous, as agreed
 * with the STS emulator.
 */
export interface SigV4Request {
  method: string;
  /** Raw path as sent, still URL-encoded. */
  path: string;
  /** Raw query string without `?`. */
  query?: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface KnownSecret {
  secretAccessKey: string;
  sessionToken?: string;
  expired?: boolean;
}

export type SigV4ErrorType = 'UnrecognizedClientException' | 'InvalidSignatureException' | 'ExpiredTokenException' | 'MissingAuthenticationTokenException';

export type SigV4Result =
  | { ok: true; accessKeyId: string; region: string }
  | { ok: false; errorType: SigV4ErrorType; message: string };

export interface VerifyOptions {
  /** Clock for the x-amz-date skew check (tests). */
  now?: Date;
  /** Allowed clock skew; AWS allows 15 minutes. */
  maxSkewMs?: number;
}

const AUTH_RE = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;

const MESSAGES = {
  missing: 'Missing Authentication Token',
  unknownKey: 'The security token included in the request is invalid.',
  badSignature:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  expired: 'The security token included in the request is expired',
} as const;

function header(headers: SigV4Request['headers'], name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  if (Array.isArray(v)) return v.join(',');
  return v;
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function parseQuery(raw: string | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const v = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function fail(errorType: SigV4ErrorType, message: string): SigV4Result {
  return { ok: false, errorType, message };
}

/** Exposes the library's (protected) canonical-request builder. */
class CanonicalRequestBuilder extends SignatureV4 {
  constructor(service: string, region: string) {
    super({ service, region, credentials: { accessKeyId: '', secretAccessKey: '' }, sha256: Sha256, uriEscapePath: true, applyChecksum: false });
  }

  build(request: HttpRequest, signedNames: Set<string>, payloadHash: string): string {
    const canonicalHeaders: HeaderBag = getCanonicalHeaders(request, undefined, signedNames);
    return this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  }
}

export function verifySigV4(
  request: SigV4Request,
  lookupSecret: (accessKeyId: string) => KnownSecret | undefined,
  expectedService: string,
  options: VerifyOptions = {},
): SigV4Result {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return fail('MissingAuthenticationTokenException', MESSAGES.missing);
  const m = AUTH_RE.exec(authorization);
  if (!m) {
    return fail('InvalidSignatureException', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters in the AWS4-HMAC-SHA256 format.`);
  }
  const [, accessKeyId, shortDate, region, service, signedHeaderList, signature] = m as unknown as [string, string, string, string, string, string, string];

  const known = lookupSecret(accessKeyId);
  if (!known) return fail('UnrecognizedClientException', MESSAGES.unknownKey);
  if (service !== expectedService) {
    return fail('InvalidSignatureException', `Credential should be scoped to correct service: '${expectedService}'. `);
  }

  const amzDate = header(request.headers, 'x-amz-date');
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!amzDate || !signingDate) return fail('InvalidSignatureException', `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`);
  if (amzDate.slice(0, 8) !== shortDate) {
    return fail('InvalidSignatureException', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }
  const now = options.now ?? new Date();
  const skew = options.maxSkewMs ?? 15 * 60_000;
  if (Math.abs(now.getTime() - signingDate.getTime()) > skew) {
    const nowStr = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    return fail('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${nowStr} (${nowStr} - 15 min.)`);
  }

  const signedNames = signedHeaderList.split(';');
  // Over HTTP/2 the SDK signs the `:authority` pseudo-header instead of `host`.
  if (!signedNames.includes('host') && !signedNames.includes(':authority')) return fail('InvalidSignatureException', MESSAGES.badSignature);

  // Temporary credentials: the token must be present, signed and the one we issued.
  const token = header(request.headers, 'x-amz-security-token');
  if (known.sessionToken !== undefined) {
    if (token !== known.sessionToken) return fail('UnrecognizedClientException', MESSAGES.unknownKey);
    if (!signedNames.includes('x-amz-security-token')) return fail('InvalidSignatureException', MESSAGES.badSignature);
  } else if (token !== undefined) {
    return fail('UnrecognizedClientException', MESSAGES.unknownKey);
  }

  // Rebuild the request from exactly the headers the client signed.
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = header(request.headers, name) ?? (name === 'host' ? header(request.headers, ':authority') : undefined);
    if (value === undefined) return fail('InvalidSignatureException', MESSAGES.badSignature);
    headers[name] = value;
  }
  // A signed payload hash must match the body, or the body could be swapped under the signature.
  const declaredHash = headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== createHash('sha256').update(request.body).digest('hex')) {
    return fail('InvalidSignatureException', MESSAGES.badSignature);
  }

  const canonicalRequest = new CanonicalRequestBuilder(service, region).build(
    {
      method: request.method.toUpperCase(),
      protocol: 'http:',
      hostname: headers.host ?? headers[':authority'] ?? '',
      path: request.path,
      query: parseQuery(request.query),
      headers,
      body: request.body,
    },
    new Set(signedNames),
    declaredHash ?? createHash('sha256').update(request.body).digest('hex'),
  );
  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${known.secretAccessKey}`).update(shortDate).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return fail('InvalidSignatureException', MESSAGES.badSignature);
  }
  if (known.expired) return fail('ExpiredTokenException', MESSAGES.expired);
  return { ok: true, accessKeyId, region };
}
