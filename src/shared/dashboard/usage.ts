// The dashboard's Usage tab: month-to-date spend, budget, spend by provider and model, the
// response cache. Its part of the view model and the messages its page sends. No vscode, no DOM.

export interface BarRow { key: string; cost: string; requests: number; /** 0..1 of the largest row */ fraction: number }

export interface UsageView {
  month: string;
  total: string;
  requests: number;
  /** Absent when nothing was written to the prompt cache this month. */
  cacheWrite?: string;
  budget?: { limit: string; percent: number; label: string; hardStop: boolean };
  byProvider: BarRow[];
  byModel: BarRow[];
  comparison: string[];
  /** `warning`: the budget's own advice (no saving), shown first. */
  advice: Array<{ title: string; detail: string; saving?: string; warning?: boolean }>;
}

export interface CacheView { enabled: boolean; entries: number; size: string; hitRate: string; saved: string }

/** The Usage tab's part of the dashboard view model (absent when the ledger / cache cannot be read). */
export interface UsagePart {
  usage?: UsageView;
  cache?: CacheView;
}

/** webview → host messages of the Usage tab. */
export const USAGE_SHAPES = {
  clearCache: {},
  showUsage: {},
};
