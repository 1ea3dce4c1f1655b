import type { SuiteResult } from './result';

/** Prints a SuiteResult like mocha's spec reporter and returns its one-line summary. */
export function printSuiteResult(label: string, result: SuiteResult, listTests = true): string {
  console.log(`\n${label}`);
  for (const test of listTests ? result.tests : []) {
    const mark = test.state === 'passed' ? '✓' : test.state === 'failed' ? '✗' : '-';
    const duration = test.durationMs !== undefined ? ` (${test.durationMs} ms)` : '';
    console.log(`  ${mark} ${test.title}${duration}`);
  }
  result.failures.forEach((failure, index) => {
    console.log(`\n  ${index + 1}) ${failure.title}\n${failure.error.replace(/^/gm, '     ')}`);
  });
  const summary = `${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''}`;
  console.log(`\n${label}: ${summary}`);
  return summary;
}
