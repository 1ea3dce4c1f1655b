// Validation of user price overrides (`switchboard.prices` in settings, `prices.json` under
// SWITCHBOARD_HOME for the CLI). Prices change more often than releases; a wrong override must
// be reported and skipped, never silently priced at $0.
import { promises as fs } from 'node:fs';
import type { PriceOverride, PriceOverrides } from './prices';

const RATE_KEYS = ['input', 'output', 'cacheWrite', 'cacheWrite1h', 'cacheRead'] as const;

function isRate(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 100_000;
}

/**
 * `{ "<model ID, logical name or provider:key>": { input, output, cacheWrite?, cacheWrite1h?, cacheRead? } }`,
 * USD per million tokens. Invalid entries are dropped with one message each.
 */
export function parsePriceOverrides(raw: unknown, where = 'switchboard.prices'): { overrides: PriceOverrides; issues: string[] } {
  const overrides: PriceOverrides = {};
  const issues: string[] = [];
  if (raw === undefined || raw === null) return { overrides, issues };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { overrides, issues: [`${where}: expected an object keyed by model ID or logical name, e.g. {"sonnet": {"input": 3, "output": 15}}.`] };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const path = `${where}.${key}`;
    if (!key.trim()) {
      issues.push(`${where}: an entry has an empty model name; skipped.`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push(`${path}: expected an object with "input" and "output" USD per million tokens; skipped.`);
      continue;
    }
    const v = value as Record<string, unknown>;
    const unknownKeys = Object.keys(v).filter((k) => !(RATE_KEYS as readonly string[]).includes(k));
    if (unknownKeys.length > 0) issues.push(`${path}: unknown field(s) ${unknownKeys.join(', ')} (allowed: ${RATE_KEYS.join(', ')}); ignored.`);
    if (!isRate(v.input) || !isRate(v.output)) {
      issues.push(`${path}: "input" and "output" must be non-negative numbers (USD per million tokens); skipped.`);
      continue;
    }
    const entry: PriceOverride = { input: v.input, output: v.output };
    let bad = false;
    for (const k of ['cacheWrite', 'cacheWrite1h', 'cacheRead'] as const) {
      if (v[k] === undefined) continue;
      if (!isRate(v[k])) {
        issues.push(`${path}.${k}: must be a non-negative number (USD per million tokens); skipped.`);
        bad = true;
      } else entry[k] = v[k];
    }
    if (!bad) overrides[key.trim()] = entry;
  }
  return { overrides, issues };
}

/** The CLI's overrides file; missing file = no overrides. */
export async function loadPriceOverridesFile(file: string): Promise<{ overrides: PriceOverrides; issues: string[] }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return { overrides: {}, issues: [] };
  }
  try {
    return parsePriceOverrides(JSON.parse(text), file);
  } catch (e) {
    return { overrides: {}, issues: [`${file}: not valid JSON (${(e as Error).message}); no price overrides applied.`] };
  }
}
