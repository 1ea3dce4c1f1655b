import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { openChatPage } from './chatPage';
import type { ChatPage } from './chatPage';
import { cutOffTexts } from './textFit';

// The real webview bundle in Chromium (no VS Code window): incremental rendering, the parts of an
// answer, and what the view posts back. Fast: one page for the whole file.
const SESSION = { version: 1, id: 's_render', title: 'New Chat', createdAt: 1, updatedAt: 1, model: 'sonnet', messages: [] };
const MODELS = [{ name: 'sonnet', provider: 'anthropic', modelId: 'claude-sonnet-4-6' }];
const FOOTER = { provider: 'anthropic', model: 'sonnet', modelId: 'claude-sonnet-4-6', usage: { inputTokens: 10, outputTokens: 20, cacheReadInputTokens: 2048, cacheWriteInputTokens: 0 }, costUsd: 0.0012, latencyMs: 850, cacheHit: true, failover: null };

const DOC = [
  '# Title', '', 'A paragraph with **bold**, *em*, `code` and a [link](https://example.com).', '',
  '- one', '- two', '', '- three after a blank line', '', '1. first', '2. second', '',
  '```ts', 'const x: number = 1;', '', 'function f() { return x; }', '```', '',
  '> quoted', '', '| a | b |', '| - | - |', '| 1 | 2 |', '',
  '~~~', 'tilde fence with ``` inside', '~~~', '', 'Trailing paragraph without a newline',
].join('\n');

function turn(id: string, chunks: string[], extra: unknown[] = [], end: Record<string, unknown> = { status: 'done', footer: FOOTER }): unknown[] {
  return [
    { type: 'session', session: SESSION, busy: false },
    { type: 'turnStart', sessionId: 's_render', user: { id: `u_${id}`, role: 'user', text: 'q', attachments: [], at: 1 }, assistantId: id, model: 'sonnet' },
    ...extra,
    ...chunks.map((text) => ({ type: 'delta', messageId: id, kind: 'text', text })),
    { type: 'turnEnd', messageId: id, ...end },
  ];
}

/** Splits `text` at the given cut points. */
function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) { out.push(text.slice(last, p)); last = p; }
  out.push(text.slice(last));
  return out.filter((c) => c.length > 0);
}

