import * as vscode from 'vscode';
import { describeModels } from '../core/models/describe';
import { mappingRows, tokens } from '../presenters/modelChoices';
import type { MappingRow } from '../presenters/modelChoices';
import { PROVIDER_IDS, PROVIDER_LABELS } from '../shared/providers';
import type { EngineHost } from './engine/engineHost';
import type { ExtensionLogger } from './log';
import type { Settings } from './settings/settings';

export type { MappingRow };

/** The rows with the facts of src/core/models/describe for the region and mapping the engine uses. */
export function modelMappingRows(host: EngineHost): MappingRow[] {
  const view = host.view();
  const config = host.engine.config;
  return mappingRows(view, describeModels({ region: view.resolved.bedrock.region.region, mapping: config.modelMapping, inferenceProfile: config.bedrock.inferenceProfile }));
}

function logRows(logger: ExtensionLogger, host: EngineHost, rows: readonly MappingRow[]): void {
  const region = host.view().resolved.bedrock.region;
  logger.info(`model mapping (Bedrock region ${region.region}, ${region.source}: ${region.origin}):`);
  for (const r of rows) {
    const limits = r.contextWindow ? `, context ${tokens(r.contextWindow)}, max output ${tokens(r.maxOutputTokens ?? 0)}` : '';
    logger.info(`  ${r.names.join(' / ')}${r.displayName ? ` (${r.displayName})` : ''}: anthropic=${r.anthropic} bedrock=${r.bedrock}${limits}`);
    if (r.rule) logger.info(`    bedrock ID: ${r.rule}`);
    for (const p of PROVIDER_IDS) if (r.prices[p]) logger.info(`    ${PROVIDER_LABELS[p]} price: ${r.prices[p]}`);
  }
}

type RowItem = vscode.QuickPickItem & { row: MappingRow };
type ActionItem = vscode.QuickPickItem & { run: () => Thenable<unknown> | void };

function rowItem(r: MappingRow, defaultModel: string): RowItem {
  const facts = [r.contextWindow ? `${tokens(r.contextWindow)} context` : '', r.maxOutputTokens ? `${tokens(r.maxOutputTokens)} output` : '', r.prices.anthropic ?? r.prices.bedrock ?? ''].filter(Boolean);
  const isDefault = r.names.includes(defaultModel);
  return {
    label: `${r.ok ? '$(check)' : '$(warning)'} ${r.names.join(' / ')}${isDefault ? '  (default)' : ''}`,
    description: [r.displayName, ...facts].filter(Boolean).join(' · '),
    detail: `Anthropic: ${r.anthropic}  ·  Bedrock: ${r.bedrock}`,
    row: r,
  };
}

/** What picking a row offers: use it, copy an ID, open the mapping; the rule and prices are in the log. */
function actionItems(r: MappingRow, settings: Settings, logger: ExtensionLogger): ActionItem[] {
  const usable = PROVIDER_IDS.filter((p) => !r[p].startsWith('⚠') && !r[p].startsWith('—'));
  const copy = (p: (typeof PROVIDER_IDS)[number]): ActionItem => ({
    label: `$(copy) Copy ${PROVIDER_LABELS[p]} ID`,
    description: r[p],
    run: async () => {
      await vscode.env.clipboard.writeText(r[p]);
      void vscode.window.setStatusBarMessage(`$(check) Copied ${r[p]}`, 3000);
    },
  });
  return [
    ...(usable.length ? [{ label: '$(check) Use as Default Model', description: `switchboard.model = ${r.name}`, run: () => settings.update('model', r.name) }] : []),
    ...usable.map(copy),
    { label: '$(settings-gear) Open Model Mapping', description: 'add or change names', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.modelProvider.modelMapping') },
    ...(r.rule || Object.keys(r.prices).length ? [{ label: '$(output) Show Rule and Prices', description: 'in the log', run: () => logger.channel.show(true) }] : []),
  ];
}

/** Every model → the ID sent on each provider (in the region the engine uses), its limits and prices; a row leads to actions. */
export function registerVerifyModelMapping(host: EngineHost, settings: Settings, logger: ExtensionLogger): vscode.Disposable {
  return vscode.commands.registerCommand('switchboard.verifyModelMapping', async (options?: { quiet?: boolean }): Promise<MappingRow[]> => {
    const rows = modelMappingRows(host);
    logRows(logger, host, rows);
    if (options?.quiet) return rows;
    const bad = rows.filter((r) => !r.ok).length;
    const region = host.view().resolved.bedrock.region.region;
    void (async () => {
      const picked = await vscode.window.showQuickPick(rows.map((r) => rowItem(r, host.resolved.model)), {
        title: `Switchboard: Model Mapping — ${rows.length} models, ${bad ? `${bad} with problems` : 'all resolve'} (Bedrock in ${region})`,
        placeHolder: 'Pick a model to use it, copy its ID or open the mapping',
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!picked) return;
      const action = await vscode.window.showQuickPick(actionItems(picked.row, settings, logger), { title: `Switchboard: ${picked.row.names.join(' / ')}` });
      await action?.run();
    })();
    return rows;
  });
}
