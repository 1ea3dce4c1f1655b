// Chat rendering under a flood: a 20,000-token markdown answer streamed from the Anthropic
// emulator through the real client and the real ChatController (every delta posted, no
// coalescing), relayed live over SSE into Chromium, where the real dist/webview/chat.js renders
// it (stub acquireVsCodeApi, the production CSP). The same stream into a plain text node is the
// baseline, in the same run, interleaved. Reports the longest main-thread task (PerformanceObserver
// longtask; target < 50 ms) and render time / plain time (target ≤ 2).
//
//   npm run bench:chat-render [rounds]        (needs `node esbuild.mjs` first)
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ChatController } from '../src/presenters/chat/chatController';
import { MemorySessionStore } from '../src/core/chat/sessionStore';
import { SwitchboardClient } from '../src/core/client';
import { DEFAULT_CONFIG } from '../src/core/config/schema';
import { silentLogger } from '../src/core/logger';
import { startAnthropicEmulator } from '../test/emulators/anthropic';
import { launchBrowser } from '../test/vscode/host/browser';
import { repoRoot, testOutputDir } from '../test/vscode/host/paths';

const ROUNDS = Number(process.argv[2] ?? 3);
const TARGET_TOKENS = 20_000;
const webviewDir = join(repoRoot, 'dist', 'webview');

/** ~4 characters per token, like the emulator counts: prose, lists, headings and code blocks. */
function longAnswer(tokens: number): string {
  const parts: string[] = [];
  let chars = 0;
  for (let i = 0; chars < tokens * 4; i++) {
    const piece = [
      `## Section ${i}\n\nThe **switchboard** routes request ${i} through the primary provider; when it is *overloaded* the router fails over to the fallback and records \`usage\` in the ledger.\n\n`,
      `- first point about retries (${i})\n- second point about circuit breakers\n- third point with \`inline code\`\n\n`,
      `\`\`\`typescript\nexport function route${i}(request: ModelRequest): Promise<Answer> {\n  const provider = pick(request.model);\n  return provider.stream(request).then((answer) => answer.text + ${i});\n}\n\`\`\`\n\n`,
      `> A quoted remark number ${i}, with a [link](https://example.com/${i}).\n\n`,
    ][i % 4]!;
    parts.push(piece);
    chars += piece.length;
  }
  return parts.join('');
}

/** The page's own script, served as a file (the CSP allows no inline script). */
function bootScript(mode: 'chat' | 'plain'): string {
  return `
    window.__bench = { handlerMs: 0, longest: 0, longtasks: 0, violations: 0, messages: 0 };
    window.__tasks = [];
    // Only tasks while the answer streams count (loading the bundle is not rendering).
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push(e); }).observe({ type: 'longtask', buffered: true });
    document.addEventListener('securitypolicyviolation', () => window.__bench.violations++);
    window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });
    ${mode === 'plain' ? `window.addEventListener('message', (e) => { if (e.data.type === 'delta') { (window.__plain ??= document.getElementById('app').appendChild(document.createElement('div'))).append(e.data.text); } });` : ''}
    window.__run = () => new Promise((resolve) => {
      const source = new EventSource('/events');
      let first = 0;
      source.onmessage = (event) => {
        const data = JSON.parse(event.data);
        if (data.type === 'bench-end') {
          source.close();
          requestAnimationFrame(() => setTimeout(() => {
            const during = window.__tasks.filter((t) => t.startTime + t.duration >= first);
            window.__bench.longtasks = during.length;
            window.__bench.longest = Math.max(0, ...during.map((t) => t.duration));
            window.__bench.at = during.map((t) => Math.round(t.startTime - first) + 'ms+' + Math.round(t.duration));
            resolve({ totalMs: performance.now() - first, ...window.__bench });
          }, 0));
          return;
        }
        if (!first && data.type === 'delta') first = performance.now();
        const t0 = performance.now();
        window.dispatchEvent(new MessageEvent('message', { data }));
        window.__bench.handlerMs += performance.now() - t0;
        window.__bench.messages++;
      };
    });`;
}

/** The same CSP as the real view (chatHtml.ts), with 'self' standing in for the webview origin. */
function page(mode: 'chat' | 'plain', nonce: string): string {
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'self'`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="/codicon.css" id="vscode-codicon-stylesheet"></head>
<body><div id="app"></div>
<script nonce="${nonce}" src="/boot-${mode}.js"></script>
${mode === 'chat' ? `<script type="module" nonce="${nonce}" src="/chat.js"></script>` : ''}
</body></html>`;
}

