// The charts' colours and font, read from the theme VS Code gives the webview (--vscode-* variables
// on <html>, a vscode-light / -dark / -high-contrast / -high-contrast-light class on <body>), and a
// watch that tells the charts to redraw when the user switches theme.
import { CHART_COLORS } from '../../../../src/shared/dashboard/chartView';
import type { ChartColor } from '../../../../src/shared/dashboard/chartView';

export interface ChartTheme {
  colors: Record<ChartColor, string>;
  /** Axis labels. */
  foreground: string;
  /** Grid lines and ticks. */
  lines: string;
  font: string;
  /** High contrast: thicker lines, no translucent fills. */
  highContrast: boolean;
}

/** VS Code's own defaults (Dark Modern), used only when a variable is missing. */
const FALLBACK: Record<ChartColor, string> = { blue: '#3794ff', orange: '#d18616', green: '#89d185', purple: '#b180d7', yellow: '#cca700', red: '#f14c4c' };

/** The kind of theme the page has now (VS Code's class on <body>): what a drawn chart is marked with. */
export function themeKind(): string {
  const c = document.body.classList;
  return ['vscode-high-contrast-light', 'vscode-high-contrast', 'vscode-light', 'vscode-dark'].find((k) => c.contains(k)) ?? 'unknown';
}

let cached: ChartTheme | undefined;

/** The theme as last read: computed styles are read once per theme, not per legend entry (each read forces a style pass). */
export function chartTheme(): ChartTheme {
  return (cached ??= readChartTheme());
}

export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const colors = Object.fromEntries(CHART_COLORS.map((c) => [c, opaque(v(`--vscode-charts-${c}`, FALLBACK[c]))])) as Record<ChartColor, string>;
  const size = Number.parseFloat(v('--vscode-font-size', '13')) || 13;
  const family = v('--vscode-font-family', 'system-ui, sans-serif');
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  return {
    colors,
    foreground: v('--vscode-charts-foreground', v('--vscode-foreground', '#cccccc')),
    lines: v('--vscode-charts-lines', v('--vscode-widget-border', 'rgba(128, 128, 128, 0.5)')),
    font: `${Math.max(11, Math.round(size * 0.92))}px ${family}`,
    highContrast,
  };
}

/**
 * Calls `redraw` after the theme changes (VS Code rewrites <html>'s style and <body>'s class),
 * once per burst of changes. Returns the stop function.
 */
export function watchTheme(redraw: () => void): () => void {
  let last = themeKey(chartTheme());
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      const fresh = readChartTheme();
      const key = themeKey(fresh);
      if (key === last) return;
      last = key;
      cached = fresh;
      redraw();
    });
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

function themeKey(t: ChartTheme): string {
  return JSON.stringify([t.colors, t.foreground, t.lines, t.font, t.highContrast]);
}

/**
 * The colour without its alpha. Some themes give a chart colour as a translucent overlay (Dark
 * Modern's charts.orange is #d186167e-like): filled bars then read as dark brown on a dark
 * background. Series must be told apart, so they are drawn at full strength.
 */
export function opaque(color: string): string {
  const c = color.trim();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(c)?.[1];
  if (hex) return hex.length === 4 ? `#${hex.slice(0, 3)}` : hex.length === 8 ? `#${hex.slice(0, 6)}` : c;
  const rgba = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
  return rgba ? `rgb(${rgba[1]}, ${rgba[2]}, ${rgba[3]})` : c;
}
