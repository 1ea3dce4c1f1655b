// Issue 14 item 2 in a real window: the chat's model picker offers only what the answering provider
// can serve, one entry per model, the current generation first and older versions under a heading,
// with clean descriptions; Verify Model Mapping reports no false alarm and a picked row does something.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { askInChat, chatFrame } from './chatView';
import { startEmulatorWindow } from './emulatorWindow';
import { quickInput, quickPickItems, reportFailure, runCommand, screenshot, selectQuickPickItem, statusBarItem } from './workbench';
import type { Workbench } from './workbench';

function picker(page: Page): Locator {
  return chatFrame(page).locator('vscode-single-select.model-picker');
}

/** Opens the picker's dropdown and reads its rows (text, disabled) as a person sees them. */
async function pickerRows(page: Page): Promise<Array<{ text: string; disabled: boolean }>> {
  await picker(page).click();
  const rows = picker(page).locator('li.option');
  await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
  return rows.evaluateAll((els) => els.map((el) => {
    const e = el as unknown as { innerText: string; classList: { contains(c: string): boolean } };
    return { text: e.innerText.trim(), disabled: e.classList.contains('disabled') };
  }));
}

/** Picks the row with this text in the open dropdown; returns the description the picker showed for it on hover. */
async function pickRow(page: Page, text: string): Promise<string> {
  const row = picker(page).locator('li.option', { hasText: text }).first();
  await row.hover();
  const description = (await picker(page).locator('.description').innerText().catch(() => '')).trim();
  await row.click();
  return description;
}

