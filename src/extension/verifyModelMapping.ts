import * as vscode from 'vscode';
import { mappingRows } from '../presenters/engineViews';
import type { MappingRow } from '../presenters/engineViews';
import type { EngineHost } from './engine/engineHost';
import type { ExtensionLogger } from './log';

export type { MappingRow };

/** Logical name → the ID sent on each provider, in the region the engine uses, in a QuickPick and the log. */
export function registerVerifyModelMapping(host: EngineHost, logger: ExtensionLogger): vscode.Disposable {
  return vscode.commands.registerCommand('switchboard.verifyModelMapping', async (options?: { quiet?: boolean }): Promise<MappingRow[]> => {
    const view = host.view();
    const rows = mappingRows(view);
    const region = view.resolved.bedrock.region;
    logger.info(`model mapping (Bedrock region ${region.region}, ${region.source}: ${region.origin}):`);
    for (const r of rows) logger.info(`  ${r.name}: anthropic=${r.anthropic} bedrock=${r.bedrock}`);
    if (options?.quiet) return rows;
    const bad = rows.filter((r) => !r.ok).length;
    void vscode.window.showQuickPick(
      rows.map((r) => ({
        label: `${r.ok ? '$(check)' : '$(warning)'} ${r.name}${r.name === view.resolved.model ? '  (default)' : ''}`,
        description: `Anthropic: ${r.anthropic}`,
        detail: `Bedrock (${region.region}): ${r.bedrock}`,
      })),
      { title: `Switchboard: Model Mapping — ${rows.length} names${bad ? `, ${bad} with problems` : ''}`, matchOnDescription: true, matchOnDetail: true },
    );
    return rows;
  });
}
