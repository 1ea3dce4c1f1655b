import * as assert from 'node:assert/strict';
import { usdPerMTok } from '../../../../src/presenters/dashboard/format';

describe('dashboard number formats', () => {
  it('a price per million tokens shows whole dollars bare, cents with two digits, and rounds float noise away', () => {
    assert.equal(usdPerMTok(3), '$3');
    assert.equal(usdPerMTok(15), '$15');
    assert.equal(usdPerMTok(3 * 1.1), '$3.30');
    assert.equal(usdPerMTok(15 * 1.1), '$16.50');
    assert.equal(usdPerMTok(0.06), '$0.06');
    assert.equal(usdPerMTok(2 * 1.2), '$2.40');
    assert.equal(usdPerMTok(0.1 + 0.2), '$0.30');
  });
});
