// Shared by the storage tests: temp homes, records, and child processes that use the real store.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { UsageRecord } from '../../../src/core/usage/ledger';

const ROOT = path.resolve(__dirname, '../../..');

/** node:sqlite is in Node ≥ 22.13; the unit tier runs on Node 24. Older Node: the storage suites skip (and say so). */
export function hasNodeSqlite(): boolean {
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  return Boolean(get?.call(process, 'node:sqlite'));
}

export function skipWithoutSqlite(ctx: Mocha.Context): void {
  if (!hasNodeSqlite()) {
    console.warn(`    (skipped: Node ${process.versions.node} has no node:sqlite; the store needs Node ≥ 22.13)`);
    ctx.skip();
  }
}

export interface StoreHome {
  dir: string;
  cleanup: () => void;
}

export function tempHome(prefix = 'sb-store-'): StoreHome {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function usageRecord(over: Partial<UsageRecord> = {}): UsageRecord {
  return {
    time: new Date().toISOString(), provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', inputTokens: 100, outputTokens: 20,
    cacheWriteInputTokens: 0, cacheReadInputTokens: 0, latencyMs: 10, costUsd: 0.001, cacheWriteCostUsd: 0, outcome: 'ok', failover: null, cached: false, surface: 'cli', ...over,
  };
}

/** A child script under children/, run with this Node (the test runner's) through tsx, as a real separate process. */
export function spawnChild(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['-r', 'tsx/cjs', path.join(__dirname, 'children', script), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves on the first stdout line matching `re` (the child says it is ready / has committed). */
export function waitForLine(child: ChildProcess, re: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d: Buffer): void => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => re.test(l));
      if (line !== undefined) {
        child.stdout!.off('data', onData);
        resolve(line);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing ${re}`)));
  });
}

/**
 * Exit code, signal and all output of a child that runs to its end. Resolves on 'close', not
 * 'exit': 'exit' can come before the last of stdout is read (a loaded machine), and the output is
 * what the tests count.
 */
export function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/**
 * For the enclosing describe: skipped without node:sqlite, and a fresh temp home for each test
 * (removed after it). `ready` gets it: `useStoreHome((h) => (home = h))`.
 */
export function useStoreHome(ready: (home: StoreHome) => void): void {
  let home: StoreHome | undefined;
  before(function () {
    skipWithoutSqlite(this);
  });
  beforeEach(() => {
    home = tempHome();
    ready(home);
  });
  afterEach(() => {
    home?.cleanup();
    home = undefined;
  });
}

/** Runs `fn` with this process's time zone set to `tz` (Node re-reads TZ when it is assigned), then restores it. */
export async function inTimeZone<T>(tz: string, fn: () => T | Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
