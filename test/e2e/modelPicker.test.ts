// Issue 14 item 2 in a real window: the chat's model picker offers only what the answering provider
// can serve, one entry per model, the current generation first and older versions under a heading,
// with clean descriptions; Verify Model Mapping reports no false alarm and a picked row does something.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { MODEL_CATALOG, catalogByName } from '../../src/core/models/catalog';
import type { CatalogModel } from '../../src/core/models/catalog';
import { PRICE_TABLE } from '../../src/core/usage/prices';
import { tokens, usd } from '../../src/presenters/modelChoices';
import { askInChat, chatFrame } from './chatView';
import { startEmulatorWindow } from './emulatorWindow';
import { quickInput, quickPickItems, reportFailure, runCommand, screenshot, selectQuickPickItem, statusBarItem } from './workbench';
import type { Workbench } from './workbench';

/** The models the tier aliases name today (the assertions follow the aliases; the catalog says which models are current). */
const OPUS = catalogByName('opus')!;
const SONNET = catalogByName('sonnet')!;
const HAIKU = catalogByName('haiku')!;
/** A picker row as people read it: `haiku — Haiku 5.5` (the alias when the model has one). */
const row = (m: CatalogModel): string => `${m.aliases[0] ?? m.name} — ${m.displayName.replace(/^Claude /, '')}`;
const perMTok = (m: CatalogModel): string => `${usd(PRICE_TABLE[m.name]!.input)} / ${usd(PRICE_TABLE[m.name]!.output)} per MTok`;
const re = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
    // The models Anthropic lists as current and serves, the tier aliases first; then the heading.
    const current = MODEL_CATALOG.filter((m) => m.lifecycle.status === 'current' && m.family === 'anthropic' && m.providers.includes('anthropic'));
    const heading = texts.indexOf('── Older versions ──');
    assert.deepEqual(texts.slice(0, 3), [row(OPUS), row(SONNET), row(HAIKU)]);
    assert.deepEqual(texts.slice(0, heading), current.map(row));
    assert.deepEqual(rows.filter((r) => r.disabled).map((r) => r.text), ['── Older versions ──'], 'only the heading is disabled');
    // One entry per model: the aliases' models are not listed again under their versioned names.
    const twice = new RegExp(`^(${[OPUS, SONNET, HAIKU].map((m) => re(m.name)).join('|')}) `);
    for (const t of texts) assert.doesNotMatch(t, /nova|llama|mistral/i, `offered on Anthropic: ${t}`);
    for (const t of texts) assert.doesNotMatch(t, twice, `listed twice: ${t}`);
    // An older version is offered under the heading; one Anthropic has retired is not.
    assert.ok(texts.indexOf('sonnet-4.6 — Sonnet 4.6') > heading, JSON.stringify(texts));
    assert.ok(!texts.includes('sonnet-4.5 — Sonnet 4.5'), `retired on the Anthropic API but offered: ${JSON.stringify(texts)}`);
    const description = await pickRow(page, row(HAIKU));
    assert.equal(description, `${HAIKU.anthropicId} · also ${HAIKU.name} · ${perMTok(HAIKU)}`);
    await chatFrame(page).locator('.model-hint', { hasText: `Anthropic answers with ${HAIKU.anthropicId}` }).waitFor({ state: 'visible', timeout: 10_000 });
    await askInChat(page, 'Which model?');
    await chatFrame(page).locator('.message.assistant.status-done .answer-footer', { hasText: new RegExp(`^Anthropic · ${re(HAIKU.anthropicId!)}`) }).waitFor({ state: 'visible', timeout: 30_000 });
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
    await pickRow(page, row(SONNET));
    await chatFrame(page).locator('.model-hint', { hasText: `Anthropic answers with ${SONNET.anthropicId}` }).waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('Verify Model Mapping: no false alarm for the built-in catalog; rows show both IDs, limits and price; Use as Default Model changes the model', async () => {
    const { page } = workbench;
    await runCommand(page, 'Switchboard: Verify Model Mapping');
    const rows = await quickPickItems(page);
    const title = (await quickInput(page).locator('.quick-input-title').innerText()).trim();
    await screenshot(page, 'verify-model-mapping');
    // One row per catalog model.
    assert.equal(title, `Switchboard: Model Mapping — ${MODEL_CATALOG.length} models, all resolve (Bedrock in us-east-1)`);
    const opus = rows.find((r) => r.startsWith(`opus / ${OPUS.name}`));
    assert.ok(opus, JSON.stringify(rows));
    assert.match(opus, new RegExp(`^opus / ${re(OPUS.name)}\\s*${re(`${OPUS.displayName} · ${tokens(OPUS.contextWindow)} context · ${tokens(OPUS.maxOutputTokens)} output · ${perMTok(OPUS)}`)}`));
    assert.ok(opus.includes(`Anthropic: ${OPUS.anthropicId} · Bedrock: us.${OPUS.bedrockId}`), opus);
    // The list is taller than the box (the rows on screen are the first ones): filter for the Bedrock-only row as a person would.
    const filter = quickInput(page).locator('input');
    await filter.fill('nova-pro');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'nova-pro' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    const nova = await quickPickItems(page);
    assert.ok(nova.some((r) => /^nova-pro.*Anthropic: — \(Bedrock-only\) · Bedrock: us\.amazon\.nova-pro-v1:0/.test(r)), JSON.stringify(nova));
    await filter.fill('');
    await selectQuickPickItem(page, new RegExp(`haiku / ${re(HAIKU.name)}`));
    const actions = await quickPickItems(page);
    assert.ok(actions.some((a) => new RegExp(`^Copy Anthropic ID\\s*${re(HAIKU.anthropicId!)}$`).test(a)), JSON.stringify(actions));
    await selectQuickPickItem(page, /Use as Default Model/);
    await statusBarItem(page, /^Anthropic · haiku/).waitFor({ state: 'visible', timeout: 15_000 });
  });
});
