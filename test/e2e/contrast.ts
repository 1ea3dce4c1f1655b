// WCAG contrast check for one frame (a webview's document, nested iframes included): every visible
// text must reach 4.5:1 against its effective background, large text (≥ 24 px, or ≥ 18.66 px bold)
// 3:1. axe-core's `color-contrast` rule does the work (injected into the frame through the
// DevTools protocol, so the webview's CSP does not block it). What axe cannot decide on its own
// ("needs review": text in a web component's shadow DOM it calls overlapped, one-character
// tokens it calls too short to judge) is measured here from the computed styles, walking the
// flat tree and compositing translucent backgrounds; what neither can measure is reported, never
// passed. Generic: frame in, violations out (the chat's and the dashboard's tests use it).
import { readFileSync } from 'node:fs';
import type { Frame, FrameLocator } from 'playwright-core';

export interface ContrastViolation {
  /** axe's selector for the element (a shadow path is joined with " >>> "). */
  selector: string;
  /** The element's text (trimmed, at most 80 characters). */
  text: string;
  /** Measured ratio; null when it could not be measured (then `reason` says why). */
  ratio: number | null;
  /** 4.5, or 3 for large text. */
  required: number;
  foreground?: string;
  background?: string;
  fontSize?: string;
  fontWeight?: string;
  /** Who judged: axe itself, this file's own measurement, or nobody (undetermined). */
  source: 'axe' | 'computed' | 'undetermined';
  reason?: string;
}

export interface ContrastOptions {
  /** CSS selectors of parts to leave out (say why in the caller). */
  exclude?: string[];
  /**
   * Page through every scrolled container (default true): axe judges only what is on screen, so
   * text scrolled out of a transcript would otherwise never be checked. Positions are restored.
   */
  scrollThrough?: boolean;
}

let axeSource: string | undefined;

/** The `Frame` of a FrameLocator (e.g. a webview's inner `iframe#active-frame`), for `contrastViolations`. */
export async function frameOf(locator: FrameLocator): Promise<Frame> {
  const body = await locator.locator('body').elementHandle({ timeout: 30_000 });
  const frame = await body?.ownerFrame();
  await body?.dispose();
  if (!frame) throw new Error('contrast: the frame has no document');
  return frame;
}

/** Every visible text in `frame` below its required contrast ratio (empty = the frame passes). */
export async function contrastViolations(frame: Frame, options: ContrastOptions = {}): Promise<ContrastViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await frame.evaluate('typeof window.axe === "object"'))) await frame.evaluate(axeSource);
  const check = async (): Promise<ContrastViolation[]> =>
    // A string, not a function: the test runner's transpiler would add helpers the page does not have.
    (await frame.evaluate(`(${IN_PAGE})(${JSON.stringify(options.exclude ?? [])})`)) as ContrastViolation[];
  const found = new Map<string, ContrastViolation>();
  const add = (list: ContrastViolation[]): void => {
    for (const v of list) found.set(`${v.selector}\u0000${v.text}`, v);
  };
  add(await check());
  if (options.scrollThrough !== false) {
    const containers = (await frame.evaluate(SCROLLERS)) as number;
    for (let i = 0; i < containers; i++) {
      for (let page = 0; ; page++) {
        const moved = (await frame.evaluate(`(${SCROLL_TO})(${i}, ${page})`)) as boolean;
        if (!moved) break;
        add(await check());
      }
    }
    await frame.evaluate(`(${SCROLL_TO})(-1, -1)`);
  }
  return [...found.values()];
}

/** One line per violation, for an assertion message. */
export function describeViolations(violations: readonly ContrastViolation[]): string {
  return violations.map((v) => `${v.selector} "${v.text}": ${v.ratio === null ? `not measurable (${v.reason})` : `${v.ratio.toFixed(2)}:1 < ${v.required}:1`}`
    + `${v.foreground ? ` (${v.foreground} on ${v.background}, ${v.fontSize} ${v.fontWeight})` : ''} [${v.source}]`).join('\n');
}

/** Marks the scrolled containers (either axis) and remembers where each was; returns how many. */
const SCROLLERS = String.raw`(() => {
  const scrolls = (overflow) => /(auto|scroll)/.test(overflow);
  const all = [...document.querySelectorAll('*')].filter((el) => {
    const s = getComputedStyle(el);
    return el.clientHeight > 0 && ((scrolls(s.overflowY) && el.scrollHeight > el.clientHeight + 1) || (scrolls(s.overflowX) && el.scrollWidth > el.clientWidth + 1));
  });
  window.__contrastScrollers = all.map((el) => ({ el, top: el.scrollTop, left: el.scrollLeft }));
  return all.length;
})()`;

/**
 * Scrolls container \`i\` to page \`page\` of its positions (pages down, then pages across: a page is its
 * size less a line); false past the last. \`i = -1\` puts every container back where it was.
 */
