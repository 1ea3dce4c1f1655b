// What one dashboard chart shows, built by the host (src/presenters/dashboard/usageCharts.ts,
// healthCharts.ts) and drawn by the page (webview-ui/src/dashboard/charts/). The host formats the
// table cells, so the page draws numbers and shows text; it computes nothing. No vscode, no DOM.

export type ChartUnit = 'usd' | 'tokens' | 'ms' | 'percent' | 'count';

/** The theme colours the page picks from, in order (`--vscode-charts-<name>`). */
export const CHART_COLORS = ['blue', 'orange', 'green', 'purple', 'yellow', 'red'] as const;
export type ChartColor = (typeof CHART_COLORS)[number];

export interface ChartSeriesView {
  label: string;
  /** One value per x; null = no data there (a gap, not a zero). */
  values: Array<number | null>;
  color: ChartColor;
  /** A dashed line (e.g. p95 beside p50, the budget beside the spend). */
  dashed?: boolean;
}

export interface ChartTable {
  caption: string;
  columns: string[];
  /** Formatted cells, one row per x (then any total rows). */
  rows: string[][];
}

export interface ChartView {
  /** Stable id: the page keeps each chart's table toggle under it. */
  id: string;
  title: string;
  /** One sentence saying what the chart shows, with the headline figure (the canvas's accessible name). */
  summary: string;
  /** `bars`: stacked bars per x; `lines`: one line per series. */
  kind: 'bars' | 'lines';
  unit: ChartUnit;
  /** The start of each bucket, in seconds since the epoch (uPlot's time scale). */
  x: number[];
  series: ChartSeriesView[];
  table: ChartTable;
  /** When set, the page shows this text instead of an empty chart (the table stays available). */
  empty?: string;
}
