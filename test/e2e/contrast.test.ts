import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../vscode/host/browser';
import { contrastViolations } from './contrast';

// The helper itself, on pages whose ratios are known (WCAG's formula by hand): it must flag what
// is too faint, in plain DOM and inside a web component's shadow root, and pass what is not.
const PAGE = `<!DOCTYPE html><html><body style="background:#ffffff;color:#000000;font-size:14px;margin:0">
<p id="ok">Black on white, 21:1</p>
<p id="faint" style="color:#999999">Grey #999 on white, 2.85:1</p>
<p id="large" style="color:#888888;font-size:24px">Large grey #888 on white, 3.54:1, passes at 3:1</p>
<div style="background:rgba(0,0,0,0.5)"><p id="translucent" style="color:#444444">#444 on 50 % black over white</p></div>
<fake-button id="shadow">Shadow label</fake-button>
<div id="tall" style="height:60px;overflow-y:auto"><p style="height:200px">filler</p><p style="color:#aaaaaa">Below the fold, #aaa</p></div>
<pre id="wide" style="width:120px;overflow-x:auto">wide wide wide wide wide wide wide <span style="color:#bbbbbb">far right #bbb</span></pre>
<script>
customElements.define('fake-button', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<div class="base" style="background:#5a5a5a;color:#666666;position:relative;padding:4px"><slot></slot><span style="position:absolute;inset:0"></span></div>';
  }
});
</script></body></html>`;

describe('contrast check helper (test/e2e/contrast.ts) on pages with known ratios', () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setContent(PAGE);
  });
  after(async () => { await browser?.close(); });

  it('flags faint text, translucent backgrounds, shadow-DOM labels and text scrolled out of view, and passes large text at 3:1', async () => {
    const violations = await contrastViolations(page.mainFrame());
    const texts = violations.map((v) => v.text).sort();
    assert.deepEqual(texts, ['#444 on 50 % black over white', 'Below the fold, #aaa', 'Grey #999 on white, 2.85:1', 'Shadow label', 'far right #bbb'], JSON.stringify(violations, null, 1));
    const faint = violations.find((v) => v.text.startsWith('Grey'))!;
    assert.ok(faint.ratio! >= 2.84 && faint.ratio! <= 2.85, `ratio ${faint.ratio}`); // 2.847, axe cuts to two decimals
    assert.equal(faint.required, 4.5);
    const shadow = violations.find((v) => v.text === 'Shadow label')!;
    // #666 on #5a5a5a: nearly the same grey.
    assert.ok(shadow.ratio !== null && shadow.ratio < 1.3, JSON.stringify(shadow));
  });

  it('leaves out what the caller excludes', async () => {
    const violations = await contrastViolations(page.mainFrame(), { exclude: ['#faint', '#translucent', '#shadow', '#tall', '#wide'] });
    assert.deepEqual(violations, []);
  });
});
