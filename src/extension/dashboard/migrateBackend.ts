// The Migrate tab in the editor: the routing and resolution the engine uses, the cheapest real
// request per model (through the engine host, forced onto the target), the fixes (core's actions,
// run as the chat runs them), the model picker for a remap, and the YAML export of the result.
import * as vscode from 'vscode';
import type { ModelMapping } from '../../core/models/catalog';
import type { MigrateBackend } from '../../presenters/dashboard/migrateSection';
import { MIGRATE_SURFACE } from '../../presenters/dashboard/migrateSection';
import { PROVIDER_FULL_LABELS } from '../../shared/providers';
import { exportConfigText } from '../configImportExport';
import type { EngineHost } from '../engine/engineHost';
import { runFix } from '../runFix';
import type { Settings } from '../settings/settings';
import type { SettingValues } from '../settings/settingsTable';

export function migrateBackend(host: EngineHost, settings: Settings): MigrateBackend {
  return {
    migrate: async () => {
      const view = host.view();
      const r = view.resolved;
      return {
        primary: r.provider,
        // As configured: "Anthropic as fallback" is set before Bedrock becomes primary (the engine ignores a fallback equal to the primary until then).
        fallback: host.config.fallbackProvider.value,
        ...(view.providerPinnedBy ? { providerPinnedBy: view.providerPinnedBy } : {}),
        model: r.model,
        region: { region: r.bedrock.region.region, source: r.bedrock.region.source, origin: r.bedrock.region.origin },
        inferenceProfile: r.bedrock.inferenceProfile,
        mapping: host.config.core.config.modelMapping,
        userMapping: (settings.inspect('modelProvider.modelMapping')?.globalValue as ModelMapping | undefined) ?? {},
      };
    },
    probeModel: async (provider, model) => {
      // One output token: the cheapest request that proves the model answers for these credentials here.
      const result = await host.send({ model, messages: [{ role: 'user', content: 'Reply with OK.' }], maxTokens: 1 }, { provider, allowFailover: false, cache: false, surface: MIGRATE_SURFACE });
      return { modelId: result.modelId, latencyMs: result.latencyMs };
    },
    fixContext: (model) => host.fixContext(model),
    runFix: (action) => runFix(action),
    pickModel: async (provider, name, candidates) => {
      const label = PROVIDER_FULL_LABELS[provider];
      if (candidates.length === 0) {
        void vscode.window.showWarningMessage(`Switchboard: no other model has answered on ${label} yet. Run the model checks first, then pick one for ${name}.`);
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(
        candidates.map((c) => ({ label: c.name, description: c.modelId, detail: `Answered on ${label}` })),
        { title: `Switchboard: a model for "${name}" on ${label}`, placeHolder: `Requests for ${name} on ${label} will use this model (a model-mapping entry in your user settings)` },
      );
      return pick?.label;
    },
    exportMigration: async ({ provider, fallback }) => {
      const r = host.resolved;
      const overrides: Partial<SettingValues> = {
        'modelProvider.type': provider,
        'modelProvider.fallbackProvider': fallback,
        // The region the checks ran in, whatever decided it (settings, AWS_REGION, the profile).
        ...(provider === 'bedrock' || fallback === 'bedrock' ? { 'modelProvider.bedrock.awsRegion': r.bedrock.region.region } : {}),
      };
      const text = await exportConfigText(settings, overrides);
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
      await vscode.window.showTextDocument(document, { preview: false });
    },
  };
}
