import { randomBytes } from 'node:crypto';

/** A credential an emulator accepts (the shape `verifySigV4`'s lookup returns, plus the key id). */
export interface EmulatedCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** After this instant the credential answers ExpiredToken. */
  expiration?: Date;
}

/**
 * Where the STS / SSO emulators put the temporary credentials they issue, so another emulator
 * (Bedrock) accepts them. `startBedrockEmulator`'s credential list or any object with `add`
 * fits; `credentialStoreFor(array)` adapts a plain array.
 */
export interface CredentialStore {
  add(credential: EmulatedCredential): void;
}

export function credentialStoreFor(list: EmulatedCredential[]): CredentialStore {
  return { add: (c) => void list.push(c) };
}

const ALNUM_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomUpper(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALNUM_UPPER[b % ALNUM_UPPER.length];
  return out;
}

/** Temporary credentials shaped like STS's: `ASIA` + 16 chars, 40-char secret, long session token. */
export function newTemporaryCredential(lifetimeMs: number, now = Date.now()): Required<EmulatedCredential> {
  return {
    accessKeyId: `ASIA${randomUpper(16)}`,
    secretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
    sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(96).toString('base64')}`,
    // STS expirations have whole seconds.
    expiration: new Date(Math.floor((now + lifetimeMs) / 1000) * 1000),
  };
}

/** ISO-8601 without milliseconds, as STS writes `<Expiration>`. */
export function stsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
