import * as assert from 'node:assert/strict';
import { parseSession, serializeSession } from '../../../../src/core/chat/persistence';
import { newSession } from '../../../../src/core/chat/session';
import { fixActionsFor } from '../../../../src/core/errorFixes';
import type { FixAction } from '../../../../src/core/errorFixes';
import { SwitchboardError } from '../../../../src/core/errors';
import { fixCommandOf } from '../../../../src/extension/fixCommands';
import { errorView } from '../../../../src/presenters/chat/answerReducer';
import { settingLabel } from '../../../../src/presenters/chat/settingLinks';
import type { AssistantChatMessage } from '../../../../src/shared/chatTypes';
import { validateWebviewMessage } from '../../../../src/shared/protocol';

const overBudget = (): SwitchboardError => new SwitchboardError({ type: 'budget_exceeded', message: 'Monthly budget reached' });

describe('chat error fix buttons', () => {
  it('the error view carries the fixes errorFixes computes, primary first', () => {
    const view = errorView(overBudget(), {});
    assert.deepEqual(view.fixes, fixActionsFor(overBudget(), {}));
    assert.equal(view.fixes?.[0]?.label, 'Allow One More Request');
  });

  it('a hint that spells raw setting ids (or #id# link syntax) reads their labels, and each becomes a setting link', () => {
    const error = new SwitchboardError({ type: 'budget_exceeded', message: 'Monthly budget reached', hint: 'Raise switchboard.budget.monthlyUsd, turn off #switchboard.budget.hardStop#, or raise switchboard.timeouts.firstTokenSeconds.' });
    const view = errorView(error, {});
    assert.equal(view.hint, 'Raise Monthly Budget (USD), turn off Budget Hard Stop, or raise Timeouts: First Token Seconds.');
    assert.deepEqual(view.settings, [
      { id: 'switchboard.budget.monthlyUsd', label: 'Monthly Budget (USD)' },
      { id: 'switchboard.budget.hardStop', label: 'Budget Hard Stop' },
      { id: 'switchboard.timeouts.firstTokenSeconds', label: 'Timeouts: First Token Seconds' },
    ]);
    assert.equal(settingLabel('switchboard.modelProvider.bedrock.awsRegion'), 'AWS Region');
  });

  it('a cancel offers no fix', () => {
    assert.deepEqual(errorView(new SwitchboardError({ type: 'cancelled', message: 'stopped' })).fixes, []);
  });

  it('a reopened chat keeps code, fixes and settings; a forged action in the file is dropped', () => {
    const s = newSession('sonnet', 1);
    const error = errorView(overBudget());
    const forged = { kind: 'openUrl', url: 'https://evil.example/x', label: 'Free money' };
    const a: AssistantChatMessage = { id: 'm_1', role: 'assistant', text: '', thinking: '', toolCalls: [], status: 'error', at: 2, error: { ...error, code: 'x', settings: [{ id: 'switchboard.model', label: 'Model' }], fixes: [...(error.fixes ?? []), forged] } };
    s.messages.push(a);
    const back = parseSession(serializeSession(s))?.messages[0] as AssistantChatMessage;
    assert.deepEqual(back.error?.fixes, error.fixes);
    assert.equal(back.error?.code, 'x');
    assert.deepEqual(back.error?.settings, [{ id: 'switchboard.model', label: 'Model' }]);
  });

  it('the webview may send only a message id and an index in range; an action it adds is not passed on', () => {
    const ok = validateWebviewMessage({ type: 'fix', messageId: 'm_1', fixIndex: 1, action: { kind: 'openUrl', url: 'https://evil.example' } });
    assert.deepEqual(ok, { ok: true, message: { type: 'fix', messageId: 'm_1', fixIndex: 1 } });
    for (const fixIndex of [-1, 1.5, 16, '0', undefined]) assert.equal(validateWebviewMessage({ type: 'fix', messageId: 'm_1', fixIndex }).ok, false, String(fixIndex));
  });

  it('each fix kind maps to the command that fixes it', () => {
    const setting = { id: 'switchboard.budget.monthlyUsd', label: 'Monthly Budget (USD)' };
    const table: Array<[FixAction, ReturnType<typeof fixCommandOf>]> = [
      [{ kind: 'retry', label: 'Retry' }, { type: 'surface', kind: 'retry' }],
      [{ kind: 'pickModel', label: 'P' }, { type: 'surface', kind: 'pickModel' }],
      [{ kind: 'switchProvider', provider: 'bedrock', label: 'U' }, { type: 'command', id: 'switchboard.switchProvider', args: ['bedrock'] }],
      [{ kind: 'setApiKey', provider: 'anthropic', label: 'S' }, { type: 'command', id: 'switchboard.setAnthropicApiKey', args: [] }],
      [{ kind: 'setApiKey', provider: 'bedrock', label: 'S' }, { type: 'command', id: 'switchboard.setBedrockApiKey', args: [] }],
      [{ kind: 'clearStoredKey', provider: 'anthropic', label: 'C' }, { type: 'command', id: 'switchboard.clearAnthropicApiKey', args: [] }],
      [{ kind: 'clearStoredKey', provider: 'bedrock', label: 'C' }, { type: 'command', id: 'switchboard.clearBedrockApiKey', args: [] }],
      [{ kind: 'setAwsAccessKeys', label: 'A' }, { type: 'command', id: 'switchboard.setAwsAccessKeys', args: [] }],
      [{ kind: 'runInTerminal', argv: ['aws', 'sso', 'login', '--profile', "o'brien x"], command: 'aws sso login', label: 'R' }, { type: 'terminal', name: 'aws sso login', text: "aws sso login --profile 'o'\\''brien x'" }],
      [{ kind: 'openSetting', setting, label: 'O' }, { type: 'command', id: 'workbench.action.openSettings', args: [setting.id] }],
      [{ kind: 'openUrl', url: 'https://console.anthropic.com/', label: 'O' }, { type: 'url', url: 'https://console.anthropic.com/' }],
      [{ kind: 'allowOverBudget', label: 'A' }, { type: 'command', id: 'switchboard.allowOverBudget', args: [] }],
      [{ kind: 'newChat', label: 'N' }, { type: 'command', id: 'switchboard.newChat', args: [] }],
      [{ kind: 'showUsage', label: 'U' }, { type: 'command', id: 'switchboard.showUsage', args: [] }],
      [{ kind: 'showLog', label: 'L' }, { type: 'command', id: 'switchboard.showLog', args: [] }],
    ];
    for (const [action, expected] of table) assert.deepEqual(fixCommandOf(action), expected, action.kind);
  });

  it('a machine-scoped setting in a remote window opens on the Settings editor\'s Remote tab (it is not listed under User there)', () => {
    const open = (id: string): FixAction => ({ kind: 'openSetting', setting: { id, label: 'L' }, label: 'Open L' });
    const place = { remote: true, machineScoped: (id: string) => id === 'switchboard.modelProvider.anthropic.baseUrl' };
    assert.deepEqual(fixCommandOf(open('switchboard.modelProvider.anthropic.baseUrl'), place), { type: 'command', id: 'workbench.action.openRemoteSettings', args: [{ query: 'switchboard.modelProvider.anthropic.baseUrl' }] });
    assert.deepEqual(fixCommandOf(open('switchboard.model'), place), { type: 'command', id: 'workbench.action.openSettings', args: ['switchboard.model'] });
    assert.deepEqual(fixCommandOf(open('switchboard.modelProvider.anthropic.baseUrl'), { ...place, remote: false }), { type: 'command', id: 'workbench.action.openSettings', args: ['switchboard.modelProvider.anthropic.baseUrl'] });
  });
});
