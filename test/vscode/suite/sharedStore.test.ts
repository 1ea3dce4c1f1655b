// The CLI and the extension share ONE local store (switchboard.db in the Switchboard home): what
// one records or caches, the other sees. The extension here is the real one in the real extension
// host; the CLI is the built bundle (dist/cli.js) run as a separate process with the same
// SWITCHBOARD_HOME the test VS Code server gives the extension host (test/vscode/runInServer.ts).
// Both talk to one Anthropic emulator running in this host. Also here: the retention settings as
// the engine host applies them, and the one-time import of the budget alerts kept in globalState.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ClientEvent, RequestResult } from '../../../src/core/engine/types';
import type { BudgetAlert } from '../../../src/core/usage/budget';
import type { UsageRecord } from '../../../src/core/usage/ledger';
import { monthKey } from '../../../src/core/usage/ledger';
import { ExtensionLogger } from '../../../src/extension/log';
import { LEGACY_BUDGET_ALERTS_KEY, openExtensionStore } from '../../../src/extension/localStore';
import { UsageService } from '../../../src/extension/usage';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { EXTENSION_ID, cfg, getApi, resetUserSettings, useAnthropicEmulator, waitFor } from './helpers';

// A test-only value shaped like a key; the emulator accepts exactly this one.
const KEY = 'sk-ant-api03-inhost-shared-store-000000000000000abcd';
const DAY = 86_400_000;

interface CliJson { provider: string; text: string; cached: boolean; costUsd: number | null }

/** `switchboard chat … --json PROMPT` with the built CLI, in its own process, on the extension host's Switchboard home. */
function cliChat(emulator: AnthropicEmulator, prompt: string, extra: string[] = []): Promise<CliJson> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const cli = join(extension.extensionPath, 'dist', 'cli.js');
  assert.ok(existsSync(cli), `${cli} is missing: run npm run build`);
  const home = process.env.SWITCHBOARD_HOME;
  assert.ok(home, 'the test server gives the extension host a SWITCHBOARD_HOME');
  const scratch = mkdtempSync(join(tmpdir(), 'sb-inhost-cli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: scratch, SWITCHBOARD_HOME: home, ANTHROPIC_API_KEY: KEY,
    AWS_CONFIG_FILE: join(scratch, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'aws-credentials'), AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'chat', '--provider', 'anthropic', '--anthropic-base-url', emulator.url, ...extra, '--json', prompt], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      rmSync(scratch, { recursive: true, force: true });
      if (error) reject(new Error(`CLI failed (${error.message}): ${stderr}${stdout}`));
      else resolve(JSON.parse(stdout) as CliJson);
    });
  });
}

/** One request through the extension's engine host, as the chat view makes it. */
async function extensionChat(prompt: string, temperature?: number): Promise<RequestResult> {
  const api = await getApi();
  let result: RequestResult | undefined;
  for await (const e of api.host.stream({ model: 'sonnet', messages: [{ role: 'user', content: prompt }], ...(temperature !== undefined ? { temperature } : {}) }) as AsyncIterable<ClientEvent>) {
    if (e.type === 'done') result = e.result;
  }
  assert.ok(result, 'no result');
  // The cache writes in the background; the other process must find the entry.
  await api.host.responseCache.flush();
  return result;
}

describe('CLI and extension share one store (built CLI, same SWITCHBOARD_HOME)', function () {
  this.timeout(120_000);
  const emu = useAnthropicEmulator(KEY);
  const unique = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  before(async () => {
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', KEY);
    const api = await getApi();
    await api.host.whenReady();
    assert.equal(api.host.resolved.provider, 'anthropic');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a request made with the CLI is in the extension\'s usage: the usage report and the dashboard count it', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('switchboard.openDashboard');
    await waitFor('the dashboard\'s ready handshake', () => api.dashboard.controller.isReady, 30_000);
    await api.dashboard.controller.handle({ type: 'refresh' });
    const before = (await api.usage.usageReport()).summary.requests;
    const dashboardBefore = api.dashboard.controller.lastModel?.usage?.requests ?? 0;

    const out = await cliChat(emu.emulator, `counted in the extension ${unique}`);
    assert.equal(out.text, `Echo: counted in the extension ${unique}`);

    const report = await api.usage.usageReport();
    assert.equal(report.summary.requests, before + 1, 'the usage report (Show Usage, dashboard) counts the CLI request');
    const records = await api.usage.store.ledger.readMonth();
    const last = records[records.length - 1]!;
    assert.deepEqual([last.surface, last.provider, last.costUsd], ['cli', 'anthropic', out.costUsd]);
    await api.dashboard.controller.handle({ type: 'refresh' });
    assert.equal(api.dashboard.controller.lastModel?.usage?.requests, dashboardBefore + 1, 'the dashboard\'s usage section');
  });

  it('an answer the extension cached is a cache hit for the CLI (same prompt, same model), reaching no provider', async () => {
    const prompt = `cached by the extension ${unique}`;
    const first = await extensionChat(prompt, 0);
    assert.equal(first.cached, false);
    const sent = emu.emulator.requestsTo('/v1/messages').length;
    const out = await cliChat(emu.emulator, prompt, ['--temperature', '0']);
    assert.equal(out.cached, true);
    assert.equal(out.text, first.text);
    assert.equal(emu.emulator.requestsTo('/v1/messages').length, sent, 'the CLI sent nothing');
  });

  it('and the reverse: an answer the CLI cached is a cache hit in the extension', async () => {
    const prompt = `cached by the CLI ${unique}`;
    const out = await cliChat(emu.emulator, prompt, ['--temperature', '0']);
    assert.equal(out.cached, false);
    const sent = emu.emulator.requestsTo('/v1/messages').length;
    const hit = await extensionChat(prompt, 0);
    assert.equal(hit.cached, true);
    assert.equal(hit.text, out.text);
    assert.equal(emu.emulator.requestsTo('/v1/messages').length, sent, 'the extension sent nothing');
  });
});

