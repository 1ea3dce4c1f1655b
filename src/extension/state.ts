import * as vscode from 'vscode';
import type { AuthInfo, HealthResult, ProviderId } from '../core/types';
import { createClient, describeSources, monthSpend, parseConfigYaml, redirectingFields, resolveConfig, resolveModelFor, withoutRedirectingFields } from './coreBridge';
import type { ClientReliability, ClientSecrets, ExtensionClient, ExtensionConfig, HealthChange, PartialSwitchboardConfig, Sourced } from './coreBridge';
import type { ExtensionLogger } from './log';
import type { SecretStore, StoredSecrets } from './secrets';
import type { ClientUsageOptions } from './usageBridge';
import { secretTail } from './secretFormats';
import { readSettings, toSettingsObject } from './settings';
import type { SettingKey } from './settings';

export interface FailoverState { from: ProviderId; to: ProviderId; reason: string }

/** The Sourced value behind each setting, to tell the user when the environment pins it. */
export function sourcedFor(config: ExtensionConfig, key: SettingKey): Sourced<unknown> | undefined {
  const table: Partial<Record<SettingKey, Sourced<unknown>>> = {
    'modelProvider.type': config.provider,
    'modelProvider.anthropic.baseUrl': config.anthropic.baseUrl,
    'modelProvider.bedrock.awsRegion': config.bedrock.region,
    'modelProvider.bedrock.awsProfile': config.bedrock.profile,
    maxOutputTokens: config.maxOutputTokens,
    thinkingBudget: config.thinkingBudget,
    model: config.model,
  };
  return table[key];
}

/**
 * The extension's single source of truth: the last working effective config, the stored
 * secrets, the client built from both, and the last health per provider. Surfaces (status
 * bar, commands) read it and listen to onDidChange; nothing else resolves config.
 */
