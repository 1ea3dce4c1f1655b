/**
 * Code the emulators' demo answers show (demoAnswers.ts): one small, correct, idiomatic example
 * per language, chosen from the question. Plain data.
 */
export interface DemoSnippet {
  /** The fence's language tag, as a model writes it. */
  lang: string;
  title: string;
  code: string;
  /** What the code does, step by step (a numbered list under the code). */
  steps: string[];
}

const TS_DEBOUNCE: DemoSnippet = {
  lang: 'typescript',
  title: 'A typed debounce in TypeScript',
  code: [
    'export function debounce<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): (...args: A) => void {',
    '  let timer: ReturnType<typeof setTimeout> | undefined;',
    '  return (...args: A) => {',
    '    clearTimeout(timer);',
    '    timer = setTimeout(() => fn(...args), waitMs);',
    '  };',
    '}',
    '',
    "const save = debounce((text: string) => console.log('saving', text), 300);",
    "save('h'); save('he'); save('hello'); // logs once: saving hello",
  ].join('\n'),
  steps: [
    'Every call clears the pending timer, so only the last call in a burst survives.',
    'The generic `A` keeps the wrapped function\'s parameter types.',
    '`ReturnType<typeof setTimeout>` works in Node and in the browser.',
  ],
};

const TS_RETRY: DemoSnippet = {
  lang: 'typescript',
  title: 'Retry with exponential backoff in TypeScript',
  code: [
    'export async function withRetry<T>(task: () => Promise<T>, attempts = 4, baseMs = 200): Promise<T> {',
    '  for (let attempt = 1; ; attempt++) {',
    '    try {',
    '      return await task();',
    '    } catch (error) {',
    '      if (attempt >= attempts) throw error;',
    '      const delay = baseMs * 2 ** (attempt - 1) * (0.5 + Math.random());',
    '      await new Promise((resolve) => setTimeout(resolve, delay));',
    '    }',
    '  }',
    '}',
  ].join('\n'),
  steps: [
    'Run the task; return its result as soon as it succeeds.',
    'On failure, wait `baseMs × 2^(attempt−1)` with jitter, so clients do not retry in lockstep.',
    'After the last attempt, rethrow the original error unchanged.',
  ],
};

const PYTHON: DemoSnippet = {
  lang: 'python',
  title: 'Retry with exponential backoff in Python',
  code: [
    'import random',
    'import time',
    '',
    '',
    'def with_retry(task, attempts=4, base=0.2):',
    '    for attempt in range(1, attempts + 1):',
    '        try:',
    '            return task()',
    '        except Exception:',
    '            if attempt == attempts:',
    '                raise',
    '            time.sleep(base * 2 ** (attempt - 1) * (0.5 + random.random()))',
  ].join('\n'),
  steps: ['Call `task()` and return its value on success.', 'Sleep with exponential backoff and jitter between attempts.', 'Re-raise the last exception once the attempts are used up.'],
};

const SQL: DemoSnippet = {
  lang: 'sql',
  title: 'Top customers by revenue in SQL',
  code: [
    'SELECT c.name,',
    '       SUM(o.total) AS revenue,',
    '       COUNT(*)     AS orders',
    'FROM customers AS c',
    'JOIN orders    AS o ON o.customer_id = c.id',
    "WHERE o.created_at >= DATE '2026-01-01'",
    'GROUP BY c.name',
    'ORDER BY revenue DESC',
    'LIMIT 10;',
  ].join('\n'),
  steps: ['Join each order to its customer.', 'Sum and count per customer for the period.', 'Keep the ten largest by revenue.'],
};

const BASH: DemoSnippet = {
  lang: 'bash',
  title: 'Find the largest files with a shell one-liner',
  code: ['#!/usr/bin/env bash', 'set -euo pipefail', '', '# The 10 largest files under the current folder, human-readable sizes', "find . -type f -not -path './.git/*' -print0 \\", '  | xargs -0 du -h \\', '  | sort -rh \\', '  | head -n 10'].join('\n'),
  steps: ['`find -print0` lists files safely, whatever their names contain.', '`du -h` measures each one.', '`sort -rh | head` keeps the ten largest.'],
};

const RUST: DemoSnippet = {
  lang: 'rust',
  title: 'Counting words in Rust',
  code: [
    'use std::collections::HashMap;',
    '',
    'fn word_counts(text: &str) -> HashMap<String, usize> {',
    '    let mut counts = HashMap::new();',
    '    for word in text.split_whitespace() {',
    '        *counts.entry(word.to_lowercase()).or_insert(0) += 1;',
    '    }',
    '    counts',
    '}',
  ].join('\n'),
  steps: ['Split on any whitespace.', 'Normalise case so "The" and "the" count together.', '`entry().or_insert(0)` creates or updates the count in one lookup.'],
};

const GO: DemoSnippet = {
  lang: 'go',
  title: 'A context-aware HTTP GET in Go',
  code: [
    'func fetch(ctx context.Context, url string) ([]byte, error) {',
    '\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)',
    '\tif err != nil {',
    '\t\treturn nil, err',
    '\t}',
    '\tresp, err := http.DefaultClient.Do(req)',
    '\tif err != nil {',
    '\t\treturn nil, err',
    '\t}',
    '\tdefer resp.Body.Close()',
    '\treturn io.ReadAll(resp.Body)',
    '}',
  ].join('\n'),
  steps: ['Bind the request to `ctx`, so a cancel or deadline stops it.', 'Always close the body, even when you do not read it.', 'Return errors to the caller instead of logging them here.'],
};

/** The example for a code question: by the language it names, else TypeScript. */
export function snippetFor(question: string): DemoSnippet {
  const q = question.toLowerCase();
  if (/\bpython\b|\.py\b|\bdjango\b|\bpandas\b/.test(q)) return PYTHON;
  if (/\bsql\b|\bpostgres|\bmysql\b|\bsqlite\b|\bquery\b/.test(q)) return SQL;
  if (/\bbash\b|\bshell\b|\bzsh\b|command line|one-liner/.test(q)) return BASH;
  if (/\brust\b|\bcargo\b/.test(q)) return RUST;
  if (/\bgolang\b|\bin go\b|\bgo (code|function|program)\b/.test(q)) return GO;
  if (/debounce|throttle/.test(q)) return TS_DEBOUNCE;
  return TS_RETRY;
}