async function main(): Promise<void> {
  if (!existsSync(join(webviewDir, 'chat.js'))) throw new Error('dist/webview/chat.js is missing: run node esbuild.mjs first');
  const answer = longAnswer(TARGET_TOKENS);
  const emulator = await startAnthropicEmulator({ respond: () => ({ content: [{ type: 'text', text: answer }] }) });
  const client = new SwitchboardClient({ config: { ...DEFAULT_CONFIG, anthropic: { ...DEFAULT_CONFIG.anthropic, baseUrl: emulator.url } }, secrets: { anthropicApiKey: 'sk-ant-test-key' }, env: {} });
  const nonce = randomBytes(16).toString('base64');
  let streamed: { deltas: number; ms: number } | undefined;

  // One SSE client at a time: the page of the current measurement.
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/chat.html' || url === '/plain.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(url === '/chat.html' ? 'chat' : 'plain', nonce));
    } else if (url === '/boot-chat.js' || url === '/boot-plain.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bootScript(url.includes('plain') ? 'plain' : 'chat'));
    } else if (url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      void stream(res).then((s) => { streamed = s; });
    } else {
      const file = join(webviewDir, url.slice(1).split('?')[0]!);
      if (!file.startsWith(webviewDir) || !existsSync(file)) return void res.writeHead(404).end();
      const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'font/ttf';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
    }
  });
  async function stream(res: ServerResponse): Promise<{ deltas: number; ms: number }> {
    const controller = new ChatController({
      store: new MemorySessionStore(),
      logger: silentLogger,
      flushMs: 0, // worst case: every provider delta is its own message
      backend: {
        stream: (request, options) => client.stream(request, options),
        models: () => [{ name: 'sonnet', provider: 'anthropic', modelId: 'claude-sonnet-4-6' }],
        defaultModel: () => 'sonnet',
        requestOptions: () => ({ maxTokens: TARGET_TOKENS * 2 }),
        copy: () => undefined,
        insertAtCursor: () => undefined,
        runCommand: () => undefined,
      },
    });
    let deltas = 0;
    controller.attachView((m) => {
      if (m.type === 'delta') deltas++;
      res.write(`data: ${JSON.stringify(m)}\n\n`);
    });
    await controller.handle({ type: 'ready' });
    // As in VS Code, the view is on screen (first render of its components done) before a question.
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    await controller.handle({ type: 'send', text: 'Write the long answer.', model: 'sonnet' });
    const ms = performance.now() - t0;
    res.write(`data: ${JSON.stringify({ type: 'bench-end' })}\n\n`);
    res.end();
    controller.dispose();
    return { deltas, ms };
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  type Result = { totalMs: number; handlerMs: number; longest: number; longtasks: number; violations: number; messages: number; at?: string[] };
  const results: Record<'chat' | 'plain', Result[]> = { chat: [], plain: [] };
  try {
    for (let round = 0; round < ROUNDS + 1; round++) {
      for (const mode of round % 2 === 0 ? (['chat', 'plain'] as const) : (['plain', 'chat'] as const)) {
        const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
        const tab = await context.newPage();
        tab.on('pageerror', (e) => console.error(`[${mode}] page error: ${e.message}`));
        await tab.goto(`${base}/${mode}.html`);
        if (mode === 'chat') await tab.waitForSelector('.composer', { timeout: 10_000 });
        const result = (await tab.evaluate('window.__run()')) as Result;
        if (round > 0) results[mode].push(result); // round 0 warms up the JIT and the emulator
        if (mode === 'chat' && round === ROUNDS) {
          mkdirSync(join(testOutputDir, 'bench'), { recursive: true });
          await tab.screenshot({ path: join(testOutputDir, 'bench', 'chat-render.png') });
          const check = (await tab.evaluate(`({
            codeBlocks: document.querySelectorAll('.code-block').length,
            highlighted: document.querySelectorAll('.code-block .hljs-keyword').length,
            headings: document.querySelectorAll('.markdown h2').length,
            footer: document.querySelector('.answer-footer')?.textContent ?? '',
          })`)) as { codeBlocks: number; highlighted: number; headings: number; footer: string };
          console.log(`rendered: ${check.headings} headings, ${check.codeBlocks} code blocks (${check.highlighted} highlighted keywords); footer "${check.footer}"`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
    await emulator.close();
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const longest = Math.max(...results.chat.map((r) => r.longest));
  const longestPlain = Math.max(...results.plain.map((r) => r.longest));
  const chatTotal = median(results.chat.map((r) => r.totalMs));
  const plainTotal = median(results.plain.map((r) => r.totalMs));
  const chatCpu = median(results.chat.map((r) => r.handlerMs));
  const plainCpu = median(results.plain.map((r) => r.handlerMs));
  console.log(`answer: ${answer.length} chars ≈ ${Math.round(answer.length / 4)} tokens, ${streamed?.deltas ?? '?'} deltas, each posted as its own message (${results.chat[0]?.messages ?? '?'} messages)`);
  console.log(`longest main-thread task while rendering: ${longest > 0 ? `${longest.toFixed(1)} ms` : 'none of 50 ms or more (the longtask API reports only those)'} (target < 50 ms); long tasks per run: ${results.chat.map((r) => `${r.longtasks}${r.at?.length ? ` (${r.at.join(' ')})` : ''}`).join(', ')}; plain-text baseline's longest task: ${longestPlain.toFixed(1)} ms (long tasks there mean the machine was busy, not the renderer); CSP violations: ${Math.max(...results.chat.map((r) => r.violations))}`);
  console.log(`total render time (first delta → last painted), median of ${ROUNDS}: chat ${chatTotal.toFixed(0)} ms, plain text ${plainTotal.toFixed(0)} ms, ratio ${(chatTotal / plainTotal).toFixed(2)} (target ≤ 2)`);
  console.log(`main-thread time inside the message handler: chat ${chatCpu.toFixed(0)} ms, plain text ${plainCpu.toFixed(0)} ms (${(chatCpu / Math.max(plainCpu, 0.001)).toFixed(1)}× — markdown parse, highlighting, DOM)`);
}

main().catch((e: unknown) => {
  console.error((e as Error).stack ?? String(e));
  process.exit(1);
});