export class SwitchboardState implements vscode.Disposable {
  private current: ExtensionConfig | undefined;
  private client: ExtensionClient | undefined;
  private clientSubscription: { dispose(): void } | undefined;
  private secrets: StoredSecrets = {};
  private readonly health = new Map<ProviderId, HealthResult>();
  private lastAuth = new Map<ProviderId, AuthInfo>();
  failover: FailoverState | undefined;
  /** This month's spend from the usage ledger, once read. */
  spend: { usd: number; requests: number; unpriced: number; cacheWriteUsd?: number } | undefined;
  /** Set by usage.ts: price overrides, prompt-cache settings and the budget guard for each new client. */
  usageHooks: { options(): ClientUsageOptions } | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange: vscode.Event<void> = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** Bumped on every reload so a slow file read can't overwrite a newer config. */
  private generation = 0;
  /** Redirect confirmations already asked this session (don't nag on every reload). */
  private readonly askedAbout = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly logger: ExtensionLogger,
    private readonly secretStore: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.disposables.push(secretStore.onDidChange(async (name) => {
      this.secrets = await secretStore.getAll();
      this.logger.info(`secret ${name} changed; rebuilding the client`);
      this.resetClient();
      this.emitter.fire();
    }));
  }

  get config(): ExtensionConfig {
    if (!this.current) throw new Error('SwitchboardState used before initialize()');
    return this.current;
  }

  async initialize(): Promise<void> {
    this.secrets = await this.secretStore.getAll();
    const ok = await this.reload('activation');
    if (!ok && !this.current) {
      // First load with broken settings: run on environment + defaults until they are fixed.
      const fallback = resolveConfig({ settings: {}, environment: this.env });
      if (fallback.ok) this.current = fallback.config;
    }
  }

  /**
   * Re-resolve settings + file + environment. On invalid input: one warning naming the bad
   * field (with Open Settings) and the previous working config stays in use.
   */
  async reload(reason: string, explicitProvider?: ProviderId): Promise<boolean> {
    const generation = ++this.generation;
    const run = this.load(generation, reason, explicitProvider);
    this.latestReload = run;
    return run;
  }

  /** Newest reload in flight: a superseded one resolves with it, so callers see the state it leaves. */
  private latestReload: Promise<boolean> | undefined;

  private async load(generation: number, reason: string, explicitProvider?: ProviderId): Promise<boolean> {
    const snapshot = readSettings();
    for (const key of snapshot.ignoredWorkspaceValues) {
      this.logger.warn(`ignoring the workspace value of switchboard.${key}: it redirects credentials and is read from user settings only`);
    }
    const { configFile, ...settingValues } = snapshot.explicit;
    const file = await this.loadConfigFile(this.env.SWITCHBOARD_CONFIG?.trim() || undefined, configFile);
    if (generation !== this.generation) return (await this.latestReload) ?? true;
    const result = resolveConfig({
      settings: toSettingsObject(settingValues),
      ...(file ? { file: file.config, fileName: file.name } : {}),
      storedSecrets: { anthropicApiKey: Boolean(this.secrets.anthropicApiKey), bedrockApiKey: Boolean(this.secrets.bedrockApiKey) },
      ...(explicitProvider ? { explicit: { provider: explicitProvider } } : {}),
      environment: this.env,
    });
    if (!result.ok) {
      const first = result.errors[0];
      const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more, see the log)` : '';
      for (const e of result.errors) this.logger.error(`invalid setting: ${e.message}`);
      const keep = this.current ? ' The previous working configuration stays in use.' : '';
      void vscode.window.showWarningMessage(`Switchboard: ${first.message}${more}.${keep}`, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', `switchboard.${first.path.split('.').slice(0, 2).join('.')}`);
      });
      return false;
    }
    this.current = result.config;
    for (const w of result.warnings) this.logger.warn(w.message);
    this.logger.info(`configuration (${reason}): provider ${result.config.provider.value}, model ${result.config.model.value}`);
    for (const line of describeSources(result.config)) this.logger.info(`  ${line}`);
    this.resetClient();
    this.emitter.fire();
    return true;
  }

  /** Tells the user when a setting they just changed is pinned by the environment. */
  explainEnvironmentPins(changed: readonly SettingKey[]): void {
    if (!this.current) return;
    for (const key of changed) {
      const sourced = sourcedFor(this.current, key);
      if (sourced?.source === 'environment' && sourced.envVar) {
        void vscode.window.showInformationMessage(
          `Switchboard: ${sourced.envVar}=${this.env[sourced.envVar] ?? ''} in the environment overrides switchboard.${key}; the setting takes effect once the variable is unset.`,
        );
      }
    }
  }

  /**
   * The config.yml to merge below settings: SWITCHBOARD_CONFIG, else the configFile setting,
   * else `.switchboard/config.yml` in the workspace. A file chosen by the environment or by
   * user settings is the user's own; any other is a workspace file, read only when the
   * workspace is trusted and with credential-redirecting fields held back until confirmed.
   */
  private async loadConfigFile(fromEnv: string | undefined, configured: string | undefined): Promise<{ config: PartialSwitchboardConfig; name: string } | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const inspect = vscode.workspace.getConfiguration('switchboard').inspect<string>('configFile');
    const chosen = fromEnv ?? configured;
    const usersOwn = fromEnv !== undefined || (configured !== undefined && inspect?.globalValue === configured && inspect.workspaceValue === undefined && inspect.workspaceFolderValue === undefined);
    let uri: vscode.Uri | undefined;
    if (chosen) {
      uri = chosen.startsWith('/') || /^[A-Za-z]:[\\/]/.test(chosen) || !folder ? vscode.Uri.file(chosen) : vscode.Uri.joinPath(folder.uri, chosen);
    } else if (folder) {
      uri = vscode.Uri.joinPath(folder.uri, '.switchboard', 'config.yml');
    }
    if (!uri) return undefined;
    if (!usersOwn && !vscode.workspace.isTrusted) {
      this.logger.info(`not reading ${uri.fsPath}: the workspace is not trusted`);
      return undefined;
    }
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      if (chosen) this.logger.warn(`config file ${uri.fsPath} not found`);
      return undefined;
    }
    const name = vscode.workspace.asRelativePath(uri);
    const parsed = await parseConfigYaml(text, name);
    if (!parsed.ok) {
      for (const e of parsed.errors) this.logger.error(`config file: ${e.message}`);
      void vscode.window.showWarningMessage(`Switchboard: ${parsed.errors[0].message}. The file is ignored.`);
      return undefined;
    }
    return { config: usersOwn ? parsed.config : this.confirmRedirects(parsed.config, uri), name };
  }

  /** Credential-redirecting fields of a workspace file apply only after the user allowed exactly these values. */
  private confirmRedirects(file: PartialSwitchboardConfig, uri: vscode.Uri): PartialSwitchboardConfig {
    const fields = redirectingFields(file);
    if (fields.length === 0) return file;
    const fingerprint = JSON.stringify([uri.toString(), fields]);
    const stateKey = 'switchboard.confirmedRedirects';
    const confirmed = this.context.workspaceState.get<string[]>(stateKey, []);
    if (confirmed.includes(fingerprint)) return file;
    const list = fields.map((f) => `${f.setting} = ${String(f.value)}`).join(', ');
    this.logger.warn(`workspace config ${uri.fsPath} wants to redirect credentials (${list}); ignored until you allow it`);
    if (!this.askedAbout.has(fingerprint)) {
      this.askedAbout.add(fingerprint);
      void vscode.window.showWarningMessage(
        `Switchboard: the workspace file ${vscode.workspace.asRelativePath(uri)} sets where your credentials are sent (${list}). Allow it?`,
        'Allow', 'Ignore',
      ).then(async (choice) => {
        if (choice === 'Allow') {
          await this.context.workspaceState.update(stateKey, [...confirmed, fingerprint]);
          await this.reload('workspace config allowed');
        }
      });
    }
    return withoutRedirectingFields(file);
  }

  /** Credentials handed to the client: stored ones first, then the variable named by apiKeyEnv. */
  clientSecrets(): ClientSecrets {
    const s = this.secrets;
    const envKey = this.env[this.config.anthropic.apiKeyEnv.value];
    return {
      ...(s.anthropicApiKey ? { anthropicApiKey: s.anthropicApiKey } : envKey ? { anthropicApiKey: envKey } : {}),
      ...(s.bedrockApiKey ? { bedrockApiKey: s.bedrockApiKey } : {}),
      ...(s.awsAccessKeyId ? { awsAccessKeyId: s.awsAccessKeyId } : {}),
      ...(s.awsSecretAccessKey ? { awsSecretAccessKey: s.awsSecretAccessKey } : {}),
      ...(s.awsSessionToken ? { awsSessionToken: s.awsSessionToken } : {}),
    };
  }

  /** Set by reliability.ts: the response cache, shared breakers and health history for each new client. */
  clientHooks: { options(): ClientReliability; created(client: ExtensionClient): void } | undefined;

  getClient(): ExtensionClient {
    if (!this.client) {
      this.client = createClient({ config: this.config, secrets: this.clientSecrets(), logger: this.logger, env: this.env, ledgerDir: this.ledgerDir, usage: this.usageHooks?.options(), reliability: this.clientHooks?.options() });
      this.clientSubscription = this.client.onDidChangeHealth((change: HealthChange) => this.recordHealth(change.health, change.failover));
      this.clientHooks?.created(this.client);
    }
    return this.client;
  }

  private resetClient(): void {
    this.clientSubscription?.dispose();
    this.client?.dispose?.();
    this.client = undefined;
    this.clientSubscription = undefined;
  }

  recordHealth(health: HealthResult, failover?: FailoverState | null): void {
    this.health.set(health.provider, health);
    if (failover !== undefined) {
      if (failover && this.failover?.to !== failover.to) this.logger.warn(`failover ${failover.from} → ${failover.to}: ${failover.reason}`);
      this.failover = failover ?? undefined;
    }
    this.emitter.fire();
  }

  private get ledgerDir(): string {
    return vscode.Uri.joinPath(this.context.globalStorageUri, 'usage').fsPath;
  }

  /** Month-to-date spend kept by the budget tracker after each request (no ledger read). */
  setSpend(spend: NonNullable<SwitchboardState['spend']>): void {
    this.spend = spend;
    this.emitter.fire();
  }

  /** Re-read this month's spend for the status bar; never blocks activation. */
  async refreshSpend(): Promise<void> {
    try {
      this.spend = await monthSpend(this.ledgerDir);
      this.emitter.fire();
    } catch (e) {
      this.logger.debug(`usage ledger not readable: ${(e as Error).message}`);
    }
  }

  recordAuth(info: AuthInfo): void {
    this.lastAuth.set(info.provider, info);
  }

  healthOf(provider: ProviderId): HealthResult | undefined {
    return this.health.get(provider);
  }

  /** The resolved ID for the current model on a provider, or the error text. */
  resolvedModel(provider: ProviderId, model = this.config.model.value): { modelId?: string; error?: string } {
    try {
      return { modelId: resolveModelFor(this.config, provider, model).modelId };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }

  /** "API key stored (…abcd)" / "from ANTHROPIC_API_KEY" / "no key"; Bedrock: method, profile. Never the secret. */
  authDescription(provider: ProviderId): string {
    const s = this.secrets;
    if (provider === 'anthropic') {
      const envVar = this.config.anthropic.apiKeyEnv.value;
      if (s.anthropicApiKey) return `API key stored (${secretTail(s.anthropicApiKey)})`;
      if (this.env[envVar]) return `API key from ${envVar}`;
      return 'no API key';
    }
    const b = this.config.bedrock;
    const method = b.useBedrockApiKey.value && b.authMethod.value === 'auto' ? 'apiKey' : b.authMethod.value;
    switch (method) {
      case 'apiKey':
        return s.bedrockApiKey ? 'Bedrock API key stored' : this.env.AWS_BEARER_TOKEN_BEDROCK ? 'Bedrock API key from AWS_BEARER_TOKEN_BEDROCK' : 'no Bedrock API key';
      case 'accessKeys':
        return s.awsAccessKeyId ? `access keys stored (${s.awsAccessKeyId.slice(0, 4)}${secretTail(s.awsAccessKeyId)})` : 'no access keys stored';
      case 'profile':
        return `profile ${b.profile.value ?? 'default'}`;
      case 'assumeRole':
        return `assume role ${b.roleArn.value ?? '(roleArn not set)'}`;
      default:
        return b.profile.value ? `default chain, profile ${b.profile.value}` : 'AWS default credential chain';
    }
  }

  dispose(): void {
    this.resetClient();
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
