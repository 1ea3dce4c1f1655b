// Never silent: a store that cannot be written or read says so with a typed error, and a budget
// with a hard stop refuses requests (fails closed) instead of letting them through unrecorded.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SwitchboardClient } from '../../../src/core/client';
import { DEFAULT_CONFIG } from '../../../src/core/config/schema';
import { isSwitchboardError } from '../../../src/core/errors';
import { openLocalStore } from '../../../src/core/storage/localStore';
import type { LocalStore } from '../../../src/core/storage/localStore';
import { isStorageError } from '../../../src/core/storage/storageError';
import { BudgetTracker, MemoryFiredStore } from '../../../src/core/usage/budget';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { skipWithoutSqlite, tempHome, usageRecord } from './storeTestKit';

/**
 * Makes a folder unwritable for this process. As root, permissions do not stop writes, so the
 * folder is made immutable (chattr +i); otherwise chmod 0555. A probe write proves it worked.
 */
function makeReadOnly(dir: string): () => void {
  // Windows folder permissions are ACLs that chmod does not touch: these cases run on Linux and macOS.
  if (process.platform === 'win32') throw new Error('read-only folder tests need POSIX permissions');
  const root = process.getuid?.() === 0;
  if (root) execFileSync('chattr', ['+i', dir]);
  else chmodSync(dir, 0o555);
  const probe = path.join(dir, 'probe');
  assert.throws(() => writeFileSync(probe, 'x'), 'the folder must be read-only for this test');
  return () => (root ? execFileSync('chattr', ['-i', dir]) : chmodSync(dir, 0o755));
}

describe('local store failures are never silent', function () {
  this.timeout(30_000);
  before(function () {
    skipWithoutSqlite(this);
  });
  let anthropic: AnthropicEmulator;
  before(async () => {
    anthropic = await startAnthropicEmulator();
  });
  after(async () => {
    await anthropic?.close();
  });
  let home: ReturnType<typeof tempHome>;
  beforeEach(function () {
    if (process.platform === 'win32' && /read-only|writable again/.test(this.currentTest?.title ?? '')) this.skip();
    home = tempHome();
    anthropic.reset();
  });
  afterEach(() => home?.cleanup());

  const calls = (): number => anthropic.requestsTo('/v1/messages').length;
  const ask = { model: 'sonnet', messages: [{ role: 'user' as const, content: 'hello' }] };
  function client(store: LocalStore, hardStop: boolean): SwitchboardClient {
    // The construction the CLI and the extension use: the store's ledger, its month-to-date for the budget.
    const budget = new BudgetTracker({ settings: { monthlyUsd: 5, alertThresholds: [100], hardStop }, monthToDate: (now) => store.ledger.monthToDate(now), store: new MemoryFiredStore() });
    return new SwitchboardClient({ config: { ...DEFAULT_CONFIG, anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: anthropic.url } }, secrets: { anthropicApiKey: 'sk-ant-test-key' }, env: {}, ledger: store.ledger, budget, surface: 'cli' });
  }

  it('a read-only SWITCHBOARD_HOME: the store reports read_only, an append rejects with a StorageError naming the file', async () => {
    const restore = makeReadOnly(home.dir);
    try {
      const store = openLocalStore(home.dir);
      assert.equal(store.problem?.reason, 'read_only', store.problem?.message);
      await assert.rejects(store.ledger.append(usageRecord()), (e: unknown) => {
        assert.ok(isStorageError(e));
        assert.equal(e.reason, 'read_only');
        assert.ok(e.message.includes(path.join(home.dir, 'switchboard.db')), e.message);
        assert.match(e.hint, /writable|SWITCHBOARD_HOME/);
        return true;
      });
      store.close();
    } finally {
      restore();
    }
  });

  it('a read-only home under a hard-stop budget: the request is refused with a clear message and nothing is sent', async () => {
    const restore = makeReadOnly(home.dir);
    try {
      const store = openLocalStore(home.dir);
      await assert.rejects(client(store, true).send(ask), (e: unknown) => {
        assert.ok(isSwitchboardError(e));
        assert.equal(e.type, 'budget_exceeded');
        assert.match(e.message, /^The monthly budget of \$5\.00 has a hard stop, and this month's spend could not be read \(Switchboard could not open the local store in .*switchboard\.db: unable to open database file\)/);
        assert.match(e.hint ?? '', /Make the usage store readable again \(Make the folder writable, or point SWITCHBOARD_HOME at a writable folder\)/);
        assert.match(e.message, /the request was not sent/);
        assert.equal(e.details?.reason, 'spend_unreadable');
        return true;
      });
      assert.equal(calls(), 0);
      store.close();
    } finally {
      restore();
    }
  });

  it('an existing store whose folder turned read-only: under a hard stop the request is refused, even below the budget (its usage could not be recorded)', async () => {
    const seed = openLocalStore(home.dir);
    await seed.ledger.append(usageRecord({ costUsd: 1 }));
    seed.close();
    const restore = makeReadOnly(home.dir);
    try {
      // A WAL database needs its -shm file next to it: in a folder that cannot take one, it cannot be opened at all.
      const store = openLocalStore(home.dir);
      assert.equal(store.problem?.reason, 'read_only');
      await assert.rejects(client(store, true).send(ask), /could not be read .*unable to open database file/);
      assert.equal(calls(), 0);
      store.close();
    } finally {
      restore();
    }
  });

  it('an unreadable (damaged) ledger under a hard-stop budget: refused, the file left untouched for inspection', async () => {
    const file = path.join(home.dir, 'switchboard.db');
    writeFileSync(file, 'this is not a database, but it used to hold a month of spend\n'.repeat(100));
    const before = readFileSync(file);
    const store = openLocalStore(home.dir);
    assert.equal(store.problem?.reason, 'corrupt', store.problem?.message);
    await assert.rejects(client(store, true).send(ask), (e: unknown) => {
      assert.ok(isSwitchboardError(e));
      assert.equal(e.type, 'budget_exceeded');
      assert.match(e.message, /could not be read \(Switchboard could not open the local store in .*switchboard\.db: file is not a database\)/);
      assert.match(e.hint ?? '', /Move the damaged switchboard\.db aside/);
      return true;
    });
    assert.equal(calls(), 0);
    assert.deepEqual(readFileSync(file), before, 'a damaged ledger is never overwritten');
    store.close();
  });

  it('without a hard stop the answer still comes back; the failed append is a StorageError, not a silent drop', async () => {
    const restore = makeReadOnly(home.dir);
    try {
      const store = openLocalStore(home.dir);
      const r = await client(store, false).send(ask);
      assert.ok(r.text.length > 0);
      assert.equal(calls(), 1);
      await assert.rejects(store.ledger.append(usageRecord()), (e: unknown) => isStorageError(e) && e.reason === 'read_only');
      store.close();
    } finally {
      restore();
    }
  });

  it('the store recovers by itself once the folder is writable again', async () => {
    const restore = makeReadOnly(home.dir);
    const store = openLocalStore(home.dir);
    assert.ok(store.problem);
    restore();
    await store.ledger.append(usageRecord({ costUsd: 1 }));
    assert.equal(store.problem, undefined);
    assert.equal((await store.ledger.monthToDate()).requests, 1);
    store.close();
  });
});
