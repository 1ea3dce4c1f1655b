// The Configure tab in the editor: reads each field's user / workspace / default values (inspect),
// what the engine uses and where it comes from, workspace trust and the stored keys' states; writes
// user settings after the validation settings.json gets (settingWrite.ts), never on a refusal.
import * as vscode from 'vscode';
import { FIELDS } from '../../core/config/schema';
import type { ConfigKey } from '../../core/config/schema';
import type { ConfigureBackend, WriteOutcome } from '../../presenters/dashboard/configureSection';
import type { ConfigFieldInput, EffectiveValue, SecretInput } from '../../presenters/dashboard/configureView';
import type { FieldOption, SecretCommandTarget } from '../../shared/dashboard/configure';
import type { EngineHost } from '../engine/engineHost';
import type { ExtensionLogger } from '../log';
import type { SecretStore } from '../secrets';
import type { Settings } from '../settings/settings';
import { CREDENTIAL_REDIRECTING_KEYS, SETTINGS } from '../settings/settingsTable';
import type { BedrockAuthSetting, ModelMappingSetting, SettingKey } from '../settings/settingsTable';
import { FORM_GROUPS, FORM_KEYS, MAPPING_KEY, formFields } from './configureForm';
import { checkSettingWrite, mappingFromRows } from './settingWrite';
import type { ContributedSchema } from './settingWrite';

interface ContributedProperty extends ContributedSchema {
  default?: unknown;
  enumDescriptions?: string[];
  enumItemLabels?: string[];
}

/** Each `switchboard.*` property as package.json contributes it (enums, their descriptions, bounds, defaults). */
function contributedProperties(packageJson: unknown): Map<string, ContributedProperty> {
  const out = new Map<string, ContributedProperty>();
  const configuration = (packageJson as { contributes?: { configuration?: unknown } } | undefined)?.contributes?.configuration;
  for (const section of Array.isArray(configuration) ? configuration : configuration ? [configuration] : []) {
    for (const [key, value] of Object.entries((section as { properties?: Record<string, ContributedProperty> }).properties ?? {})) {
      out.set(key.replace(/^switchboard\./, ''), value);
    }
  }
  return out;
}

function enumOptions(p: ContributedProperty | undefined): FieldOption[] | undefined {
  if (!p?.enum) return undefined;
  return p.enum.map((v, i) => {
    const value = String(v);
    const description = p.enumDescriptions?.[i];
    return { value, label: p.enumItemLabels?.[i] ?? value, ...(description ? { detail: description } : {}) };
  });
}

const SECRET_COMMANDS: Record<SecretCommandTarget, { set: string; clear: string }> = {
  anthropicApiKey: { set: 'switchboard.setAnthropicApiKey', clear: 'switchboard.clearAnthropicApiKey' },
  bedrockApiKey: { set: 'switchboard.setBedrockApiKey', clear: 'switchboard.clearBedrockApiKey' },
  awsAccessKeys: { set: 'switchboard.setAwsAccessKeys', clear: 'switchboard.clearAwsAccessKeys' },
};

const CONFIG_KEY_OF: ReadonlyMap<string, ConfigKey> = new Map(FIELDS.map((f) => [f.settings.join('.'), f.key]));

export interface ConfigureBackendDeps {
  host: EngineHost;
  settings: Settings;
  secrets: SecretStore;
  logger: ExtensionLogger;
  /** The extension's package.json (context.extension.packageJSON). */
  packageJson: unknown;
}

