import * as vscode from 'vscode';
import { PROVIDER_IDS } from '../core/types';
import { logicalModelNames, resolveModelFor } from './coreBridge';
import type { ExtensionLogger } from './log';
import type { SwitchboardState } from './state';

export interface MappingRow { name: string; anthropic: string; bedrock: string; ok: boolean }

export function mappingRows(state: SwitchboardState): MappingRow[] {
  const config = state.config;
  return logicalModelNames(config).map((name) => {
    const ids = PROVIDER_IDS.map((provider) => {
      try {
        const r = resolveModelFor(config, provider, name);
        return { id: r.modelId + (r.note ? ` (${r.note})` : ''), ok: true };
      } catch (e) {
        return { id: `⚠ ${(e as Error).message}`, ok: false };
      }
    });
    return { name, anthropic: ids[0].id, bedrock: ids[1].id, ok: ids.every((i) => i.ok) };
  });
}

/** Logical name → resolved ID on both providers for the configured region, in a QuickPick and the log. */
export function registerVerifyModelMapping(state: SwitchboardState, logger: ExtensionLogger): vscode.Disposable {
  return vscode.commands.registerCommand('switchboard.verifyModelMapping', async (options?: { quiet?: boolean }): Promise<MappingRow[]> => {
    const rows = mappingRows(state);
    const region = state.config.bedrock.region.value;
    logger.info(`model mapping (Bedrock region ${region}):`);
    for (const r of rows) logger.info(`  ${r.name}: anthropic=${r.anthropic} bedrock=${r.bedrock}`);
    if (options?.quiet) return rows;
    const bad = rows.filter((r) => !r.ok).length;
    void vscode.window.showQuickPick(
      rows.map((r) => ({
        label: `${r.ok ? '$(check)' : '$(warning)'} ${r.name}${r.name === state.config.model.value ? '  (default)' : ''}`,
        description: `Anthropic: ${r.anthropic}`,
        detail: `Bedrock (${region}): ${r.bedrock}`,
      })),
      { title: `Switchboard: Model Mapping — ${rows.length} names${bad ? `, ${bad} with problems` : ''}`, matchOnDescription: true, matchOnDetail: true },
    );
    return rows;
  });
}
