import * as assert from 'node:assert/strict';
import {
  secretTail,
  validateAnthropicApiKey,
  validateAwsAccessKeyId,
  validateAwsSecretAccessKey,
  validateAwsSessionToken,
  validateBedrockApiKey,
} from '../../../src/extension/secretFormats';

describe('secret input validation', () => {
  it('accepts Anthropic keys of any current or plausible future shape, trimming whitespace', () => {
    assert.equal(validateAnthropicApiKey('  sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789\n'), undefined);
    // A proxy / gateway token is not an sk-ant key but must still be accepted.
    assert.equal(validateAnthropicApiKey('gw_0123456789abcdefghij0123'), undefined);
  });

  it('rejects empty input, inner whitespace, too-short input and the other provider\'s credentials with a message naming the fix', () => {
    assert.match(validateAnthropicApiKey('   ') ?? '', /Enter the Anthropic API key/);
    assert.match(validateAnthropicApiKey('sk-ant-api03 abcdefghijklmnopqrstuvwxyz') ?? '', /spaces/);
    assert.match(validateAnthropicApiKey('sk-ant-short') ?? '', /too short/);
    assert.match(validateAnthropicApiKey('AKIAABCDEFGHIJKLMNOP') ?? '', /Set AWS Access Keys/);
    assert.match(validateAnthropicApiKey('ABSKQmVkcm9ja0FQSUtleS10ZXN0MDAwMDAw') ?? '', /Set Bedrock API Key/);
    assert.match(validateBedrockApiKey('sk-ant-api03-abcdefghijklmnopqrstuvwxyz') ?? '', /Set Anthropic API Key/);
  });

  it('checks AWS access key IDs for their alphabet but keeps the secret and session token loose', () => {
    assert.equal(validateAwsAccessKeyId('AKIAIOSFODNN7EXAMPLE'), undefined);
    assert.match(validateAwsAccessKeyId('akiaiosfodnn7example') ?? '', /capital letters/);
    assert.equal(validateAwsSecretAccessKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), undefined);
    assert.equal(validateAwsSessionToken(''), undefined, 'the session token is optional');
    assert.match(validateAwsSessionToken('short') ?? '', /too short/);
  });

  it('shows at most the last four characters of a secret', () => {
    assert.equal(secretTail('sk-ant-api03-abcdefghijklmnopqrstuvwxyz'), '…wxyz');
    assert.equal(secretTail('tiny-secret'), '…', 'short secrets show nothing');
  });
});
