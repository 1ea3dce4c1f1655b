/** What the in-host suite's run() writes to $SWITCHBOARD_TEST_RESULT; the runners read it. */
export interface SuiteTestResult {
  /** "describe title › test title" */
  title: string;
  file?: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  tests: SuiteTestResult[];
  /** Set when the suite could not run at all (no test files, a file failed to load, …). */
  crashed?: string;
}
