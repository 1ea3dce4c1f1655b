// uPlot options and data for one ChartView: time on x, the unit's scale on y, the theme's colours;
// `bars` are stacked (each series drawn from 0 to the running total, largest first, so the smaller
// ones sit in front). uPlot draws on a canvas and styles its own elements through the CSSOM only,
// which the page's CSP allows; its stylesheet is bundled into ours (chartStyles.ts).
import uPlot from 'uplot';
import type { ChartUnit, ChartView } from '../../../../src/shared/dashboard/chartView';
import type { ChartTheme } from './chartTheme';

export const CHART_HEIGHT = 220;

/** Axis and legend text for a value of the chart's unit. */
export function formatValue(unit: ChartUnit, n: number | null | undefined, axis = false): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  switch (unit) {
    case 'usd': {
      const abs = Math.abs(n);
      const digits = abs > 0 && abs < 0.01 ? 4 : axis && (abs >= 10 || abs === 0) ? 0 : 2;
      return `${n < 0 ? '−' : ''}$${abs.toFixed(digits)}`;
    }
    case 'tokens':
      return compact(n);
    case 'ms':
      return n >= 10_000 && axis ? `${(n / 1000).toFixed(0)} s` : `${Math.round(n).toLocaleString('en-US')} ms`;
    case 'percent':
      return `${n.toFixed(n > 0 && n < 10 && !axis ? 1 : 0)} %`;
    case 'count':
      return String(Math.round(n));
  }
}

function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${(n / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e3) return `${(n / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}k`;
  return String(Math.round(n));
}

/** The data uPlot draws: x, then each series (stacked bars: running totals, the whole stack first). */
export function plotData(view: ChartView): uPlot.AlignedData {
  if (view.kind === 'lines') return [view.x, ...view.series.map((s) => s.values)];
  const totals: Array<Array<number | null>> = [];
  let running = view.x.map(() => 0);
  for (const s of view.series) {
    running = running.map((t, i) => t + (s.values[i] ?? 0));
    // Nothing there: no bar at all (a zero-height bar still draws its outline on the axis).
    totals.push(running.map((t) => (t === 0 ? null : t)));
  }
  return [view.x, ...totals.reverse()];
}

function axisWidth(u: uPlot, values: string[] | null, font: string): number {
  if (!values?.length) return 48;
  const ctx = u.ctx;
  ctx.save();
  ctx.font = font;
  const widest = Math.max(...values.map((v) => ctx.measureText(v).width));
  ctx.restore();
  // Measured in the CSS-pixel font (uPlot scales its own by the pixel ratio): text + tick + gap.
  return Math.ceil(widest + 18);
}

export function plotOptions(view: ChartView, theme: ChartTheme, width: number, onCursor: (index: number | null) => void): uPlot.Options {
  const bars = view.kind === 'bars';
  const ordered = bars ? [...view.series].reverse() : view.series;
  const axis = (): uPlot.Axis => ({
    stroke: theme.foreground,
    font: theme.font,
    grid: { stroke: theme.lines, width: 1 },
    ticks: { stroke: theme.lines, width: 1 },
  });
  const barPaths = uPlot.paths.bars?.({ size: [0.7, 48], align: 0 });
  const step = view.x.length > 1 ? view.x[1]! - view.x[0]! : 86_400;
  return {
    width,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { points: { show: false }, drag: { x: false, y: false } },
    scales: {
      // Half a bucket of room each side, so the first and last bars are whole (and one point has a range).
      x: { time: true, range: (_u, min, max) => (bars || min === max ? [min - step / 2, max + step / 2] : [min, max]) },
      y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.08 : 1] },
    },
    axes: [
      axis(),
      // As wide as its longest label (in the theme's font), so "1,000 ms" is never cut.
      {
        ...axis(),
        size: (u, values) => axisWidth(u, values, theme.font),
        values: (_u, splits) => splits.map((n) => formatValue(view.unit, n, true)),
        // Counts (failovers) step by whole numbers: never "0, 0, 1, 1, 1".
        ...(view.unit === 'count' ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] } : {}),
      },
    ],
    series: [
      {},
      ...ordered.map((s): uPlot.Series => ({
        label: s.label,
        stroke: theme.colors[s.color],
        width: theme.highContrast ? 2.5 : bars ? 1 : 2,
        ...(bars ? { fill: theme.colors[s.color], paths: barPaths } : {}),
        ...(s.dashed ? { dash: [6, 4] } : {}),
        spanGaps: false,
        points: { show: !bars && view.x.length <= 2 },
      })),
    ],
    hooks: { setCursor: [(u) => onCursor(u.cursor.idx ?? null)] },
  };
}
