import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { SwitchboardError } from '../../../src/core/errors';
import type { BedrockProviderOptions } from '../../../src/core/providers/bedrock/bedrockProvider';
import { BedrockProvider } from '../../../src/core/providers/bedrock/bedrockProvider';
import type { ModelRequest } from '../../../src/core/types';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { TEST_API_KEY, TEST_CREDENTIALS, startBedrockEmulator } from '../../emulators/bedrock';
import type { Fault } from '../../emulators/faults';
import { collect, failure } from './helpers';

const SONNET_US = 'us.anthropic.claude-sonnet-4-6';
const ask = (model = SONNET_US, extra: Partial<ModelRequest> = {}): ModelRequest => ({ model, messages: [{ role: 'user', content: 'one two three four five six' }], ...extra });


function assertNoSecrets(err: SwitchboardError, ...secrets: string[]): void {
  const shown = JSON.stringify(err.toJSON());
  for (const s of secrets) assert.equal(shown.includes(s), false, `secret leaked into ${shown}`);
}

describe('BedrockProvider errors: every class typed, with a hint', () => {
  let emu: BedrockEmulator;
  let euEmu: BedrockEmulator;
  const providers: BedrockProvider[] = [];
  const provider = (options: Partial<BedrockProviderOptions> = {}, target?: BedrockEmulator): BedrockProvider => {
    const t = target ?? emu;
    const p = new BedrockProvider({ region: t.region, endpoint: t.url, credentials: TEST_CREDENTIALS, ...options });
    providers.push(p);
    return p;
  };

  before(async () => {
    emu = await startBedrockEmulator({ deniedModels: ['anthropic.claude-opus-4-7'], maxInputTokens: 5_000, apiKeys: [TEST_API_KEY] });
    euEmu = await startBedrockEmulator({ region: 'eu-west-1' });
  });
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((p) => p.dispose()));
    emu.reset();
    euEmu.reset();
  });
  after(async () => {
    await emu.close();
    await euEmu.close();
  });

  describe('authentication and region', () => {
    it('a wrong secret key → authentication / invalid_signature, without the secret in the text', async () => {
      const wrong = { accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: 'wrong/secret/key/value/123456' };
      const err = await failure(provider({ credentials: wrong }).send(ask()));
      assert.equal(err.type, 'authentication');
      assert.equal(err.code, 'invalid_signature');
      assert.match(err.hint ?? '', /secret access key/);
      assert.equal(emu.modelRequests()[0]!.status, 403);
      assertNoSecrets(err, wrong.secretAccessKey, wrong.accessKeyId);
    });

    it('an unknown access key → authentication / invalid_aws_credentials', async () => {
      const err = await failure(provider({ credentials: { accessKeyId: 'AKIANOTKNOWN00000001', secretAccessKey: 'x/y/z/123456' } }).send(ask()));
      assert.equal(err.type, 'authentication');
      assert.equal(err.code, 'invalid_aws_credentials');
      assert.match(err.hint ?? '', /get-caller-identity/);
    });

    it('expired credentials → authentication / expired_credentials naming `aws sso login`', async () => {
      const temp = { accessKeyId: 'ASIATEMPORARY0000001', secretAccessKey: 'temp/secret/000000001', sessionToken: 'token-0001' };
      emu.addCredentials(temp);
      const p = provider({ credentials: temp });
      assert.equal((await p.send(ask())).text, 'Echo: one two three four five six');
      emu.expireCredentials(temp.accessKeyId);
      const err = await failure(p.send(ask()));
      assert.equal(err.type, 'authentication');
      assert.equal(err.code, 'expired_credentials');
      assert.match(err.hint ?? '', /aws sso login/);
    });

    it('a wrong Bedrock API key → authentication / invalid_api_key', async () => {
      const err = await failure(provider({ credentials: undefined, token: 'ABSKnot-the-right-key-000000' }).send(ask()));
      assert.equal(err.type, 'authentication');
      assert.equal(err.code, 'invalid_api_key');
      assert.equal(emu.modelRequests()[0]!.auth, 'bearer');
      assertNoSecrets(err, 'ABSKnot-the-right-key-000000');
    });

    it('credentials signed for another region than the endpoint → region error telling what to set', async () => {
      const err = await failure(provider({ region: 'eu-west-1' }).send(ask('eu.anthropic.claude-sonnet-4-6')));
      assert.equal(err.type, 'region');
      assert.match(err.hint ?? '', /aws_region/);
      assert.match(String(emu.modelRequests()[0]!.headers.authorization), /\/eu-west-1\/bedrock\//);
    });

    it('a us. profile against an eu-west-1 endpoint → region error naming the eu. profile', async () => {
      const err = await failure(provider({}, euEmu).send(ask(SONNET_US)));
      assert.equal(err.type, 'region');
      assert.match(err.hint ?? '', /eu\.anthropic\.claude-sonnet-4-6/);
      assert.equal(err.details?.suggestedModelId, 'eu.anthropic.claude-sonnet-4-6');
      // …and the suggested ID works there.
      assert.equal((await provider({}, euEmu).send(ask('eu.anthropic.claude-sonnet-4-6'))).stopReason, 'end_turn');
    });

    it('an inference-profile ARN from another region → region error', async () => {
      const err = await failure(provider({}, euEmu).send(ask('arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6')));
      assert.equal(err.type, 'region');
      assert.match(err.hint ?? '', /us-east-1/);
    });
  });

  describe('models and permissions', () => {
    it('a base ID that needs a profile, with no automatic switch → inference_profile_required naming the profile', async () => {
      const err = await failure(provider().send(ask('anthropic.claude-sonnet-4-6')));
      assert.equal(err.type, 'inference_profile_required');
      assert.match(err.hint ?? '', /us\.anthropic\.claude-sonnet-4-6/);
      assert.equal(err.retryable, false);
    });

    it('unknown IDs and a global. profile the model lacks → model_not_found', async () => {
      const unknown = await failure(provider().send(ask('anthropic.claude-nonexistent-v9')));
      assert.equal(unknown.type, 'model_not_found');
      const global = await failure(provider().send(ask('global.anthropic.claude-opus-4-1-20250805-v1:0')));
      assert.equal(global.type, 'model_not_found');
      assert.match(global.hint ?? '', /no global\. inference profile; use the us\. profile/);
    });

    it('a model without access → permission / model_access_denied with the console and IAM fix', async () => {
      const err = await failure(provider().send(ask('us.anthropic.claude-opus-4-7')));
      assert.equal(err.type, 'permission');
      assert.equal(err.code, 'model_access_denied');
      assert.match(err.hint ?? '', /Model access.*us-east-1.*bedrock:InvokeModel/);
    });

    it('input beyond the context window → context_length', async () => {
      const err = await failure(provider().send(ask(SONNET_US, { messages: [{ role: 'user', content: 'x'.repeat(40_000) }] })));
      assert.equal(err.type, 'context_length');
      assert.match(err.hint ?? '', /Shorten/);
    });

    it('other validation failures → invalid_request carrying the service message', async () => {
      const err = await failure(provider().send(ask(SONNET_US, { temperature: 1.5 })));
      assert.equal(err.type, 'invalid_request');
      assert.match(err.message, /inferenceConfig\.temperature/);
      // Raw fields bypass the product's fitting (which raises max_tokens above a thinking budget), so the service's own text is still tested.
      const thinking = await failure(provider().send(ask(SONNET_US, { maxTokens: 2000, bedrock: { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 4096 } } } })));
      assert.match(thinking.message, /max_tokens` must be greater than `thinking.budget_tokens/);
    });
  });

  describe('service faults', () => {
    const cases: Array<{ fault: Fault; type: string; hint: RegExp }> = [
      { fault: { kind: 'error', status: 429, errorType: 'ThrottlingException', retryAfterSeconds: 3 }, type: 'rate_limit', hint: /quota/ },
      { fault: { kind: 'error', status: 503, errorType: 'ServiceUnavailableException' }, type: 'unavailable', hint: /fail over/ },
      { fault: { kind: 'error', status: 500, errorType: 'InternalServerException' }, type: 'unavailable', hint: /Retry/ },
      { fault: { kind: 'error', status: 429, errorType: 'ModelNotReadyException' }, type: 'unavailable', hint: /Retry/ },
      { fault: { kind: 'error', status: 408, errorType: 'ModelTimeoutException' }, type: 'timeout', hint: /fewer output tokens/ },
      { fault: { kind: 'error', status: 404, errorType: 'ResourceNotFoundException' }, type: 'model_not_found', hint: /Verify Model Mapping/ },
    ];
    for (const c of cases) {
      it(`${c.fault.kind === 'error' ? c.fault.errorType : c.fault.kind} → ${c.type}`, async () => {
        emu.faults.push(c.fault);
        const err = await failure(provider().send(ask()));
        assert.equal(err.type, c.type);
        assert.match(err.hint ?? '', c.hint);
        assert.equal(err.retryable, c.type !== 'model_not_found');
        assert.ok(err.requestId, 'keeps the request id');
      });
    }

    it('takes retryAfterMs from the throttling response', async () => {
      emu.faults.push({ kind: 'error', status: 429, errorType: 'ThrottlingException', retryAfterSeconds: 3 });
      assert.equal((await failure(provider().send(ask()))).retryAfterMs, 3000);
    });

    it('connection refused → network / connection_refused', async () => {
      const port = await new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as net.AddressInfo).port;
          s.close(() => resolve(p));
        });
      });
      const err = await failure(new BedrockProvider({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials: TEST_CREDENTIALS }).send(ask()));
      assert.equal(err.type, 'network');
      assert.equal(err.code, 'connection_refused');
    });

    for (const httpVersion of ['h2', 'http1'] as const) {
      it(`a dropped connection → network error (${httpVersion})`, async () => {
        emu.faults.push({ kind: 'drop-connection' });
        const err = await failure(provider({ httpVersion }).send(ask()));
        assert.equal(err.type, 'network');
        assert.equal(err.retryable, true);
      });
    }

    it('a slow first byte beyond the timeout → timeout before any content', async () => {
      emu.faults.push({ kind: 'slow-first-byte', delayMs: 600 });
      const result = await collect(provider({ timeoutMs: 150 }).stream(ask()));
      assert.equal(result.error?.type, 'timeout');
      assert.equal(result.error?.code, undefined);
      assert.equal(result.events.length, 0);
    });
  });

  for (const httpVersion of ['h2', 'http1'] as const) {
    describe(`mid-stream failures after partial text (${httpVersion})`, () => {
      const streamCases: Array<{ name: string; fault: Fault; type: string }> = [
        { name: 'reset', fault: { kind: 'reset-mid-stream', afterEvents: 2 }, type: 'network' },
        { name: 'stall', fault: { kind: 'stall-mid-stream', afterEvents: 2 }, type: 'timeout' },
        { name: 'malformed frame', fault: { kind: 'malformed-frame', afterEvents: 2 }, type: 'network' },
        { name: 'throttlingException', fault: { kind: 'error-event', afterEvents: 2, errorType: 'ThrottlingException' }, type: 'rate_limit' },
        { name: 'modelStreamErrorException', fault: { kind: 'error-event', afterEvents: 2, errorType: 'modelStreamErrorException', message: 'The model stream failed.' }, type: 'unavailable' },
        { name: 'internalServerException', fault: { kind: 'error-event', afterEvents: 2, errorType: 'internalServerException' }, type: 'unavailable' },
        { name: 'serviceUnavailableException', fault: { kind: 'error-event', afterEvents: 2, errorType: 'serviceUnavailableException' }, type: 'unavailable' },
        { name: 'validationException', fault: { kind: 'error-event', afterEvents: 2, errorType: 'validationException', message: 'Bad output.' }, type: 'invalid_request' },
      ];
      for (const c of streamCases) {
        it(`${c.name} → ${c.type} / stream_interrupted, after "Echo: one"`, async () => {
          emu.faults.push(c.fault);
          const result = await collect(provider({ httpVersion, timeoutMs: 300 }).stream(ask()));
          assert.equal(result.text, 'Echo: one');
          assert.equal(result.error?.type, c.type, result.error?.message);
          assert.equal(result.error?.code, 'stream_interrupted');
          assert.equal(result.events.some((e) => e.type === 'stop'), false);
        });
      }
    });
  }
});
