// The model QuickPick (Pick Default Model, the chat's "Pick Another Model"): the models the provider
// answering now can serve, grouped as the chat's picker groups them (src/presenters/modelChoices).
import * as vscode from 'vscode';
import { chatModelOptions } from '../presenters/modelChoices';
import { MODEL_GROUP_LABELS } from '../shared/chatFormat';
import type { ModelOption } from '../shared/chatTypes';
import { PROVIDER_LABELS } from '../shared/providers';
import type { EngineHost } from './engine/engineHost';
import type { Settings } from './settings/settings';

type ModelItem = vscode.QuickPickItem & { option?: ModelOption };

/** One row per usable model, a separator before each group. */
export function modelQuickPickItems(options: readonly ModelOption[], current?: string): ModelItem[] {
  const items: ModelItem[] = [];
  let group: string | undefined;
  for (const o of options.filter((x) => x.modelId)) {
    if (o.group && o.group !== group) {
      group = o.group;
      items.push({ label: MODEL_GROUP_LABELS[o.group], kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({ label: `${o.name === current ? '$(check) ' : ''}${o.label ?? o.name}`, description: o.modelId, ...(o.detail && o.detail !== o.modelId ? { detail: o.detail.replace(`${o.modelId} · `, '') } : {}), option: o });
  }
  return items;
}

/** Shows the picker; resolves with the chosen model (undefined: dismissed). */
export async function pickModel(host: EngineHost, title: string, current?: string): Promise<ModelOption | undefined> {
  const view = host.view();
  const options = chatModelOptions(view, current);
  const answering = PROVIDER_LABELS[options[0]?.provider ?? view.resolved.provider];
  const picked = await vscode.window.showQuickPick(modelQuickPickItems(options, current), {
    title,
    placeHolder: `Models ${answering} can answer now`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.option;
}

/** Switchboard: Pick Default Model — writes `switchboard.model` (the status bar follows). */
export function registerPickModel(host: EngineHost, settings: Settings): vscode.Disposable {
  return vscode.commands.registerCommand('switchboard.pickModel', async (): Promise<string | undefined> => {
    const picked = await pickModel(host, 'Switchboard: Pick Default Model', host.resolved.model);
    if (!picked) return undefined;
    await settings.update('model', picked.name);
    return picked.name;
  });
}
