import * as assert from 'node:assert/strict';
import { CircuitBreaker } from '../../../src/core/routing/circuitBreaker';

describe('circuit breaker', () => {
  let now = 0;
  const make = (): CircuitBreaker => new CircuitBreaker({ failureThreshold: 3, windowMs: 10_000, openMs: 5_000, now: () => now });
  beforeEach(() => { now = 0; });

  it('opens after the threshold of failures inside the window', () => {
    const b = make();
    b.recordFailure(); now += 1000; b.recordFailure();
    assert.equal(b.state, 'closed');
    b.recordFailure();
    assert.equal(b.state, 'open');
    assert.equal(b.tryAcquire(), false);
  });

  it('forgets failures older than the window', () => {
    const b = make();
    b.recordFailure(); b.recordFailure();
    now += 10_000;
    b.recordFailure();
    assert.equal(b.state, 'closed');
  });

  it('half-opens after the open period and lets exactly one probe through', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.recordFailure();
    now += 5_000;
    assert.equal(b.state, 'half-open');
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.tryAcquire(), false, 'a second caller waits for the probe');
  });

  it('a successful probe closes it; a failed probe re-opens it for a full period', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.recordFailure();
    now += 5_000;
    b.tryAcquire();
    b.recordFailure();
    assert.equal(b.state, 'open');
    assert.equal(b.retryInMs(), 5_000);
    now += 5_000;
    assert.equal(b.tryAcquire(), true);
    b.recordSuccess();
    assert.equal(b.state, 'closed');
    assert.equal(b.tryAcquire(), true);
  });

  it('a probe released without a verdict lets the next caller probe', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.recordFailure();
    now += 5_000;
    assert.equal(b.tryAcquire(), true);
    b.release();
    assert.equal(b.tryAcquire(), true);
  });
});
