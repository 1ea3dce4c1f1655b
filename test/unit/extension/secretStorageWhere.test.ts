import * as assert from 'node:assert/strict';
import { secretStorageWhere } from '../../../src/extension/secretStorageWhere';

describe('where Set API Key says a key is stored', () => {
  it('names the OS keychain only for desktop VS Code; a browser window has none', () => {
    assert.match(secretStorageWhere('desktop'), /^VS Code SecretStorage \(encrypted with your OS keychain\)$/);
    assert.match(secretStorageWhere('web'), /^VS Code SecretStorage in this browser/);
    assert.doesNotMatch(secretStorageWhere('web'), /encrypted with your OS keychain/);
  });
});
