import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import * as assert from 'node:assert/strict';
import type { KnownSecret, SigV4Request } from '../../emulators/sigv4';
import { verifySigV4 } from '../../emulators/sigv4';

const KEY = { accessKeyId: 'AKIASIGV4TESTKEY0001', secretAccessKey: 'sigv4/test/secret/0001' };
const TEMP = { accessKeyId: 'ASIASIGV4TESTKEY0002', secretAccessKey: 'sigv4/test/secret/0002', sessionToken: 'session-token-0002' };
const NOW = new Date('2026-11-20T10:00:00Z');

function lookup(extra: Record<string, KnownSecret> = {}): (id: string) => KnownSecret | undefined {
  const table: Record<string, KnownSecret> = {
    [KEY.accessKeyId]: { secretAccessKey: KEY.secretAccessKey },
    [TEMP.accessKeyId]: { secretAccessKey: TEMP.secretAccessKey, sessionToken: TEMP.sessionToken },
    ...extra,
  };
  return (id) => table[id];
}

/** Sign like the SDK does: the path holds the URL-encoded model ID, the signer escapes it again. */
async function signed(options: { credentials?: typeof KEY & { sessionToken?: string }; region?: string; service?: string; body?: string; path?: string; date?: Date } = {}): Promise<SigV4Request> {
  const body = options.body ?? '{"messages":[{"role":"user","content":[{"text":"hi"}]}]}';
  const signer = new SignatureV4({ credentials: options.credentials ?? KEY, region: options.region ?? 'us-east-1', service: options.service ?? 'bedrock', sha256: Sha256 });
  const path = options.path ?? '/model/anthropic.claude-haiku-4-5-20251001-v1%3A0/converse';
  const req = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4000, path, query: {}, headers: { host: '127.0.0.1:4000', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body },
    { signingDate: options.date ?? NOW },
  );
  return { method: 'POST', path, headers: req.headers, body: Buffer.from(body) };
}

describe('SigV4 verifier (emulators)', () => {
  it('accepts a correct signature over a path with an encoded model ID (double-encoded canonical path)', async () => {
    const result = verifySigV4(await signed(), lookup(), 'bedrock', { now: NOW });
    assert.deepEqual(result, { ok: true, accessKeyId: KEY.accessKeyId, region: 'us-east-1' });
  });

  it('reports the region the client signed for', async () => {
    const result = verifySigV4(await signed({ region: 'eu-west-1' }), lookup(), 'bedrock', { now: NOW });
    assert.deepEqual(result, { ok: true, accessKeyId: KEY.accessKeyId, region: 'eu-west-1' });
  });

  it('rejects a wrong secret with InvalidSignatureException', async () => {
    const req = await signed({ credentials: { ...KEY, secretAccessKey: 'not-the-secret' } });
    const result = verifySigV4(req, lookup(), 'bedrock', { now: NOW });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.errorType, 'InvalidSignatureException');
  });

  it('rejects a region swapped in the credential scope after signing', async () => {
    const req = await signed({ region: 'us-east-1' });
    req.headers.authorization = String(req.headers.authorization).replace('/us-east-1/', '/eu-west-1/');
    const result = verifySigV4(req, lookup(), 'bedrock', { now: NOW });
    assert.equal(!result.ok && result.errorType, 'InvalidSignatureException');
  });

  it('rejects a tampered body', async () => {
    const req = await signed();
    req.body = Buffer.from('{"messages":[{"role":"user","content":[{"text":"HI"}]}]}');
    const result = verifySigV4(req, lookup(), 'bedrock', { now: NOW });
    assert.equal(!result.ok && result.errorType, 'InvalidSignatureException');
  });

  it('rejects a path that differs from the signed one', async () => {
    const req = await signed();
    req.path = '/model/anthropic.claude-haiku-4-5-20251001-v1%3A0/converse-stream';
    assert.equal(verifySigV4(req, lookup(), 'bedrock', { now: NOW }).ok, false);
  });

  it('rejects another service in the scope', async () => {
    const result = verifySigV4(await signed({ service: 'sts' }), lookup(), 'bedrock', { now: NOW });
    assert.equal(!result.ok && result.errorType, 'InvalidSignatureException');
    assert.match(!result.ok ? result.message : '', /correct service: 'bedrock'/);
  });

  it('rejects a request signed more than 15 minutes away from now', async () => {
    const result = verifySigV4(await signed({ date: new Date(NOW.getTime() - 16 * 60_000) }), lookup(), 'bedrock', { now: NOW });
    assert.equal(!result.ok && result.errorType, 'InvalidSignatureException');
    assert.match(!result.ok ? result.message : '', /Signature expired/);
  });

  it('rejects an unknown access key and a missing Authorization header', async () => {
    const req = await signed({ credentials: { accessKeyId: 'AKIAUNKNOWNKEY000001', secretAccessKey: 'x' } });
    const unknown = verifySigV4(req, lookup(), 'bedrock', { now: NOW });
    assert.equal(!unknown.ok && unknown.errorType, 'UnrecognizedClientException');
    delete req.headers.authorization;
    const missing = verifySigV4(req, lookup(), 'bedrock', { now: NOW });
    assert.equal(!missing.ok && missing.errorType, 'MissingAuthenticationTokenException');
  });

  it('requires the issued session token for temporary credentials', async () => {
    assert.equal(verifySigV4(await signed({ credentials: TEMP }), lookup(), 'bedrock', { now: NOW }).ok, true);
    const wrongToken = verifySigV4(await signed({ credentials: { ...TEMP, sessionToken: 'forged' } }), lookup(), 'bedrock', { now: NOW });
    assert.equal(!wrongToken.ok && wrongToken.errorType, 'UnrecognizedClientException');
    const noToken = verifySigV4(await signed({ credentials: { accessKeyId: TEMP.accessKeyId, secretAccessKey: TEMP.secretAccessKey } }), lookup(), 'bedrock', { now: NOW });
    assert.equal(!noToken.ok && noToken.errorType, 'UnrecognizedClientException');
  });

  it('answers ExpiredTokenException for expired credentials that are otherwise valid', async () => {
    const result = verifySigV4(await signed({ credentials: TEMP }), lookup({ [TEMP.accessKeyId]: { ...TEMP, expired: true } }), 'bedrock', { now: NOW });
    assert.deepEqual(result, { ok: false, errorType: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
  });
});