export function configureBackend({ host, settings, secrets, logger, packageJson }: ConfigureBackendDeps): ConfigureBackend {
  const contributed = contributedProperties(packageJson);

  const effectiveOf = (key: SettingKey): EffectiveValue | undefined => {
    const configKey = CONFIG_KEY_OF.get(key);
    if (!configKey) return undefined;
    const source = host.config.core.sources[configKey];
    if (key === 'modelProvider.bedrock.awsRegion' && source?.source !== 'environment' && source?.source !== 'file') {
      // The engine's own answer: a profile's region wins over the default.
      const r = host.resolved.bedrock.region;
      return { value: r.region, source: r.source === 'explicit' ? 'settings' : r.source, origin: r.origin };
    }
    return source ? { value: source.value, source: source.source, ...(source.origin ? { origin: source.origin } : {}) } : undefined;
  };

  const fieldInput = (key: SettingKey, form: Omit<ConfigFieldInput, 'key' | 'redirecting'>): ConfigFieldInput => {
    const info = settings.inspect(key);
    const workspace = info?.workspaceFolderValue ?? info?.workspaceValue;
    const effective = effectiveOf(key);
    const options = form.options ?? enumOptions(contributed.get(key));
    return {
      ...form,
      key,
      ...(options ? { options } : {}),
      ...(info?.globalValue !== undefined ? { user: info.globalValue } : {}),
      ...(workspace !== undefined ? { workspace } : {}),
      ...(info?.defaultValue !== undefined ? { defaultValue: info.defaultValue } : {}),
      ...(effective ? { effective } : {}),
      redirecting: CREDENTIAL_REDIRECTING_KEYS.has(key),
    };
  };

  const secretInputs = async (list: ReturnType<typeof formFields>['secrets']): Promise<SecretInput[]> => {
    const stored = await secrets.getAll();
    return list.map((s) => {
      const isStored = s.id === 'awsAccessKeys' ? Boolean(stored.awsAccessKeyId) : Boolean(stored[s.id]);
      // How the provider authenticates now, in the words every surface uses (never the key).
      const state = s.id === 'anthropicApiKey' ? host.authDescription('anthropic')
        : s.id === 'awsAccessKeys' && host.config.bedrock.authMethod.value === 'assumeRole'
          ? (isStored ? 'stored: they assume the role' : 'none stored: the AWS profile or default chain assumes the role')
          : host.authDescription('bedrock');
      return { id: s.id, group: s.group, label: s.label, state, stored: isStored, present: isStored || !/^no /.test(state) };
    });
  };

  const check = (key: SettingKey, raw: unknown): ReturnType<typeof checkSettingWrite> => checkSettingWrite({
    key,
    raw,
    current: settings.explicit().explicit,
    budget: { monthlyUsd: settings.get('budget.monthlyUsd'), alertThresholds: settings.get('budget.alertThresholds'), hardStop: settings.get('budget.hardStop') },
    ...(contributed.get(key) ? { schema: contributed.get(key) } : {}),
  });

  /** Why the form may not write `key` now (a key outside the form, a pin, Restricted Mode), or undefined. */
  const refusal = (key: string): string | undefined => {
    if (!FORM_KEYS.has(key as SettingKey)) return `switchboard.${key} is not part of the form`;
    const effective = effectiveOf(key as SettingKey);
    if (effective?.source === 'environment') return `switchboard.${key} is pinned by ${effective.origin ?? 'the environment'}; the setting would have no effect`;
    if (CREDENTIAL_REDIRECTING_KEYS.has(key as SettingKey) && !vscode.workspace.isTrusted) return `switchboard.${key} decides where credentials are sent and cannot be changed in Restricted Mode`;
    return undefined;
  };

  const write = async (key: SettingKey, value: unknown): Promise<WriteOutcome> => {
    await settings.update(key, value as never, vscode.ConfigurationTarget.Global);
    logger.info(`dashboard: wrote switchboard.${key} to user settings`);
    // The settings listener reloads too; reloading here makes the change visible (and used) before the form's next view.
    if (SETTINGS[key].role !== 'budget') await host.reload(`dashboard: switchboard.${key} changed`);
    return { ok: true };
  };

  return {
    configure: async () => {
      const method = host.config.bedrock.authMethod.value as BedrockAuthSetting;
      const { fields, secrets: secretList } = formFields(method);
      const resolved = host.resolved;
      return {
        trusted: vscode.workspace.isTrusted,
        groups: FORM_GROUPS.map((g) => ({ ...g })),
        fields: fields.map(({ key, authMethods: _a, ...form }) => fieldInput(key, form)),
        secrets: await secretInputs(secretList),
        resolution: {
          model: resolved.model,
          region: resolved.bedrock.region.region,
          inferenceProfile: resolved.bedrock.inferenceProfile,
          mapping: host.config.core.config.modelMapping,
        },
        mapping: (() => {
          const info = settings.inspect(MAPPING_KEY);
          const workspace = info?.workspaceFolderValue ?? info?.workspaceValue;
          return { ...(info?.globalValue !== undefined ? { user: info.globalValue } : {}), ...(workspace !== undefined ? { workspace } : {}) };
        })(),
      };
    },
    writeSetting: async (key, raw) => {
      const refused = refusal(key);
      if (refused) return { ok: false, error: refused };
      const checked = check(key as SettingKey, raw);
      if (!checked.ok) return checked;
      return write(key as SettingKey, checked.value);
    },
    resetSetting: async (key) => {
      const refused = refusal(key);
      if (refused) return { ok: false, error: refused };
      const checked = check(key as SettingKey, '');
      if (!checked.ok) return checked;
      return write(key as SettingKey, undefined);
    },
    writeMapping: async (rows) => {
      const refused = refusal(MAPPING_KEY);
      if (refused) return { ok: false, error: refused };
      const previous = settings.inspect(MAPPING_KEY)?.globalValue as ModelMappingSetting | undefined;
      const mapping = mappingFromRows(rows, previous);
      if (!mapping.ok) return mapping;
      const checked = check(MAPPING_KEY, mapping.value);
      if (!checked.ok) return checked;
      return write(MAPPING_KEY, Object.keys(mapping.value).length ? checked.value : undefined);
    },
    setSecret: async (target) => {
      await vscode.commands.executeCommand(SECRET_COMMANDS[target].set);
    },
    clearSecret: async (target) => {
      await vscode.commands.executeCommand(SECRET_COMMANDS[target].clear);
    },
  };
}
