import * as assert from 'node:assert/strict';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { memoizeCredentials } from '../../../src/core/auth/memoizeCredentials';

/** A provider that hands out numbered credentials valid for `ttlMs` on a fake clock. */
function counting(clock: { now: number }, ttlMs: number | undefined, failOn: Set<number> = new Set()): { calls: () => number; provider: () => Promise<AwsCredentialIdentity> } {
  let calls = 0;
  return {
    calls: () => calls,
    provider: async () => {
      calls += 1;
      if (failOn.has(calls)) throw new Error(`resolution ${calls} failed`);
      return { accessKeyId: `AKID${calls}`, secretAccessKey: 's', ...(ttlMs === undefined ? {} : { expiration: new Date(clock.now + ttlMs) }) };
    },
  };
}

describe('memoizeCredentials', () => {
  it('resolves again only once the credentials enter the refresh window', async () => {
    const clock = { now: 1_000_000 };
    const src = counting(clock, 60 * 60_000);
    const creds = memoizeCredentials(src.provider, { refreshWindowMs: 5 * 60_000, now: () => clock.now });
    assert.equal((await creds()).accessKeyId, 'AKID1');
    clock.now += 54 * 60_000; // 6 minutes left: still fresh
    assert.equal((await creds()).accessKeyId, 'AKID1');
    clock.now += 2 * 60_000; // 4 minutes left: refresh
    assert.equal((await creds()).accessKeyId, 'AKID2');
    assert.equal(src.calls(), 2);
  });

  it('resolves again after expiry', async () => {
    const clock = { now: 0 };
    const src = counting(clock, 10_000);
    const creds = memoizeCredentials(src.provider, { refreshWindowMs: 0, now: () => clock.now });
    await creds();
    clock.now = 10_001;
    assert.equal((await creds()).accessKeyId, 'AKID2');
  });

  it('shares one in-flight resolution between concurrent callers', async () => {
    const clock = { now: 0 };
    const src = counting(clock, undefined);
    const creds = memoizeCredentials(src.provider, { now: () => clock.now });
    const all = await Promise.all([creds(), creds(), creds()]);
    assert.deepEqual(all.map((c) => c.accessKeyId), ['AKID1', 'AKID1', 'AKID1']);
    assert.equal(src.calls(), 1);
  });

  it('keeps unexpired credentials when an early refresh fails, and fails once they have expired', async () => {
    const clock = { now: 0 };
    const src = counting(clock, 10 * 60_000, new Set([2, 3]));
    const creds = memoizeCredentials(src.provider, { refreshWindowMs: 5 * 60_000, now: () => clock.now });
    await creds();
    clock.now = 6 * 60_000;
    assert.equal((await creds()).accessKeyId, 'AKID1');
    clock.now = 11 * 60_000;
    await assert.rejects(creds(), /resolution 3 failed/);
    assert.equal((await creds()).accessKeyId, 'AKID4');
  });
});
