// Issue 10 items 8 and 9 (list item 11): configuration and CLI messages, through the CLI as the
// product runs it (runCli, a clean environment, the emulators over real HTTP).
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { parseConfigObject } from '../../../src/core/config/parse';
import { resolveEffectiveConfig } from '../../../src/core/config/effective';
import { redactSecrets } from '../../../src/core/errors';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import type { BedrockEmulator } from '../../emulators/bedrock';
import { cli, useCliFixture } from '../cli/cliHelpers';

const KEY = 'sk-ant-test-key';

describe('CLI and configuration messages', () => {
  let anthropic: AnthropicEmulator;
  let bedrock: BedrockEmulator;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  useCliFixture({ env: (e) => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: e.anthropic.url }), awsProfile: 'default' }, (f) => ({ anthropic, bedrock, env, dir } = f));

  const yaml = async (text: string): Promise<string> => {
    const file = path.join(dir, 'config.yml');
    await fs.writeFile(file, text);
    return file;
  };

  it('--max-tokens -1 says what is wrong with the value, not "argument is ambiguous"', async () => {
    const r = await cli(['chat', '--max-tokens', '-1', 'hi'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-tokens: "-1" is not a positive whole number/);
    assert.doesNotMatch(r.stderr, /ambiguous/);
  });

  it('a YAML key maxOutputTokens: "lots" is an unknown key with a did-you-mean, not a secret', async () => {
    const r = await cli(['config', 'validate', await yaml('maxOutputTokens: "lots"\n')], env);
    assert.match(r.stdout, /maxOutputTokens: unknown setting \(did you mean "max_output_tokens"\?\); ignored/);
    assert.doesNotMatch(r.stdout + r.stderr, /keys and secrets/);
  });

  it('an unknown top-level key such as provider: bedrock is reported with a did-you-mean, and the file is not called plainly valid', async () => {
    const r = await cli(['config', 'validate', await yaml('provider: bedrock\nmodel: sonnet\n')], env);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /usable, with 1 warning/);
    assert.match(r.stdout, /provider: unknown setting \(did you mean "model_provider\.type"\?\); ignored/);
    assert.doesNotMatch(r.stdout, /: valid$/m);
    // Another application's section of a shared config.yml is still left alone.
    assert.match((await cli(['config', 'validate', await yaml('agents: {}\nmodel: sonnet\n')], env)).stdout, /: valid$/m);
  });

  it('one output-token limit: the CLI refuses what the setting refuses, and above the model\'s own limit', async () => {
    const huge = await cli(['chat', '--max-tokens', '1000000', 'hi'], env);
    assert.equal(huge.code, 2);
    assert.match(huge.stderr, /--max-tokens: must be between 1 and 128000/);
    const settings = parseConfigObject({ maxOutputTokens: 1_000_000 }, 'User settings', 'settings');
    assert.equal(settings.ok, false);
    assert.match(!settings.ok ? settings.errors[0]!.message : '', /must be between 1 and 128000/);
    const haiku = await cli(['chat', '--model', 'haiku-4.5', '--max-tokens', '100000', 'hi'], env);
    assert.equal(haiku.code, 2);
    assert.match(haiku.stderr, /100000 is above the output limit of Claude Haiku 4\.5 \(64000 tokens\)/);
    assert.equal(anthropic.requestsTo('/v1/messages').length, 0);
    const opus = await cli(['chat', '--model', 'opus', '--max-tokens', '100000', '--json', 'hi'], env);
    assert.equal(opus.code, 0, opus.stderr);
  });

  it('--thinking-budget 5000 --max-tokens 1000 is refused (exit 2) before anything is sent', async () => {
    // Sonnet 4.6 takes a fixed budget (the default model, Sonnet 5.5, thinks adaptively: no budget to compare).
    const r = await cli(['chat', '--model', 'sonnet-4.6', '--thinking-budget', '5000', '--max-tokens', '1000', 'hi'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /thinking budget 5000 \(--thinking-budget\) is not less than max output tokens 1000 \(--max-tokens\)/);
    assert.equal(anthropic.requestsTo('/v1/messages').length, 0);
    const low = await cli(['chat', '--thinking-budget', '500', 'hi'], env);
    assert.equal(low.code, 2);
    assert.match(low.stderr, /below the minimum thinking budget of 1024/);
  });

  it('MAX_THINKING_TOKENS=31999 with the default output tokens works: max_tokens is raised for the request', async () => {
    const r = await cli(['chat', '--model', 'sonnet-4.6', '--json', 'hi'], { ...env, MAX_THINKING_TOKENS: '31999' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((anthropic.requestsTo('/v1/messages')[0]!.body as { max_tokens: number }).max_tokens, 31999 + 8192);
  });

  it('--temperature with thinking on is refused on the CLI, whether the budget is a flag or MAX_THINKING_TOKENS', async () => {
    const flags = await cli(['chat', '--temperature', '0.2', '--thinking-budget', '2048', 'hi'], env);
    assert.equal(flags.code, 2);
    assert.match(flags.stderr, /--temperature 0\.2 cannot be used with extended thinking/);
    const fromEnv = await cli(['chat', '--temperature', '0.2', 'hi'], { ...env, MAX_THINKING_TOKENS: '2048' });
    assert.equal(fromEnv.code, 2);
    assert.match(fromEnv.stderr, /thinking budget 2048 from MAX_THINKING_TOKENS/);
    assert.equal(anthropic.requestsTo('/v1/messages').length, 0);
  });

  it('--verbose redacts credentials, not the word after api_key:', () => {
    assert.equal(redactSecrets('config: api_key: missing from the file'), 'config: api_key: missing from the file');
    assert.equal(redactSecrets('api_key: Zx81kLmN02pQrS93tUvW'), 'api_key: [redacted]');
    assert.equal(redactSecrets('x-api-key=sk-ant-api03-abcdefghijklmnop'), 'x-api-key=[redacted]');
  });

  it('the budget alert (and any other notice) starts on its own line after streamed text', async () => {
    let out = '';
    const glued: string[] = [];
    const stderrWrites: string[] = [];
    const io = {
      stdout: { write: (s: string) => (out += s) },
      stderr: {
        write: (s: string) => {
          if (out.length > 0 && !out.endsWith('\n') && !s.startsWith('\n')) glued.push(s);
          stderrWrites.push(s);
          out += s;
        },
      },
      readStdin: async () => '',
      env: { ...env, SWITCHBOARD_BUDGET_USD: '0.0001', SWITCHBOARD_BUDGET_ALERTS: '100' },
    };
    const code = await runCli(['chat', '--model', 'sonnet-4.6', 'hello there'], io);
    assert.equal(code, 0);
    assert.ok(out.startsWith('Echo: hello there'), out);
    assert.ok(stderrWrites.length > 0, 'a notice came after the streamed text');
    assert.deepEqual(glued, [], 'a notice was glued to the streamed answer');
    // Where the usage store works (node:sqlite, Node >= 22.13), the notice is the budget alert.
    const sqlite = await import('node:sqlite').then(() => true, () => false);
    if (sqlite) assert.match(stderrWrites.join(''), /spent this month/);
  });

  it('a profile from AWS_PROFILE is described as from AWS_PROFILE', async () => {
    const r = await cli(['chat', '--provider', 'bedrock', '--bedrock-endpoint', bedrock.url, '--aws-region', 'eu-west-1', 'hi'], { ...env, AWS_PROFILE: 'nope' });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /AWS profile "nope" \(from AWS_PROFILE\)/);
    assert.doesNotMatch(r.stderr, /Bedrock profile setting/);
    const flag = await cli(['chat', '--provider', 'bedrock', '--bedrock-endpoint', bedrock.url, '--aws-region', 'eu-west-1', '--aws-profile', 'other', 'hi'], env);
    assert.match(flag.stderr, /AWS profile "other" \(from --aws-profile\)/);
  });

  describe('the Bedrock HTTP version (HTTP/1.1 for proxies without HTTP/2)', () => {
    const bedrockChat = (extra: string[], e: NodeJS.ProcessEnv): ReturnType<typeof cli> =>
      cli(['chat', '--provider', 'bedrock', '--bedrock-endpoint', bedrock.url, '--aws-region', 'eu-west-1', '--json', ...extra, 'hi'], e);
    const versions = (): string[] => bedrock.modelRequests().map((r) => r.httpVersion);

    it('is HTTP/2 by default and HTTP/1.1 from the flag, the environment or the YAML key', async () => {
      assert.equal((await bedrockChat([], env)).code, 0);
      assert.equal((await bedrockChat(['--bedrock-http-version', 'http1.1'], env)).code, 0);
      assert.equal((await bedrockChat([], { ...env, SWITCHBOARD_BEDROCK_HTTP_VERSION: 'http1.1' })).code, 0);
      const file = await yaml('model_provider:\n  bedrock:\n    http_version: http1.1\n');
      assert.equal((await bedrockChat(['--config', file], env)).code, 0);
      assert.deepEqual(versions(), ['2.0', '1.1', '1.1', '1.1']);
    });

    it('refuses an unknown version with the choices', async () => {
      const r = await bedrockChat(['--bedrock-http-version', 'http3'], env);
      assert.equal(r.code, 2);
      assert.match(r.json().error.message, /"http3" is not one of http2, http1\.1/);
      assert.equal(bedrock.modelRequests().length, 0);
    });

    it('reads the VS Code setting switchboard.modelProvider.bedrock.httpVersion', () => {
      const parsed = parseConfigObject({ 'switchboard.modelProvider.bedrock.httpVersion': 'http1.1' }, 'User settings', 'settings');
      assert.ok(parsed.ok);
      const effective = resolveEffectiveConfig({ environment: {}, settings: parsed.config });
      assert.equal(effective.config.bedrock.httpVersion, 'http1.1');
      assert.equal(resolveEffectiveConfig({ environment: {} }).config.bedrock.httpVersion, 'http2');
    });
  });
});
