// Parse and validate configuration from YAML text or a plain object (VS Code settings).
// Every bad field is reported with its path in the source's notation; nothing throws.
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { redactSecrets } from '../errors';
import type { ModelMapping, ModelMappingEntry } from '../models/catalog';
import { catalogLogicalNames, catalogByName, normalizeLogicalName } from '../models/catalog';
import { closestName } from '../models/closestName';
import { parseModelId } from '../models/modelIds';
import type { ConfigIssue, FieldSpec, Notation, PartialSwitchboardConfig } from './schema';
import { FIELDS, MAPPING_ENTRY_KEYS, setConfigValue } from './schema';
import { checkConfigCombination, checkField, checkMappingTarget, show } from './validate';
import { yamlLib } from './yamlLib';

export type ParseResult =
  | { ok: true; config: PartialSwitchboardConfig; warnings: ConfigIssue[] }
  | { ok: false; errors: ConfigIssue[]; warnings: ConfigIssue[] };

interface RawIssue {
  severity: 'error' | 'warning';
  /** Path parts in the source's notation, without the `switchboard` root. */
  parts: string[];
  problem: string;
}

type Tree = Map<string, FieldSpec | Tree>;

function buildTree(notation: Notation): Tree {
  const root: Tree = new Map();
  for (const f of FIELDS) {
    const parts = notation === 'yaml' ? f.yaml : f.settings;
    let node = root;
    for (const p of parts.slice(0, -1)) {
      let next = node.get(p);
      if (!(next instanceof Map)) {
        next = new Map();
        node.set(p, next);
      }
      node = next;
    }
    node.set(parts[parts.length - 1] ?? '', f);
  }
  return root;
}
const TREES: Record<Notation, Tree> = { yaml: buildTree('yaml'), settings: buildTree('settings') };

/** Parse a plain object: a YAML document's data (`notation: 'yaml'`) or the `switchboard` settings section. */
export function parseConfigObject(obj: unknown, sourceName: string, notation: Notation): ParseResult {
  try {
    const { config, issues } = validateObject(obj, notation);
    return finish(config, issues.map((i) => toIssue(i, sourceName, notation)));
  } catch (e) {
    return finish({}, [{ severity: 'error', path: '', source: sourceName, message: `could not read the configuration: ${redactSecrets(e instanceof Error ? e.message : String(e))}` }]);
  }
}

/** Parse YAML text; syntax errors and field errors carry line and column. */
export function parseConfigYaml(text: string, sourceName: string): ParseResult {
  const { LineCounter: Counter, parseDocument } = yamlLib();
  const lineCounter = new Counter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const syntax: ConfigIssue[] = [...doc.errors, ...doc.warnings].map((err) => {
    const pos = lineCounter.linePos(err.pos[0]);
    const what = redactSecrets(err.message.split('\n')[0] ?? err.message);
    return {
      severity: doc.errors.includes(err) ? 'error' : 'warning', path: '', source: sourceName, line: pos.line, column: pos.col,
      message: `YAML syntax error at line ${pos.line}, column ${pos.col}: ${what}`,
    };
  });
  if (doc.errors.length > 0) return finish({}, syntax);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return finish({}, [...syntax, { severity: 'error', path: '', source: sourceName, message: `YAML could not be read: ${redactSecrets(e instanceof Error ? e.message : String(e))}` }]);
  }
  const { config, issues } = validateObject(data, 'yaml');
  const located = issues.map((i) => {
    const issue = toIssue(i, sourceName, 'yaml');
    const pos = positionOf(doc, i.parts, lineCounter);
    return pos ? { ...issue, line: pos.line, column: pos.col } : issue;
  });
  return finish(config, [...syntax, ...located]);
}

