// Text that does not fit: an element (or a part of it inside a web component's shadow root) whose
// text is wider than its box while overflow is hidden or ellipsised, or that sticks out of a
// clipping ancestor. Generic: frame and a selector in, what is cut off out.
import type { Frame } from 'playwright-core';

export interface CutOffText {
  /** What was checked (tag and classes) and the text it shows. */
  element: string;
  text: string;
  why: string;
}

/** Elements matching `selector` in `frame` whose text is cut off (empty = every text fits). */
export async function cutOffTexts(frame: Frame, selector: string): Promise<CutOffText[]> {
  // A string, not a function: the test runner's transpiler would add helpers the page does not have.
  return (await frame.evaluate(`(${IN_PAGE})(${JSON.stringify(selector)})`)) as CutOffText[];
}

const IN_PAGE = String.raw`(selector) => {
  const flatText = (node) => node.nodeType === 3 ? node.data : node.localName === 'slot' ? node.assignedNodes({ flatten: true }).map(flatText).join('')
    : node.nodeType === 1 ? [...node.childNodes].map(flatText).join('') : '';
  const name = (el) => el.localName + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const out = [];
  for (const host of document.querySelectorAll(selector)) {
    const rect = host.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue; // not shown
    const text = flatText(host).replace(/\s+/g, ' ').trim();
    const parts = [host, ...(host.shadowRoot ? host.shadowRoot.querySelectorAll('*') : [])];
    for (const el of parts) {
      const s = getComputedStyle(el);
      const clips = s.overflowX !== 'visible' || s.textOverflow === 'ellipsis';
      if (clips && flatText(el).trim() && el.scrollWidth > el.clientWidth + 1) {
        out.push({ element: name(host) + (el === host ? '' : ' >>> ' + name(el)), text, why: 'text ' + el.scrollWidth + ' px wide in a ' + el.clientWidth + ' px box' });
      }
    }
    for (let a = host.parentElement; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const box = a.getBoundingClientRect();
      if (rect.right > box.right + 1 || rect.left < box.left - 1) out.push({ element: name(host), text, why: 'sticks out of ' + name(a) });
      break;
    }
  }
  return out;
}`;
