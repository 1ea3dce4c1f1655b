import * as assert from 'node:assert/strict';
import { sampleColumns } from '../../../src/core/storage/healthHistory';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { openDatabase } from '../../../src/core/storage/sqlite';
import type { ProviderId } from '../../../src/core/types';
import { skipWithoutSqlite, tempHome } from './storeTestKit';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Nearest rank, as the live monitor computes it: the reference for the buckets. */
function rank(values: number[], q: number): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : undefined;
}

interface Sample { provider: ProviderId; at: number; ok: boolean; latencyMs: number; errorType?: string }

/** Eight days of samples every 2 minutes per provider, latency varying with the hour, errors now and then, one Bedrock outage. */
function week(now: number): Sample[] {
  const out: Sample[] = [];
  for (let at = now - 8 * DAY; at < now; at += 120_000) {
    for (const provider of ['anthropic', 'bedrock'] as const) {
      const hour = Math.floor(at / HOUR);
      const outage = provider === 'bedrock' && at >= now - 30 * HOUR && at < now - 29 * HOUR;
      const ok = !outage && (at / 120_000 + hour) % 23 !== 0;
      out.push({ provider, at, ok, latencyMs: (provider === 'anthropic' ? 400 : 650) + (hour % 7) * 40 + ((at / 120_000) % 5) * 10, ...(ok ? {} : { errorType: outage ? 'network' : 'overloaded' }) });
    }
  }
  return out;
}

