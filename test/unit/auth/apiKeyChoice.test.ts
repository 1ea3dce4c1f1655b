// The one decision of which API key is sent and where it came from (core/auth/apiKeyChoice); the
// surfaces that show it are tested end to end in extension/extensionEngine.test.ts and cli/cliEngine.test.ts.
import * as assert from 'node:assert/strict';
import { chooseApiKey, chooseBedrockApiKey, describeKeyChoice } from '../../../src/core/auth/apiKeyChoice';

describe('API key choice: a stored key wins over the variable', () => {
  it('a stored key is used even with the variable set, and says where it is kept', () => {
    const c = chooseApiKey({ stored: 'sk-ant-stored', storedIn: 'SecretStorage', envVar: 'ANTHROPIC_API_KEY', env: { ANTHROPIC_API_KEY: 'sk-ant-env' } });
    assert.deepEqual(c, { source: 'stored', from: 'SecretStorage', envVar: 'ANTHROPIC_API_KEY', envSet: true, key: 'sk-ant-stored' });
    assert.equal(describeKeyChoice(c), 'from SecretStorage');
  });

  it('only the variable: its (trimmed) value, "from ANTHROPIC_API_KEY"; a blank stored key or variable counts as none', () => {
    const c = chooseApiKey({ stored: '  ', envVar: 'ANTHROPIC_API_KEY', env: { ANTHROPIC_API_KEY: ' sk-ant-env\n' } });
    assert.deepEqual(c, { source: 'environment', from: 'ANTHROPIC_API_KEY', envVar: 'ANTHROPIC_API_KEY', envSet: true, key: 'sk-ant-env' });
    assert.equal(describeKeyChoice(c), 'from ANTHROPIC_API_KEY');
    assert.equal(describeKeyChoice(chooseApiKey({ stored: undefined, envVar: 'ANTHROPIC_API_KEY', env: { ANTHROPIC_API_KEY: ' ' } })), 'not set');
  });

  it('presence-only callers (the configuration view, the fix actions) get the same source without the key', () => {
    assert.deepEqual(chooseApiKey({ stored: true, storedIn: 'SecretStorage', envVar: 'MY_KEY', env: { MY_KEY: 'x' } }), { source: 'stored', from: 'SecretStorage', envVar: 'MY_KEY', envSet: true });
    assert.deepEqual(chooseBedrockApiKey(false, { AWS_BEARER_TOKEN_BEDROCK: 'ABSK' }), { source: 'environment', from: 'AWS_BEARER_TOKEN_BEDROCK', envVar: 'AWS_BEARER_TOKEN_BEDROCK', envSet: true, key: 'ABSK' });
  });
});
