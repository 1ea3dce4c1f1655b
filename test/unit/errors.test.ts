import * as assert from 'node:assert/strict';
import { SwitchboardError, redactSecrets } from '../../src/core/errors';

describe('errors', () => {
  it('redacts Anthropic keys, AWS access key ids, Bedrock API keys and bearer tokens', () => {
    const text = 'key sk-ant-api03-abcdefghijkl id AKIAIOSFODNN7EXAMPLE token ABSKQmVkcm9ja0FQSUtleS1 auth Bearer abc.def.ghijklmnop';
    const out = redactSecrets(text);
    assert.ok(!out.includes('sk-ant-api03-abcdefghijkl'));
    assert.ok(!out.includes('AKIAIOSFODNN7EXAMPLE'));
    assert.ok(!out.includes('ABSKQmVkcm9ja0FQSUtleS1'));
    assert.ok(!out.includes('abc.def.ghijklmnop'));
    assert.match(out, /Bearer \[redacted\]/);
  });

  it('redacts a known secret value given explicitly', () => {
    assert.equal(redactSecrets('the secret is hunter22-xyz', ['hunter22-xyz']), 'the secret is [redacted]');
  });

  it('marks rate limits, overload, timeouts and network failures retryable and auth failures not', () => {
    assert.equal(new SwitchboardError({ type: 'rate_limit', message: 'x' }).retryable, true);
    assert.equal(new SwitchboardError({ type: 'network', message: 'x' }).retryable, true);
    assert.equal(new SwitchboardError({ type: 'authentication', message: 'x' }).retryable, false);
    assert.equal(new SwitchboardError({ type: 'invalid_request', message: 'x' }).retryable, false);
  });

  it('never carries a secret in its message or JSON', () => {
    const e = new SwitchboardError({ type: 'authentication', provider: 'anthropic', message: 'invalid x-api-key: sk-ant-api03-SECRETSECRET', hint: 'check sk-ant-api03-SECRETSECRET' });
    assert.ok(!JSON.stringify(e.toJSON()).includes('SECRETSECRET'));
  });
});
