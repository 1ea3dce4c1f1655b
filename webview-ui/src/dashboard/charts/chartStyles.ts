// uPlot's stylesheet and the charts' own, adopted once as constructable stylesheets: the page's CSP
// has no 'unsafe-inline' for styles, and adoptedStyleSheets are not governed by it (uPlot itself
// injects no <style>; it sets sizes and positions through the CSSOM, which the CSP allows).
import uplotCss from 'uplot/dist/uPlot.min.css';
import chartsCss from './charts.css';

let adopted = false;

export function ensureChartStyles(): void {
  if (adopted) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`${uplotCss}\n${chartsCss}`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
