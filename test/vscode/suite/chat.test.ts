import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ChatController } from '../../../src/presenters/chat/chatController';
import { openLocalStore } from '../../../src/core/storage/localStore';
import { dirname } from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import type { AssistantChatMessage } from '../../../src/shared/chatTypes';
import type { HostMessage } from '../../../src/shared/protocol';
import { startAnthropicEmulator } from '../../emulators/anthropic';
import type { AnthropicEmulator } from '../../emulators/anthropic';
import { cfg, getApi, resetUserSettings, waitFor } from './helpers';
import { catalogByName } from '../../../src/core/models/catalog';

/** The model the default `sonnet` alias names today (the assertions follow the alias). */
const SONNET = catalogByName('sonnet')!;

const KEY = 'sk-ant-api03-inhost-chat-test-0000000000000000chat';
const LONG = Array.from({ length: 300 }, (_, i) => `token${i}`).join(' ');

describe('Chat view (against the Anthropic emulator)', () => {
  let emulator: AnthropicEmulator;
  const posted: HostMessage[] = [];
  let subscription: { dispose(): void } | undefined;

  before(async function () {
    emulator = await startAnthropicEmulator({ apiKeys: [KEY], respond: () => ({ content: [{ type: 'text', text: `Here is **markdown**:\n\n${LONG}` }] }) });
    await cfg().update('modelProvider.anthropic.baseUrl', emulator.url, vscode.ConfigurationTarget.Global);
    const api = await getApi();
    await waitFor('base URL applied', () => api.host.config.anthropic.baseUrl.value === emulator.url);
    await vscode.commands.executeCommand('switchboard.setAnthropicApiKey', KEY);
    subscription = api.chat.controller.onDidPost((m) => posted.push(m));
  });

  after(async () => {
    subscription?.dispose();
    await vscode.commands.executeCommand('switchboard.clearAnthropicApiKey');
    await resetUserSettings(['modelProvider.anthropic.baseUrl']);
    await emulator?.close();
  });

  beforeEach(() => {
    emulator.reset();
    posted.length = 0;
  });

  it('"Switchboard: Open Chat" reveals the Chat view and the webview completes the ready handshake', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('switchboard.openChat');
    await waitFor('the chat view to resolve', () => api.chat.isResolved, 20_000);
    // The webview's `ready` makes the host send its snapshot.
    await waitFor('init posted to the webview', () => posted.some((m) => m.type === 'init'), 20_000);
  });

  it('a question streams from the emulator into the view model, with the footer of the answer', async () => {
    const api = await getApi();
    const chat = api.chat.controller;
    await chat.newChat();
    await chat.handle({ type: 'send', text: 'stream me something', model: 'sonnet' });
    const answer = chat.session.messages[1] as AssistantChatMessage;
    assert.equal(answer.status, 'done');
    assert.ok(answer.text.endsWith('token299'), answer.text.slice(-40));
    const deltas = posted.filter((m): m is Extract<HostMessage, { type: 'delta' }> => m.type === 'delta');
    assert.ok(deltas.length >= 2, `only ${deltas.length} delta message(s)`);
    assert.equal(deltas.map((d) => d.text).join(''), answer.text);
    assert.equal(answer.footer?.provider, 'anthropic');
    assert.match(answer.footer?.modelId ?? '', new RegExp(`^${SONNET.anthropicId}`));
    const call = emulator.requestsTo('/v1/messages')[0]!;
    assert.equal((call.body as { stream?: boolean }).stream, true);
  });

  it('Stop cancels the provider request (the emulator sees the connection closed)', async () => {
    const api = await getApi();
    const chat = api.chat.controller;
    await chat.newChat();
    emulator.faults.push({ kind: 'stall-mid-stream', afterEvents: 3 });
    const sending = chat.handle({ type: 'send', text: 'stall please', model: 'sonnet' });
    await waitFor('the first tokens', () => posted.some((m) => m.type === 'delta'));
    await chat.handle({ type: 'stop' });
    await sending;
    const answer = chat.session.messages[1] as AssistantChatMessage;
    assert.equal(answer.status, 'stopped');
    assert.ok(answer.text.length > 0, 'the text that arrived is kept');
    await waitFor('clientClosed in the emulator log', () => emulator.requestsTo('/v1/messages').some((r) => r.clientClosed));
  });

  it('the open session survives a reload: a store re-opened on the same database (as another window or the CLI would) restores it', async () => {
    const api = await getApi();
    const other = openLocalStore(dirname(api.chat.storageFile), { legacy: false });
    const chat = api.chat.controller;
    await chat.newChat();
    await chat.handle({ type: 'send', text: 'remember this conversation', model: 'sonnet' });
    await chat.whenIdle();
    const reopened = new ChatController({
      store: other.sessions,
      logger: silentLogger,
      backend: { stream: () => { throw new Error('not used'); }, models: () => [], defaultModel: () => 'sonnet', copy: () => undefined, insertAtCursor: () => undefined, runCommand: () => undefined },
    });
    await reopened.whenIdle();
    assert.equal(reopened.session.id, chat.session.id);
    assert.equal(reopened.session.title, 'remember this conversation');
    assert.deepEqual(reopened.session.messages.map((m) => m.role), ['user', 'assistant']);
    assert.ok((reopened.session.messages[1] as AssistantChatMessage).text.endsWith('token299'));
    reopened.dispose();
    other.close();
  });

  it('"Add Selection to Chat" attaches the selected code with its file name', async () => {
    const api = await getApi();
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const a = 1;\nconst b = 2;\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 12);
    await vscode.commands.executeCommand('switchboard.addSelectionToChat');
    const attached = api.chat.controller.pendingAttachments.at(-1);
    assert.equal(attached?.text, 'const b = 2;');
    assert.deepEqual(attached?.lines, { start: 2, end: 2 });
    assert.equal(attached?.languageId, 'typescript');
    await api.chat.controller.handle({ type: 'removeAttachment', attachmentId: attached!.id });
    editor.selection = new vscode.Selection(0, 0, 1, 0); // ends at the start of line 2: only line 1 is selected
    await vscode.commands.executeCommand('switchboard.addSelectionToChat');
    const firstLine = api.chat.controller.pendingAttachments.at(-1);
    assert.deepEqual(firstLine?.lines, { start: 1, end: 1 });
    assert.equal(firstLine?.text, 'const a = 1;\n');
    await api.chat.controller.handle({ type: 'removeAttachment', attachmentId: firstLine!.id });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('"Add File to Chat" (Explorer) attaches a file by its URI, and a question sends it as fenced code with its name', async () => {
    const api = await getApi();
    const chat = api.chat.controller;
    const file = join(mkdtempSync(join(tmpdir(), 'sb-chat-file-')), 'notes.py');
    writeFileSync(file, 'print("attached")\n');
    await vscode.commands.executeCommand('switchboard.addFileToChat', vscode.Uri.file(file));
    const attached = chat.pendingAttachments.at(-1);
    assert.match(attached?.fileName ?? '', /notes\.py$/);
    assert.equal(attached?.text, 'print("attached")\n');
    await chat.newChat();
    await chat.handle({ type: 'send', text: 'what does it print?', model: 'sonnet' });
    const body = emulator.requestsTo('/v1/messages')[0]!.body as { messages: Array<{ content: unknown }> };
    assert.match(JSON.stringify(body.messages[0]!.content), /notes\.py:\\n```+\\nprint\(\\"attached\\"\)/);
    assert.equal(chat.pendingAttachments.length, 0, 'attachments are used once');
  });
});