/** `config.yml:3:5: model_provider.bedrock.aws_region: "us-east-9" is not a region`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.line !== undefined ? `${issue.source}:${issue.line}:${issue.column ?? 1}` : issue.source;
  return `${where}: ${issue.message}`;
}

function finish(config: PartialSwitchboardConfig, issues: ConfigIssue[]): ParseResult {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, config, warnings };
}

function toIssue(raw: RawIssue, source: string, notation: Notation): ConfigIssue {
  const path = (notation === 'settings' ? ['switchboard', ...raw.parts] : raw.parts).join('.');
  return { severity: raw.severity, path, source, message: redactSecrets(path ? `${path}: ${raw.problem}` : raw.problem) };
}

function positionOf(doc: Document.Parsed, parts: string[], lc: LineCounter): { line: number; col: number } | undefined {
  for (let n = parts.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true)) as YamlNode | null | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return lc.linePos(node.range[0]);
  }
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validateObject(obj: unknown, notation: Notation): { config: PartialSwitchboardConfig; issues: RawIssue[] } {
  const config: PartialSwitchboardConfig = {};
  const issues: RawIssue[] = [];
  if (obj === null || obj === undefined) return { config, issues };
  if (!isPlainObject(obj)) return { config, issues: [{ severity: 'error', parts: [], problem: `the configuration must be a mapping (got ${show(obj)})` }] };
  const root = notation === 'settings' ? settingsRoot(obj) : obj;
  walk(TREES[notation], root, [], notation, config, issues);
  issues.push(...combination(config, notation));
  return { config, issues };
}

/** Accept `{switchboard: {...}}`, `{modelProvider: {...}}` and flat dotted keys (`modelProvider.bedrock.awsRegion`). */
function settingsRoot(obj: Record<string, unknown>): Record<string, unknown> {
  const base = isPlainObject(obj['switchboard']) ? obj['switchboard'] : obj;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) {
    if (k === 'switchboard' || typeof v === 'function') continue;
    const parts = k.replace(/^switchboard\./, '').split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) {
      if (!isPlainObject(node[p])) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1] ?? k;
    node[last] = isPlainObject(v) && isPlainObject(node[last]) ? { ...(node[last] as object), ...v } : v;
  }
  return out;
}

// `token` only at the end of a key (`auth_token`, `sessionToken`): `max_output_tokens` /
// `maxOutputTokens` count tokens, they are not secrets.
const SECRET_KEY_RE = /(api[_-]?key$|secret|token$|password|access[_-]?key)/i;

/** Keys people write for a Switchboard setting elsewhere in the file: the path they mean. */
const YAML_ALIASES: Record<string, string> = { provider: 'model_provider.type', type: 'model_provider.type', fallback: 'model_provider.fallback_provider' };

const snake = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();

/** `did you mean` for an unknown key: a sibling of the same spelling in snake_case / camelCase, a known alias, a near sibling, or a key of that name elsewhere. */
function suggestionFor(key: string, siblings: readonly string[], parts: string[], notation: Notation): string | undefined {
  // Siblings by their own name; a key of another place by its full path.
  const want = notation === 'yaml' ? snake(key) : key;
  const same = siblings.find((k) => (notation === 'yaml' ? k === want : snake(k) === snake(key)));
  if (same) return same;
  if (notation === 'yaml' && parts.length === 0 && YAML_ALIASES[want]) return YAML_ALIASES[want];
  const near = closestName(key, siblings);
  if (near) return near;
  const elsewhere = FIELDS.map((f) => (notation === 'yaml' ? f.yaml : f.settings)).find((p) => (notation === 'yaml' ? p[p.length - 1] === want : snake(p[p.length - 1] ?? '') === snake(key)));
  return elsewhere ? elsewhere.join('.') : undefined;
}

function combination(config: PartialSwitchboardConfig, notation: Notation): RawIssue[] {
  const pathOf = (key: 'maxOutputTokens' | 'thinkingBudget'): string[] => {
    const f = FIELDS.find((x) => x.key === key)!;
    return [...(notation === 'yaml' ? f.yaml : f.settings)];
  };
  const layer = notation === 'yaml' ? 'file' : 'settings';
  return checkConfigCombination({
    ...config,
    sourceOf: (key) => (config[key] === undefined ? undefined : layer),
    nameOf: (key) => (notation === 'yaml' ? pathOf(key) : ['switchboard', ...pathOf(key)]).join('.'),
  }).map((i) => ({ severity: i.severity, parts: pathOf(i.key), problem: i.problem }));
}

