// The dashboard's Usage tab: month-to-date spend, budget, spend by provider and model, the
// charts (daily spend, tokens, caching savings, spend by surface), the response cache. Its part of
// the view model and the messages its page sends. No vscode, no DOM.
import type { ChartView } from './chartView';

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

export interface CacheView {
  enabled: boolean;
  entries: number;
  size: string;
  hitRate: string;
  saved: string;
  /** Which requests are looked up at all (why the chat's requests show no lookups). */
  note?: string;
}

/** Who asked (chat, CLI, an extension through the language model API) and what it cost this month. */
export interface SurfaceRow {
  key: string;
  label: string;
  cost: string;
  requests: number;
  /** 0..1 of the largest surface's spend. */
  fraction: number;
}

export interface UsageChartsView {
  month: string;
  charts: ChartView[];
  surfaces: SurfaceRow[];
}

/** The Usage tab's part of the dashboard view model (absent when the ledger / cache cannot be read). */
export interface UsagePart {
  usage?: UsageView;
  /** The month's charts from the store (src/presenters/dashboard/usageCharts.ts). */
  usageCharts?: UsageChartsView;
  cache?: CacheView;
}

/** webview → host messages of the Usage tab. */
export const USAGE_SHAPES = {
  clearCache: {},
  showUsage: {},
};
