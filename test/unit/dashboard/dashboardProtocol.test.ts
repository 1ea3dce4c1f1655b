import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isDashboardHostMessage, validateDashboardMessage } from '../../../src/shared/dashboard/protocol';

describe('dashboard protocol', () => {
  it('accepts each known message and copies only its known fields', () => {
    const ok = validateDashboardMessage({ type: 'testConnection', provider: 'bedrock', extra: 'x' });
    assert.deepEqual(ok, { ok: true, message: { type: 'testConnection', provider: 'bedrock' } });
    assert.deepEqual(validateDashboardMessage({ type: 'openSettings' }), { ok: true, message: { type: 'openSettings' } });
    for (const type of ['ready', 'refresh', 'compare', 'clearCache', 'showUsage']) assert.equal(validateDashboardMessage({ type }).ok, true, type);
  });

  it('refuses unknown types, unknown providers, missing fields and prototype keys', () => {
    for (const raw of [null, 'ready', [], { type: 'runCommand' }, { type: '__proto__' }, { type: 'hasOwnProperty' }, { type: 'switchProvider' }, { type: 'switchProvider', provider: 'openai' }, { type: 'openSettings', provider: 7 }]) {
      assert.equal(validateDashboardMessage(raw).ok, false, JSON.stringify(raw));
    }
  });

  it('survives a throwing getter', () => {
    const hostile = { get type(): string { throw new Error('boom'); } };
    assert.equal(validateDashboardMessage(hostile).ok, false);
  });

  it('fuzz: never throws, and whatever passes has a known type and a valid provider', () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.record({ type: fc.string(), provider: fc.anything() })), (raw) => {
      const r = validateDashboardMessage(raw);
      if (!r.ok) return;
      const m = r.message as { type: string; provider?: unknown };
      assert.ok(['ready', 'refresh', 'testConnection', 'switchProvider', 'openSettings', 'compare', 'clearCache', 'showUsage'].includes(m.type));
      assert.ok(m.provider === undefined || m.provider === 'anthropic' || m.provider === 'bedrock');
    }), { numRuns: 500 });
  });

  it('the panel accepts only update messages with a model', () => {
    assert.equal(isDashboardHostMessage({ type: 'update', model: {} }), true);
    assert.equal(isDashboardHostMessage({ type: 'update' }), false);
    assert.equal(isDashboardHostMessage({ type: 'init', model: {} }), false);
  });

  it('the panel accepts a show message only for a known tab', () => {
    assert.equal(isDashboardHostMessage({ type: 'show', tab: 'usage' }), true);
    assert.equal(isDashboardHostMessage({ type: 'show', tab: 'settings' }), false);
    assert.equal(isDashboardHostMessage({ type: 'show' }), false);
  });
});
