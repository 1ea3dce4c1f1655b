import * as assert from 'node:assert/strict';
import { EngineStateOwner } from '../../../src/core/engine/state';
import type { EngineChange } from '../../../src/core/engine/types';
import { silentLogger } from '../../../src/core/logger';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../src/core/routing/healthMonitor';

describe('engine state owner (one owner, one change event)', () => {
  const owner = (): EngineStateOwner => new EngineStateOwner('anthropic', ['anthropic', 'bedrock'], async (id) => ({ ok: true, provider: id, latencyMs: 1, checkedAt: 0 }), {}, silentLogger);

  it('a green Test Connection result is dropped once that provider\'s health turns down', () => {
    const s = owner();
    s.recordTest('anthropic', { ok: true });
    assert.equal(s.state().lastTest.anthropic?.ok, true);
    for (let i = 0; i < DEFAULT_HEALTH_THRESHOLDS.downConsecutiveFailures; i++) s.recordRequest('anthropic', { ok: false, latencyMs: 5, errorType: 'overloaded', message: 'Overloaded' });
    assert.equal(s.state().health.anthropic?.status, 'down');
    assert.equal(s.state().lastTest.anthropic, undefined);
  });

  it('failover and failback are one event each, carrying the whole state', () => {
    const s = owner();
    const changes: EngineChange[] = [];
    s.onDidChange((c) => changes.push(c));
    s.setFailover({ from: 'anthropic', to: 'bedrock', reason: 'overloaded' });
    s.failback('bedrock'); // not the provider the failover came from: nothing changes
    s.failback('anthropic');
    const failovers = changes.filter((c) => c.kind === 'failover');
    assert.equal(failovers.length, 2);
    assert.equal(failovers[0]!.state.failover?.to, 'bedrock');
    assert.equal(failovers[1]!.state.failover, null);
  });

  it('a notice is said once per engine unless asked otherwise', () => {
    const s = owner();
    const said: string[] = [];
    s.onDidChange((c) => c.kind === 'notice' && said.push(c.code));
    s.ledgerWrite(new Error('EROFS'));
    s.ledgerWrite(new Error('EROFS'));
    s.notice('waiting_retry_after', 'warning', 'waiting', false);
    s.notice('waiting_retry_after', 'warning', 'waiting', false);
    assert.deepEqual(said, ['ledger_write_failed', 'waiting_retry_after', 'waiting_retry_after']);
  });
});
