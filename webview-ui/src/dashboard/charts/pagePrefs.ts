// A small key-value part of the page's saved state (getState / setState) that sections use for
// their own view choices — which chart tables are open, the Health tab's range — so those survive
// hiding the panel and reloading the window like the selected tab does.
export interface PagePrefs {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}
