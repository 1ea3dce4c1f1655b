import * as assert from 'node:assert/strict';
import { HealthMonitor } from '../../../src/core/routing/healthMonitor';
import type { HealthTimer, ProviderHealth } from '../../../src/core/routing/healthMonitor';
import type { HealthResult, ProviderId } from '../../../src/core/types';

/** A timer the test fires by hand. */
class ManualTimer implements HealthTimer {
  readonly active = new Map<number, { fn: () => void; ms: number }>();
  private next = 1;
  setInterval(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.active.set(id, { fn, ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.active.delete(handle as number);
  }
  fire(): void {
    for (const t of [...this.active.values()]) t.fn();
  }
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('health monitor', () => {
  let now: number;
  let timer: ManualTimer;
  let checks: ProviderId[];
  let answer: (id: ProviderId) => HealthResult;

  beforeEach(() => {
    now = 1_000_000;
    timer = new ManualTimer();
    checks = [];
    answer = (id) => ({ ok: true, provider: id, latencyMs: 40, checkedAt: now });
  });

  function monitor(over: Partial<ConstructorParameters<typeof HealthMonitor>[0]> = {}): HealthMonitor {
    return new HealthMonitor({
      providers: ['anthropic', 'bedrock'],
      check: async (id) => {
        checks.push(id);
        return answer(id);
      },
      now: () => now,
      timer,
      ...over,
    });
  }

  it('is unknown before any sample, ok after successes, with p50 / p95 latency', () => {
    const m = monitor();
    assert.equal(m.snapshot('anthropic').status, 'unknown');
    for (const ms of [100, 200, 300, 400, 1000]) m.recordRequest('anthropic', { ok: true, latencyMs: ms });
    const s = m.snapshot('anthropic');
    assert.equal(s.status, 'ok');
    assert.equal(s.p50Ms, 300);
    assert.equal(s.p95Ms, 1000);
    assert.equal(s.errorRate, 0);
  });

  it('goes degraded on one failure, down after three in a row, and degraded again once a request succeeds', () => {
    const m = monitor();
    for (let i = 0; i < 5; i++) m.recordRequest('anthropic', { ok: true, latencyMs: 50 });
    m.recordRequest('anthropic', { ok: false, latencyMs: 10, errorType: 'overloaded', message: 'Overloaded' });
    assert.equal(m.snapshot('anthropic').status, 'degraded');
    m.recordRequest('anthropic', { ok: false, latencyMs: 10, errorType: 'overloaded', message: 'Overloaded' });
    m.recordRequest('anthropic', { ok: false, latencyMs: 10, errorType: 'overloaded', message: 'Overloaded' });
    const down = m.snapshot('anthropic');
    assert.equal(down.status, 'down');
    assert.deepEqual(down.lastError && { type: down.lastError.type, message: down.lastError.message }, { type: 'overloaded', message: 'Overloaded' });
    m.recordRequest('anthropic', { ok: true, latencyMs: 50 });
    assert.equal(m.snapshot('anthropic').status, 'degraded', '3 of 9 failed: still above the degraded error rate');
  });

  it('is degraded when p95 latency passes the threshold', () => {
    const m = monitor({ thresholds: { degradedP95Ms: 5_000 } });
    for (let i = 0; i < 19; i++) m.recordRequest('bedrock', { ok: true, latencyMs: 100 });
    m.recordRequest('bedrock', { ok: true, latencyMs: 9_000 });
    assert.equal(m.snapshot('bedrock').status, 'ok', 'one slow answer in 20 is above p95');
    m.recordRequest('bedrock', { ok: true, latencyMs: 9_000 });
    assert.equal(m.snapshot('bedrock').status, 'degraded');
  });

  it('forgets samples older than the window', () => {
    const m = monitor({ thresholds: { windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) m.recordRequest('anthropic', { ok: false, latencyMs: 1 });
    assert.equal(m.snapshot('anthropic').status, 'down');
    now += 60_000;
    assert.equal(m.snapshot('anthropic').status, 'unknown');
  });

  it('checks each provider every interval, stops while paused and checks at once on resume when due', async () => {
    const m = monitor({ intervalMs: 60_000 });
    m.start();
    assert.equal(timer.active.size, 1);
    assert.equal([...timer.active.values()][0]!.ms, 60_000);
    timer.fire();
    await settle();
    assert.deepEqual(checks, ['anthropic', 'bedrock']);
    m.pause();
    assert.equal(timer.active.size, 0);
    assert.equal(m.running, false);
    now += 120_000;
    m.resume();
    await settle();
    assert.equal(timer.active.size, 1);
    assert.deepEqual(checks, ['anthropic', 'bedrock', 'anthropic', 'bedrock'], 'no catch-up check on resume after a pause longer than the interval');
    m.dispose();
    assert.equal(timer.active.size, 0);
  });

  it('a failed check counts: a provider whose checks fail three times is down', async () => {
    answer = (id) => ({ ok: false, provider: id, latencyMs: 5, checkedAt: now, error: { type: 'network', message: 'ECONNREFUSED' } });
    const m = monitor({ providers: ['bedrock'] });
    for (let i = 0; i < 3; i++) await m.checkNow();
    assert.equal(m.snapshot('bedrock').status, 'down');
    assert.equal(m.snapshot('bedrock').lastError?.message, 'ECONNREFUSED');
  });

  it('tells listeners about every sample and stops after dispose of the subscription', () => {
    const m = monitor();
    const seen: ProviderHealth[] = [];
    const sub = m.onDidChange((h) => seen.push(h));
    m.recordRequest('anthropic', { ok: true, latencyMs: 5 });
    sub.dispose();
    m.recordRequest('anthropic', { ok: true, latencyMs: 5 });
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.status, 'ok');
  });

  it('keeps a bounded history that survives a serialize / restore round trip through JSON', () => {
    const m = monitor({ historySize: 10 });
    for (let i = 0; i < 25; i++) m.recordRequest('anthropic', { ok: i % 5 !== 0, latencyMs: i });
    const data = JSON.parse(JSON.stringify(m.serialize())) as unknown;
    assert.equal((m.serialize().samples.anthropic ?? []).length, 10);
    const restored = monitor({ historySize: 10 });
    restored.restore(data);
    assert.deepEqual(restored.snapshot('anthropic'), m.snapshot('anthropic'));
    restored.restore({ version: 2, samples: 'nope' });
    restored.restore(null);
    assert.equal(restored.snapshot('anthropic').samples, 10);
  });
});
