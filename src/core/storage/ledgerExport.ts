// Export of the ledger (JSONL: one record per line, the old ledger's format, importable again;
// CSV: one row per request for spreadsheets) and import of a JSONL file. Exports stream in
// batches, so a large ledger is never held in memory at once.
import { promises as fs } from 'node:fs';
import type { UsageRecord } from '../usage/ledger';
import { parseLedgerLines } from '../usage/ledger';
import type { LedgerQuery, SqliteUsageLedger } from './sqliteLedger';

const CSV_COLUMNS: ReadonlyArray<[string, (r: UsageRecord) => unknown]> = [
  ['time', (r) => r.time], ['provider', (r) => r.provider], ['model', (r) => r.model], ['modelId', (r) => r.modelId], ['region', (r) => r.region],
  ['surface', (r) => r.surface], ['outcome', (r) => r.outcome], ['errorType', (r) => r.errorType], ['cached', (r) => r.cached],
  ['inputTokens', (r) => r.inputTokens], ['outputTokens', (r) => r.outputTokens], ['cacheWriteInputTokens', (r) => r.cacheWriteInputTokens],
  ['cacheReadInputTokens', (r) => r.cacheReadInputTokens], ['costUsd', (r) => r.costUsd], ['cacheWriteCostUsd', (r) => r.cacheWriteCostUsd],
  ['latencyMs', (r) => r.latencyMs], ['timeToFirstTokenMs', (r) => r.timeToFirstTokenMs],
  ['failoverFrom', (r) => r.failover?.from], ['failoverTo', (r) => r.failover?.to], ['failoverReason', (r) => r.failover?.reason],
];

/** Writes every matching record as JSONL; returns how many. */
export async function exportUsageJsonl(ledger: SqliteUsageLedger, file: string, query: LedgerQuery = {}): Promise<number> {
  return writeLines(file, ledger.rows(query), (r) => JSON.stringify(r));
}

/** Writes every matching record as CSV (header first; unknown price = empty cell, never 0); returns how many. */
export async function exportUsageCsv(ledger: SqliteUsageLedger, file: string, query: LedgerQuery = {}): Promise<number> {
  return writeLines(file, ledger.rows(query), (r) => CSV_COLUMNS.map(([, get]) => csvCell(get(r))).join(','), CSV_COLUMNS.map(([name]) => name).join(','));
}

/** Appends the records of a JSONL file (an export or an old ledger file) in one transaction. */
export async function importUsageJsonl(ledger: SqliteUsageLedger, file: string): Promise<{ added: number; skipped: number }> {
  return ledger.appendMany(parseLedgerLines(await fs.readFile(file, 'utf8')));
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  let s = String(v);
  // A cell a spreadsheet would run as a formula is quoted as text.
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function writeLines(file: string, batches: Iterable<UsageRecord[]>, line: (r: UsageRecord) => string, header?: string): Promise<number> {
  const handle = await fs.open(file, 'w');
  let n = 0;
  try {
    if (header) await handle.write(header + '\n');
    for (const batch of batches) {
      await handle.write(batch.map((r) => line(r) + '\n').join(''));
      n += batch.length;
    }
  } finally {
    await handle.close();
  }
  return n;
}