describe('Model picker and Verify Model Mapping (real UI)', () => {
  let workbench: Workbench;
  let close: (() => Promise<void>) | undefined;

  before(async () => {
    const window = await startEmulatorWindow({ anthropicKey: 'sk-ant-test-key' });
    workbench = window.workbench;
    close = window.close;
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, workbench, 'model-picker');
  });

  after(async () => {
    await close?.();
  });

  it('on Anthropic the chat picker lists only models Anthropic serves, one per model, the current ones first and older versions under a heading', async () => {
    const { page } = workbench;
    await statusBarItem(page, /^Anthropic · sonnet/).waitFor({ state: 'visible', timeout: 30_000 });
    await runCommand(page, 'Switchboard: Open Chat');
    await chatFrame(page).locator('textarea.prompt').waitFor({ state: 'visible', timeout: 30_000 });
    const rows = await pickerRows(page);
    await screenshot(page, 'model-picker-anthropic');
    const texts = rows.map((r) => r.text);
    assert.deepEqual(texts.slice(0, 4), ['opus — Opus 4.7', 'sonnet — Sonnet 4.6', 'haiku — Haiku 4.5', '── Older versions ──']);
    assert.deepEqual(rows.filter((r) => r.disabled).map((r) => r.text), ['── Older versions ──'], 'only the heading is disabled');
    for (const t of texts) assert.doesNotMatch(t, /nova|llama|mistral|opus-4\.7|sonnet-4\.6|haiku-4\.5/i, `offered on Anthropic: ${t}`);
    assert.ok(texts.includes('sonnet-4.5 — Sonnet 4.5'), JSON.stringify(texts));
    const description = await pickRow(page, 'haiku — Haiku 4.5');
    assert.equal(description, 'claude-haiku-4-5-20251001 · also haiku-4.5 · $1 / $5 per MTok');
    await chatFrame(page).locator('.model-hint', { hasText: 'Anthropic answers with claude-haiku-4-5-20251001' }).waitFor({ state: 'visible', timeout: 10_000 });
    await askInChat(page, 'Which model?');
    await chatFrame(page).locator('.message.assistant.status-done .answer-footer', { hasText: /^Anthropic · claude-haiku-4-5-20251001/ }).waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('on Bedrock the other families are offered under their own heading, and a Bedrock-only model answers from Bedrock', async () => {
    const { page } = workbench;
    await runCommand(page, 'Switchboard: Switch Provider');
    await selectQuickPickItem(page, /Bedrock/);
    await chatFrame(page).locator('.model-hint', { hasText: /^Bedrock answers with / }).waitFor({ state: 'visible', timeout: 15_000 });
    const texts = (await pickerRows(page)).map((r) => r.text);
    await screenshot(page, 'model-picker-bedrock');
    const heading = texts.indexOf('── Other Bedrock models ──');
    assert.ok(heading > texts.indexOf('── Older versions ──'), JSON.stringify(texts));
    assert.deepEqual(texts.slice(heading + 1).sort(), ['llama-3.3-70b — Meta Llama 3.3 70B Instruct', 'mistral-large — Mistral Large (24.07)', 'nova-lite — Amazon Nova Lite', 'nova-pro — Amazon Nova Pro']);
    const description = await pickRow(page, 'nova-pro — Amazon Nova Pro');
    assert.match(description, /^us\.amazon\.nova-pro-v1:0 · \$0\.80 \/ \$3\.20 per MTok/);
    await askInChat(page, 'Hello Nova');
    await chatFrame(page).locator('.message.assistant.status-done .answer-footer', { hasText: /^Bedrock · us\.amazon\.nova-pro-v1:0/ }).waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('back on Anthropic, the chat keeps its Bedrock-only model with why it cannot answer, and lists no other Bedrock-only model', async () => {
    const { page } = workbench;
    await runCommand(page, 'Switchboard: Switch Provider');
    await selectQuickPickItem(page, /Anthropic/);
    const hint = chatFrame(page).locator('.model-hint', { hasText: 'Bedrock only — switch to Bedrock or pick another model' });
    await hint.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'model-picker-unusable-kept');
    const texts = (await pickerRows(page)).map((r) => r.text);
    assert.ok(texts.includes('nova-pro — Amazon Nova Pro'), JSON.stringify(texts));
    assert.ok(!texts.some((t) => /nova-lite|llama|mistral/.test(t)), JSON.stringify(texts));
    await pickRow(page, 'sonnet — Sonnet 4.6');
    await chatFrame(page).locator('.model-hint', { hasText: 'Anthropic answers with claude-sonnet-4-6' }).waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('Verify Model Mapping: no false alarm for the built-in catalog; rows show both IDs, limits and price; Use as Default Model changes the model', async () => {
    const { page } = workbench;
    await runCommand(page, 'Switchboard: Verify Model Mapping');
    const rows = await quickPickItems(page);
    const title = (await quickInput(page).locator('.quick-input-title').innerText()).trim();
    await screenshot(page, 'verify-model-mapping');
    assert.equal(title, 'Switchboard: Model Mapping — 12 models, all resolve (Bedrock in us-east-1)');
    const opus = rows.find((r) => r.startsWith('opus / opus-4.7'));
    assert.ok(opus, JSON.stringify(rows));
    assert.match(opus, /^opus \/ opus-4\.7\s*Claude Opus 4\.7 · 1M context · 128K output · \$5 \/ \$25 per MTok/);
    assert.match(opus, /Anthropic: claude-opus-4-7 · Bedrock: us\.anthropic\.claude-opus-4-7/);
    assert.ok(rows.some((r) => /^nova-pro.*Anthropic: — \(Bedrock-only\) · Bedrock: us\.amazon\.nova-pro-v1:0/.test(r)), JSON.stringify(rows));
    await selectQuickPickItem(page, /haiku \/ haiku-4\.5/);
    const actions = await quickPickItems(page);
    assert.ok(actions.some((a) => /^Copy Anthropic ID\s*claude-haiku-4-5-20251001$/.test(a)), JSON.stringify(actions));
    await selectQuickPickItem(page, /Use as Default Model/);
    await statusBarItem(page, /^Anthropic · haiku/).waitFor({ state: 'visible', timeout: 15_000 });
  });
});
