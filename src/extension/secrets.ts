import * as vscode from 'vscode';
import {
  secretTail,
  validateAnthropicApiKey,
  validateAwsAccessKeyId,
  validateAwsSecretAccessKey,
  validateAwsSessionToken,
  validateBedrockApiKey,
} from './secretFormats';
import type { Validation } from './secretFormats';
import { secretStorageWhere } from './secretStorageWhere';
import type { ExtensionLogger } from './log';
import type { Settings } from './settings/settings';

/** Namespaced SecretStorage keys: the only place credentials are persisted. */
export const SECRET_KEYS = {
  anthropicApiKey: 'switchboard.anthropicApiKey',
  bedrockApiKey: 'switchboard.bedrockApiKey',
  awsAccessKeyId: 'switchboard.awsAccessKeyId',
  awsSecretAccessKey: 'switchboard.awsSecretAccessKey',
  awsSessionToken: 'switchboard.awsSessionToken',
} as const;

export type SecretName = keyof typeof SECRET_KEYS;
export type StoredSecrets = Partial<Record<SecretName, string>>;

const NAMES = Object.keys(SECRET_KEYS) as SecretName[];
const NAME_BY_KEY = new Map<string, SecretName>(NAMES.map((n) => [SECRET_KEYS[n], n]));

/**
 * SecretStorage behind a small cache. `onDidChange` also fires for changes made in other
 * windows (SecretStorage broadcasts them), so every window re-reads and re-renders.
 */
export class SecretStore implements vscode.Disposable {
  private cache: StoredSecrets | undefined;
  private readonly emitter = new vscode.EventEmitter<SecretName>();
  readonly onDidChange: vscode.Event<SecretName> = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  /** Secrets this window is writing now: their storage event is the one `set` / `delete` fire themselves. */
  private readonly writing = new Set<SecretName>();

  constructor(private readonly storage: vscode.SecretStorage, private readonly logger: ExtensionLogger) {
    this.subscription = storage.onDidChange((e) => {
      const name = NAME_BY_KEY.get(e.key);
      if (!name || this.writing.has(name)) return;
      const before = this.cache?.[name];
      this.cache = undefined;
      // A change this window made has fired already (set / delete); another window's fires here.
      void this.getAll().then((now) => { if (now[name] !== before) this.emitter.fire(name); });
    });
  }

  async getAll(): Promise<StoredSecrets> {
    if (!this.cache) {
      const values = await Promise.all(NAMES.map((n) => this.storage.get(SECRET_KEYS[n])));
      const out: StoredSecrets = {};
      NAMES.forEach((n, i) => { if (values[i]) out[n] = values[i]; });
      this.cache = out;
      this.logger.setKnownSecrets(Object.values(out));
    }
    return { ...this.cache };
  }

  async get(name: SecretName): Promise<string | undefined> {
    return (await this.getAll())[name];
  }

  /**
   * Stores and fires `onDidChange` before it resolves, so whoever listens (the engine host's
   * rebuild) has started when the caller goes on — e.g. to test the key just stored.
   */
  async set(name: SecretName, value: string): Promise<void> {
    await this.write(name, () => this.storage.store(SECRET_KEYS[name], value.trim()));
    this.logger.info(`secret ${name} stored (${secretTail(value)})`);
    this.emitter.fire(name);
  }

  async delete(name: SecretName): Promise<void> {
    const had = (await this.getAll())[name] !== undefined;
    await this.write(name, () => this.storage.delete(SECRET_KEYS[name]));
    this.logger.info(`secret ${name} cleared`);
    if (had) this.emitter.fire(name);
  }

