// The dashboard opened on its Usage tab (what Show Usage does) to the first paint of its charts,
// with a 100,000-record store beside an empty store, in the same run, interleaved. The real
// DashboardController reads the real local store (SQLite) through the same functions the
// extension's backends call (loadUsageTab, loadHealthCharts); the real
// dist/webview/dashboard.js renders in Chromium under the production CSP (a stub acquireVsCodeApi
// relays messages over HTTP). Only the Overview tab's engine view is a fixed stand-in: it reads no
// store. The clock starts when the page is requested (performance.timeOrigin) and stops at the
// first animation frame after every chart's canvas is in the Usage tab.
//
// Four stores: "empty" (nothing at all: no chart is drawn); "small", 1,000 records this month, so
// every chart is drawn (what a few requests cost to show, whatever their number); and two
// 100,000-record stores: "year" spreads the records over the 400 days the ledger keeps (about
// 7,500 a month), "month" puts all of them in this month so far (the worst case for the charts
// and the report). All but "empty" also hold the same 7 days of health samples (one a minute per
// provider): the difference between "small" and the 100,000-record stores is the record count's.
//
//   npm run bench:dashboard [RECORDS] [ROUNDS]
// The page is the production webview bundle (minified, as users get it): the bench builds it with
// `esbuild.mjs --production` and restores the development build at the end.
import { idleConfigure, idleMigrate } from '../test/unit/presenters/dashboard/idleSections';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/core/logger';
import { openLocalStore } from '../src/core/storage/localStore';
import type { LocalStore } from '../src/core/storage/localStore';
import { DashboardController } from '../src/presenters/dashboard/dashboardController';
import { loadHealthCharts } from '../src/presenters/dashboard/healthCharts';
import { loadUsageTab } from '../src/presenters/dashboard/usageCharts';
import type { DashboardHostMessage } from '../src/shared/dashboard/protocol';
import { buildUsageReport } from '../src/core/usage/report';
import { seedHealthHistory, seedUsageRecords } from '../test/fixtures/storeSeed';
import { launchBrowser } from '../test/vscode/host/browser';
import { repoRoot, testOutputDir } from '../test/vscode/host/paths';

const RECORDS = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const TARGET_MS = 300;
const webviewDir = join(repoRoot, 'dist', 'webview');
const BUDGET = { monthlyUsd: 500, alertThresholds: [50, 80, 100], hardStop: false };

type StoreName = 'empty' | 'small' | 'year' | 'month';
const STORES: readonly StoreName[] = ['empty', 'small', 'year', 'month'];
const SMALL = 1000;

