// Context keys the walkthrough (package.json `walkthroughs`) reads in `when` clauses and
// `onContext:` completion events, so it notices what is already set up: keys in the environment or
// stored earlier, a fallback provider, a budget. Kept current on every engine rebuild and setting change.
import * as vscode from 'vscode';
import type { EngineHost } from './engine/engineHost';
import type { Settings } from './settings/settings';

export const WALKTHROUGH_CONTEXT_KEYS = {
  /** An Anthropic API key is available: stored, or in the variable `apiKeyEnv` names. */
  anthropicKey: 'switchboard.anthropicKeyFound',
  /** Bedrock credentials are evident: a stored key, AWS variables, a profile or role in settings. */
  bedrockCredentials: 'switchboard.bedrockCredentialsFound',
  /** Either of the two. */
  credentials: 'switchboard.credentialsFound',
  fallback: 'switchboard.fallbackConfigured',
  budget: 'switchboard.budgetSet',
  /** A connection test passed in this window: Test Connection, or the test Set API Key runs on the key it stored. */
  tested: 'switchboard.connectionTested',
} as const;

/** AWS variables the default credential chain reads (AWS SDK for JavaScript v3 `fromEnv`, `fromIni`, web identity, containers). */
const AWS_CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];

export interface WalkthroughFacts {
  anthropicKey: boolean;
  bedrockCredentials: boolean;
  fallback: boolean;
  budget: boolean;
}

/** What the walkthrough can tell is set up, from the engine host's view and settings (never a secret's value). */
export function walkthroughFacts(host: EngineHost, settings: Settings, env: NodeJS.ProcessEnv = process.env): WalkthroughFacts {
  const bedrockAuth = host.authDescription('bedrock');
  const configured = host.config.bedrock;
  const bedrockCredentials = AWS_CREDENTIAL_VARIABLES.some((v) => Boolean(env[v]?.trim()))
    || /^(Bedrock API key stored|access keys stored|Bedrock API key from)/.test(bedrockAuth)
    || Boolean(configured.profile.value) || Boolean(configured.roleArn.value);
  const budget = settings.get('budget.monthlyUsd');
  return {
    anthropicKey: host.resolved.anthropic.apiKey.set,
    bedrockCredentials,
    fallback: host.resolved.fallback !== null,
    budget: typeof budget === 'number' && budget > 0,
  };
}

export function registerWalkthroughContext(host: EngineHost, settings: Settings): vscode.Disposable {
  const update = (): void => {
    const f = walkthroughFacts(host, settings);
    const set = (key: string, value: boolean): Thenable<unknown> => vscode.commands.executeCommand('setContext', key, value);
    void set(WALKTHROUGH_CONTEXT_KEYS.anthropicKey, f.anthropicKey);
    void set(WALKTHROUGH_CONTEXT_KEYS.bedrockCredentials, f.bedrockCredentials);
    void set(WALKTHROUGH_CONTEXT_KEYS.credentials, f.anthropicKey || f.bedrockCredentials);
    void set(WALKTHROUGH_CONTEXT_KEYS.fallback, f.fallback);
    void set(WALKTHROUGH_CONTEXT_KEYS.budget, f.budget);
  };
  update();
  const a = host.onDidChange((c) => { if (c.kind === 'rebuilt') update(); });
  const b = settings.onDidChange((keys) => { if (keys.some((k) => k.startsWith('budget.'))) update(); });
  // Once true it stays true (a rebuilt engine starts without test results); VS Code keeps the step ticked anyway.
  const c = host.onDidChange((change) => {
    if (change.kind === 'test' && change.state.lastTest[change.provider]?.ok) void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT_KEYS.tested, true);
  });
  return vscode.Disposable.from(a, b, c);
}
