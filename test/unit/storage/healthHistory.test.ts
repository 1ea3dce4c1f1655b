import * as assert from 'node:assert/strict';
import { HealthMonitor } from '../../../src/core/routing/healthMonitor';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { useStoreHome } from './storeTestKit';
import type { StoreHome } from './storeTestKit';

const HOUR = 3_600_000;

describe('SQLite health history', () => {
  let home: StoreHome;
  let now: number;
  useStoreHome((h) => (home = h));
  beforeEach(() => (now = 1_800_000_000_000));

  it('summarizes the last 24 h: p50 / p95 of successful samples, error rate, errors by type, outages and failovers', async () => {
    const s = openLocalStore(home.dir, { health: { now: () => now } });
    const h = s.healthHistory;
    await h.record('anthropic', { at: now - 30 * HOUR, source: 'check', ok: false, latencyMs: 1, errorType: 'network' }); // older than 24 h
    for (let i = 1; i <= 20; i++) await h.record('anthropic', { at: now - 20 * HOUR + i * 1000, source: 'request', ok: true, latencyMs: i * 100 });
    // An outage: three failures in a row, then a success ends it.
    for (let i = 0; i < 3; i++) await h.record('anthropic', { at: now - 10 * HOUR + i * 1000, source: 'check', ok: false, latencyMs: 5, errorType: 'overloaded' });
    await h.record('anthropic', { at: now - 9 * HOUR, source: 'check', ok: true, latencyMs: 300 });
    // A single failure later is an error, not an outage.
    await h.record('anthropic', { at: now - HOUR, source: 'request', ok: false, latencyMs: 5, errorType: 'rate_limit' });
    await h.recordFailover({ at: now - 10 * HOUR + 500, from: 'anthropic', to: 'bedrock', reason: 'overloaded' });
    await h.record('bedrock', { at: now - HOUR, source: 'check', ok: true, latencyMs: 50 });
    const day = await h.last24h('anthropic');
    assert.equal(day.samples, 25);
    assert.equal(day.errorRate, 4 / 25);
    assert.equal(day.p50Ms, 1000, 'nearest rank over 21 successful samples');
    assert.equal(day.p95Ms, 1900);
    assert.deepEqual(day.errorsByType, { overloaded: 3, rate_limit: 1 });
    assert.deepEqual(day.outages, [{ start: now - 10 * HOUR, end: now - 9 * HOUR, failures: 3 }]);
    assert.deepEqual([day.failoversFrom, day.failoversTo], [1, 0]);
    assert.deepEqual([(await h.last24h('bedrock')).failoversTo, (await h.last7d('anthropic')).samples], [1, 26]);
    assert.deepEqual(await h.failovers(now - 24 * HOUR), [{ at: now - 10 * HOUR + 500, from: 'anthropic', to: 'bedrock', reason: 'overloaded' }]);
    s.close();
  });

  it('an outage still going on has no end', async () => {
    const s = openLocalStore(home.dir, { health: { now: () => now } });
    for (let i = 0; i < 4; i++) await s.healthHistory.record('bedrock', { at: now - 1000 * (4 - i), source: 'check', ok: false, latencyMs: 1, errorType: 'network' });
    assert.deepEqual((await s.healthHistory.last24h('bedrock')).outages, [{ start: now - 4000, failures: 4 }]);
    s.close();
  });

  it('hands the newest samples to a new HealthMonitor in its restore format (another window, after a reload)', async () => {
    const s = openLocalStore(home.dir, { health: { now: () => now } });
    for (let i = 0; i < 5; i++) await s.healthHistory.record('anthropic', { at: now - 5000 + i * 1000, source: 'check', ok: i !== 4, latencyMs: 100 + i, ...(i === 4 ? { errorType: 'overloaded', message: 'Overloaded' } : {}) });
    const other = openLocalStore(home.dir, { health: { now: () => now } });
    const monitor = new HealthMonitor({ providers: ['anthropic', 'bedrock'], now: () => now });
    monitor.restore(await other.healthHistory.recent(3));
    const snap = monitor.snapshot('anthropic');
    assert.equal(snap.samples, 3);
    assert.equal(snap.lastError?.type, 'overloaded');
    assert.equal(snap.status, 'degraded');
    s.close();
    other.close();
  });

  it('is bounded: samples beyond the retention or the per-provider bound are pruned', async () => {
    const s = openLocalStore(home.dir, { health: { now: () => now, retentionDays: 7, maxSamplesPerProvider: 100 } });
    await s.healthHistory.record('anthropic', { at: now - 8 * 24 * HOUR, source: 'check', ok: true, latencyMs: 1 });
    for (let i = 0; i < 150; i++) await s.healthHistory.record('anthropic', { at: now - 150_000 + i * 1000, source: 'check', ok: true, latencyMs: i });
    assert.equal(s.healthHistory.prune(now), 51);
    const kept = await s.healthHistory.recent(1000);
    assert.equal(kept.samples.anthropic?.length, 100);
    assert.equal(kept.samples.anthropic?.[0]?.latencyMs, 50, 'the oldest went first');
    s.close();
  });

  it('imports a history kept in the monitor\'s format once (the extension\'s old global state), skipping malformed samples', async () => {
    const monitor = new HealthMonitor({ providers: ['anthropic', 'bedrock'], now: () => now });
    monitor.recordCheck({ provider: 'bedrock', ok: true, latencyMs: 80, checkedAt: now - 2000 } as Parameters<HealthMonitor['recordCheck']>[0]);
    monitor.recordRequest('anthropic', { ok: false, latencyMs: 5, errorType: 'overloaded', message: 'Overloaded' });
    const saved = monitor.serialize() as { version: 1; samples: Record<string, unknown[]> };
    saved.samples.anthropic!.push({ at: 'yesterday', ok: true });
    const s = openLocalStore(home.dir, { health: { now: () => now } });
    assert.equal(await s.healthHistory.importOnce(saved), 2);
    assert.equal(await openLocalStore(home.dir).healthHistory.importOnce(saved), 0, 'a second window imports nothing');
    const back = await s.healthHistory.recent();
    assert.deepEqual(back.samples.anthropic?.map((x) => [x.ok, x.errorType]), [[false, 'overloaded']]);
    assert.equal(back.samples.bedrock?.[0]?.latencyMs, 80);
    assert.equal(await s.healthHistory.importOnce(undefined), 0);
    s.close();
  });
});