/** Median milliseconds of `run`, one call after another (not overlapping the others, unlike in the controller). */
async function alone(rounds: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** The DashboardController over one store, its backends composed as src/extension/dashboard composes them. */
function controllerFor(store: LocalStore): DashboardController {
  return new DashboardController({
    overview: async () => ({
      model: 'sonnet', primary: 'anthropic', fallback: 'bedrock', autoFallback: true,
      providers: [
        { id: 'anthropic', auth: 'API key stored (…abcd)', resolved: { modelId: 'claude-sonnet-4-6' } },
        { id: 'bedrock', auth: 'AWS default credentials', region: 'us-east-1', resolved: { modelId: 'us.anthropic.claude-sonnet-4-6' } },
      ],
    }),
    testConnection: async () => { throw new Error('not in the bench'); },
    stream: () => { throw new Error('not in the bench'); },
    switchProvider: async () => undefined,
    openSettings: async () => undefined,
    usage: async () => {
      const { report, charts } = await loadUsageTab(store.ledger, new Date(), BUDGET);
      return { report, charts, cache: { ...store.responseCache.stats(), enabled: true } };
    },
    clearCache: async () => undefined,
    showUsage: async () => undefined,
    health: async () => ({ history: await loadHealthCharts(store.healthHistory, Date.now()) }),
    // The Configure and Migrate tabs are not what this bench opens: they answer with nothing (test/unit/presenters/dashboard/idleSections.ts).
    ...idleConfigure,
    ...idleMigrate,
  }, silentLogger);
}

/** The production CSP (webviewHtml.ts) with 'self' standing in for the webview origin. */
function page(nonce: string): string {
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'self'`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="/codicon.css" id="vscode-codicon-stylesheet"><title>Switchboard Dashboard</title></head>
<body class="vscode-dark"><div id="app" aria-live="polite"></div>
<script nonce="${nonce}" src="/boot.js"></script>
<script type="module" nonce="${nonce}" src="/dashboard.js"></script>
</body></html>`;
}

/** acquireVsCodeApi over HTTP; the paint probe: the first frame after every Usage chart has its canvas. */
const BOOT = `
  window.__violations = 0;
  document.addEventListener('securitypolicyviolation', () => window.__violations++);
  // Where the time goes: the page posts ready, the view model arrives, the charts are drawn.
  window.__marks = {};
  const events = new EventSource('/events');
  events.onmessage = (e) => {
    const data = JSON.parse(e.data);
    if (data.type === 'update' && window.__marks.model === undefined) window.__marks.model = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data }));
  };
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => {
      if (m.type === 'ready' && window.__marks.ready === undefined) window.__marks.ready = performance.now();
      const send = () => fetch('/post', { method: 'POST', body: JSON.stringify(m) }); events.readyState === 1 ? send() : events.addEventListener('open', send, { once: true });
    },
    getState: () => ({ tab: 'usage' }),
    setState: () => {},
  });
  window.__painted = new Promise((resolve) => {
    const done = () => {
      const plots = document.querySelectorAll('#tab-usage .chart-plot');
      const canvases = document.querySelectorAll('#tab-usage .chart-plot canvas');
      const empties = document.querySelectorAll('#tab-usage .chart-empty');
      const charts = document.querySelectorAll('#tab-usage .chart');
      return charts.length > 0 && canvases.length + empties.length >= charts.length && (plots.length === 0 || canvases.length > 0);
    };
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve({ ms: performance.now(), charts: document.querySelectorAll('#tab-usage .chart').length, canvases: document.querySelectorAll('#tab-usage .chart-plot canvas').length }));
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  });`;

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

function build(production: boolean): void {
  const result = spawnSync(process.execPath, ['esbuild.mjs', ...(production ? ['--production'] : [])], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`esbuild.mjs ${production ? '--production ' : ''}failed`);
}

async function main(): Promise<void> {
  console.log('building the production bundles (esbuild.mjs --production)…');
  build(true);
  try {
    await measure();
  } finally {
    console.log('\nrestoring the development build (esbuild.mjs)…');
    build(false);
  }
}

async function measure(): Promise<void> {
  if (!existsSync(join(webviewDir, 'dashboard.js'))) throw new Error('dist/webview/dashboard.js is missing');
  const root = mkdtempSync(join(tmpdir(), 'sb-bench-dashboard-'));
  const stores = {} as Record<StoreName, LocalStore>;
  const now = new Date();
  const seedStarted = performance.now();
  for (const name of STORES) {
    const store = openLocalStore(join(root, name), { legacy: false });
    stores[name] = store;
    if (name === 'empty') continue;
    const from = name === 'year' ? now.getTime() - 395 * 86_400_000 : new Date(now.getFullYear(), now.getMonth(), 1).getTime();
    store.ledger.appendMany(seedUsageRecords(name === 'small' ? SMALL : RECORDS, now, { from, to: now.getTime(), seed: name === 'year' ? 5 : 7 }));
    await seedHealthHistory(store.healthHistory, now.getTime(), 60_000);
  }
  const inMonth = await stores.year.ledger.count({ since: new Date(now.getFullYear(), now.getMonth(), 1) });
  console.log(`stores: empty; small: ${await stores.small.ledger.count()} records this month; year: ${await stores.year.ledger.count()} records (${inMonth} this month); month: ${await stores.month.ledger.count()} records, all this month; all but empty with 7 days of health samples (seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s)`);

  const nonce = randomBytes(16).toString('base64');
  let current: { controller: DashboardController; res?: ServerResponse; hostMs?: number } | undefined;
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    if (url === '/dashboard.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(nonce));
    if (url === '/boot.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(BOOT);
    if (url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': open\n\n');
      if (current) current.res = res;
      return;
    }
    if (url === '/post') {
      void body(req).then(async (text) => {
        res.writeHead(204).end();
        const started = performance.now();
        await current?.controller.handle(JSON.parse(text));
        if (current && JSON.parse(text).type === 'ready') current.hostMs = performance.now() - started;
      });
      return;
    }
    const file = join(webviewDir, url.slice(1));
    if (!file.startsWith(webviewDir) || !existsSync(file)) return void res.writeHead(404).end();
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'font/ttf';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  const results: Record<StoreName, Array<{ ms: number; hostMs: number; readyMs: number; modelMs: number }>> = { empty: [], small: [], year: [], month: [] };
  let violations = 0;
  const hostParts: string[] = [];
  let shape = '';
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      const order: StoreName[] = round % 2 ? [...STORES].reverse() : [...STORES];
      for (const name of order) {
        const controller = controllerFor(stores[name]);
        current = { controller };
        controller.attachView((m: DashboardHostMessage) => current?.res?.write(`data: ${JSON.stringify(m)}\n\n`));
        const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
        const tab = await context.newPage();
        tab.on('pageerror', (e) => console.error(`[${name}] page error: ${e.message}`));
        tab.on('console', (m) => { if (process.env.BENCH_DEBUG) console.log(`[${name}] ${m.text()}`); });
        await tab.goto(`${base}/dashboard.html`, { waitUntil: 'commit' });
        // (waitForFunction would eval inside the page, which its CSP refuses.)
        await tab.evaluate('new Promise((resolve) => { const wait = () => (window.__painted ? resolve() : setTimeout(wait, 5)); wait(); })');
        const painted = (await tab.evaluate('window.__painted')) as { ms: number; charts: number; canvases: number };
        const marks = (await tab.evaluate('window.__marks')) as { ready: number; model: number };
        violations = Math.max(violations, (await tab.evaluate('window.__violations')) as number);
        if (round > 0) results[name].push({ ms: painted.ms, hostMs: current.hostMs ?? NaN, readyMs: marks.ready, modelMs: marks.model }); // round 0 warms up
        if (round === ROUNDS && name === 'month') {
          shape = `${painted.charts} charts, ${painted.canvases} drawn`;
          mkdirSync(join(testOutputDir, 'bench'), { recursive: true });
          await tab.screenshot({ path: join(testOutputDir, 'bench', 'dashboard-usage.png'), fullPage: true });
        }
        current.res?.end();
        await context.close();
      }
    }
    for (const name of STORES) {
      const store = stores[name];
      // How the comparison and the advice were worked out before the roll-up: the month's records, read and reduced.
      const fromRecords = await alone(3, async () => buildUsageReport(await store.ledger.readMonth(new Date()), { now: new Date(), budget: BUDGET }));
      hostParts.push(`${name}: the Usage tab (report, comparison, advice, charts) ${(await alone(ROUNDS, () => loadUsageTab(store.ledger, new Date(), BUDGET))).toFixed(1)} ms`
        + ` (the report from the month's records instead, as before: ${fromRecords.toFixed(0)} ms), the Health tab ${(await alone(ROUNDS, () => loadHealthCharts(store.healthHistory, Date.now()))).toFixed(1)} ms`);
    }
  } finally {
    await browser.close();
    server.close();
    for (const s of Object.values(stores)) s.close();
    rmSync(root, { recursive: true, force: true });
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const m = (name: StoreName, pick: (r: (typeof results)[StoreName][number]) => number): string => median(results[name].map(pick)).toFixed(0);
  const line = (name: StoreName): string => `${m(name, (r) => r.ms)} ms (page ready ${m(name, (r) => r.readyMs)} ms, view model in ${m(name, (r) => r.modelMs)} ms, host ${m(name, (r) => r.hostMs)} ms of it; drawn ${m(name, (r) => r.ms - r.modelMs)} ms after)`;
  const empty = median(results.empty.map((r) => r.ms));
  console.log(`open → first paint of the Usage tab's charts, median of ${ROUNDS} (runs: ${Object.entries(results).map(([k, v]) => `${k} ${v.map((r) => r.ms.toFixed(0)).join('/')}`).join('; ')}):`);
  const small = median(results.small.map((r) => r.ms));
  console.log(`  empty store (no chart drawn):      ${line('empty')}`);
  console.log(`  ${SMALL.toLocaleString('en-US')} records this month:         ${line('small')}; +${(small - empty).toFixed(0)} ms over the empty store (drawing the charts, the health history)`);
  for (const name of ['year', 'month'] as const) {
    const ms = median(results[name].map((r) => r.ms));
    console.log(`  ${RECORDS.toLocaleString('en-US')} records (${name === 'year' ? 'over 400 days' : 'all this month'}):${name === 'year' ? '  ' : ' '}${line(name)}; +${(ms - empty).toFixed(0)} ms over the empty store, ${ms - small >= 0 ? '+' : ''}${(ms - small).toFixed(0)} ms over ${SMALL.toLocaleString('en-US')} records (target under ${TARGET_MS} ms: ${ms < TARGET_MS ? 'met' : 'NOT met'})`);
  }
  console.log(`host side, each part alone (the controller reads them together; median of ${ROUNDS}): ${hostParts.join('; ')}`);
  console.log(`the last page: ${shape}; CSP violations: ${violations}`);
}

main().catch((e: unknown) => {
  console.error((e as Error).stack ?? String(e));
  process.exit(1);
});