describe('Health history timeline for the dashboard charts (SQLite)', () => {
  before(function () {
    skipWithoutSqlite(this);
  });
  let home: ReturnType<typeof tempHome>;
  const now = 1_800_000_000_000;
  beforeEach(() => (home = tempHome('sb-health-')));
  afterEach(() => home.cleanup());

  for (const [name, span, bucket] of [['24 hours in hourly buckets', DAY, HOUR], ['7 days in 6-hour buckets', 7 * DAY, 6 * HOUR]] as const) {
    it(`the last ${name}: p50 / p95, samples and errors per bucket match the samples recorded (11,520 of them)`, async () => {
      const store = openLocalStore(home.dir, { health: { now: () => now } });
      const samples = week(now);
      for (const s of samples) await store.healthHistory.record(s.provider, { at: s.at, source: 'check', ok: s.ok, latencyMs: s.latencyMs, ...(s.errorType ? { errorType: s.errorType } : {}) });
      const t = await store.healthHistory.timeline(now - span, bucket);
      assert.equal(t.providers.anthropic.buckets.length, span / bucket);
      for (const provider of ['anthropic', 'bedrock'] as const) {
        t.providers[provider].buckets.forEach((b, i) => {
          const inside = samples.filter((s) => s.provider === provider && s.at >= now - span + i * bucket && s.at < now - span + (i + 1) * bucket);
          const ok = inside.filter((s) => s.ok).map((s) => s.latencyMs);
          assert.deepEqual([b.start, b.samples, b.errors, b.p50Ms, b.p95Ms], [now - span + i * bucket, inside.length, inside.length - ok.length, rank(ok, 0.5), rank(ok, 0.95)], `${provider} bucket ${i}`);
        });
        const all = samples.filter((s) => s.provider === provider && s.at >= now - span);
        assert.equal(t.providers[provider].samples, all.length, 'nothing from before the window');
      }
      store.close();
    });
  }

  it('lists outages and failovers inside the window only', async () => {
    const store = openLocalStore(home.dir, { health: { now: () => now } });
    for (const s of week(now)) await store.healthHistory.record(s.provider, { at: s.at, source: 'check', ok: s.ok, latencyMs: s.latencyMs, ...(s.errorType ? { errorType: s.errorType } : {}) });
    await store.healthHistory.recordFailover({ at: now - 30 * HOUR + 60_000, from: 'bedrock', to: 'anthropic', reason: 'network' });
    await store.healthHistory.recordFailover({ at: now - 2 * HOUR, from: 'anthropic', to: 'bedrock', reason: 'overloaded' });
    await store.healthHistory.recordFailover({ at: now - 9 * DAY, from: 'anthropic', to: 'bedrock', reason: 'old' });
    const day = await store.healthHistory.timeline(now - DAY, HOUR);
    const weekView = await store.healthHistory.timeline(now - 7 * DAY, 6 * HOUR);
    assert.deepEqual(day.failovers.map((f) => f.reason), ['overloaded']);
    assert.deepEqual(weekView.failovers.map((f) => f.reason), ['network', 'overloaded']);
    assert.deepEqual(day.providers.bedrock.outages, [], 'the outage was 30 hours ago');
    assert.deepEqual(weekView.providers.bedrock.outages.map((o) => [o.start, o.end, o.failures]), [[now - 30 * HOUR, now - 29 * HOUR, 30]]);
    store.close();
  });

  it('an outage still going on has no end; one that began before the window starts at its first failure inside it; the timeline agrees with summary()', async () => {
    const store = openLocalStore(home.dir, { health: { now: () => now } });
    const sample = (provider: ProviderId, at: number, ok: boolean): Promise<void> => store.healthHistory.record(provider, { at, source: 'request', ok, latencyMs: 500, ...(ok ? {} : { errorType: 'network' }) });
    // Bedrock: failing from 26 hours ago to 20 hours ago (across the 24-hour edge), then fine, then failing again for the last 5 minutes.
    for (let at = now - 26 * HOUR; at < now - 20 * HOUR; at += 10 * 60_000) await sample('bedrock', at, false);
    await sample('bedrock', now - 20 * HOUR, true);
    for (let at = now - 5 * 60_000; at < now; at += 60_000) await sample('bedrock', at, false);
    const day = await store.healthHistory.timeline(now - DAY, HOUR);
    const firstInside = now - 26 * HOUR + Math.ceil((2 * HOUR) / (10 * 60_000)) * 10 * 60_000;
    assert.deepEqual(day.providers.bedrock.outages, [{ start: firstInside, failures: 24, end: now - 20 * HOUR }, { start: now - 5 * 60_000, failures: 5 }]);
    assert.deepEqual(day.providers.bedrock.outages, (await store.healthHistory.summary('bedrock', now - DAY)).outages);
    assert.deepEqual(day.providers.anthropic.outages, []);
    store.close();
  });

  it('reads the samples as arrays where node:sqlite can, and as objects where it cannot (Node 22 before 22.16), alike', async () => {
    const store = openLocalStore(home.dir, { health: { now: () => now } });
    for (const s of week(now).slice(0, 500)) await store.healthHistory.record(s.provider, { at: s.at, source: 'check', ok: s.ok, latencyMs: s.latencyMs, ...(s.errorType ? { errorType: s.errorType } : {}) });
    const file = store.file;
    store.close();
    const db = openDatabase(file);
    try {
      const sql = 'SELECT provider, at, ok, latency_ms FROM health_samples WHERE at >= ? AND at < ? ORDER BY at, id';
      const asArrays = db.prepare(sql);
      assert.equal(typeof asArrays.setReturnArrays, 'function', 'Node 24 has setReturnArrays');
      const plain = db.prepare(sql);
      const asObjects = { all: plain.all.bind(plain), get: plain.get.bind(plain), run: plain.run.bind(plain), iterate: plain.iterate.bind(plain) };
      const a = sampleColumns(asArrays, now - 8 * DAY, now);
      const b = sampleColumns(asObjects, now - 8 * DAY, now);
      assert.equal(a.get('anthropic')!.at.length + a.get('bedrock')!.at.length, 500);
      assert.deepEqual([...a.entries()], [...b.entries()]);
    } finally {
      db.close();
    }
  });

  it('24 h and 7 d from one read give what each window read alone gives', async () => {
    const store = openLocalStore(home.dir, { health: { now: () => now } });
    for (const s of week(now)) await store.healthHistory.record(s.provider, { at: s.at, source: 'check', ok: s.ok, latencyMs: s.latencyMs, ...(s.errorType ? { errorType: s.errorType } : {}) });
    await store.healthHistory.recordFailover({ at: now - 2 * HOUR, from: 'anthropic', to: 'bedrock', reason: 'overloaded' });
    await store.healthHistory.recordFailover({ at: now - 3 * DAY, from: 'bedrock', to: 'anthropic', reason: 'network' });
    const both = await store.healthHistory.timelines([{ since: now - DAY, bucketMs: HOUR }, { since: now - 7 * DAY, bucketMs: 6 * HOUR }]);
    assert.deepEqual(both, [await store.healthHistory.timeline(now - DAY, HOUR), await store.healthHistory.timeline(now - 7 * DAY, 6 * HOUR)]);
    assert.deepEqual(both.map((t) => t.failovers.length), [1, 2]);
    store.close();
  });

  it('reads the window through the time index, not the whole table', () => {
    const store = openLocalStore(home.dir);
    const file = store.file;
    store.close();
    const db = openDatabase(file);
    try {
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT provider, at, ok, latency_ms, error_type FROM health_samples WHERE at >= ? AND at < ? ORDER BY at, id').all(0, 1).map((r) => String(r.detail));
      assert.ok(plan.some((d) => /SEARCH health_samples USING INDEX health_by_time/.test(d)), plan.join('\n'));
    } finally {
      db.close();
    }
  });
});