describe('Retention settings (applied by the engine host to the shared store)', () => {
  const TOUCHED = ['retention.usageDays', 'retention.healthDays'];
  after(async () => {
    await resetUserSettings(TOUCHED);
  });

  it('switchboard.retention.usageDays / healthDays prune older history as soon as they change', async () => {
    const api = await getApi();
    const store = api.usage.store;
    const now = Date.now();
    const probe = (days: number): UsageRecord => ({
      time: new Date(now - days * DAY).toISOString(), provider: 'anthropic', model: `retention-probe-${days}`, modelId: 'claude-sonnet-4-6', inputTokens: 1, outputTokens: 1,
      cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 1, costUsd: 0, cacheWriteCostUsd: 0, outcome: 'ok', failover: null, cached: false, surface: 'retention-test',
    });
    store.ledger.appendMany([probe(100), probe(50)]);
    await store.healthHistory.record('bedrock', { at: now - 20 * DAY, source: 'check', ok: true, latencyMs: 4242 });
    const probes = async (): Promise<string[]> => (await store.ledger.read({ surface: 'retention-test' })).map((r) => r.model).sort();
    const probeSample = async (): Promise<boolean> => ((await store.healthHistory.recent(50_000)).samples.bedrock ?? []).some((s) => s.latencyMs === 4242);
    assert.deepEqual(await probes(), ['retention-probe-100', 'retention-probe-50']);

    await cfg().update('retention.usageDays', 60, vscode.ConfigurationTarget.Global);
    await cfg().update('retention.healthDays', 7, vscode.ConfigurationTarget.Global);
    await waitFor('the 100-day-old record pruned', async () => (await probes()).length === 1);
    assert.deepEqual(await probes(), ['retention-probe-50']);
    await waitFor('the 20-day-old health sample pruned', async () => !(await probeSample()));
    assert.equal(store.ledger.retentionDays, 60);
  });
});

describe('Budget alerts kept in globalState before the store (imported once when the extension opens its store)', () => {
  const TOUCHED = ['budget.monthlyUsd', 'budget.alertThresholds'];
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-inhost-alerts-'));
  });
  after(async () => {
    await resetUserSettings(TOUCHED);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a threshold already shown this month (in the old globalState) is not shown again by the usage service', async () => {
    const api = await getApi();
    await cfg().update('budget.monthlyUsd', 1, vscode.ConfigurationTarget.Global);
    await cfg().update('budget.alertThresholds', [50, 80, 100], vscode.ConfigurationTarget.Global);
    await waitFor('the budget settings', () => api.usage.tracker.budget.monthlyUsd === 1);
    const month = monthKey(new Date());
    // What the extension wrote before the store existed (usage.ts's old GlobalStateFiredStore).
    const globalState = { get: <T>(key: string): T | undefined => (key === LEGACY_BUDGET_ALERTS_KEY ? { month, fired: [50, 80] } as T : undefined) };
    const logger = new ExtensionLogger(vscode.window.createOutputChannel('Switchboard alerts import test', { log: true }));
    const store = openExtensionStore(join(dir, 'globalStorage'), logger, { SWITCHBOARD_HOME: join(dir, 'home') }, globalState);
    const usage = new UsageService(store, api.settings, logger);
    try {
      assert.deepEqual(await store.budgetState.load(), { month, fired: [50, 80] });
      const spend = (usd: number): UsageRecord => ({
        time: new Date().toISOString(), provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', inputTokens: 1, outputTokens: 1,
        cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 1, costUsd: usd, cacheWriteCostUsd: 0, outcome: 'ok', failover: null, cached: false, surface: 'test',
      });
      const r1 = spend(0.85);
      await store.ledger.append(r1);
      await usage.tracker.observe(r1);
      const shown = (): BudgetAlert | undefined => usage.lastAlert;
      assert.equal(shown(), undefined, '50 % and 80 % were shown before the upgrade');
      const r2 = spend(0.2);
      await store.ledger.append(r2);
      await usage.tracker.observe(r2);
      assert.deepEqual(shown()?.crossed, [100]);
    } finally {
      usage.dispose();
      store.close();
      logger.dispose();
    }
  });
});