describe('chat webview rendering (real bundle in Chromium)', () => {
  let chat: ChatPage;
  before(async () => {
    chat = await openChatPage();
    await chat.deliver([{ type: 'init', session: SESSION, sessions: [], models: MODELS, attachments: [], busy: false }]);
  });
  after(async () => { await chat?.close(); });

  /** What the view posted, without its scroll reports (timing-dependent). */
  const actions = async (): Promise<Array<Record<string, unknown>>> => (await chat.posted()).filter((m) => m.type !== 'scrolled');
  const answerHtml = (): Promise<string> => chat.page.locator('.message.assistant .answer-body').innerHTML();

  it('renders the same markdown however the stream is cut into tokens', async () => {
    await chat.deliver(turn('m_whole', [DOC]));
    const whole = await answerHtml();
    assert.match(whole, /<h1>Title<\/h1>/);
    assert.match(whole, /<strong>bold<\/strong>/);
    assert.match(whole, /class="code-lang">ts</);
    assert.match(whole, /hljs-keyword/);
    assert.match(whole, /tilde fence with ``` inside/);
    assert.match(whole, /<table>/);
    await fc.assert(fc.asyncProperty(fc.array(fc.nat(), { maxLength: 60 }), async (cuts) => {
      await chat.deliver(turn('m_split', split(DOC, cuts)));
      assert.equal(await answerHtml(), whole);
    }), { numRuns: 40 });
    // One character at a time, the hardest split.
    await chat.deliver(turn('m_chars', [...DOC]));
    assert.equal(await answerHtml(), whole);
  });

  it('shows thinking collapsed, tool calls, and the footer with the cache badge', async () => {
    await chat.deliver(turn('m_parts', ['Done.'], [
      { type: 'delta', messageId: 'm_parts', kind: 'thinking', text: 'Let me think' },
      { type: 'delta', messageId: 'm_parts', kind: 'thinking', text: ' about it.' },
      { type: 'toolCall', messageId: 'm_parts', call: { id: 't1', name: 'read_file', input: '' } },
      { type: 'toolCall', messageId: 'm_parts', call: { id: 't1', name: 'read_file', input: '{\n  "path": "a.ts"\n}' } },
    ]));
    const answer = chat.page.locator('.message.assistant');
    assert.equal(await answer.locator('details.thinking').getAttribute('open'), null, 'thinking is collapsed');
    assert.equal(await answer.locator('details.thinking .thinking-text').textContent(), 'Let me think about it.');
    assert.match(await answer.locator('details.tool-call summary').innerText(), /read_file/);
    assert.equal(await answer.locator('details.tool-call pre').textContent(), '{\n  "path": "a.ts"\n}');
    assert.equal(await answer.locator('.answer-footer').innerText(), 'Anthropic · claude-sonnet-4-6 · 10 in · 20 out · 2048 cache read · $0.0012 · 850 ms');
    assert.equal((await answer.locator('.badge-cache').innerText()).trim(), 'cache hit');
  });

  it('marks a partial answer and offers the fixes the host computed, primary first, each answering with its index only', async () => {
    const fixes = [{ kind: 'retry', label: 'Retry' }, { kind: 'switchProvider', label: 'Use Anthropic', provider: 'anthropic' }];
    await chat.deliver(turn('m_partial', ['Half an ans'], [], { status: 'partial', footer: { ...FOOTER, usage: undefined, costUsd: null, cacheHit: false }, error: { type: 'network', message: 'The connection dropped.', hint: 'Retry.', provider: 'bedrock', fixes } }));
    const answer = chat.page.locator('.message.assistant');
    assert.equal((await answer.locator('.badge-partial').innerText()).trim(), 'partial answer');
    assert.match(await answer.locator('.answer-footer').innerText(), /tokens unknown · cost unknown/);
    assert.equal(await answer.locator('.answer-text').innerText(), 'Half an ans');
    const buttons = answer.locator('.error-actions vscode-button');
    assert.deepEqual(await buttons.allInnerTexts(), ['Retry', 'Use Anthropic']);
    assert.equal(await buttons.nth(0).getAttribute('secondary'), null, 'the first fix is the primary button');
    assert.notEqual(await buttons.nth(1).getAttribute('secondary'), null);
    await buttons.nth(0).click();
    await buttons.nth(1).click();
    assert.deepEqual((await actions()).slice(-2), [
      { type: 'fix', messageId: 'm_partial', fixIndex: 0 },
      { type: 'fix', messageId: 'm_partial', fixIndex: 1 },
    ]);
  });

  it('in a narrow view the fix buttons wrap their labels instead of cutting them off', async () => {
    const fixes = [{ kind: 'allowOverBudget', label: 'Allow One Request Over Budget' }, { kind: 'openSetting', label: 'Open Budget Settings' }];
    await chat.deliver(turn('m_budget', [], [], { status: 'error', error: { type: 'budget_exceeded', message: 'This month\'s spend has reached the monthly budget.', hint: 'Raise Monthly Budget (USD).', fixes, settings: [{ id: 'switchboard.budget.monthlyUsd', label: 'Monthly Budget (USD)' }] } }));
    await chat.page.setViewportSize({ width: 200, height: 800 });
    try {
      const buttons = chat.page.locator('.message.assistant .error-actions vscode-button');
      assert.deepEqual(await buttons.allInnerTexts(), ['Allow One Request Over Budget', 'Open Budget Settings']);
      assert.deepEqual(await cutOffTexts(chat.page.mainFrame(), '.error-actions vscode-button'), []);
      await chat.page.locator('.setting-link', { hasText: 'Monthly Budget (USD)' }).click();
      assert.deepEqual((await actions()).at(-1), { type: 'openSetting', messageId: 'm_budget', settingIndex: 0 });
    } finally {
      await chat.page.setViewportSize({ width: 420, height: 800 });
    }
  });

  it('Copy and Insert at Cursor post the code block\'s text', async () => {
    await chat.deliver(turn('m_code', ['```python\nprint("hi")\n```\n']));
    await chat.page.locator('.code-block [data-action="copy"]').click();
    await chat.page.locator('.code-block [data-action="insert"]').click();
    assert.deepEqual((await actions()).slice(-2), [{ type: 'copyCode', code: 'print("hi")' }, { type: 'insertCode', code: 'print("hi")' }]);
  });

  it('Enter sends, Shift+Enter adds a line', async () => {
    const input = chat.page.locator('textarea.prompt');
    await input.click();
    await input.type('line one');
    await input.press('Shift+Enter');
    await input.type('line two');
    await input.press('Enter');
    assert.deepEqual((await actions()).at(-1), { type: 'send', text: 'line one\nline two', model: 'sonnet' });
    assert.equal(await input.inputValue(), '');
  });

  it('escapes HTML and drops script links from the model (no markup injection), with no CSP violation', async () => {
    await chat.deliver(turn('m_evil', ['<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>\n\n[click](javascript:alert(1)) and <b>bold?</b>\n']));
    const html = await answerHtml();
    assert.doesNotMatch(html, /<img|<script|<b>|href="javascript/i);
    assert.match(html, /&lt;img/);
    assert.equal(await chat.page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(await chat.violations(), []);
  });
});
