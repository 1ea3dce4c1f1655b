// THE decision of which API key a provider sends, and where it came from. A key the user stored
// (SecretStorage in VS Code) wins over the environment variable (README: "a stored key wins over
// the variable"). Everything that names a key's source reads this one decision: the provider that
// sends the key and its log line, Test Connection's identity, the engine's resolved view (status
// bar, dashboard, the vscode.lm provider), `config show` and the fix actions. No vscode, no SDK.

export type ApiKeySource = 'stored' | 'environment' | 'none';

export interface ApiKeyChoice {
  source: ApiKeySource;
  /** Where the key in use is: the store's name (`SecretStorage`) or the variable (`ANTHROPIC_API_KEY`); absent when none. */
  from?: string;
  /** The variable that holds the key when none is stored. */
  envVar: string;
  /** Whether that variable is set (a stored key then shadows it). */
  envSet: boolean;
  /** The key to send, when the caller handed over values (presence-only callers get none). Never logged. */
  key?: string;
}

export interface ApiKeyCandidates {
  /** The stored key, or only whether one is stored. */
  stored: string | boolean | undefined;
  /** What holds stored keys, for the source (`SecretStorage`); default `the caller`. */
  storedIn?: string;
  envVar: string;
  env: Readonly<Record<string, string | undefined>>;
}

export const BEDROCK_API_KEY_ENV = 'AWS_BEARER_TOKEN_BEDROCK';

const clean = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

export function chooseApiKey(input: ApiKeyCandidates): ApiKeyChoice {
  const fromEnv = clean(input.env[input.envVar]);
  const storedKey = typeof input.stored === 'string' ? clean(input.stored) : undefined;
  const envSet = fromEnv !== undefined;
  if (storedKey !== undefined || input.stored === true) {
    return { source: 'stored', from: input.storedIn ?? 'the caller', envVar: input.envVar, envSet, ...(storedKey !== undefined ? { key: storedKey } : {}) };
  }
  if (fromEnv !== undefined) return { source: 'environment', from: input.envVar, envVar: input.envVar, envSet, key: fromEnv };
  return { source: 'none', envVar: input.envVar, envSet };
}

/** The Bedrock API key (bearer token): stored, else AWS_BEARER_TOKEN_BEDROCK. */
export function chooseBedrockApiKey(stored: string | boolean | undefined, env: ApiKeyCandidates['env'], storedIn?: string): ApiKeyChoice {
  return chooseApiKey({ stored, envVar: BEDROCK_API_KEY_ENV, env, ...(storedIn ? { storedIn } : {}) });
}

/** "from SecretStorage", "from ANTHROPIC_API_KEY", "not set": for the log and Test Connection. Never the key. */
export function describeKeyChoice(choice: ApiKeyChoice): string {
  return choice.source === 'none' ? 'not set' : `from ${choice.from}`;
}