const SCROLL_TO = String.raw`(i, page) => {
  if (i < 0) {
    for (const { el, top, left } of window.__contrastScrollers) { el.scrollTop = top; el.scrollLeft = left; }
    return true;
  }
  const { el } = window.__contrastScrollers[i];
  // A scroller inside another (a code block in the transcript) is paged where it can be seen.
  if (page === 0) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const stepY = Math.max(20, el.clientHeight - 20), stepX = Math.max(20, el.clientWidth - 20);
  const rows = Math.ceil(Math.max(0, el.scrollHeight - el.clientHeight) / stepY) + 1;
  const cols = Math.ceil(Math.max(0, el.scrollWidth - el.clientWidth) / stepX) + 1;
  if (page >= rows * cols) return false;
  el.scrollTop = Math.min(stepY * Math.floor(page / cols), el.scrollHeight - el.clientHeight);
  el.scrollLeft = Math.min(stepX * (page % cols), el.scrollWidth - el.clientWidth);
  return true;
}`;

const IN_PAGE = String.raw`async (exclude) => {
  const context = exclude.length ? { exclude } : document;
  const result = await axe.run(context, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations', 'incomplete'], elementRef: true });
  const selectorOf = (node) => node.target.map((t) => Array.isArray(t) ? t.join(' >>> ') : t).join(' ');
  // Text as shown: a <slot> shows the nodes assigned to it.
  const flatText = (node) => node.nodeType === 3 ? node.data : node.localName === 'slot' ? node.assignedNodes({ flatten: true }).map(flatText).join('')
    : node.nodeType === 1 && node.localName !== 'style' && node.localName !== 'script' ? [...node.childNodes].map(flatText).join('') : '';
  const textOf = (el) => flatText(el).replace(/\s+/g, ' ').trim().slice(0, 80);
  const parse = (c) => {
    const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(c);
    if (!m) return undefined;
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return { r: +m[1], g: +m[2], b: +m[3], a };
  };
  const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratioOf = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  // The flat tree: slotted nodes belong under their slot, a shadow root under its host.
  const parentOf = (el) => el.assignedSlot || el.parentElement || (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null);
  const requiredFor = (style) => { const px = parseFloat(style.fontSize); const bold = parseInt(style.fontWeight, 10) >= 700; return px >= 24 || (bold && px >= 18.66) ? 3 : 4.5; };
  const measure = (el) => {
    const style = getComputedStyle(el);
    const fg = parse(style.color);
    if (!fg) return { reason: 'unsupported colour ' + style.color };
    const layers = [];
    let opacity = 1;
    for (let node = el; node; node = parentOf(node)) {
      const s = getComputedStyle(node);
      opacity *= parseFloat(s.opacity);
      if (s.backgroundImage && s.backgroundImage !== 'none') return { reason: 'background image on ' + node.tagName.toLowerCase() };
      const bg = parse(s.backgroundColor);
      if (!bg) return { reason: 'unsupported background ' + s.backgroundColor };
      if (bg.a > 0) layers.push(bg);
      if (bg.a >= 1) break;
    }
    // Nothing opaque up to the root: the page's canvas is white.
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) bg = over(layer, bg);
    const shown = over({ ...fg, a: fg.a * opacity }, bg);
    return { ratio: ratioOf(shown, bg), fg: hex(shown), bg: hex(bg), required: requiredFor(style), style };
  };
  const out = [];
  for (const node of result.violations.flatMap((r) => r.nodes)) {
    const d = (node.any[0] && node.any[0].data) || {};
    out.push({ selector: selectorOf(node), text: textOf(node.element), ratio: d.contrastRatio ?? null, required: parseFloat(d.expectedContrastRatio) || 4.5,
      foreground: d.fgColor, background: d.bgColor, fontSize: d.fontSize, fontWeight: d.fontWeight, source: 'axe' });
  }
  for (const node of result.incomplete.flatMap((r) => r.nodes)) {
    const d = (node.any[0] && node.any[0].data) || {};
    const required = parseFloat(d.expectedContrastRatio) || 4.5;
    // axe measured the colours but would not judge (e.g. a one-character token): judge its figure.
    if (d.fgColor && d.bgColor && d.contrastRatio > 0) {
      if (d.contrastRatio < required) out.push({ selector: selectorOf(node), text: textOf(node.element), ratio: d.contrastRatio, required, foreground: d.fgColor, background: d.bgColor, fontSize: d.fontSize, fontWeight: d.fontWeight, source: 'axe', reason: d.messageKey || undefined });
      continue;
    }
    const m = node.element ? measure(node.element) : { reason: 'element not found' };
    if (m.ratio === undefined) {
      out.push({ selector: selectorOf(node), text: node.element ? textOf(node.element) : '', ratio: null, required, source: 'undetermined', reason: (d.messageKey || 'axe could not decide') + '; ' + m.reason });
    } else if (m.ratio < m.required) {
      out.push({ selector: selectorOf(node), text: textOf(node.element), ratio: Math.round(m.ratio * 100) / 100, required: m.required, foreground: m.fg, background: m.bg,
        fontSize: m.style.fontSize, fontWeight: m.style.fontWeight, source: 'computed', reason: d.messageKey || undefined });
    }
  }
  return out;
}`;
