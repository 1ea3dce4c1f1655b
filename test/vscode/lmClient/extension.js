// A vscode.lm client, like Cline's "VS Code LM API" provider: selects models by vendor, sends
// requests with tools, reads the stream, counts tokens, cancels. Its calls are this extension's
// (`switchboard-test.switchboard-lm-test-client`), so the provider sees it as the caller.
// Plain CommonJS on purpose: VS Code loads it as is, no build step.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS, loaded by VS Code without a build
const vscode = require('vscode');

/** spec: [{ role, parts: [{ text } | { toolCall } | { toolResult }] }] → vscode.LanguageModelChatMessage[] */
function toMessages(spec) {
  return spec.map((m) => {
    const parts = m.parts.map((p) => {
      if (p.text !== undefined) return new vscode.LanguageModelTextPart(p.text);
      if (p.toolCall) return new vscode.LanguageModelToolCallPart(p.toolCall.callId, p.toolCall.name, p.toolCall.input);
      if (p.toolResult) return new vscode.LanguageModelToolResultPart(p.toolResult.callId, [new vscode.LanguageModelTextPart(p.toolResult.text)]);
      throw new Error(`unknown part ${JSON.stringify(p)}`);
    });
    return m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(parts) : vscode.LanguageModelChatMessage.User(parts);
  });
}

function info(model) {
  return { id: model.id, name: model.name, vendor: model.vendor, family: model.family, version: model.version, maxInputTokens: model.maxInputTokens };
}

// Selected once per id, as a client keeps its chosen model; dropped when the list changes.
const selected = new Map();
vscode.lm.onDidChangeChatModels(() => selected.clear());

async function model(id) {
  if (selected.has(id)) return selected.get(id);
  const [m] = await vscode.lm.selectChatModels({ vendor: 'switchboard', id });
  if (!m) throw new Error(`no switchboard model ${id}`);
  selected.set(id, m);
  return m;
}

function activate() {
  return {
    async select() {
      return (await vscode.lm.selectChatModels({ vendor: 'switchboard' })).map(info);
    },
    /** Sends and reads the whole stream; parts in order, as { text } / { toolCall }. */
    async send(id, spec, options = {}) {
      const m = await model(id);
      const tokenSource = new vscode.CancellationTokenSource();
      const tools = (options.tools ?? []).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
      const response = await m.sendRequest(toMessages(spec), { tools, toolMode: options.required ? vscode.LanguageModelChatToolMode.Required : vscode.LanguageModelChatToolMode.Auto, justification: 'Switchboard in-host test' }, tokenSource.token);
      const parts = [];
      for await (const part of response.stream) {
        if (part instanceof vscode.LanguageModelTextPart) parts.push({ text: part.value });
        else if (part instanceof vscode.LanguageModelToolCallPart) parts.push({ toolCall: { callId: part.callId, name: part.name, input: part.input } });
        if (options.cancelAfterFirstPart && parts.length === 1) tokenSource.cancel();
      }
      return parts;
    },
    async countTokens(id, text) {
      return (await model(id)).countTokens(text);
    },
    async countMessage(id, spec) {
      return (await model(id)).countTokens(toMessages([spec])[0]);
    },
    /** Resolves on the next vscode.lm.onDidChangeChatModels. */
    nextModelsChange() {
      return new Promise((resolve) => {
        const d = vscode.lm.onDidChangeChatModels(() => {
          d.dispose();
          resolve(undefined);
        });
      });
    },
  };
}

module.exports = { activate, deactivate() {} };
