import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';

// The SDK's NodeVersionSupportWarning latches once per process, so each case runs in a fresh one.
const ROOT = path.resolve(__dirname, '../../..');

function runNode(script: string): Promise<{ stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    delete env.NODE_NO_WARNINGS;
    execFile(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: ROOT, env, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

describe('AWS SDK Node-version notice', function () {
  this.timeout(30_000);
  before(function () {
    if (Number(process.versions.node.split('.')[0]) >= 22) this.skip(); // the SDK only warns below Node 22
  });

  it('is printed by a bare BedrockRuntimeClient on this Node (control)', async () => {
    const { stderr } = await runNode(`
      const { BedrockRuntimeClient } = require('@aws-sdk/client-bedrock-runtime');
      new BedrockRuntimeClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
      setTimeout(() => console.log('done'), 50);`);
    assert.match(stderr, /NodeVersionSupportWarning/);
  });

  it('stays out of the output when the client comes from BedrockProvider, and goes to the debug log', async () => {
    const { stdout, stderr } = await runNode(`
      const { BedrockProvider } = require('./src/core/providers/bedrock/bedrockProvider');
      const { MemoryLogger } = require('./src/core/logger');
      const logger = new MemoryLogger();
      const p = new BedrockProvider({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, logger });
      p.send({ model: 'amazon.nova-pro-v1:0', messages: [{ role: 'user', content: 'hi' }] })
        .catch((e) => console.log('error type', e.type))
        .then(() => { console.log(logger.lines.join('\\n')); return p.dispose(); })
        .then(() => {
          // A client built later in the same process must not print it either.
          const { BedrockRuntimeClient } = require('@aws-sdk/client-bedrock-runtime');
          new BedrockRuntimeClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
          setTimeout(() => console.log('env=' + process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED), 50);
        });`);
    assert.equal(stderr.includes('NodeVersionSupportWarning'), false, stderr);
    assert.match(stdout, /error type network/);
    assert.match(stdout, /debug AWS SDK: running on Node v\d+.*support notice/);
    // Done without touching the environment other code (other extensions) sees.
    assert.match(stdout, /env=undefined/);
  });
});