  private async write(name: SecretName, op: () => Thenable<void>): Promise<void> {
    this.writing.add(name);
    try {
      await op();
      this.cache = undefined;
      await this.getAll();
    } finally {
      this.writing.delete(name);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

async function askSecret(title: string, prompt: string, validate: (v: string) => Validation, placeHolder?: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt,
    placeHolder,
    password: true,
    ignoreFocusOut: true,
    validateInput: validate,
  });
  return value === undefined ? undefined : value.trim();
}

/** After a key typed into Set API Key is stored: test it and tell the result (testConnection.ts `checkStoredKey`). */
export type AfterKeyStored = (name: 'anthropicApiKey' | 'bedrockApiKey', tail: string, where: string) => Promise<void>;

/** Set / Clear commands for every stored credential. */
export function registerSecretCommands(store: SecretStore, settings: Settings, afterStored?: AfterKeyStored): vscode.Disposable[] {
  // True to the window: a browser window has no OS keychain (secretStorageWhere.ts).
  const where = secretStorageWhere(vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop');
  const setSimple = (name: 'anthropicApiKey' | 'bedrockApiKey', title: string, prompt: string, validate: (v: string) => Validation, placeHolder: string) =>
    async (value?: unknown): Promise<boolean> => {
      // A string argument lets tests and other commands set the key without the input box (and without the test call).
      const typed = typeof value !== 'string';
      const key = typed ? await askSecret(title, prompt, validate, placeHolder) : value.trim();
      if (key === undefined) return false;
      const problem = validate(key);
      if (problem) {
        void vscode.window.showErrorMessage(problem);
        return false;
      }
      await store.set(name, key);
      if (typed && afterStored) void afterStored(name, secretTail(key), where);
      else void vscode.window.showInformationMessage(`Switchboard: ${title.replace(/^Set /, '')} ${secretTail(key)} stored in ${where}.`);
      return true;
    };

  const clear = (names: SecretName[], label: string) => async (): Promise<void> => {
    const present = (await Promise.all(names.map((n) => store.get(n)))).some(Boolean);
    for (const n of names) await store.delete(n);
    void vscode.window.showInformationMessage(present ? `${label} cleared.` : `No ${label} was stored.`);
  };

  return [
    vscode.commands.registerCommand('switchboard.setAnthropicApiKey', setSimple('anthropicApiKey', 'Set Anthropic API Key',
      'Your Anthropic API key (console.anthropic.com → API keys). Stored in VS Code SecretStorage, never in settings.', validateAnthropicApiKey, 'sk-ant-…')),
    vscode.commands.registerCommand('switchboard.setBedrockApiKey', setSimple('bedrockApiKey', 'Set Bedrock API Key',
      'Your Amazon Bedrock API key (Bedrock console → API keys). Stored in VS Code SecretStorage, never in settings.', validateBedrockApiKey, 'ABSK…')),
    vscode.commands.registerCommand('switchboard.clearAnthropicApiKey', clear(['anthropicApiKey'], 'Anthropic API key')),
    vscode.commands.registerCommand('switchboard.clearBedrockApiKey', clear(['bedrockApiKey'], 'Bedrock API key')),
    vscode.commands.registerCommand('switchboard.setAwsAccessKeys', async (value?: unknown): Promise<boolean> => {
      let id: string | undefined;
      let secret: string | undefined;
      let token: string | undefined;
      if (value && typeof value === 'object') {
        const v = value as { accessKeyId?: unknown; secretAccessKey?: unknown; sessionToken?: unknown };
        id = typeof v.accessKeyId === 'string' ? v.accessKeyId.trim() : undefined;
        secret = typeof v.secretAccessKey === 'string' ? v.secretAccessKey.trim() : undefined;
        token = typeof v.sessionToken === 'string' ? v.sessionToken.trim() : '';
      } else {
        id = await askSecret('Set AWS Access Keys (1/3)', 'AWS access key ID', validateAwsAccessKeyId, 'AKIA…');
        if (id === undefined) return false;
        secret = await askSecret('Set AWS Access Keys (2/3)', 'AWS secret access key', validateAwsSecretAccessKey);
        if (secret === undefined) return false;
        token = await askSecret('Set AWS Access Keys (3/3)', 'Session token (only for temporary ASIA… keys; leave empty otherwise)', validateAwsSessionToken);
        if (token === undefined) return false;
      }
      const problem = validateAwsAccessKeyId(id ?? '') ?? validateAwsSecretAccessKey(secret ?? '') ?? validateAwsSessionToken(token ?? '');
      if (problem || !id || !secret) {
        void vscode.window.showErrorMessage(problem ?? 'Both the access key ID and the secret access key are needed.');
        return false;
      }
      await store.set('awsAccessKeyId', id);
      await store.set('awsSecretAccessKey', secret);
      if (token) await store.set('awsSessionToken', token);
      else await store.delete('awsSessionToken');
      const message = `AWS access keys stored (${id.slice(0, 4)}${secretTail(id)}).`;
      const auth = settings.get('modelProvider.bedrock.authMethod');
      if (auth === 'accessKeys' || value !== undefined) {
        void vscode.window.showInformationMessage(message);
      } else {
        // Don't block the command on the notification: offer the switch and return.
        const use = 'Use Access Keys for Bedrock';
        void vscode.window.showInformationMessage(message, use).then(async (answer) => {
          if (answer === use) {
            await settings.update('modelProvider.bedrock.authMethod', 'accessKeys', vscode.ConfigurationTarget.Global);
          }
        });
      }
      return true;
    }),
    vscode.commands.registerCommand('switchboard.clearAwsAccessKeys', clear(['awsAccessKeyId', 'awsSecretAccessKey', 'awsSessionToken'], 'AWS access keys')),
  ];
}