function walk(tree: Tree, obj: Record<string, unknown>, parts: string[], notation: Notation, config: PartialSwitchboardConfig, issues: RawIssue[]): void {
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value === 'function' || value === undefined) continue;
    const here = [...parts, key];
    const child = tree.get(key);
    if (!child) {
      const near = suggestionFor(key, [...tree.keys()], parts, notation);
      const secret = SECRET_KEY_RE.test(key) && key !== 'use_bedrock_api_key' && key !== 'useBedrockApiKey';
      // A config.yml may hold other applications' sections: a top-level key is reported when it
      // names a Switchboard setting in another spelling or place (`provider`, `maxOutputTokens`,
      // `aws_region`), or looks like a typo of one — it is ignored, which must not be silent.
      if (parts.length === 0 && notation === 'yaml' && !near && !secret) continue;
      const problem = secret
        ? 'keys and secrets never go in configuration; store them with the "Switchboard: Set … Key" commands or in the environment variable'
        : `unknown setting${near ? ` (did you mean "${near}"?)` : ''}; ignored`;
      issues.push({ severity: 'warning', parts: here, problem });
      continue;
    }
    if (child instanceof Map) {
      if (value === null) continue;
      if (!isPlainObject(value)) issues.push({ severity: 'error', parts: here, problem: `must be a mapping (got ${show(value)})` });
      else walk(child, value, here, notation, config, issues);
      continue;
    }
    if (child.kind.type === 'mapping') {
      const mapping = checkMapping(value, here, notation, issues);
      if (mapping) setConfigValue(config, child.key, mapping);
      continue;
    }
    const checked = checkField(child.kind, value);
    if (!checked.ok) {
      issues.push({ severity: 'error', parts: here, problem: checked.problem });
      continue;
    }
    if (checked.warning) issues.push({ severity: 'warning', parts: here, problem: checked.warning });
    setConfigValue(config, child.key, checked.value);
  }
}

function checkMapping(value: unknown, parts: string[], notation: Notation, issues: RawIssue[]): ModelMapping | undefined {
  if (value === null) return {};
  if (!isPlainObject(value)) {
    issues.push({ severity: 'error', parts, problem: `must be a mapping of model names to {anthropic, bedrock} IDs (got ${show(value)})` });
    return undefined;
  }
  const keys = MAPPING_ENTRY_KEYS[notation];
  const known = [...new Set([...catalogLogicalNames(), ...Object.keys(value)])];
  const mapping: ModelMapping = {};
  let bad = false;
  for (const [name, raw] of Object.entries(value)) {
    const here = [...parts, name];
    const fail = (problem: string, at: string[] = here): void => {
      issues.push({ severity: 'error', parts: at, problem });
      bad = true;
    };
    if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(name)) fail('a model name may only contain letters, digits and . _ : -');
    if (!isPlainObject(raw)) {
      fail(`must be a mapping with "anthropic" and / or "bedrock" model IDs (got ${show(raw)})`);
      continue;
    }
    const entry: ModelMappingEntry = {};
    for (const [k, v] of Object.entries(raw)) {
      const at = [...here, k];
      if (k === keys.anthropic || k === keys.bedrock) {
        const provider = k === keys.anthropic ? 'anthropic' : 'bedrock';
        const checked = checkMappingTarget(provider, v, known);
        if (checked.ok) entry[provider] = checked.value as string;
        else fail(checked.problem, at);
      } else if (k === keys.fallback) {
        if (typeof v !== 'string' || !known.includes(v.trim())) fail(`${show(v)} is not a known model name${typeof v === 'string' && closestName(v, known) ? ` (did you mean "${closestName(v, known)}"?)` : ''}`, at);
        else if (normalizeLogicalName(v) === normalizeLogicalName(name)) fail('a model cannot fall back to itself', at);
        else entry.fallback = v.trim();
      } else if (k === keys.baseModel) {
        const ok = typeof v === 'string' && (catalogByName(normalizeLogicalName(v)) !== undefined || parseModelId(v.trim()).kind !== 'unknown');
        if (ok) entry.baseModel = (v as string).trim();
        else fail(`${show(v)} is neither a known model name nor a model ID`, at);
      } else {
        const near = closestName(k, Object.values(keys));
        issues.push({ severity: 'warning', parts: at, problem: `unknown key${near ? ` (did you mean "${near}"?)` : ''}` });
      }
    }
    if (!entry.anthropic && !entry.bedrock && !entry.fallback && Object.keys(raw).every((k) => !Object.values(keys).includes(k))) {
      fail(`must set "${keys.anthropic}", "${keys.bedrock}" or "${keys.fallback}"`);
    }
    mapping[name] = entry;
  }
  return bad ? undefined : mapping;
}
